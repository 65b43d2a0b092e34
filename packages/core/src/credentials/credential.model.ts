import type { JsonValue } from '../crypto/index.ts';
import type { Text } from '../shared/index.ts';

/** A JSON object (a credential, a proof, a DID document…). */
export type JsonObject = { [key: string]: JsonValue };

/** The two Data Integrity cryptosuites OneX signs with (W3C vc-di-eddsa v1.0). */
export const cryptosuites = ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const;
export type Cryptosuite = (typeof cryptosuites)[number];

/** An embedded Data Integrity proof (https://www.w3.org/TR/vc-data-integrity/#proofs). */
export interface DataIntegrityProof {
  '@context'?: JsonValue;
  type: 'DataIntegrityProof';
  cryptosuite: Cryptosuite;
  created?: string;
  expires?: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod' | 'authentication';
  challenge?: string;
  domain?: string;
  proofValue: string;
}

/**
 * The named checks of a verification, in the order they run. Each ends passed, failed or skipped
 * (a check whose input is missing, or that the caller turned off, is skipped and says why).
 */
export const checkNames = [
  /** Shape against the OB 3.0 JSON Schema (AchievementCredential) or VC 2.0 rules. */
  'shape',
  /** The Data Integrity proof (or the VC-JWT signature) verifies. */
  'proof',
  /** The verification method belongs to the issuer and is authorised for assertions. */
  'issuerKey',
  /** The issuer was an accredited TEO on the regulator's trust list at validFrom. */
  'issuerAccredited',
  /** The achievement is a certificate level in the national catalog (trust list). */
  'catalog',
  /** validFrom ≤ now < validUntil. */
  'validity',
  /** Not revoked or suspended (Bitstring Status List). */
  'status',
  /** The credential's digest is in the transparency log (added by the ledger). */
  'logged',
] as const;
export type CheckName = (typeof checkNames)[number];

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface Check {
  name: CheckName;
  status: CheckStatus;
  /** What the check found, for a person, in Chinese and English. */
  message: Text;
  /** A stable code for a failure (e.g. `PROOF_INVALID`, `STATUS_REVOKED`, `SCHEMA_INVALID`). */
  code?: string;
  details?: Record<string, unknown>;
}

/** The outcome of verifying anything: never an exception. */
export interface VerificationResult {
  /** True when no check failed and the proof check passed. */
  verified: boolean;
  /** `data-integrity` (embedded proof), `vc-jwt`, or `unknown` for input that is not a credential. */
  format: 'data-integrity' | 'vc-jwt' | 'unknown';
  checks: Check[];
  /** The credential that was verified (decoded from a JWT when it came as one). */
  credential?: JsonObject;
}

/** An accredited TEO as listed on the regulator's trust list. */
export interface TrustListIssuer {
  did: string;
  code: string;
  nameZh: string;
  nameEn: string;
  /** Accreditation period; `accreditedUntil` null while still accredited. ISO 8601. */
  accreditedFrom: string;
  accreditedUntil: string | null;
}

/** A certificate of the national catalog as listed on the trust list. */
export interface TrustListCertificate {
  code: string;
  teoCode: string;
  nameZh: string;
  nameEn: string;
  /** Achievement ids of the levels the certificate offers, by level code. */
  achievements: { level: 1 | 2 | 3; id: string }[];
}

/**
 * An institution (试点院校) of this instance that issues credentials of its own: Comprehensive Learner
 * Records (ClrCredential) of its learners, never X certificates.
 */
export interface TrustListInstitution {
  did: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** The content of the regulator's signed trust list credential. */
export interface TrustList {
  issuers: TrustListIssuer[];
  certificates: TrustListCertificate[];
  /** Institutions that issue learner records (absent from lists that name none). */
  institutions?: TrustListInstitution[];
  /** ISO 8601 time the list was signed. */
  issuedAt: string;
}
