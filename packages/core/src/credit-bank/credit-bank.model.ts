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

/** Outcomes declared with evidence (no credential to verify): recognised only after a review. */
export const declaredOutcomeKinds = ['COURSE', 'DIPLOMA', 'COMPETITION', 'WORK_EXPERIENCE'] as const;
export type DeclaredOutcomeKind = (typeof declaredOutcomeKinds)[number];

/** Kinds a conversion rule can name: X certificates by certificate level, declared outcomes by code. */
export const ruleOutcomeKinds = ['X_CERT', ...declaredOutcomeKinds] as const;
export type RuleOutcomeKind = (typeof ruleOutcomeKinds)[number];

/** Names of the outcome kinds, for people. */
export const outcomeKindNames: Record<OutcomeKind, { zh: string; en: string }> = {
  X_CERT: { zh: '职业技能等级证书', en: 'X certificate' },
  OB_CREDENTIAL: { zh: '开放徽章凭证', en: 'Open Badges credential' },
  COURSE: { zh: '课程', en: 'course' },
  DIPLOMA: { zh: '学历证书', en: 'diploma' },
  COMPETITION: { zh: '竞赛获奖', en: 'competition award' },
  WORK_EXPERIENCE: { zh: '工作经历', en: 'work experience' },
};

/**
 * Recognition (认定) puts an outcome in the account as `ACCUMULATED` (积累); conversion (转换) at an
 * institution makes it `CONVERTED`; a revoked certificate is `WITHDRAWN` (its credits reversed). A
 * declared outcome waits as `PENDING` until a reviewer of its institution approves it (then
 * `ACCUMULATED`) or rejects it (`REJECTED`, nothing deposited).
 */
export const outcomeStatuses = ['PENDING', 'ACCUMULATED', 'CONVERTED', 'WITHDRAWN', 'REJECTED'] as const;
export type OutcomeStatus = (typeof outcomeStatuses)[number];

/** One piece of evidence of a declared outcome: what it is, where it is, and its digest. */
export interface OutcomeEvidence {
  description: string;
  /** Where a reviewer finds it (a transcript, an award notice, an employer's letter). */
  uri: string | null;
  /** SHA-256 of the file, hex, so the reviewed file can be recognised later. */
  sha256: string | null;
}

/** The review of a declared outcome: who decided what, when and why. */
export interface OutcomeReview {
  decision: 'APPROVED' | 'REJECTED';
  /** The reviewer's account, API key or `admin-token`; never the submitter. */
  reviewerId: string;
  note: string;
  at: string;
}

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
  /** The declared code rules match (declared outcomes: a course, diploma, award or work code). */
  outcomeCode: string | null;
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
  /** When it entered the account (declared outcomes: when submitted). */
  recognisedAt: Date;
  /** Declared outcomes: the evidence submitted (at least one item); empty for credentials. */
  evidence: OutcomeEvidence[];
  /** Declared outcomes: who submitted it (account, API key or `admin-token`). */
  submittedBy: string | null;
  /** Declared outcomes: the review, once made. */
  review: OutcomeReview | null;
}

/**
 * A conversion rule (转换规则) of an institution: an outcome it matches converts into `credits`
 * credits in total, which first go to exempting `exemptCourseIds` (免修, each up to the course's
 * credits, in order), the rest being credit substitution (学分置换). It matches X certificates of a
 * certificate level (`outcomeKind` X_CERT, `certificateCode`, `level`) or declared outcomes of a
 * kind and code (`outcomeKind` COURSE / DIPLOMA / COMPETITION / WORK_EXPERIENCE, `outcomeCode`).
 * In force on `effectiveFrom` ≤ day < `effectiveTo` (open-ended when null); versions for the same
 * institution and match never overlap.
 */
export interface ConversionRule {
  id: string;
  institutionId: string;
  institutionCode: string;
  outcomeKind: RuleOutcomeKind;
  /** X_CERT rules: the certificate code and level. */
  certificateCode: string | null;
  level: LevelCode | null;
  /** Declared-outcome rules: the code the outcome was declared with. */
  outcomeCode: string | null;
  /** 1, 2, … per institution and match. */
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
