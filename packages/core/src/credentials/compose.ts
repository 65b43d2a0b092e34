import type { LevelCode } from '../catalog/index.ts';
import type { JsonObject } from './credential.model.ts';

/** The contexts OneX issues AchievementCredentials with (OB 3.0 on VC Data Model 2.0). */
export const achievementCredentialContext = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
] as const;

// No `credentialSchema`: its type `1EdTechJsonSchemaValidator2019` is defined only by the OB
// extensions context, and a third context would take credentials off the fast RDFC path. Verifiers
// check the shape against the OB 3.0 schema anyway.

export interface IssuerProfile {
  /** The issuer's DID (did:web of the TEO). */
  id: string;
  nameZh: string;
  nameEn: string;
  url?: string;
}

export interface ScoreResult {
  theory: number | null;
  practical: number | null;
  total: number | null;
}

/** Everything an X certificate credential says, in domain terms. */
export interface AchievementCredentialInput {
  /** `urn:uuid:…` */
  id: string;
  issuer: IssuerProfile;
  /** Base URL of the OneX instance, for achievement, standard and criteria URLs. */
  baseUrl: string;
  certificate: { code: string; nameZh: string; nameEn: string; fullNameZh: string };
  level: { level: LevelCode; nameZh: string; nameEn: string };
  standard: { id: string; version: number; requirementCodes: { code: string; titleZh: string }[] };
  occupationCodes: string[];
  majorCodes: string[];
  /** The learner, identified only by a salted hash (OB 3.0 IdentityObject), never the raw ID number. */
  recipient: { identityHash: string; salt: string };
  scores: ScoreResult;
  validFrom: string;
  /** The printed certificate number (证书编号). */
  certificateNumber: string;
  credentialStatus: JsonObject[];
}

/** The achievement id of a certificate level: one URL per level, stable across issuances. */
export function achievementId(baseUrl: string, certificateCode: string, level: LevelCode): string {
  return `${baseUrl}/achievements/${encodeURIComponent(certificateCode)}/${level}`;
}

/**
 * Builds an unsigned Open Badges 3.0 AchievementCredential for an X certificate level
 * (https://www.imsglobal.org/spec/ob/v3p0/#achievementcredential). Chinese is the edition of the
 * achievement (`inLanguage: zh-CN`); the English edition is named in `related` and the English
 * text is carried in the descriptions, so a reader in either language has it offline.
 */
export function composeAchievementCredential(input: AchievementCredentialInput): JsonObject {
  const achId = achievementId(input.baseUrl, input.certificate.code, input.level.level);
  const titleZh = `${input.certificate.fullNameZh}（${input.level.nameZh}）`;
  const titleEn = `${input.certificate.nameEn} Vocational Skill Level Certificate (${input.level.nameEn})`;
  const standardUrl = `${input.baseUrl}/api/v1/standards/${input.standard.id}`;
  const resultDescriptions: JsonObject[] = [
    scoreDescription(achId, 'theory', '理论知识考试 / Theory examination'),
    scoreDescription(achId, 'practical', '实操技能考核 / Practical assessment'),
    scoreDescription(achId, 'total', '总成绩 / Total score'),
  ];
  const results: JsonObject[] = (['theory', 'practical', 'total'] as const)
    .filter((part) => input.scores[part] !== null)
    .map((part) => ({
      type: ['Result'],
      resultDescription: `${achId}#result-${part}`,
      value: String(input.scores[part]),
    }));
  return {
    '@context': [...achievementCredentialContext],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: input.issuer.id,
      type: ['Profile'],
      name: input.issuer.nameZh,
      description: input.issuer.nameEn,
      ...(input.issuer.url ? { url: input.issuer.url } : {}),
    },
    validFrom: input.validFrom,
    name: titleZh,
    description: `${titleZh}，证书编号 ${input.certificateNumber}。${titleEn}, certificate number ${input.certificateNumber}.`,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'nationalIdentityNumber',
          hashed: true,
          identityHash: input.recipient.identityHash,
          salt: input.recipient.salt,
        },
      ],
      achievement: {
        id: achId,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: titleZh,
        description: `${titleZh}：依据职业技能等级标准第 ${input.standard.version} 版考核合格。${titleEn}: passed against version ${input.standard.version} of the skill standard.`,
        inLanguage: 'zh-CN',
        humanCode: `${input.certificate.code}-${input.level.level}`,
        criteria: {
          id: `${standardUrl}#level-${input.level.level}`,
          narrative: `理论知识考试与实操技能考核均达到该等级的合格要求。Passed the theory examination and the practical assessment of this level.`,
        },
        creator: { id: input.issuer.id, type: ['Profile'], name: input.issuer.nameZh },
        related: [
          { id: `${achId}/en`, type: ['Related'], inLanguage: 'en', version: String(input.standard.version) },
        ],
        version: String(input.standard.version),
        resultDescription: resultDescriptions,
        alignment: [
          alignment(
            `${input.certificate.fullNameZh} 职业技能等级标准 v${input.standard.version}`,
            standardUrl,
            `${input.certificate.code}@${input.standard.version}`,
            'OneX skill standards',
            'ext:SkillStandardVersion',
          ),
          ...input.standard.requirementCodes.map((r) =>
            alignment(
              r.titleZh,
              `${standardUrl}#${input.level.level}/${r.code}`,
              r.code,
              `${input.certificate.code}@${input.standard.version}/${input.level.level}`,
              'CFItem',
            ),
          ),
          ...input.occupationCodes.map((code) =>
            alignment(
              `职业 ${code}`,
              `${input.baseUrl}/api/v1/reference/occupations#${code}`,
              code,
              '中华人民共和国职业分类大典（2022年版）',
              'ext:Occupation',
            ),
          ),
          ...input.majorCodes.map((code) =>
            alignment(
              `专业 ${code}`,
              `${input.baseUrl}/api/v1/reference/majors#${code}`,
              code,
              '职业教育专业目录（2021年）',
              'ext:Major',
            ),
          ),
        ],
      },
      result: results,
    },
    ...(input.credentialStatus.length === 1
      ? { credentialStatus: input.credentialStatus[0]! }
      : input.credentialStatus.length > 1
        ? { credentialStatus: input.credentialStatus }
        : {}),
  };
}

function scoreDescription(achId: string, part: string, name: string): JsonObject {
  return {
    id: `${achId}#result-${part}`,
    type: ['ResultDescription'],
    name,
    resultType: 'RawScore',
    valueMin: '0',
    valueMax: '100',
  };
}

function alignment(
  targetName: string,
  targetUrl: string,
  targetCode: string,
  targetFramework: string,
  targetType: string,
): JsonObject {
  return { type: ['Alignment'], targetName, targetUrl, targetCode, targetFramework, targetType };
}
