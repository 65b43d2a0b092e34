import { type AccessErrorCode, accessErrorCodes } from './access/access.errors.ts';
import { type AssessmentErrorCode, assessmentErrorCodes } from './assessment/assessment.errors.ts';
import { type CatalogErrorCode, catalogErrorCodes } from './catalog/catalog.errors.ts';
import { type IssuanceErrorCode, issuanceErrorCodes } from './credentials/credentials.issuance.errors.ts';
import { type CreditBankErrorCode, creditBankErrorCodes } from './credit-bank/credit-bank.errors.ts';
import { type CryptoErrorCode, cryptoErrorCodes } from './crypto/crypto.errors.ts';
import { type CurriculumErrorCode, curriculumErrorCodes } from './curriculum/curriculum.errors.ts';
import { type EmployersErrorCode, employersErrorCodes } from './employers/employers.errors.ts';
import { type CheckpointErrorKind, checkpointErrorKinds } from './ledger/checkpoint.ts';
import { type LedgerErrorCode, ledgerErrorCodes } from './ledger/ledger.errors.ts';
import { type NoteErrorKind, noteErrorKinds } from './ledger/note.ts';
import { type TileErrorKind, tileErrorKinds } from './ledger/tiles.ts';
import { type MerkleErrorCode, merkleErrorCodes } from './merkle/merkle.errors.ts';
import { type ProgramsErrorCode, programsErrorCodes } from './programs/programs.errors.ts';
import { type SharedErrorCode, sharedErrorCodes } from './shared/errors.ts';
import { type StatusListErrorCode, statusListErrorCodes } from './status-list/status-list.errors.ts';

/** Every error code core can raise. The API's status table is a `Record<ErrorCode, number>`. */
export type ErrorCode =
  | SharedErrorCode
  | CryptoErrorCode
  | StatusListErrorCode
  | CatalogErrorCode
  | ProgramsErrorCode
  | CurriculumErrorCode
  | AssessmentErrorCode
  | IssuanceErrorCode
  | MerkleErrorCode
  | NoteErrorKind
  | CheckpointErrorKind
  | TileErrorKind
  | LedgerErrorCode
  | CreditBankErrorCode
  | EmployersErrorCode
  | AccessErrorCode;

export const errorCodes: readonly ErrorCode[] = [
  ...sharedErrorCodes,
  ...cryptoErrorCodes,
  ...statusListErrorCodes,
  ...catalogErrorCodes,
  ...programsErrorCodes,
  ...curriculumErrorCodes,
  ...assessmentErrorCodes,
  ...issuanceErrorCodes,
  ...merkleErrorCodes,
  ...noteErrorKinds,
  ...checkpointErrorKinds,
  ...tileErrorKinds,
  ...ledgerErrorCodes,
  ...creditBankErrorCodes,
  ...employersErrorCodes,
  ...accessErrorCodes,
];
