import { z } from 'zod';
import { idParam } from './common.contract.ts';

/** 书证融通: mappings, coverage and gaps, the restructuring optimizer, plan rules, CASE 1.1. */
const text = z.object({ zh: z.string(), en: z.string() });
export const mappingKindSchema = z.enum(['EMBED', 'REPLACE', 'SUPPLEMENT']);
const levelParam = z.enum(['1', '2', '3']).describe('1 初级 / 2 中级 / 3 高级');
const requirementCode = z.string().regex(/^[1-9]\d*\.[1-9]\d*\.[1-9]\d*$/, 'a requirement code like 1.1.1');

export const curriculumTargetParams = z.object({
  id: idParam,
  certificate: z.string().min(1).max(60).describe('certificate code or id, e.g. X-0102'),
  level: levelParam,
});

export const mappingInputSchema = z
  .object({
    courseCode: z.string().min(1).max(40),
    requirementCode,
    kind: mappingKindSchema,
    weight: z.number().gt(0).lte(1).describe('share of the requirement the course covers, (0, 1]'),
  })
  .strict();

export const setMappingsRequestSchema = z
  .object({ mappings: z.array(mappingInputSchema).max(20_000) })
  .strict();
export const importMappingsRequestSchema = z
  .object({ base64: z.string().max(3_000_000).describe('the CSV file, base64') })
  .strict();

const targetSchema = z.object({
  certificate: z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  level: z.number().int(),
  levelNameZh: z.string(),
  nominalHours: z.number(),
  targetMajors: z.array(z.string()),
  standard: z.object({ id: z.string(), version: z.number().int(), status: z.enum(['DRAFT', 'PUBLISHED']) }),
});

export const mappingListSchema = z.object({
  target: targetSchema,
  mappings: z.array(
    z.object({
      courseCode: z.string(),
      courseName: z.string(),
      requirementCode: z.string(),
      requirementTitle: z.string(),
      kind: mappingKindSchema,
      weight: z.number(),
    }),
  ),
});

export const coverageSummarySchema = z.object({
  requirements: z.number().int(),
  covered: z.number().int(),
  partial: z.number().int(),
  uncovered: z.number().int(),
  coverage: z.number().describe('hours-weighted coverage, 0–1'),
  hoursNeeded: z.number(),
});

export const coverageReportSchema = z.object({
  programme: z.object({
    id: z.string(),
    nameZh: z.string(),
    majorCode: z.string(),
    institutionId: z.string(),
  }),
  target: targetSchema,
  hoursBasis: text,
  courses: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      hours: z.number(),
      practiceHours: z.number(),
      type: z.string(),
    }),
  ),
  requirements: z.array(
    z.object({
      code: z.string(),
      titleZh: z.string(),
      titleEn: z.string().nullable(),
      taskCode: z.string(),
      taskTitleZh: z.string(),
      hours: z.number(),
      coverage: z.number(),
      status: z.enum(['COVERED', 'PARTIAL', 'UNCOVERED']),
      cells: z.array(z.object({ courseCode: z.string(), kind: mappingKindSchema, weight: z.number() })),
      hoursNeeded: z.number(),
    }),
  ),
  summary: coverageSummarySchema,
});

export const closestLevelsQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(60).optional() })
  .strict();
const levelClosenessSchema = z.object({
  certificateCode: z.string(),
  certificateNameZh: z.string(),
  level: z.number().int(),
  targeted: z.boolean().describe("the programme's major is one of the level's target majors"),
  summary: coverageSummarySchema,
});

export const closestLevelsSchema = z.object({
  items: z.array(
    z.object({
      programmeId: z.string(),
      nameZh: z.string(),
      majorCode: z.string(),
      cohortYear: z.number().int(),
      levels: z.array(levelClosenessSchema),
    }),
  ),
});

export const coverageOverviewQuerySchema = z
  .object({
    certificate: z.string().min(1).max(60).optional().describe('certificate code or id, e.g. X-0102'),
    level: levelParam.optional(),
    all: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: every level; default: the levels targeting the major or mapped to'),
  })
  .strict();
export const coverageOverviewSchema = z.object({
  items: z.array(
    levelClosenessSchema.extend({
      programmeId: z.string(),
      nameZh: z.string(),
      majorCode: z.string(),
      cohortYear: z.number().int(),
      mapped: z.boolean().describe('the programme has mappings to this level'),
    }),
  ),
});

export const planCheckSchema = z.object({
  programmeId: z.string(),
  stage: z.enum(['SECONDARY', 'HIGHER', 'BACHELOR']),
  totals: z.object({
    total: z.number(),
    practice: z.number(),
    elective: z.number(),
    public: z.number(),
    credits: z.number(),
  }),
  violations: z.array(
    z.object({
      rule: z.string(),
      text,
      actual: z.number(),
      required: z.number(),
      courseCode: z.string().optional(),
    }),
  ),
});

export const candidateModuleSchema = z
  .object({
    id: z.string().min(1).max(80),
    kind: z.enum(['EXTEND', 'NEW']),
    nameZh: z.string().min(1).max(200),
    courseCode: z.string().max(40).optional(),
    hours: z.number().positive().max(2000),
    practiceHours: z.number().min(0).max(2000),
    elective: z.boolean(),
    covers: z.array(z.object({ requirementCode, weight: z.number().gt(0).lte(1) }).strict()).max(2000),
  })
  .strict();

export const optimizeRequestSchema = z
  .object({
    budget: z.number().min(0).max(5000).optional(),
    candidates: z.array(candidateModuleSchema).max(5000).optional(),
    method: z.enum(['AUTO', 'MILP', 'GREEDY']).optional(),
  })
  .strict();

export const optimizePlanSchema = z.object({
  programmeId: z.string(),
  target: targetSchema,
  budget: z.number(),
  candidates: z.array(candidateModuleSchema),
  before: coverageSummarySchema,
  after: coverageSummarySchema,
  result: z.object({
    method: z.enum(['MILP', 'GREEDY']),
    status: z.enum(['OPTIMAL', 'FEASIBLE', 'INFEASIBLE']),
    coverageBefore: z.number(),
    coverageAfter: z.number(),
    objectiveHours: z.number(),
    addedHours: z.number(),
    chosen: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['EXTEND', 'NEW']),
        nameZh: z.string(),
        courseCode: z.string().optional(),
        hours: z.number(),
        gainHours: z.number(),
        raises: z.array(z.string()),
        closes: z.array(z.string()),
      }),
    ),
    constraints: z.array(
      z.object({
        name: z.enum(['BUDGET', 'TOTAL_HOURS', 'PRACTICE_SHARE', 'ELECTIVE_SHARE']),
        text,
        value: z.number(),
        bound: z.number(),
        binding: z.boolean(),
        excludes: z.array(z.string()),
      }),
    ),
    bound: z.number().optional(),
    gap: z.number().optional(),
    explanation: z.array(text),
  }),
});

/** A CASE 1.1 CFPackage; core checks its structure and names each problem by JSON path. */
export const casePackageSchema = z
  .object({
    CFDocument: z.record(z.string(), z.unknown()),
    CFItems: z.array(z.record(z.string(), z.unknown())),
    CFAssociations: z.array(z.record(z.string(), z.unknown())),
  })
  .passthrough()
  .describe('1EdTech CASE 1.1 CFPackage (CFDocument, CFItems, CFAssociations)');
