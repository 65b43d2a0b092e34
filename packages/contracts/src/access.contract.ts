import { z } from 'zod';
import { idParam, isoDateTime, shortText } from './common.contract.ts';

export const roleSchema = z
  .enum([
    'REGULATOR_ADMIN',
    'TEO_ADMIN',
    'ASSESSOR',
    'INSTITUTION_ADMIN',
    'TEACHER',
    'LEARNER',
    'EMPLOYER_HR',
  ])
  .describe('An account role.');
export const accountOrgKindSchema = z.enum(['REGULATOR', 'TEO', 'INSTITUTION', 'EMPLOYER']);

export const signInRequestSchema = z
  .object({
    email: z.email().max(254),
    password: z.string().min(1).max(200),
  })
  .strict();

/** Who the caller is: the principal of a session, an API key or the admin token. */
export const principalSchema = z.object({
  via: z.enum(['admin-token', 'session', 'api-key']),
  actorId: z.string(),
  role: roleSchema,
  orgKind: accountOrgKindSchema.nullable(),
  orgId: z.string().nullable(),
  learnerId: z.string().nullable(),
});

export const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  orgKind: accountOrgKindSchema.nullable(),
  orgId: z.string().nullable(),
  learnerId: z.string().nullable(),
});

export const signInResponseSchema = z.object({ account: accountSchema });

export const createAccountRequestSchema = z
  .object({
    email: z.email().max(254),
    name: shortText(120),
    password: z.string().min(10).max(200).describe('At least 10 characters.'),
    role: roleSchema,
    orgId: idParam
      .optional()
      .describe('The organization (TEO, institution id, employer code); not for learners.'),
    learnerId: idParam.optional().describe('The learner record of a LEARNER account.'),
  })
  .strict();

export const createApiKeyRequestSchema = z
  .object({
    name: shortText(120),
    role: roleSchema,
    orgId: idParam.describe('The organization the key acts for.'),
  })
  .strict();

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the secret, to recognise it.'),
  role: roleSchema,
  orgKind: accountOrgKindSchema.nullable(),
  orgId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
  lastUsedAt: isoDateTime.nullable(),
});

export const createdApiKeySchema = z.object({
  key: apiKeySchema,
  secret: z
    .string()
    .describe('The key itself (`Authorization: Bearer onex_…`): shown this once, stored hashed.'),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: isoDateTime,
  actorId: z.string(),
  actorVia: z.enum(['admin-token', 'session', 'api-key', 'anonymous']),
  role: roleSchema.nullable(),
  orgKind: accountOrgKindSchema.nullable(),
  orgId: z.string().nullable(),
  action: z.string().describe('The route, e.g. `POST /api/v1/learners`.'),
  target: z.string(),
  statusCode: z.number().int(),
  requestId: z.string(),
});

export const auditQuerySchema = z
  .object({
    afterId: z.coerce.number().int().min(0).optional().describe('The last id of the previous page.'),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
