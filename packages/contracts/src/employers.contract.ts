import { z } from 'zod';
import { idParam, isoDateTime, listOf, shortText } from './common.contract.ts';
import { checkSchema, credentialRecordSchema } from './credentials.contract.ts';

/** An employer (用人单位): an organization whose EMPLOYER_HR accounts see consenting candidates. */
export const employerSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  uscc: z.string().describe('Unified social credit code (统一社会信用代码, GB 32100-2015).'),
  provinceCode: z.string().nullable(),
  industryCode: z.string().nullable(),
  synthetic: z.boolean(),
  createdAt: isoDateTime,
});
export type EmployerBody = z.infer<typeof employerSchema>;
export const employerListSchema = listOf(employerSchema);

export const createEmployerRequestSchema = z
  .object({
    code: shortText(40).describe('Upper-case letters, digits and -, e.g. `EMP-0001`.'),
    nameZh: shortText(200),
    nameEn: shortText(200),
    uscc: z
      .string()
      .length(18)
      .describe('Unified social credit code, 18 characters with its check character.'),
    provinceCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
    industryCode: z.string().max(10).optional().describe('GB/T 4754-2017 section or class.'),
  })
  .strict();

export const employerRefSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});

export const consentScopeSchema = z
  .enum(['ALL', 'SELECTED'])
  .describe('ALL: every certificate of the learner (later ones too); SELECTED: the listed credentials.');
export const consentStateSchema = z
  .enum(['ACTIVE', 'EXPIRED', 'REVOKED'])
  .describe('Only an ACTIVE grant gives the employer access.');

/** What a learner sends to grant an employer consent. */
export const grantConsentRequestSchema = z
  .object({
    employerId: shortText(120).describe('Employer id or code (see GET /api/v1/employers).'),
    scope: consentScopeSchema,
    credentialIds: z
      .array(shortText(500))
      .max(200)
      .optional()
      .describe('For SELECTED: credential ids (or certificate numbers) of the learner. Absent for ALL.'),
    purpose: shortText(500).describe('Why the employer may look, e.g. the job applied for.'),
    expiresAt: isoDateTime.optional().describe('Default 90 days from now; at most 365 days from now.'),
    revealIdentity: z
      .boolean()
      .optional()
      .describe('Show the employer the full name and masked ID number (default false: a masked name only).'),
  })
  .strict();
export type GrantConsentRequest = z.infer<typeof grantConsentRequestSchema>;

/** A grant as its learner sees it. */
export const consentGrantSchema = z.object({
  id: z.string(),
  learnerId: z.string(),
  employerId: z.string(),
  employer: employerRefSchema,
  scope: consentScopeSchema,
  credentialIds: z.array(z.string()).describe('The credentials a SELECTED grant covers; empty for ALL.'),
  purpose: z.string(),
  revealIdentity: z.boolean(),
  grantedBy: z.string(),
  grantedAt: isoDateTime,
  expiresAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
  revokedBy: z.string().nullable(),
  state: consentStateSchema,
});
export type ConsentGrantBody = z.infer<typeof consentGrantSchema>;
export const consentGrantListSchema = listOf(consentGrantSchema);

/** A learner with a live grant, as an employer sees them. */
export const candidateSchema = z.object({
  learnerId: z.string(),
  displayName: z.string().describe('The full name if a live grant reveals identity, else masked (`张**`).'),
  identityRevealed: z.boolean(),
  nationalIdMasked: z.string().nullable().describe('`3301**********1234` when identity is revealed.'),
  credentialCount: z.number().describe('Credentials the live grants cover now.'),
  grants: z.array(
    z.object({
      id: z.string(),
      scope: consentScopeSchema,
      purpose: z.string(),
      grantedAt: isoDateTime,
      expiresAt: isoDateTime,
    }),
  ),
});
export type CandidateBody = z.infer<typeof candidateSchema>;
export const candidateListSchema = listOf(candidateSchema);

/** One credential a candidate's live grant covers, verified when it is served. */
export const candidateCredentialSchema = z.object({
  credential: credentialRecordSchema,
  verification: z.object({
    verified: z.boolean(),
    format: z.string(),
    checks: z.array(checkSchema),
  }),
  grantIds: z.array(z.string()),
});
export const candidateCredentialsSchema = z.object({
  candidate: candidateSchema,
  items: z.array(candidateCredentialSchema),
});
export type CandidateCredentialsBody = z.infer<typeof candidateCredentialsSchema>;

export const employerParams = z.object({ id: idParam });
export const candidateParams = z.object({ id: idParam, learnerId: idParam });
