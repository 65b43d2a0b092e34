import type { LevelCode } from '../catalog/index.ts';
import type { JsonObject } from '../credentials/index.ts';
import type { Text } from '../shared/index.ts';

/** A learner's lifelong credit bank account (个人学习账户): the learner's, whatever institution they attend. */
export interface CreditAccount {
  id: string;
  learnerId: string;
  /** Synthetic account number shown to people, e.g. `CB-2026-000001`. */
  accountNo: string;
  openedAt: Date;
}

/**
 * Kinds of learning outcome (学习成果): an X certificate issued here (`X_CERT`), an Open Badges 3.0
 * credential from another issuer (`OB_CREDENTIAL`), and outcomes an institution declares: a course,
 * a diploma, a competition award, work experience.
 */
export const outcomeKinds = [
  'X_CERT',
  'OB_CREDENTIAL',
  'COURSE',
  'DIPLOMA',
  'COMPETITION',
  'WORK_EXPERIENCE',
] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

/** Outcomes an institution declares (no credential to verify). */
export const declaredOutcomeKinds = ['COURSE', 'DIPLOMA', 'COMPETITION', 'WORK_EXPERIENCE'] as const;
export type DeclaredOutcomeKind = (typeof declaredOutcomeKinds)[number];

/**
 * Recognition (认定) puts an outcome in the account as `ACCUMULATED` (积累); conversion (转换) at an
 * institution makes it `CONVERTED`; a revoked certificate is `WITHDRAWN` (its credits reversed).
 */
export const outcomeStatuses = ['ACCUMULATED', 'CONVERTED', 'WITHDRAWN'] as const;
export type OutcomeStatus = (typeof outcomeStatuses)[number];

/** What the verification of a credential outcome found, as recorded at recognition. */
export interface RecordedVerification {
  verified: boolean;
  checks: { name: string; status: string; code?: string | undefined }[];
  at: string;
}

export interface LearningOutcome {
  id: string;
  accountId: string;
  kind: OutcomeKind;
  title: Text;
  status: OutcomeStatus;
  /** Certificate code and level: what conversion rules match (X certificates only). */
  certificateCode: string | null;
  level: LevelCode | null;
  /** The credential of this instance (X certificates issued here). */
  credentialId: string | null;
  /** The signed credential as recognised (credential outcomes). */
  document: JsonObject | null;
  issuerDid: string | null;
  verification: RecordedVerification | null;
  /** Credits the outcome carries by itself (a course's credits), deposited at recognition. */
  credits: number;
  /** Institution that declared it (declared outcomes). */
  institutionId: string | null;
  /** Day it was achieved (China Standard Time), `YYYY-MM-DD`: rules in force on this day apply. */
  achievedOn: string;
  /** Makes recognition idempotent per account: `credential:<id>`, or the declarer's reference. */
  sourceKey: string;
  recognisedAt: Date;
}

/**
 * A conversion rule (转换规则) of an institution: an outcome of a certificate level converts into
 * `credits` credits in total, which first go to exempting `exemptCourseIds` (免修, each up to the
 * course's credits, in order), the rest being credit substitution (学分置换). In force on
 * `effectiveFrom` ≤ day < `effectiveTo` (open-ended when null); versions for the same institution,
 * certificate and level never overlap.
 */
export interface ConversionRule {
  id: string;
  institutionId: string;
  institutionCode: string;
  certificateCode: string;
  level: LevelCode;
  /** 1, 2, … per institution, certificate and level. */
  version: number;
  credits: number;
  exemptCourseIds: string[];
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string | null;
  createdAt: Date;
}

export const transactionKinds = ['ACCUMULATE', 'EXEMPT', 'CREDIT', 'REVERSE'] as const;
/**
 * `ACCUMULATE`: an outcome deposited (with its own credits, if any); `EXEMPT`: a course exempted
 * by a rule; `CREDIT`: credits substituted by a rule; `REVERSE`: an earlier transaction undone.
 */
export type TransactionKind = (typeof transactionKinds)[number];

/** One line of the append-only ledger of an account; it says in words why it exists. */
export interface CreditTransaction {
  id: string;
  accountId: string;
  outcomeId: string;
  kind: TransactionKind;
  institutionId: string | null;
  ruleId: string | null;
  ruleVersion: number | null;
  courseId: string | null;
  /** Negative for a reversal. */
  credits: number;
  /** The transaction a `REVERSE` undoes. */
  reversesId: string | null;
  explanation: Text;
  at: Date;
}

/** The account as shown: outcomes, the ledger, the balance and the exemptions in force. */
export interface CreditAccountView {
  account: CreditAccount;
  learnerId: string;
  balance: number;
  outcomes: LearningOutcome[];
  transactions: CreditTransaction[];
  /** Courses exempted and not reversed, per institution. */
  exemptions: { institutionId: string; courseId: string; outcomeId: string; transactionId: string }[];
}

/** What `apply` did, step by step. */
export interface ApplyReport {
  learnerId: string;
  institutionId: string;
  recognised: LearningOutcome[];
  withdrawn: CreditTransaction[];
  transactions: CreditTransaction[];
  /** Outcomes or courses not converted, and why. */
  skipped: { outcomeId: string; courseId?: string; reason: Text }[];
  balance: number;
}
