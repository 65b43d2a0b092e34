import { DomainError, type DomainErrorDetails, type Text } from '../shared/index.ts';

/**
 * Error codes the credentials module THROWS (signing with bad input, parsing a trust list).
 * Verification never throws: its outcomes are the {@link verificationCodes} on each `Check`.
 */
export const credentialsErrorCodes = [
  /** The document to sign is not a JSON object with an `@context`, or a sign option is invalid. */
  'CREDENTIAL_SIGN_INPUT_INVALID',
  /** The document could not be canonicalized for signing (JSON-LD safe mode, unknown context, not JSON). */
  'CREDENTIAL_CANONICALIZATION_FAILED',
  /** A trust list credential does not have the OneX trust list shape; `details.issues` names each field. */
  'TRUST_LIST_INVALID',
] as const;
/** One of {@link credentialsErrorCodes}. */
export type CredentialsErrorCode = (typeof credentialsErrorCodes)[number];

/** Shorthand for the DomainError the credentials module throws. */
export function credentialsError(
  code: CredentialsErrorCode,
  text: Text,
  details: DomainErrorDetails = {},
): DomainError<CredentialsErrorCode> {
  return new DomainError(code, text, details);
}

/**
 * Stable codes a verification reports on a failed (or, for a few, skipped) `Check`. Never thrown.
 * The status codes keep the names of Bitstring Status List v1.0 §3.5 and VC Data Model 2.0
 * "Processing Errors" (https://www.w3.org/TR/vc-bitstring-status-list/#processing-errors).
 */
export const verificationCodes = [
  // input
  /** The input is neither a JSON object, a JSON text of one, nor a compact JWS. */
  'INPUT_MALFORMED',
  /** The input nests deeper, or holds more values, than a credential ever does. */
  'INPUT_TOO_COMPLEX',
  // shape
  /** The credential breaks the OB 3.0 JSON Schema (AchievementCredential / EndorsementCredential). */
  'SCHEMA_INVALID',
  /** The credential or presentation breaks a VC Data Model 2.0 (or 1.1) base rule. */
  'SHAPE_INVALID',
  // proof (Data Integrity)
  /** No proof: neither an embedded proof nor a VC-JWT. */
  'PROOF_MISSING',
  /** A proof is malformed: missing/ill-typed field, proofValue not `z` + 64 bytes, bad `created`. */
  'PROOF_MALFORMED',
  /** No proof of a supported type / cryptosuite (DataIntegrityProof with eddsa-rdfc-2022, eddsa-jcs-2022, eddsa-2022). */
  'PROOF_UNSUPPORTED',
  /** The proofPurpose is not the one required (assertionMethod for credentials, authentication for presentations). */
  'PROOF_PURPOSE_MISMATCH',
  /** eddsa-jcs-2022: the document's `@context` does not start with the proof's `@context`. */
  'PROOF_CONTEXT_MISMATCH',
  /** The document cannot be canonicalized (JSON-LD safe mode: undefined terms, bad IRIs; unknown context; not JSON). */
  'PROOF_CANONICALIZATION',
  /** The verification method's public key could not be found (unknown DID/URL, key not in the document). */
  'PROOF_KEY_UNRESOLVED',
  /** A `previousProof` reference of a proof chain names no proof of the set. */
  'PROOF_CHAIN_BROKEN',
  /** The proof's `expires` is in the past. */
  'PROOF_EXPIRED',
  /** A presentation proof's challenge does not match the expected one. */
  'PROOF_CHALLENGE_MISMATCH',
  /** A presentation proof's domain does not match the expected one. */
  'PROOF_DOMAIN_MISMATCH',
  /** The Ed25519 signature does not verify. */
  'PROOF_INVALID',
  // proof (VC-JWT)
  /** A compact JWS that is not three base64url parts with JSON objects, or carries a forbidden header. */
  'JWT_MALFORMED',
  /** The JWS algorithm is not EdDSA (e.g. RS256: OneX's CryptoProvider only does Ed25519). */
  'JWT_UNSUPPORTED_ALG',
  /** The `kid` does not resolve to an Ed25519 key, or the `jwk` is not a public OKP/Ed25519 key. */
  'JWT_KEY_UNRESOLVED',
  /** The JWS signature does not verify. */
  'JWT_SIGNATURE_INVALID',
  /** iss / jti / nbf / sub / exp disagree with the credential (OB 3.0 "JSON Web Token Proof Format"). */
  'JWT_CLAIMS_MISMATCH',
  // issuerKey
  /** The key's controller is not the issuer (or the presentation's holder). */
  'ISSUER_KEY_CONTROLLER_MISMATCH',
  /** The issuer's DID / controller document could not be retrieved. */
  'ISSUER_DOCUMENT_UNAVAILABLE',
  /** The key is not (or no longer) in the issuer's DID document. */
  'ISSUER_KEY_NOT_FOUND',
  /** The key is in the DID document but not listed under assertionMethod (authentication for a holder). */
  'ISSUER_KEY_NOT_AUTHORIZED',
  // trust list
  /** The trust list is required but not available. */
  'TRUST_LIST_UNAVAILABLE',
  /** The trust list credential does not verify, is not the regulator's, has expired, or is malformed. */
  'TRUST_LIST_INVALID',
  /** The issuer is not on the regulator's trust list. */
  'ISSUER_NOT_ACCREDITED',
  /** The issuer is on the trust list, but was not accredited at the credential's validFrom. */
  'ISSUER_NOT_ACCREDITED_AT_VALID_FROM',
  // catalog
  /** The achievement is not a certificate level of the national catalog (trust list). */
  'CATALOG_UNKNOWN_ACHIEVEMENT',
  /** The achievement belongs to a certificate of another TEO than the issuer. */
  'CATALOG_WRONG_ISSUER',
  // validity
  /** validFrom / validUntil (issuanceDate / expirationDate) is not an XML Schema dateTime. */
  'VALIDITY_MALFORMED',
  /** validFrom is in the future. */
  'VALIDITY_NOT_YET_VALID',
  /** validUntil has passed. */
  'VALIDITY_EXPIRED',
  // status
  /** The revocation bit is set. */
  'STATUS_REVOKED',
  /** The suspension bit is set. */
  'STATUS_SUSPENDED',
  /** The status list credential could not be retrieved. */
  'STATUS_RETRIEVAL_ERROR',
  /** The status list credential does not verify, has expired, or its purpose does not match. */
  'STATUS_VERIFICATION_ERROR',
  /** The status list credential is not issued by the credential's issuer. */
  'STATUS_ISSUER_MISMATCH',
  /** The decoded list is shorter than 131,072 entries (or longer than OneX accepts). */
  'STATUS_LIST_LENGTH_ERROR',
  /** A status value (entry, encodedList) is malformed. */
  'MALFORMED_VALUE_ERROR',
  /** The status list index is outside the list. */
  'RANGE_ERROR',
  /** A well-formed status entry OneX does not support (statusSize ≠ 1, unknown purpose). */
  'STATUS_UNSUPPORTED',
  // extension hooks
  /** An extra check (e.g. the transparency log) failed to run. */
  'CHECK_FAILED_TO_RUN',
  /** A bug: an unexpected exception inside the verifier (fuzzing must never produce it). */
  'INTERNAL_ERROR',
] as const;
/** One of {@link verificationCodes}. */
export type VerificationCode = (typeof verificationCodes)[number];
