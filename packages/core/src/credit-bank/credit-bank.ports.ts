import type { LevelCode } from '../catalog/index.ts';
import type {
  ConversionRule,
  CreditAccount,
  CreditTransaction,
  LearningOutcome,
  OutcomeReview,
  OutcomeStatus,
  RuleOutcomeKind,
} from './credit-bank.model.ts';

/** Storage of accounts, outcomes, rules and the append-only ledger of credit transactions. */
export interface CreditBankStore {
  transaction<T>(fn: (tx: CreditBankStore) => Promise<T>): Promise<T>;

  findAccount(learnerId: string): Promise<CreditAccount | undefined>;
  insertAccount(account: CreditAccount): Promise<void>;
  /** Locks the account row for this transaction: applications to one account run one at a time. */
  lockAccount(accountId: string): Promise<void>;
  /** Next serial of account numbers for a year (gap-free is not required). */
  countAccounts(): Promise<number>;

  listOutcomes(accountId: string): Promise<LearningOutcome[]>;
  findOutcome(id: string): Promise<LearningOutcome | undefined>;
  insertOutcome(outcome: LearningOutcome): Promise<void>;
  setOutcomeStatus(id: string, status: OutcomeStatus): Promise<void>;
  /** Records the review of a declared outcome and its new status. */
  setOutcomeReview(id: string, status: OutcomeStatus, review: OutcomeReview): Promise<void>;
  /**
   * Outcomes declared at an institution (the reviewers' queue), oldest first, with the learner whose
   * account holds each; `status` narrows them (e.g. PENDING).
   */
  listInstitutionOutcomes(filter: {
    institutionId: string;
    status?: OutcomeStatus | undefined;
    limit: number;
  }): Promise<(LearningOutcome & { learnerId: string })[]>;

  listRules(filter: {
    institutionId?: string | undefined;
    outcomeKind?: RuleOutcomeKind | undefined;
    certificateCode?: string | undefined;
    level?: LevelCode | undefined;
    outcomeCode?: string | undefined;
  }): Promise<ConversionRule[]>;
  insertRule(rule: ConversionRule): Promise<void>;

  /** The ledger of an account, in the order it was written. */
  listTransactions(accountId: string): Promise<CreditTransaction[]>;
  /** Appends; the table refuses updates and deletes. */
  appendTransactions(transactions: CreditTransaction[]): Promise<void>;
}
