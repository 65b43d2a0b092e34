import { z } from 'zod';
import { isoDateTime, shortText } from './common.contract.ts';

const jsonObject = z.record(z.string(), z.unknown());
const text = z.object({ zh: z.string(), en: z.string() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const credits = z.number().min(0).max(200).describe('Credits, in steps of 0.1.');

export const conversionRuleSchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionCode: z.string(),
  certificateCode: z.string(),
  level: z.number(),
  version: z.number(),
  credits: z.number(),
  exemptCourseIds: z.array(z.string()),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: isoDateTime,
});

export const createConversionRuleRequestSchema = z
  .object({
    institution: shortText(60).describe('Institution id or code.'),
    certificateCode: shortText(40),
    level: z.int().min(1).max(3),
    credits: credits.describe(
      'Credits the rule converts an outcome into in all: first to the exempted courses (each up to its credits, in order), the rest as credit substitution.',
    ),
    exemptCourses: z
      .array(shortText(60))
      .max(50)
      .optional()
      .describe('Course ids (or codes unique in the institution).'),
    effectiveFrom: day.describe('First day in force (inclusive).'),
    effectiveTo: day
      .nullable()
      .optional()
      .describe('First day no longer in force (exclusive); absent: open-ended.'),
    note: z.string().max(500).optional(),
  })
  .strict();

export const learningOutcomeSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.enum(['X_CERT', 'OB_CREDENTIAL', 'COURSE', 'DIPLOMA', 'COMPETITION', 'WORK_EXPERIENCE']),
  title: text,
  status: z.enum(['ACCUMULATED', 'CONVERTED', 'WITHDRAWN']),
  certificateCode: z.string().nullable(),
  level: z.number().nullable(),
  credentialId: z.string().nullable(),
  document: jsonObject.nullable(),
  issuerDid: z.string().nullable(),
  verification: z
    .object({
      verified: z.boolean(),
      checks: z.array(z.object({ name: z.string(), status: z.string(), code: z.string().optional() })),
      at: z.string(),
    })
    .nullable(),
  credits: z.number(),
  institutionId: z.string().nullable(),
  achievedOn: z.string(),
  sourceKey: z.string(),
  recognisedAt: isoDateTime,
});

export const creditTransactionSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  outcomeId: z.string(),
  kind: z.enum(['ACCUMULATE', 'EXEMPT', 'CREDIT', 'REVERSE']),
  institutionId: z.string().nullable(),
  ruleId: z.string().nullable(),
  ruleVersion: z.number().nullable(),
  courseId: z.string().nullable(),
  credits: z.number(),
  reversesId: z.string().nullable(),
  explanation: text.describe('Why this transaction exists: which rule, which outcome, why.'),
  at: isoDateTime,
});

export const creditAccountViewSchema = z.object({
  account: z.object({ id: z.string(), learnerId: z.string(), accountNo: z.string(), openedAt: isoDateTime }),
  learnerId: z.string(),
  balance: z.number(),
  outcomes: z.array(learningOutcomeSchema),
  transactions: z.array(creditTransactionSchema),
  exemptions: z.array(
    z.object({
      institutionId: z.string(),
      courseId: z.string(),
      outcomeId: z.string(),
      transactionId: z.string(),
    }),
  ),
});

export const recognizeOutcomeRequestSchema = z.union([
  z
    .object({ credentialId: shortText(200).describe('An X certificate issued here to this learner.') })
    .strict(),
  z.object({ credential: jsonObject.describe('A signed OB 3.0 credential from any issuer.') }).strict(),
  z
    .object({
      kind: z.enum(['COURSE', 'DIPLOMA', 'COMPETITION', 'WORK_EXPERIENCE']),
      titleZh: shortText(200),
      titleEn: shortText(300),
      institution: shortText(60).describe('The declaring institution (id or code).'),
      credits: credits.optional(),
      achievedOn: day,
      reference: shortText(200).describe("The declarer's reference: one outcome per reference."),
    })
    .strict(),
]);

export const applyCreditsRequestSchema = z
  .object({
    institution: shortText(60).optional().describe("Institution id or code (default: the learner's)."),
  })
  .strict();

export const applyReportSchema = z.object({
  learnerId: z.string(),
  institutionId: z.string(),
  recognised: z.array(learningOutcomeSchema),
  withdrawn: z.array(creditTransactionSchema),
  transactions: z.array(creditTransactionSchema),
  skipped: z.array(z.object({ outcomeId: z.string(), courseId: z.string().optional(), reason: text })),
  balance: z.number(),
});

export const withdrawOutcomeRequestSchema = z
  .object({ reasonZh: shortText(500), reasonEn: shortText(500) })
  .strict();

export const clrExportRequestSchema = z
  .object({
    institution: shortText(60)
      .optional()
      .describe("The signing institution, id or code (default: the learner's)."),
  })
  .strict();

export const clrExportResponseSchema = z.object({
  id: z.string(),
  verifiableCredential: jsonObject.describe('The signed CLR 2.0 ClrCredential.'),
});
