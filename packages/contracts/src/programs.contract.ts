import { z } from 'zod';
import { majorCodeSchema } from './catalog.contract.ts';
import { idParam, shortText } from './common.contract.ts';

export const institutionTypeSchema = z.enum([
  'SECONDARY_VET',
  'HIGHER_VET',
  'VOCATIONAL_UNDERGRAD',
  'APPLIED_UNDERGRAD',
  'TECHNICAL_SCHOOL',
]);

export const institutionSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  type: institutionTypeSchema,
  provinceCode: z.string(),
  urbanRural: z.enum(['URBAN', 'RURAL']),
  isDoubleHigh: z.boolean(),
  synthetic: z.boolean(),
});

export const createInstitutionRequestSchema = z
  .object({
    code: shortText(40).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _'),
    nameZh: shortText(120),
    nameEn: shortText(200),
    type: institutionTypeSchema,
    provinceCode: z.string().regex(/^\d{2}$/, 'a 2-digit GB/T 2260 province code'),
    urbanRural: z.enum(['URBAN', 'RURAL']),
    isDoubleHigh: z.boolean().optional(),
  })
  .strict();

export const programmeSchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  majorCode: z.string(),
  cohortYear: z.number(),
  nameZh: z.string(),
  hoursPerCredit: z.number(),
});

export const createProgrammeRequestSchema = z
  .object({
    majorCode: majorCodeSchema,
    cohortYear: z.int().min(2000).max(2100),
    nameZh: shortText(120).optional(),
    hoursPerCredit: z.int().min(16).max(18).describe('Class hours per credit, 16 to 18.'),
  })
  .strict();

export const courseTypeSchema = z.enum([
  'PUBLIC_FOUNDATION',
  'PROFESSIONAL_FOUNDATION',
  'PROFESSIONAL_CORE',
  'ELECTIVE',
  'PRACTICUM',
]);

export const courseSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  hours: z.number(),
  practiceHours: z.number(),
  credits: z.number(),
  type: courseTypeSchema,
  semester: z.number().nullable(),
});

export const newCourseSchema = z
  .object({
    code: shortText(40),
    nameZh: shortText(120),
    nameEn: shortText(200).optional(),
    hours: z.int().min(1).max(2000),
    practiceHours: z.int().min(0).max(2000).optional(),
    credits: z.number().min(0.5).max(100).optional(),
    type: courseTypeSchema,
    semester: z.int().min(1).max(12).optional(),
  })
  .strict();
export const addCoursesRequestSchema = z
  .object({ courses: z.array(newCourseSchema).min(1).max(500) })
  .strict();

export const programmeWithCoursesSchema = programmeSchema.extend({
  courses: z.array(courseSchema),
  totalHours: z.number(),
  totalCredits: z.number(),
});

export const learnerSchema = z.object({
  id: z.string(),
  kind: z.enum(['STUDENT', 'SOCIAL']),
  nameZh: z.string(),
  institutionId: z.string().nullable(),
  programmeId: z.string().nullable(),
  provinceCode: z.string(),
  birthYear: z.number().nullable(),
  gender: z.enum(['F', 'M']).nullable(),
  nationalIdMasked: z.string().describe('Only ever masked, e.g. 3301**********1234.'),
  synthetic: z.boolean(),
});

export const createLearnerRequestSchema = z
  .object({
    kind: z.enum(['STUDENT', 'SOCIAL']),
    nameZh: shortText(60),
    nationalId: z
      .string()
      .trim()
      .max(18)
      .describe('Resident ID number; checked by ISO 7064 MOD 11-2, stored encrypted.'),
    institutionId: idParam.optional(),
    programmeId: z.string().max(120).optional(),
    provinceCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
  })
  .strict();

export const learnerQuerySchema = z
  .object({
    institutionId: z.string().max(120).optional(),
    programmeId: z.string().max(120).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    offset: z.coerce.number().int().min(0).optional(),
  })
  .strict();
