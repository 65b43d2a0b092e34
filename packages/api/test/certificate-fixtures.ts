import { createHash } from 'node:crypto';
import {
  type CredentialRecord,
  composeAchievementCredential,
  type LevelCode,
  levelNames,
  nationalIdCheckChar,
  type Platform,
  referenceCatalogDocument,
} from '@onex/core';
import type { Database } from '@onex/db';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';

export const baseUrl = 'https://onex.example';
/** A valid (synthetic) ID number of Hangzhou: 330106 1990-01-01, sequence 123. */
export const nationalId = `33010619900101123${nationalIdCheckChar('33010619900101123')}`;

export interface CertificateFixture {
  database: Database;
  platform: Platform;
  learnerId: string;
  /** Two credentials of the learner (X-0102 levels 1 and 2) and one of somebody else. */
  mine: CredentialRecord[];
  other: CredentialRecord;
}

/**
 * A PGlite instance with the reference catalog, the TEO's key, one learner and credentials issued
 * to them with the learner, certificate, level and number set (in bulk issuance's synthetic format),
 * as an assessment would.
 */
export async function issueCertificates(): Promise<CertificateFixture> {
  const database = await testEngines()[0]!.open();
  const { platform } = createTestPlatform(database);
  await platform.catalog.importCatalog(referenceCatalogDocument());
  const issuerDid = await platform.credentials.ensureIssuer('TEO', 'TEO-0002');
  const learner = await platform.programs.registerLearner({
    kind: 'SOCIAL',
    nameZh: '张晓明',
    nationalId,
    provinceCode: '33',
  });
  const other = await platform.programs.registerLearner({
    kind: 'SOCIAL',
    nameZh: '李华',
    nationalId: `11010119950505002${nationalIdCheckChar('11010119950505002')}`,
    provinceCode: '11',
  });
  const issueTo = (learnerId: string, level: LevelCode, certificateNumber: string) =>
    issueWebCertificate(platform, issuerDid, learnerId, level, certificateNumber);
  const mine = [
    await issueTo(learner.id, 1, '1X-2601021-33-000001'),
    await issueTo(learner.id, 2, '1X-2601022-33-000001'),
  ];
  return {
    database,
    platform,
    learnerId: learner.id,
    mine,
    other: await issueTo(other.id, 1, '1X-2601021-11-000001'),
  };
}

/**
 * Issues a Web前端开发 (X-0102) certificate of `level` to a learner, signed by `issuerDid`, with the
 * learner, certificate, level and number recorded as an assessment would.
 */
export function issueWebCertificate(
  platform: Platform,
  issuerDid: string,
  learnerId: string,
  level: LevelCode,
  certificateNumber: string,
): Promise<CredentialRecord> {
  const salt = `salt-${certificateNumber}`;
  const credential = composeAchievementCredential({
    id: `urn:uuid:00000000-0000-4000-8000-${certificateNumber.replace(/\D/g, '').slice(-12).padStart(12, '0')}`,
    issuer: {
      id: issuerDid,
      nameZh: '工业和信息化部教育与考试中心',
      nameEn: 'Education and Examination Centre of MIIT',
    },
    baseUrl,
    certificate: {
      code: 'X-0102',
      nameZh: 'Web前端开发',
      nameEn: 'Web Front-End Development',
      fullNameZh: 'Web前端开发职业技能等级证书',
    },
    level: { level, nameZh: levelNames[level].zh, nameEn: levelNames[level].en },
    standard: { id: 'std-x0102-1', version: 1, requirementCodes: [] },
    occupationCodes: ['2-02-10-02'],
    majorCodes: [],
    recipient: {
      identityHash: `sha256$${createHash('sha256').update(`${learnerId}${salt}`).digest('hex')}`,
      salt,
    },
    scores: { theory: 86, practical: 91, total: 89 },
    validFrom: '2026-09-01T08:00:00Z',
    certificateNumber,
    credentialStatus: [],
  });
  return platform.credentials.issue(credential, {
    learnerId,
    certificateCode: 'X-0102',
    level,
    certificateNumber,
  });
}
