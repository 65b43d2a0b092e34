import { z } from 'zod';

const jsonObject = z.record(z.string(), z.unknown());

/** W3C VC API: options are open (the test suites send keys we do not know; they are accepted). */
const openOptions = z.object({}).catchall(z.unknown()).optional();

export const issueCredentialRequestSchema = z
  .object({
    credential: jsonObject.describe(
      'The unsigned credential. Its issuer must be an organization this platform holds keys for, or absent (the default issuer signs).',
    ),
    options: z
      .object({
        cryptosuite: z
          .enum(['eddsa-rdfc-2022', 'eddsa-jcs-2022'])
          .optional()
          .describe('Default eddsa-rdfc-2022.'),
        credentialId: z.string().max(500).optional(),
      })
      .catchall(z.unknown())
      .optional(),
  })
  .describe('VC API POST /credentials/issue');

export const issueCredentialResponseSchema = z.object({ verifiableCredential: jsonObject });

export const checkSchema = z.object({
  name: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  message: z.object({ zh: z.string(), en: z.string() }),
  code: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const verifyCredentialRequestSchema = z
  .object({
    verifiableCredential: z
      .union([jsonObject, z.string().max(1_000_000)])
      .describe('A credential with an embedded proof, or a VC-JWT.'),
    options: openOptions,
  })
  .describe('VC API POST /credentials/verify');

export const problemDetailSchema = z.object({ type: z.string(), title: z.string(), detail: z.string() });

export const verifyCredentialResponseSchema = z.object({
  verified: z.boolean(),
  format: z.string(),
  checks: z.array(checkSchema),
  problemDetails: z.array(problemDetailSchema),
  credential: jsonObject.optional(),
});

export const verifyPresentationRequestSchema = z.object({
  verifiablePresentation: z.union([jsonObject, z.string().max(5_000_000)]).optional(),
  presentation: jsonObject.optional(),
  options: z
    .object({ challenge: z.string().max(500).optional(), domain: z.string().max(500).optional() })
    .catchall(z.unknown())
    .optional(),
});

export const updateStatusRequestSchema = z
  .object({
    credentialId: z.string().min(1).max(500),
    credentialStatus: z
      .object({ type: z.string().optional(), statusPurpose: z.enum(['revocation', 'suspension']) })
      .catchall(z.unknown()),
    status: z
      .boolean()
      .describe('true sets the bit (revoke or suspend); false clears it (unsuspend; revocation is final).'),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .describe('VC API POST /credentials/status');

export const credentialStatusActionSchema = z
  .object({ action: z.enum(['revoke', 'suspend', 'unsuspend']), reason: z.string().trim().min(1).max(500) })
  .strict();

export const credentialRecordSchema = z.object({
  id: z.string(),
  issuerDid: z.string(),
  learnerId: z.string().nullable(),
  certificateCode: z.string().nullable(),
  level: z.number().nullable(),
  certificateNumber: z.string().nullable(),
  status: z.enum(['ACTIVE', 'SUSPENDED', 'REVOKED']),
  issuedAt: z.string(),
  digest: z.string().describe('SHA-256 (hex) of the JCS form of the signed credential.'),
  document: jsonObject,
});

export const verifyPdfRequestSchema = z
  .object({
    base64: z
      .string()
      .min(1)
      .max(7_000_000)
      .regex(/^[A-Za-z0-9+/=\r\n]*$/, 'base64')
      .describe('The certificate PDF, base64-encoded (at most 5 MB decoded).'),
  })
  .strict()
  .describe('A certificate PDF whose attached credential.json is verified.');
