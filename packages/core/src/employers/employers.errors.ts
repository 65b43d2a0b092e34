import { DomainError, type Text } from '../shared/index.ts';

/** Error codes of employers and learners' consent. */
export const employersErrorCodes = [
  /** An employer's code or unified social credit code is already registered. */
  'EMPLOYERS_DUPLICATE',
  /** A grant names an employer that is not registered (`body.employerId`). */
  'CONSENT_UNKNOWN_EMPLOYER',
  /** A grant's expiry is more than 365 days away (`body.expiresAt`). */
  'CONSENT_EXPIRY_TOO_LONG',
  /** A grant's expiry is not in the future (`body.expiresAt`). */
  'CONSENT_EXPIRY_PASSED',
  /** A grant names a credential that was not issued to the learner (`body.credentialIds.N`). */
  'CONSENT_NOT_LEARNERS_CREDENTIAL',
  /** A `SELECTED` grant names no credential, or an `ALL` grant names some (`body.credentialIds`). */
  'CONSENT_SCOPE_MISMATCH',
  /** Consent is the learner's own: nobody else may grant it for them. */
  'CONSENT_NOT_THE_LEARNER',
  /** The grant was already revoked. */
  'CONSENT_ALREADY_REVOKED',
] as const;
export type EmployersErrorCode = (typeof employersErrorCodes)[number];

/** A coded error naming the one field at fault. */
export function consentError(
  code: EmployersErrorCode,
  path: string | null,
  text: Text,
  details: Record<string, unknown> = {},
): DomainError<EmployersErrorCode> {
  return new DomainError(code, text, {
    ...(path === null ? {} : { issues: [{ path, message: text.en }] }),
    ...details,
  });
}
