/**
 * The regulator's trust list: which TEOs (training and evaluation organisations) are accredited to
 * issue which certificates of the national 1+X catalog, and when. Published as a VC 2.0 credential
 * signed by the regulator with eddsa-jcs-2022; verifiers check `issuerAccredited` and `catalog`
 * against it.
 *
 * The credential uses only the VC 2.0 base context: its `@vocab`
 * (`https://www.w3.org/ns/credentials/issuer-dependent#`) covers the OneX-specific terms, and the
 * JCS suite signs the JSON as is.
 */
import { z } from 'zod';
import type {
  JsonObject,
  TrustList,
  TrustListCertificate,
  TrustListInstitution,
  TrustListIssuer,
} from './credential.model.ts';
import { credentialsError } from './credentials.errors.ts';
import { parseDateTime, VC2_CONTEXT } from './shape.ts';

/** The credential type of the trust list. */
export const TRUST_LIST_CREDENTIAL_TYPE = 'OneXTrustListCredential';
/** The type of its credentialSubject. */
export const TRUST_LIST_SUBJECT_TYPE = 'OneXTrustList';

/** Input of {@link composeTrustListCredential}. */
export interface TrustListCredentialInput {
  /** The regulator's DID (did:web); becomes `issuer`. */
  regulatorDid: string;
  /** Where the trust list is published; becomes the credential's `id` (subject: `${listUrl}#list`). */
  listUrl: string;
  trustList: TrustList;
  /** xsd:dateTimeStamp, from the Clock port. */
  validFrom: string;
  validUntil?: string;
}

/**
 * Build the unsigned trust list credential (VC Data Model 2.0), to be signed by the regulator with
 * eddsa-jcs-2022: `type` [VerifiableCredential, OneXTrustListCredential], `credentialSubject`
 * { id: listUrl#list, type: OneXTrustList, issuedAt, issuers, certificates }.
 */
export function composeTrustListCredential(input: TrustListCredentialInput): JsonObject {
  const credential: JsonObject = {
    '@context': [VC2_CONTEXT],
    id: input.listUrl,
    type: ['VerifiableCredential', TRUST_LIST_CREDENTIAL_TYPE],
    issuer: input.regulatorDid,
    validFrom: input.validFrom,
    credentialSubject: {
      id: `${input.listUrl}#list`,
      type: TRUST_LIST_SUBJECT_TYPE,
      issuedAt: input.trustList.issuedAt,
      issuers: input.trustList.issuers.map((i) => ({
        did: i.did,
        code: i.code,
        nameZh: i.nameZh,
        nameEn: i.nameEn,
        accreditedFrom: i.accreditedFrom,
        accreditedUntil: i.accreditedUntil,
      })),
      certificates: input.trustList.certificates.map((c) => ({
        code: c.code,
        teoCode: c.teoCode,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        achievements: c.achievements.map((a) => ({ level: a.level, id: a.id })),
      })),
      // Only when there are some, so a list without institutions keeps its earlier form.
      ...(input.trustList.institutions !== undefined && input.trustList.institutions.length > 0
        ? {
            institutions: input.trustList.institutions.map((i) => ({
              did: i.did,
              code: i.code,
              nameZh: i.nameZh,
              nameEn: i.nameEn,
            })),
          }
        : {}),
    },
  };
  if (input.validUntil !== undefined) credential['validUntil'] = input.validUntil;
  return credential;
}

const dateTime = z.string().refine((s) => parseDateTime(s) !== undefined, 'must be an xsd:dateTime');
const nonEmpty = z.string().min(1).max(2048);

const issuerSchema = z.object({
  did: nonEmpty.regex(/^did:[a-z0-9]+:\S+$/, 'must be a DID'),
  code: nonEmpty,
  nameZh: z.string().max(2048),
  nameEn: z.string().max(2048),
  accreditedFrom: dateTime,
  accreditedUntil: dateTime.nullable(),
});

