import { z } from 'zod';
import { idParam, isoDateTime, shortText } from './common.contract.ts';

export const teoStatusSchema = z.enum(['APPLIED', 'APPROVED', 'WARNED', 'RECTIFYING', 'EXITED', 'REVOKED']);
export const certificateStatusSchema = z.enum([
  'DRAFT',
  'PUBLIC_NOTICE',
  'ACTIVE',
  'SUSPENDED',
  'RESTRICTED',
  'EXITED',
]);
export const orgTypeSchema = z.enum(['ENTERPRISE', 'ASSOCIATION', 'PUBLIC_INSTITUTION']);
export const levelCodeSchema = z
  .union([z.literal(1), z.literal(2), z.literal(3)])
  .describe('1 初级, 2 中级, 3 高级');
export const occupationCodeSchema = z
  .string()
  .regex(/^[1-8]-\d{2}-\d{2}-\d{2}$/, 'an OCC 2022 occupation code such as 4-04-05-02')
  .describe('National Occupational Classification (2022) code, D-DD-DD-DD.');
export const majorCodeSchema = z
  .string()
  .regex(/^\d{6}$/, 'a 6-digit major code of the 2021 catalogue such as 510203')
  .describe('VET major catalogue (2021) code.');

const score = z.number().min(0).max(100);
export const passRuleSchema = z
  .object({
    theoryMin: score.optional(),
    practicalMin: score.optional(),
    totalMin: score.optional(),
    weights: z
      .object({ theory: z.number().min(0).max(1), practical: z.number().min(0).max(1) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((r) => r.theoryMin !== undefined || r.practicalMin !== undefined || r.totalMin !== undefined, {
    message: 'a pass rule needs a part minimum or a total minimum',
  })
  .refine((r) => !r.weights || Math.abs(r.weights.theory + r.weights.practical - 1) < 1e-9, {
    message: 'weights must add up to 1',
    path: ['weights'],
  })
  .describe('How a level is passed: per-part minimums and/or a weighted total (0–100).');

export const certificateLevelSchema = z
  .object({
    level: levelCodeSchema,
    nameZh: shortText(20),
    nameEn: shortText(40),
    intendedStage: z.enum(['SECONDARY_VET', 'HIGHER_VET', 'BACHELOR']),
    targetMajors: z.array(majorCodeSchema).max(200),
    nominalHours: z.int().min(1).max(2000),
    passRule: passRuleSchema,
    eqf: z.int().min(1).max(8).nullable(),
  })
  .strict();

export const teoSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  orgType: orgTypeSchema,
  uscc: z.string().nullable(),
  status: teoStatusSchema,
  appliedAt: isoDateTime,
  approvedAt: isoDateTime.nullable(),
  exitedAt: isoDateTime.nullable(),
  exitReason: z.string().nullable(),
  synthetic: z.boolean(),
});

export const createTeoRequestSchema = z
  .object({
    code: shortText(40).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _'),
    nameZh: shortText(120),
    nameEn: shortText(200),
    orgType: orgTypeSchema,
    uscc: z.string().max(18).nullable().optional(),
  })
  .strict();

export const teoTransitionRequestSchema = z
  .object({
    to: teoStatusSchema,
    reason: z.string().trim().min(1).max(500).optional(),
    voluntary: z
      .boolean()
      .optional()
      .describe('For EXITED: voluntary exit (default) waits one year after approval.'),
  })
  .strict();

export const certificateSchema = z.object({
  id: z.string(),
  code: z.string(),
  teoId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  fullNameZh: z.string(),
  batch: z.number().nullable(),
  domain: z.string(),
  status: certificateStatusSchema,
  occupationCodes: z.array(z.string()),
  iscoCodes: z.array(z.string()),
  iscedF: z.array(z.string()),
  synthetic: z.boolean(),
  levels: z.array(certificateLevelSchema),
  teo: z.object({
    id: z.string(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    status: teoStatusSchema,
  }),
});

export const createCertificateRequestSchema = z
  .object({
    code: shortText(40).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _'),
    teoId: idParam,
    nameZh: shortText(120),
    nameEn: shortText(200),
    fullNameZh: shortText(160).optional(),
    batch: z.int().min(1).max(99).nullable().optional(),
    domain: shortText(40),
    occupationCodes: z.array(occupationCodeSchema).min(1).max(50),
    iscoCodes: z
      .array(z.string().regex(/^\d{4}$/, 'an ISCO-08 unit group'))
      .max(20)
      .optional(),
    iscedF: z
      .array(z.string().regex(/^\d{4}$/, 'an ISCED-F 2013 detailed field'))
      .max(20)
      .optional(),
    levels: z.array(certificateLevelSchema).min(1).max(3),
  })
  .strict();

export const certificateTransitionRequestSchema = z
  .object({ to: certificateStatusSchema, reason: z.string().trim().min(1).max(500).optional() })
  .strict();

const requirementSchema = z
  .object({
    code: z.string().max(20).optional(),
    titleZh: shortText(200),
    titleEn: shortText(300).optional(),
    behaviour: shortText(1000).describe('行为'),
    condition: shortText(1000).describe('条件'),
    standard: shortText(1000).describe('标准'),
    result: shortText(1000).describe('结果'),
  })
  .strict();
const taskSchema = z
  .object({
    code: z.string().max(20).optional(),
    titleZh: shortText(200),
    titleEn: shortText(300).optional(),
    requirements: z.array(requirementSchema).min(1).max(50),
  })
  .strict();
const areaSchema = z
  .object({
    code: z.string().max(20).optional(),
    titleZh: shortText(200),
    titleEn: shortText(300).optional(),
    tasks: z.array(taskSchema).min(1).max(50),
  })
  .strict();
export const skillStandardTreeSchema = z
  .object({
    titleZh: shortText(200),
    titleEn: shortText(300),
    levels: z
      .array(z.object({ level: levelCodeSchema, areas: z.array(areaSchema).min(1).max(50) }).strict())
      .min(1)
      .max(3),
  })
  .strict()
  .describe(
    'A skill standard version: level → work area → work task → skill requirement (codes 1, 1.1, 1.1.1).',
  );

export const createStandardRequestSchema = skillStandardTreeSchema
  .extend({ basedOnId: z.string().max(120).optional() })
  .strict();

export const skillNodeSchema = z.object({
  level: levelCodeSchema,
  code: z.string(),
  kind: z.enum(['AREA', 'TASK', 'REQUIREMENT']),
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  behaviour: z.string().nullable(),
  condition: z.string().nullable(),
  standard: z.string().nullable(),
  result: z.string().nullable(),
  position: z.number(),
});

export const skillStandardSchema = z.object({
  id: z.string(),
  certificateId: z.string(),
  version: z.number(),
  status: z.enum(['DRAFT', 'PUBLISHED']),
  titleZh: z.string(),
  titleEn: z.string(),
  basedOnId: z.string().nullable(),
  createdAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
});
export const skillStandardWithNodesSchema = skillStandardSchema.extend({ nodes: z.array(skillNodeSchema) });

export const standardDiffSchema = z.object({
  from: z.object({ id: z.string(), version: z.number() }),
  to: z.object({ id: z.string(), version: z.number() }),
  added: z.array(skillNodeSchema),
  removed: z.array(skillNodeSchema),
  changed: z.array(
    z.object({
      level: levelCodeSchema,
      code: z.string(),
      fields: z.array(z.string()),
      before: skillNodeSchema,
      after: skillNodeSchema,
    }),
  ),
});

export const catalogDocumentSchema = z
  .object({
    format: z.literal('onex-catalog/1'),
    teos: z
      .array(
        z
          .object({
            code: shortText(40),
            nameZh: shortText(120),
            nameEn: shortText(200),
            orgType: orgTypeSchema,
            uscc: z.string().max(18).nullable(),
            status: teoStatusSchema,
            appliedAt: isoDateTime,
            approvedAt: isoDateTime.nullable(),
            exitedAt: isoDateTime.nullable(),
            exitReason: z.string().max(500).nullable(),
            synthetic: z.boolean(),
          })
          .strict(),
      )
      .max(10_000),
    certificates: z
      .array(
        z
          .object({
            code: shortText(40),
            teoCode: shortText(40),
            nameZh: shortText(120),
            nameEn: shortText(200),
            fullNameZh: shortText(160),
            batch: z.int().nullable(),
            domain: shortText(40),
            status: certificateStatusSchema,
            occupationCodes: z.array(occupationCodeSchema).max(50),
            iscoCodes: z.array(z.string()).max(20),
            iscedF: z.array(z.string()).max(20),
            synthetic: z.boolean(),
            levels: z.array(certificateLevelSchema).min(1).max(3),
          })
          .strict(),
      )
      .max(10_000),
  })
  .strict()
  .describe('The catalog as one JSON document (`onex catalog export` / `import`).');

export const catalogImportResultSchema = z.object({
  teos: z.object({ added: z.array(z.string()), skipped: z.array(z.string()) }),
  certificates: z.object({ added: z.array(z.string()), skipped: z.array(z.string()) }),
});

export type CreateTeoRequest = z.infer<typeof createTeoRequestSchema>;
export type CreateCertificateRequest = z.infer<typeof createCertificateRequestSchema>;
export type SkillStandardTreeBody = z.infer<typeof skillStandardTreeSchema>;
export type CatalogDocumentBody = z.infer<typeof catalogDocumentSchema>;
