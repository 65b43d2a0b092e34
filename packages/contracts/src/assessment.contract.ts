import { z } from 'zod';
import { levelCodeSchema } from './catalog.contract.ts';
import { idParam, isoDateTime, shortText } from './common.contract.ts';

const id = z.string().min(1).max(120);
const text = z.object({ zh: z.string(), en: z.string() });

// ── pilot authorizations ──

export const pilotAuthorizationSchema = z
  .object({
    id: z.string(),
    institutionId: z.string(),
    certificateId: z.string(),
    levels: z.array(levelCodeSchema),
    year: z.number(),
    status: z.enum(['ACTIVE', 'CLOSED']),
    createdAt: isoDateTime,
    closedAt: isoDateTime.nullable(),
  })
  .describe(
    '试点授权: an institution may present its students for these levels of a certificate in this year.',
  );

export const createPilotAuthorizationRequestSchema = z
  .object({
    institutionId: idParam,
    certificateId: idParam,
    levels: z.array(levelCodeSchema).min(1).max(3),
    year: z.int().min(2019).max(2100).describe('The calendar year of the sessions it covers.'),
  })
  .strict();

export const pilotQuerySchema = z
  .object({
    institutionId: id.optional(),
    certificateId: id.optional(),
    year: z.coerce.number().int().min(2019).max(2100).optional(),
  })
  .strict();

// ── sites ──

export const siteStatusSchema = z.enum(['PENDING', 'APPROVED', 'SUSPENDED', 'CLOSED']);
const certificateLevelRef = z.object({ certificateId: idParam, level: levelCodeSchema }).strict();

export const siteSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    nameZh: z.string(),
    teoId: z.string(),
    hostType: z.enum(['INSTITUTION', 'ENTERPRISE']),
    hostInstitutionId: z.string().nullable(),
    hostNameZh: z.string(),
    provinceCode: z.string(),
    capacity: z.number().describe('Candidates one session at this site can take.'),
    certificateLevels: z.array(z.object({ certificateId: z.string(), level: levelCodeSchema })),
    status: siteStatusSchema,
    createdAt: isoDateTime,
    approvedAt: isoDateTime.nullable(),
  })
  .describe('考核站点: an assessment site of one TEO, hosted by an institution or an enterprise.');

export const createSiteRequestSchema = z
  .object({
    code: shortText(40).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _'),
    nameZh: shortText(120),
    teoId: idParam,
    hostType: z.enum(['INSTITUTION', 'ENTERPRISE']),
    hostInstitutionId: idParam.optional().describe('Required when hostType is INSTITUTION.'),
    hostNameZh: shortText(120).optional().describe('Required when hostType is ENTERPRISE.'),
    provinceCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional()
      .describe('Defaults to the host institution’s province; required for an enterprise.'),
    capacity: z.int().min(1).max(100_000),
    certificateLevels: z
      .array(certificateLevelRef)
      .min(1)
      .max(100)
      .describe('The levels the site applies for.'),
  })
  .strict();

export const approveSiteRequestSchema = z
  .object({
    certificateLevels: z
      .array(certificateLevelRef)
      .min(1)
      .max(100)
      .optional()
      .describe('The levels the TEO approves; default: those applied for.'),
    reason: shortText(500).optional(),
  })
  .strict();

export const siteTransitionRequestSchema = z
  .object({ to: siteStatusSchema, reason: shortText(500).optional() })
  .strict()
  .describe('PENDING → APPROVED | CLOSED; APPROVED → SUSPENDED | CLOSED; SUSPENDED → APPROVED | CLOSED.');

export const siteQuerySchema = z
  .object({ teoId: id.optional(), status: siteStatusSchema.optional() })
  .strict();

// ── prerequisites ──

const scope = z
  .enum(['ALL', 'STUDENT', 'SOCIAL'])
  .optional()
  .describe('Who the prerequisite applies to (default ALL).');
