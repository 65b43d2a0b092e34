import { DomainError, type DomainErrorDetails, type Text } from '../shared/index.ts';

/**
 * Error codes of the status-list module. The first five keep the names the specs use, so that
 * verification reports match them: the `STATUS_*` codes of Bitstring Status List v1.0 §3.5
 * (https://www.w3.org/TR/vc-bitstring-status-list/#processing-errors) and `MALFORMED_VALUE_ERROR` /
 * `RANGE_ERROR` of VC Data Model 2.0 "Processing Errors" (https://www.w3.org/TR/vc-data-model-2.0/#processing-errors),
 * which the validate algorithm raises.
 */
export const statusListErrorCodes = [
  /** The status list credential could not be fetched (raised by the caller that does the I/O). */
  'STATUS_RETRIEVAL_ERROR',
  /** The status list credential did not verify, or its statusPurpose does not match the entry's. */
  'STATUS_VERIFICATION_ERROR',
  /** The decoded bitstring is shorter than 131,072 entries (or longer than OneX accepts). */
  'STATUS_LIST_LENGTH_ERROR',
  /** An `encodedList`, `statusListIndex` or other status value is malformed. */
  'MALFORMED_VALUE_ERROR',
  /** A status list index is outside the list. */
  'RANGE_ERROR',
  /** A well-formed status entry OneX does not support (statusSize ≠ 1, an unknown statusPurpose). */
  'STATUS_UNSUPPORTED',
  /** Every index of a status list is taken: open a new list. */
  'STATUS_LIST_FULL',
] as const;
/** One of {@link statusListErrorCodes}. */
export type StatusListErrorCode = (typeof statusListErrorCodes)[number];

/** A coded problem found while checking a status (verification reports it, never throws it). */
export interface StatusProblem {
  code: StatusListErrorCode;
  text: Text;
  details: DomainErrorDetails;
}

/** Shorthand for the DomainError the status-list module throws. */
export function statusListError(
  code: StatusListErrorCode,
  text: Text,
  details: DomainErrorDetails = {},
): DomainError<StatusListErrorCode> {
  return new DomainError(code, text, details);
}
