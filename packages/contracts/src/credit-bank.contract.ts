import { z } from 'zod';
import { isoDateTime, shortText } from './common.contract.ts';

const jsonObject = z.record(z.string(), z.unknown());
const text = z.object({ zh: z.string(), en: z.string() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const credits = z.number().min(0).max(200).describe('Credits, in steps of 0.1.');

const ruleOutcomeKind = z
  .enum(['X_CERT', 'COURSE', 'DIPLOMA', 'COMPETITION', 'WORK_EXPERIENCE'])
  .describe(
    'X_CERT: matched by certificate code and level; the others: by the code outcomes are declared with.',
  );
const outcomeCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,59}$/, 'letters, digits and . _ : / - (up to 60)');

export const conversionRuleSchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionCode: z.string(),
  outcomeKind: ruleOutcomeKind,
  certificateCode: z.string().nullable().describe('X_CERT rules'),
  level: z.number().nullable().describe('X_CERT rules'),
  outcomeCode: z.string().nullable().describe('declared-outcome rules'),
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
    outcomeKind: ruleOutcomeKind.optional().describe('What the rule converts (default X_CERT).'),
    certificateCode: shortText(40).optional().describe('X_CERT: the certificate code.'),
    level: z.int().min(1).max(3).optional().describe('X_CERT: the level.'),
    outcomeCode: outcomeCode
      .optional()
      .describe('COURSE, DIPLOMA, COMPETITION, WORK_EXPERIENCE: the code outcomes are declared with.'),
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

const evidenceSchema = z.object({
  description: z.string(),
  uri: z.string().nullable(),
  sha256: z.string().nullable(),
});

export const learningOutcomeSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.enum(['X_CERT', 'OB_CREDENTIAL', 'COURSE', 'DIPLOMA', 'COMPETITION', 'WORK_EXPERIENCE']),
  title: text,
  status: z
    .enum(['PENDING', 'ACCUMULATED', 'CONVERTED', 'WITHDRAWN', 'REJECTED'])
    .describe(
      'PENDING: a declared outcome awaiting review (nothing deposited); REJECTED: refused by the reviewer.',
    ),
  certificateCode: z.string().nullable(),
  level: z.number().nullable(),
  outcomeCode: z.string().nullable().describe('Declared outcomes: the code rules match.'),
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
  evidence: z.array(evidenceSchema).describe('Declared outcomes: what the reviewer checks.'),
  submittedBy: z.string().nullable(),
  review: z
    .object({
      decision: z.enum(['APPROVED', 'REJECTED']),
      reviewerId: z.string(),
      note: z.string(),
      at: z.string(),
    })
    .nullable(),
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
      institution: shortText(60).describe('The institution that reviews and recognises it (id or code).'),
      code: outcomeCode.describe("The code conversion rules match (a rule's outcomeCode of the same kind)."),
      credits: credits.optional().describe('Credits it carries by itself, deposited once approved.'),
      achievedOn: day,
      reference: shortText(200).describe("The declarer's reference: one outcome per reference."),
      evidence: z
        .array(
          z
            .object({
              description: shortText(500),
              uri: z.string().max(2000).optional(),
              sha256: z
                .string()
                .regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits')
                .optional(),
            })
            .strict(),
        )
        .min(1)
        .max(20)
        .describe('At least one piece of evidence; the outcome waits as PENDING for a reviewer.'),
    })
    .strict(),
]);

export const reviewOutcomeRequestSchema = z
  .object({
    decision: z.enum(['APPROVE', 'REJECT']),
    note: z.string().max(1000).optional().describe('Required to reject: why.'),
  })
  .strict();

export const reviewOutcomeResponseSchema = z.object({
  outcome: learningOutcomeSchema,
  transactions: z.array(creditTransactionSchema).describe('The deposit, when approved.'),
});

export const institutionOutcomesQuerySchema = z
  .object({
    institution: shortText(60).optional().describe('Institution id or code (a reviewer: their own).'),
    status: z.enum(['PENDING', 'ACCUMULATED', 'CONVERTED', 'WITHDRAWN', 'REJECTED']).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const institutionOutcomesSchema = z.object({
  items: z.array(learningOutcomeSchema.extend({ learnerId: z.string() })),
});

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
