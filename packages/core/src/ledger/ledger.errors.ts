import { DomainError, type DomainErrorDetails, type Text } from '../shared/index.ts';

/**
 * Error codes the transparency log THROWS (appending, signing checkpoints, serving proofs, taking
 * cosignatures). Verification never throws: its outcomes are the {@link loggedCheckCodes} on the
 * `logged` check. Signed notes, checkpoints and tiles have their own closed lists (`note.ts`,
 * `checkpoint.ts`, `tiles.ts`).
 */
export const ledgerErrorCodes = [
  /** An event cannot be written as a log entry (a field too long, a lone surrogate, an unknown kind). */
  'LEDGER_ENTRY_INVALID',
  /** Stored bytes are not a log entry or entry bundle of the documented layout. */
  'LEDGER_ENTRY_MALFORMED',
  /** No log entry for the credential (or index) asked about. */
  'LEDGER_ENTRY_NOT_FOUND',
  /** The log has no signed checkpoint yet. */
  'LEDGER_NO_CHECKPOINT',
  /** A tree size or index outside the log (e.g. a consistency proof to a size the log never reached). */
  'LEDGER_SIZE_OUT_OF_RANGE',
  /**
   * The stored tree is not consistent with the latest signed checkpoint (or with its own state row):
   * the log refuses to sign, because a log must never sign two inconsistent checkpoints.
   */
  'LEDGER_INCONSISTENT',
  /** Storage is not what the appender expects (a tile or bundle of the wrong length): someone edited it. */
  'LEDGER_STORAGE_CORRUPT',
  /** A cosignature from a key that is not one of the log's registered witnesses. */
  'LEDGER_UNKNOWN_WITNESS',
  /** A cosignature that does not verify over the stored checkpoint of that size. */
  'LEDGER_COSIGNATURE_INVALID',
  /** A witness refuses to cosign: bad log signature, smaller tree, fork or failed consistency proof. */
  'LEDGER_WITNESS_REFUSED',
] as const;

/** One of {@link ledgerErrorCodes}. */
export type LedgerErrorCode = (typeof ledgerErrorCodes)[number];

/** Shorthand for the DomainError the ledger throws. */
export function ledgerError(
  code: LedgerErrorCode,
  text: Text,
  details: DomainErrorDetails = {},
): DomainError<LedgerErrorCode> {
  return new DomainError(code, text, details);
}

/**
 * Codes the `logged` verification check reports when it fails (never thrown).
 * https://c2sp.org/tlog-checkpoint, https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 */
export const loggedCheckCodes = [
  /** No log proof is available for the credential: it is not in the log. */
  'LOG_PROOF_MISSING',
  /** The proof bundle is malformed (not base64, not a log entry, bad index). */
  'LOG_PROOF_MALFORMED',
  /** The log entry is not the ISSUE entry of this credential, or its digest is not the credential's. */
  'LOG_ENTRY_MISMATCH',
  /** The checkpoint is not signed by the log (or by enough of the required witnesses), or malformed. */
  'LOG_CHECKPOINT_INVALID',
  /** The inclusion proof does not lead from the entry to the checkpoint's root. */
  'LOG_INCLUSION_INVALID',
] as const;

/** One of {@link loggedCheckCodes}. */
export type LoggedCheckCode = (typeof loggedCheckCodes)[number];