export const prerequisiteSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('HOLDS_LOWER_LEVEL'), appliesTo: scope })
    .strict()
    .describe('The learner has a published pass at the level below, same certificate.'),
  z
    .object({ kind: z.literal('TRAINING_HOURS'), min: z.int().min(1).max(10_000), appliesTo: scope })
    .strict()
    .describe('The registration declares at least `min` training hours.'),
]);
export const prerequisitesSchema = z
  .object({ items: z.array(prerequisiteSchema).max(10) })
  .strict()
  .describe('A TEO’s registration prerequisites for one certificate level, held as data.');

// ── sessions ──

export const sessionSchema = z
  .object({
    id: z.string(),
    certificateId: z.string(),
    certificateCode: z.string(),
    level: levelCodeSchema,
    standardId: z.string(),
    standardVersion: z.number(),
    siteId: z.string(),
    date: z.string().describe('Exam date, YYYY-MM-DD (China Standard Time).'),
    theoryMode: z.enum(['ONLINE', 'PAPER']),
    practicalMode: z.enum(['ON_SITE', 'ON_COMPUTER']),
    registrationOpensAt: isoDateTime,
    registrationClosesAt: isoDateTime,
    capacity: z.number(),
    registeredCount: z.number(),
    resultsStatus: z.enum(['DRAFT', 'PUBLISHED']),
    resultsPublishedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .describe('考核场次: one sitting of a certificate level at a site on a date.');

export const createSessionRequestSchema = z
  .object({
    certificateId: idParam,
    level: levelCodeSchema,
    standardId: id.describe('A PUBLISHED skill standard version of the certificate.'),
    siteId: idParam.describe('A site APPROVED for this certificate level.'),
    date: z.iso.date().describe('Exam date, YYYY-MM-DD.'),
    theoryMode: z.enum(['ONLINE', 'PAPER']),
    practicalMode: z.enum(['ON_SITE', 'ON_COMPUTER']),
    registrationOpensAt: isoDateTime,
    registrationClosesAt: isoDateTime.describe('After it opens, and on or before the exam date.'),
    capacity: z.int().min(1).max(100_000).optional().describe('Default and maximum: the site’s capacity.'),
  })
  .strict();

export const sessionQuerySchema = z.object({ certificateId: id.optional(), siteId: id.optional() }).strict();

// ── registrations ──

export const registrationSchema = z.object({
  id: z.string().describe('The registration id: the 准考证号 of the results file.'),
  sessionId: z.string(),
  learnerId: z.string(),
  trainingHours: z.number().nullable(),
  registeredAt: isoDateTime,
});

export const registerRequestSchema = z
  .object({
    learnerId: id,
    trainingHours: z
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .describe('Declared training hours (prerequisites).'),
  })
  .strict();

export const bulkRegisterRequestSchema = z
  .object({ registrations: z.array(registerRequestSchema).min(1).max(2000) })
  .strict();

const eligibilityRule = z
  .enum([
    'LEARNER_NOT_FOUND',
    'SITE_NOT_APPROVED',
    'WINDOW',
    'DOUBLE_SITTING',
    'PILOT_AUTHORIZATION',
    'PREREQUISITE_LOWER_LEVEL',
    'PREREQUISITE_TRAINING_HOURS',
    'CAPACITY',
  ])
  .describe('The eligibility rule a registration broke.');

export const registrationOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ learnerId: z.string(), status: z.literal('REGISTERED'), registration: registrationSchema }),
  z.object({
    learnerId: z.string(),
    status: z.literal('REFUSED'),
    rule: eligibilityRule,
    text,
    refusals: z
      .array(z.object({ rule: eligibilityRule, text }))
      .describe('Every rule broken, first one first.'),
  }),
]);

// ── results ──

const score = z.number().min(0).max(100).describe('0–100, at most one decimal.');

export const scoresRequestSchema = z
  .object({
    entries: z
      .array(
        z
          .object({
            registrationId: id,
            theory: score.optional(),
            practical: score.optional(),
            absent: z
              .boolean()
              .optional()
              .describe('缺考: absent candidates have no scores and do not pass.'),
          })
          .strict(),
      )
      .min(1)
      .max(5000),
    actor: shortText(120).optional().describe('Who records the scores (default admin).'),
  })
  .strict();

