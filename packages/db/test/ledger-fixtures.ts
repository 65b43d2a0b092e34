/** Shared set-up of the transparency-log tests (not a test file). */
import { type CredentialRecord, type JsonObject, type Platform, referenceCatalogDocument } from '@onex/core';
import type { Database } from '../src/database.ts';
import { createTestPlatform } from '../src/testing/index.ts';

export const ISSUER = 'did:web:onex.example:teos:TEO-0002';

/** An unsigned OB 3.0 credential of TEO-0002 for the catalog certificate X-0102, level 2. */
export function unsigned(n: number): JsonObject {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: ISSUER, type: ['Profile'], name: '工业和信息化部教育与考试中心' },
    name: `Web前端开发职业技能等级证书（中级）#${n}`,
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://onex.example/achievements/X-0102/2',
        type: ['Achievement'],
        name: 'Web前端开发职业技能等级证书（中级）',
        description: '中级',
        criteria: { narrative: '通过考核' },
      },
    },
  };
}

/** The test platform over `database`, with the national catalog and TEO-0002's key. */
export async function ledgerPlatform(database: Database) {
  const made = createTestPlatform(database);
  await made.platform.catalog.importCatalog(referenceCatalogDocument());
  await made.platform.credentials.ensureIssuer('TEO', 'TEO-0002');
  return made;
}

/** Issues `count` credentials in batches of `batch` (eddsa-jcs-2022: fast, and logged alike). */
export async function issueMany(
  platform: Platform,
  count: number,
  batch = 100,
  from = 0,
): Promise<CredentialRecord[]> {
  const out: CredentialRecord[] = [];
  for (let i = 0; i < count; i += batch) {
    const items = Array.from({ length: Math.min(batch, count - i) }, (_, k) => ({
      credential: unsigned(from + i + k),
      options: { cryptosuite: 'eddsa-jcs-2022' as const, certificateCode: 'X-0102', level: 2 },
    }));
    out.push(...(await platform.credentials.issueMany(items)));
  }
  return out;
}
