import { z } from 'zod';

/** Short names, codes and titles: bounded so that an overlong string is a 400, not a stored surprise. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
export const longText = (max = 2000) => z.string().trim().min(1).max(max);
export const idParam = z
  .string()
  .min(1)
  .max(120)
  .describe('An id (e.g. `cert_…`) or a code (e.g. `X-0102`).');
export const isoDateTime = z.iso.datetime({ offset: true }).describe('An ISO 8601 date-time.');

export const problemSchema = z
  .object({
    code: z.string().describe('A stable error code, e.g. `VALIDATION_FAILED`, `CATALOG_STANDARD_PUBLISHED`.'),
    message: z.string().describe('What went wrong, in English and Chinese.'),
    messageZh: z.string().optional(),
    details: z
      .object({
        issues: z
          .array(z.object({ path: z.string(), message: z.string() }))
          .optional()
          .describe('Each bad field or row, by path.'),
      })
      .catchall(z.unknown())
      .describe('Structured details; `issues` names every bad field.'),
  })
  .describe('The body of every error response.');
export type Problem = z.infer<typeof problemSchema>;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const healthSchema = z.object({
  status: z.literal('ok'),
  engine: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
