import type { ErrorCode } from '@onex/core';

/** How each domain error code ends the process: an exit code and a hint for the person at the terminal. */
export const exitFor: Record<ErrorCode, { exit: number; hint: string }> = {
  VALIDATION_FAILED: { exit: 2, hint: 'Fix the fields listed above and run the command again.' },
  NOT_FOUND: { exit: 3, hint: 'Check the id or code; `onex catalog list` shows what exists.' },
  CONFLICT: { exit: 4, hint: 'The current state does not allow this; reload and retry.' },
  UNAUTHORIZED: { exit: 5, hint: 'Set ONEX_ADMIN_TOKEN.' },
  FORBIDDEN: { exit: 5, hint: 'Your account may not do this.' },
  CATALOG_INVALID_TRANSITION: { exit: 4, hint: 'See the allowed next statuses in the details.' },
  CATALOG_EXIT_TOO_EARLY: { exit: 4, hint: 'Voluntary exit is possible one year after approval; a compulsory exit uses --compulsory.' },
  CATALOG_STANDARD_PUBLISHED: { exit: 4, hint: 'Published versions are immutable: create a new version instead.' },
  CATALOG_TEO_NOT_APPROVED: { exit: 4, hint: 'Approve the TEO first.' },
  CATALOG_DUPLICATE_CODE: { exit: 4, hint: 'Pick another code, or leave the existing record as it is.' },
  PROGRAMS_DUPLICATE_LEARNER: { exit: 4, hint: 'The learner is already registered; look them up instead.' },
  PROGRAMS_DUPLICATE_CODE: { exit: 4, hint: 'Pick another code.' },
};
