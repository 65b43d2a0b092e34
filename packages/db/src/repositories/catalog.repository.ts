import type {
  CatalogStore,
  Certificate,
  CertificateFilter,
  CertificateLevel,
  CertificateStatus,
  CertificateWithTeo,
  LevelCode,
  PassRule,
  SkillNode,
  SkillStandard,
  SkillStandardWithNodes,
  StatusChange,
  Teo,
  TeoStatus,
} from '@onex/core';
import type { Kysely, Selectable } from 'kysely';
import type {
  CertificateLevelTable,
  CertificateTable,
  DB,
  SkillNodeTable,
  SkillStandardTable,
  TeoTable,
} from '../schema.ts';
import { inTransaction } from './scope.ts';

/** The catalog's storage: the only place its SQL lives. */
export class CatalogRepository implements CatalogStore {
  constructor(private readonly db: Kysely<DB>) {}

  transaction<T>(fn: (tx: CatalogStore) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => new CatalogRepository(trx), fn);
  }

  async listTeos(): Promise<Teo[]> {
    const rows = await this.db.selectFrom('teo').selectAll().orderBy('code').execute();
    return rows.map(toTeo);
  }

  async findTeo(idOrCode: string): Promise<Teo | undefined> {
    const row = await this.db
      .selectFrom('teo')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
      .executeTakeFirst();
    return row && toTeo(row);
  }

  async insertTeo(teo: Teo, at: Date): Promise<void> {
    await this.db
      .insertInto('teo')
      .values({
        id: teo.id,
        code: teo.code,
        name_zh: teo.nameZh,
        name_en: teo.nameEn,
        org_type: teo.orgType,
        uscc: teo.uscc,
        status: teo.status,
        applied_at: teo.appliedAt,
        approved_at: teo.approvedAt,
        exited_at: teo.exitedAt,
        exit_reason: teo.exitReason,
        synthetic: teo.synthetic,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  async updateTeo(teo: Teo, change: StatusChange<TeoStatus>): Promise<void> {
    await this.db
      .updateTable('teo')
      .set({
        status: teo.status,
        approved_at: teo.approvedAt,
        exited_at: teo.exitedAt,
        exit_reason: teo.exitReason,
        updated_at: change.at,
      })
      .where('id', '=', teo.id)
      .execute();
    await this.db
      .insertInto('teo_status_change')
      .values({
        teo_id: teo.id,
        from_status: change.from,
        to_status: change.to,
        reason: change.reason,
        at: change.at,
      })
      .execute();
  }

  async listCertificates(filter: CertificateFilter): Promise<CertificateWithTeo[]> {
    const rows = await this.certificateQuery()
      .$if(filter.teoId !== undefined, (q) => q.where('c.teo_id', '=', filter.teoId!))
      .$if(filter.status !== undefined, (q) => q.where('c.status', '=', filter.status!))
      .orderBy('c.code')
      .execute();
    return this.withLevels(rows);
  }

  async findCertificate(idOrCode: string): Promise<CertificateWithTeo | undefined> {
    const rows = await this.certificateQuery()
      .where((eb) => eb.or([eb('c.id', '=', idOrCode), eb('c.code', '=', idOrCode)]))
      .execute();
    return (await this.withLevels(rows))[0];
  }

  async insertCertificate(cert: Certificate, at: Date): Promise<void> {
    await this.db
      .insertInto('certificate')
      .values({
        id: cert.id,
        code: cert.code,
        teo_id: cert.teoId,
        name_zh: cert.nameZh,
        name_en: cert.nameEn,
        full_name_zh: cert.fullNameZh,
        batch: cert.batch,
        domain: cert.domain,
        status: cert.status,
        occupation_codes: cert.occupationCodes,
        isco_codes: cert.iscoCodes,
        iscedf: cert.iscedF,
        synthetic: cert.synthetic,
        created_at: at,
        updated_at: at,
      })
      .execute();
    if (cert.levels.length > 0) {
      await this.db
        .insertInto('certificate_level')
        .values(
          cert.levels.map((l) => ({
            certificate_id: cert.id,
            level: l.level,
            name_zh: l.nameZh,
            name_en: l.nameEn,
            intended_stage: l.intendedStage,
            target_majors: l.targetMajors,
            nominal_hours: l.nominalHours,
            pass_rule: JSON.stringify(l.passRule),
            eqf: l.eqf,
          })),
        )
        .execute();
    }
  }

  async updateCertificateStatus(id: string, change: StatusChange<CertificateStatus>): Promise<void> {
    await this.db
      .updateTable('certificate')
      .set({ status: change.to, updated_at: change.at })
      .where('id', '=', id)
      .execute();
    await this.db
      .insertInto('certificate_status_change')
      .values({
        certificate_id: id,
        from_status: change.from,
        to_status: change.to,
        reason: change.reason,
        at: change.at,
      })
      .execute();
  }

  async listStandards(certificateId: string): Promise<SkillStandard[]> {
    const rows = await this.db
      .selectFrom('skill_standard')
      .selectAll()
      .where('certificate_id', '=', certificateId)
      .orderBy('version')
      .execute();
    return rows.map(toStandard);
  }

  async findStandard(id: string): Promise<SkillStandardWithNodes | undefined> {
    const row = await this.db
      .selectFrom('skill_standard')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const nodes = await this.db
      .selectFrom('skill_node')
      .selectAll()
      .where('standard_id', '=', id)
      .orderBy('position')
      .execute();
    return { ...toStandard(row), nodes: nodes.map(toNode) };
  }

  async latestStandardVersion(certificateId: string): Promise<number> {
    // Lock the certificate row so two concurrent drafts cannot take the same version number.
    await this.db
      .selectFrom('certificate')
      .select('id')
      .where('id', '=', certificateId)
      .forUpdate()
      .execute();
    const row = await this.db
      .selectFrom('skill_standard')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('certificate_id', '=', certificateId)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  async insertStandard(std: SkillStandard, nodes: SkillNode[]): Promise<void> {
    await this.db
      .insertInto('skill_standard')
      .values({
        id: std.id,
        certificate_id: std.certificateId,
        version: std.version,
        status: std.status,
        title_zh: std.titleZh,
        title_en: std.titleEn,
        based_on_id: std.basedOnId,
        created_at: std.createdAt,
        published_at: std.publishedAt,
      })
      .execute();
    await this.insertNodes(std.id, nodes);
  }

  async replaceDraft(std: SkillStandard, nodes: SkillNode[]): Promise<void> {
    await this.db
      .updateTable('skill_standard')
      .set({ title_zh: std.titleZh, title_en: std.titleEn })
      .where('id', '=', std.id)
      .execute();
    await this.db.deleteFrom('skill_node').where('standard_id', '=', std.id).execute();
    await this.insertNodes(std.id, nodes);
  }

  async markPublished(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('skill_standard')
      .set({ status: 'PUBLISHED', published_at: at })
      .where('id', '=', id)
      .execute();
  }

  private async insertNodes(standardId: string, nodes: SkillNode[]): Promise<void> {
    // Chunked so that a large standard stays under PostgreSQL's 65,535 bind parameters.
    for (let i = 0; i < nodes.length; i += 1000) {
      await this.db
        .insertInto('skill_node')
        .values(
          nodes.slice(i, i + 1000).map((n) => ({
            standard_id: standardId,
            level: n.level,
            code: n.code,
            kind: n.kind,
            title_zh: n.titleZh,
            title_en: n.titleEn,
            behaviour: n.behaviour,
            condition: n.condition,
            standard: n.standard,
            result: n.result,
            position: n.position,
          })),
        )
        .execute();
    }
  }

  private certificateQuery() {
    return this.db
      .selectFrom('certificate as c')
      .innerJoin('teo as t', 't.id', 'c.teo_id')
      .selectAll('c')
      .select([
        't.code as teo_code',
        't.name_zh as teo_name_zh',
        't.name_en as teo_name_en',
        't.status as teo_status',
      ]);
  }

  private async withLevels(
    rows: (Selectable<CertificateTable> & {
      teo_code: string;
      teo_name_zh: string;
      teo_name_en: string;
      teo_status: string;
    })[],
  ): Promise<CertificateWithTeo[]> {
    if (rows.length === 0) return [];
    const levels = await this.db
      .selectFrom('certificate_level')
      .selectAll()
      .where(
        'certificate_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('level')
      .execute();
    const byCert = new Map<string, CertificateLevel[]>();
    for (const l of levels) {
      const list = byCert.get(l.certificate_id) ?? [];
      list.push(toLevel(l));
      byCert.set(l.certificate_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      teoId: r.teo_id,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      fullNameZh: r.full_name_zh,
      batch: r.batch,
      domain: r.domain,
      status: r.status as CertificateStatus,
      occupationCodes: r.occupation_codes,
      iscoCodes: r.isco_codes,
      iscedF: r.iscedf,
      synthetic: r.synthetic,
      levels: byCert.get(r.id) ?? [],
      teo: {
        id: r.teo_id,
        code: r.teo_code,
        nameZh: r.teo_name_zh,
        nameEn: r.teo_name_en,
        status: r.teo_status as TeoStatus,
      },
    }));
  }
}

function toTeo(r: Selectable<TeoTable>): Teo {
  return {
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    orgType: r.org_type as Teo['orgType'],
    uscc: r.uscc,
    status: r.status as TeoStatus,
    appliedAt: r.applied_at,
    approvedAt: r.approved_at,
    exitedAt: r.exited_at,
    exitReason: r.exit_reason,
    synthetic: r.synthetic,
  };
}

function toLevel(r: Selectable<CertificateLevelTable>): CertificateLevel {
  return {
    level: r.level as LevelCode,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    intendedStage: r.intended_stage as CertificateLevel['intendedStage'],
    targetMajors: r.target_majors,
    nominalHours: r.nominal_hours,
    passRule: r.pass_rule as PassRule,
    eqf: r.eqf,
  };
}

function toStandard(r: Selectable<SkillStandardTable>): SkillStandard {
  return {
    id: r.id,
    certificateId: r.certificate_id,
    version: r.version,
    status: r.status as SkillStandard['status'],
    titleZh: r.title_zh,
    titleEn: r.title_en,
    basedOnId: r.based_on_id,
    createdAt: r.created_at,
    publishedAt: r.published_at,
  };
}

function toNode(r: Selectable<SkillNodeTable>): SkillNode {
  return {
    level: r.level as LevelCode,
    code: r.code,
    kind: r.kind as SkillNode['kind'],
    titleZh: r.title_zh,
    titleEn: r.title_en,
    behaviour: r.behaviour,
    condition: r.condition,
    standard: r.standard,
    result: r.result,
    position: r.position,
  };
}
