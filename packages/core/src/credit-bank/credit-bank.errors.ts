import { DomainError, type Text } from '../shared/index.ts';

/** Error codes of the credit bank (学分银行). */
export const creditBankErrorCodes = [
  /** A conversion rule's effective dates overlap another version for the same institution, certificate and level. */
  'CREDIT_BANK_RULE_OVERLAP',
  /** A rule names a certificate or level that is not in the national catalog. */
  'CREDIT_BANK_UNKNOWN_CERTIFICATE',
  /** A rule exempts a course that is not a course of the rule's institution. */
  'CREDIT_BANK_UNKNOWN_COURSE',
  /** A credential offered for recognition did not pass the checks recognition requires. */
  'CREDIT_BANK_NOT_VERIFIED',
  /** The learning outcome is already in the learner's account. */
  'CREDIT_BANK_ALREADY_RECOGNISED',
  /** The credential was not issued to this learner. */
  'CREDIT_BANK_NOT_LEARNERS_CREDENTIAL',
  /** No institution was named and the learner belongs to none. */
  'CREDIT_BANK_NO_INSTITUTION',
  /** The outcome was already withdrawn. */
  'CREDIT_BANK_ALREADY_WITHDRAWN',
  /** A learner record (CLR) needs at least one credential. */
  'CREDIT_BANK_CLR_EMPTY',
  /** The outcome's status does not allow this (reviewing one that is not pending, withdrawing a rejected one). */
  'CREDIT_BANK_WRONG_STATE',
  /** A declared outcome is reviewed by someone else than who submitted it. */
  'CREDIT_BANK_SELF_REVIEW',
  /** Only the declared outcome's institution (or the regulator) may review it. */
  'CREDIT_BANK_NOT_REVIEWER',
] as const;
export type CreditBankErrorCode = (typeof creditBankErrorCodes)[number];

export function creditBankError(
  code: CreditBankErrorCode,
  text: Text,
  details: Record<string, unknown> = {},
): DomainError<CreditBankErrorCode> {
  return new DomainError(code, text, details);
}