const certificateSchema = z.object({
  code: nonEmpty,
  teoCode: nonEmpty,
  nameZh: z.string().max(2048),
  nameEn: z.string().max(2048),
  achievements: z.array(
    z.object({ level: z.union([z.literal(1), z.literal(2), z.literal(3)]), id: nonEmpty }),
  ),
});

const institutionSchema = z.object({
  did: nonEmpty.regex(/^did:[a-z0-9]+:\S+$/, 'must be a DID'),
  code: nonEmpty,
  nameZh: z.string().max(2048),
  nameEn: z.string().max(2048),
});

const typeIncludes = (name: string) =>
  z.union([z.literal(name), z.array(z.string()).refine((a) => a.includes(name), `must include ${name}`)]);

const trustListCredentialSchema = z.object({
  '@context': z.array(z.unknown()).refine((c) => c[0] === VC2_CONTEXT, `must start with ${VC2_CONTEXT}`),
  type: typeIncludes(TRUST_LIST_CREDENTIAL_TYPE),
  issuer: z.union([nonEmpty, z.object({ id: nonEmpty })]),
  validFrom: dateTime,
  validUntil: dateTime.optional(),
  credentialSubject: z.object({
    type: typeIncludes(TRUST_LIST_SUBJECT_TYPE),
    issuedAt: dateTime.optional(),
    issuers: z.array(issuerSchema).max(100_000),
    certificates: z.array(certificateSchema).max(100_000),
    institutions: z.array(institutionSchema).max(100_000).optional(),
  }),
});

/**
 * Read the trust list out of a trust list credential (its proof is the verifier's business).
 * Throws `TRUST_LIST_INVALID` with `details.issues` (one per bad field) when the credential does not
 * have the shape {@link composeTrustListCredential} gives it.
 */
export function parseTrustList(vc: unknown): TrustList {
  const parsed = trustListCredentialSchema.safeParse(vc);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 50).map((i) => ({
      path: i.path.map(String).join('.') || '(root)',
      message: i.message,
    }));
    throw credentialsError(
      'TRUST_LIST_INVALID',
      {
        zh: `信任列表凭证格式无效：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`.slice(0, 500),
        en: `The trust list credential is malformed: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`.slice(
          0,
          500,
        ),
      },
      { issues },
    );
  }
  const subject = parsed.data.credentialSubject;
  return {
    issuers: subject.issuers.map((i): TrustListIssuer => ({ ...i })),
    certificates: subject.certificates.map(
      (c): TrustListCertificate => ({ ...c, achievements: c.achievements.map((a) => ({ ...a })) }),
    ),
    issuedAt: subject.issuedAt ?? parsed.data.validFrom,
    ...(subject.institutions !== undefined
      ? { institutions: subject.institutions.map((i): TrustListInstitution => ({ ...i })) }
      : {}),
  };
}

/**
 * The trust list entry under which `issuerDid` was accredited at `at`: accreditedFrom ≤ at and
 * (accreditedUntil is null or at < accreditedUntil). An issuer may have several periods (an exit and
 * a re-accreditation); `undefined` when none covers `at`.
 */
export function accreditedAt(trustList: TrustList, issuerDid: string, at: Date): TrustListIssuer | undefined {
  const t = at.getTime();
  return trustList.issuers.find((i) => {
    if (i.did !== issuerDid) return false;
    const from = parseDateTime(i.accreditedFrom);
    const until = i.accreditedUntil === null ? undefined : parseDateTime(i.accreditedUntil);
    return from !== undefined && from <= t && (until === undefined || t < until);
  });
}

/** The catalog certificate and level whose achievement id is `achievementId`, if any. */
export function certificateLevelFor(
  trustList: TrustList,
  achievementId: string,
): { certificate: TrustListCertificate; level: 1 | 2 | 3 } | undefined {
  for (const certificate of trustList.certificates) {
    const match = certificate.achievements.find((a) => a.id === achievementId);
    if (match !== undefined) return { certificate, level: match.level };
  }
  return undefined;
}
