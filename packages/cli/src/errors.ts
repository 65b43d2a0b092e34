import type { ErrorCode } from '@onex/core';

/** How each domain error code ends the process: an exit code and a hint for the person at the terminal. */
export const exitFor: Record<ErrorCode, { exit: number; hint: string }> = {
  VALIDATION_FAILED: { exit: 2, hint: 'Fix the fields listed above and run the command again.' },
  NOT_FOUND: { exit: 3, hint: 'Check the id or code; `onex catalog list` shows what exists.' },
  CONFLICT: { exit: 4, hint: 'The current state does not allow this; reload and retry.' },
  UNAUTHORIZED: { exit: 5, hint: 'Set ONEX_ADMIN_TOKEN.' },
  FORBIDDEN: { exit: 5, hint: 'Your account may not do this.' },
  CRYPTO_BAD_MULTIBASE: { exit: 2, hint: 'Check the multibase value (z… base58btc or u… base64url).' },
  CRYPTO_BAD_MULTIKEY: { exit: 2, hint: 'An Ed25519 Multikey starts with z6Mk.' },
  CRYPTO_BAD_DID: { exit: 2, hint: 'Check the DID (did:key:z6Mk… or did:web:…).' },
  CRYPTO_BAD_VERIFICATION_METHOD: { exit: 2, hint: 'A verification method is a DID URL with a fragment.' },
  CRYPTO_BAD_KEY: { exit: 2, hint: 'Ed25519 keys are 32 bytes.' },
  CRYPTO_NOT_JSON: { exit: 2, hint: 'The value must be plain JSON.' },
  STATUS_RETRIEVAL_ERROR: { exit: 1, hint: 'The status list could not be fetched; try again or use an offline bundle.' },
  STATUS_VERIFICATION_ERROR: { exit: 1, hint: 'The status list credential did not verify.' },
  STATUS_LIST_LENGTH_ERROR: { exit: 1, hint: 'Status lists hold at least 131,072 entries.' },
  MALFORMED_VALUE_ERROR: { exit: 2, hint: 'A status value is malformed.' },
  RANGE_ERROR: { exit: 2, hint: 'The status index is outside the list.' },
  STATUS_UNSUPPORTED: { exit: 1, hint: 'OneX supports revocation and suspension lists with statusSize 1.' },
  STATUS_LIST_FULL: { exit: 1, hint: 'Open a new status list.' },
  CATALOG_INVALID_TRANSITION: { exit: 4, hint: 'See the allowed next statuses in the details.' },
  CATALOG_EXIT_TOO_EARLY: {
    exit: 4,
    hint: 'Voluntary exit is possible one year after approval; a compulsory exit uses --compulsory.',
  },
  CATALOG_STANDARD_PUBLISHED: {
    exit: 4,
    hint: 'Published versions are immutable: create a new version instead.',
  },
  CATALOG_TEO_NOT_APPROVED: { exit: 4, hint: 'Approve the TEO first.' },
  CATALOG_DUPLICATE_CODE: { exit: 4, hint: 'Pick another code, or leave the existing record as it is.' },
  PROGRAMS_DUPLICATE_LEARNER: { exit: 4, hint: 'The learner is already registered; look them up instead.' },
  CREDENTIAL_REVOKED: { exit: 4, hint: 'Revocation is final; issue a new credential if needed.' },
  CREDENTIAL_INVALID_STATUS_CHANGE: { exit: 4, hint: 'Check the credential status first.' },
  CREDENTIAL_NO_STATUS: { exit: 4, hint: 'The credential was issued without status entries.' },
  PROGRAMS_DUPLICATE_CODE: { exit: 4, hint: 'Pick another code.' },
};