const reasonSchema = z.object({
  code: z.enum(['ABSENT', 'THEORY_BELOW_MIN', 'PRACTICAL_BELOW_MIN', 'TOTAL_BELOW_MIN']),
  zh: z.string(),
  en: z.string(),
});

export const resultSchema = z.object({
  id: z.string(),
  registrationId: z.string(),
  sessionId: z.string(),
  learnerId: z.string(),
  status: z.enum(['SCORED', 'ABSENT']),
  theory: z.number().nullable(),
  practical: z.number().nullable(),
  total: z.number().nullable().describe('Weighted total by the level’s pass rule; null when absent.'),
  passed: z.boolean(),
  reasons: z.array(reasonSchema).describe('Why the candidate did not pass.'),
  revision: z.number(),
  updatedAt: isoDateTime,
});

export const resultRevisionSchema = z.object({
  resultId: z.string(),
  revision: z.number(),
  status: z.enum(['SCORED', 'ABSENT']),
  theory: z.number().nullable(),
  practical: z.number().nullable(),
  total: z.number().nullable(),
  passed: z.boolean(),
  reason: z.string(),
  actor: z.string(),
  at: isoDateTime,
});

export const resultWithHistorySchema = resultSchema.extend({
  revisions: z.array(resultRevisionSchema).describe('Every version, oldest first.'),
});

export const rescoreRequestSchema = z
  .object({
    theory: score.optional(),
    practical: score.optional(),
    absent: z.boolean().optional(),
    reason: shortText(1000).describe('Why the result changes, e.g. the appeal reference.'),
    actor: shortText(120).describe('Who re-scores.'),
  })
  .strict();

export const passedResultSchema = z.object({
  resultId: z.string(),
  registrationId: z.string(),
  sessionId: z.string(),
  learnerId: z.string(),
  siteId: z.string(),
  certificateId: z.string(),
  certificateCode: z.string(),
  level: levelCodeSchema,
  standardId: z.string(),
  standardVersion: z.number(),
  theory: z.number(),
  practical: z.number(),
  total: z.number(),
  revision: z.number(),
  publishedAt: isoDateTime,
});

export const passedResultsQuerySchema = z
  .object({
    afterId: id.optional().describe('The last result id of the previous page.'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

// ── results files ──

export const resultsImportRequestSchema = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    base64: z
      .string()
      .max(8_000_000)
      .regex(/^[A-Za-z0-9+/=\r\n]*$/, 'base64')
      .describe('The file, base64-encoded: at most 5 MB and 20,000 rows once decoded.'),
    actor: shortText(120).optional(),
  })
  .strict()
  .describe(
    'A results file: first sheet, header row 准考证号 (or 学习者编号), 理论成绩, 实操成绩, 缺考 (English accepted: registrationId, learnerId, theory, practical, absent).',
  );

export const resultsImportQuerySchema = z
  .object({
    dryRun: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: check every row and report, writing nothing.'),
  })
  .strict();

export const importIssueSchema = z.object({
  path: z.string().describe('`row 7 · 理论成绩`'),
  message: z.string(),
  messageZh: z.string(),
  row: z.number(),
  column: z.string(),
});

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  format: z.enum(['csv', 'xlsx']),
  rows: z.number().describe('Data rows read.'),
  issues: z.array(importIssueSchema).describe('Every bad row (a real run with issues is refused, 422).'),
  written: z.number(),
  summary: z.object({ scored: z.number(), absent: z.number(), passed: z.number(), failed: z.number() }),
});

// ── bulk issuance ──

export const issuanceProgressSchema = z.object({
  sessionId: z.string(),
  total: z.number().int().describe('Passed, published results of the session'),
  done: z.number().int().describe('Of them, with a certificate now'),
  issued: z.number().int().describe('Issued by this job'),
});

export const issuanceJobSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    state: z.enum(['RUNNING', 'DONE', 'FAILED']),
    progress: issuanceProgressSchema,
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string(), messageZh: z.string() }).nullable(),
  })
  .describe('A bulk issuance job of one session: poll it until DONE or FAILED.');
