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

const auditFilterText = z.string().trim().min(1).max(200);
export const auditQuerySchema = z
  .object({
    afterId: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .describe('The last id of the previous page (in the order asked for).'),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
    format: z.enum(['json', 'csv']).default('json'),
    order: z.enum(['asc', 'desc']).default('asc').describe('Oldest first (default) or newest first.'),
    actorId: auditFilterText
      .optional()
      .describe('Only this actor (account id, API key id or `admin-token`).'),
    action: auditFilterText
      .optional()
      .describe('Only actions containing this text, ignoring case (e.g. `transitions`).'),
    target: auditFilterText.optional().describe('Only targets containing this text, ignoring case.'),
    orgId: auditFilterText
      .optional()
      .describe('Only this organization (the regulator’s filter: everyone else sees only their own).'),
    from: isoDateTime.optional().describe('Only entries at or after this time.'),
    to: isoDateTime.optional().describe('Only entries before this time.'),
  })
  .strict();

/** An organization's identity provider a person may sign in through (OIDC). */
export const authProviderSchema = z.object({
  id: z.string().describe('Used in `/api/v1/auth/oidc/{id}/start`.'),
  nameZh: z.string(),
  nameEn: z.string(),
});

export const oidcStartQuerySchema = z
  .object({
    returnTo: z
      .string()
      .max(2000)
      .optional()
      .describe(
        'A path of this site to return to after signing in (default `/`); another origin is refused.',
      ),
  })
  .strict();

/** What an identity provider sends back (RFC 6749 §4.1.2, RFC 9207 `iss`); other parameters are ignored. */
export const oidcCallbackQuerySchema = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(4096).optional(),
  iss: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});
