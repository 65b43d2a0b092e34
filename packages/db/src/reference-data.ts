import { createHash } from 'node:crypto';
import { majorCatalog, occupations, provinces } from '@onex/core';
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Loads the shipped national reference data (provinces, majors, occupations) into their tables.
 * Idempotent and cheap: a hash of the data is kept in `meta`, and nothing is written when it
 * is unchanged. Runs after migrations, in one transaction.
 */
export async function loadReferenceData(db: Kysely<DB>): Promise<{ changed: boolean }> {
  const payload = JSON.stringify({ provinces, majorCatalog, occupations });
  const hash = createHash('sha256').update(payload).digest('hex');
  const current = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'reference_hash')
    .executeTakeFirst();
  if (current?.value === hash) return { changed: false };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('reference_province')
      .values(
        provinces.map((p) => ({
          code: p.code,
          name_zh: p.nameZh,
          name_en: p.nameEn,
          region: p.region,
          region4: p.region4,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name_zh: eb.ref('excluded.name_zh'),
          name_en: eb.ref('excluded.name_en'),
          region: eb.ref('excluded.region'),
          region4: eb.ref('excluded.region4'),
        })),
      )
      .execute();
    await trx
      .insertInto('reference_major')
      .values(
        majorCatalog.majors.map((m) => ({
          code: m.code,
          name_zh: m.nameZh,
          name_en: m.nameEn,
          class_code: m.classCode,
          group_code: m.groupCode,
          level: m.level,
          catalog_version: majorCatalog.catalogVersion,
          iscedf: m.iscedF ?? null,
          synthetic: m.synthetic,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name_zh: eb.ref('excluded.name_zh'),
          name_en: eb.ref('excluded.name_en'),
          class_code: eb.ref('excluded.class_code'),
          group_code: eb.ref('excluded.group_code'),
          level: eb.ref('excluded.level'),
          iscedf: eb.ref('excluded.iscedf'),
          synthetic: eb.ref('excluded.synthetic'),
        })),
      )
      .execute();
    await trx
      .insertInto('reference_occupation')
      .values(
        occupations.items.map((o) => ({
          code: o.code,
          name_zh: o.nameZh,
          markers: o.markers,
          isco_codes: o.iscoCodes,
          edition: occupations.edition,
          synthetic: o.synthetic,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name_zh: eb.ref('excluded.name_zh'),
          markers: eb.ref('excluded.markers'),
          isco_codes: eb.ref('excluded.isco_codes'),
          synthetic: eb.ref('excluded.synthetic'),
        })),
      )
      .execute();
    await trx
      .insertInto('meta')
      .values({ key: 'reference_hash', value: hash })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: hash }))
      .execute();
  });
  return { changed: true };
}
