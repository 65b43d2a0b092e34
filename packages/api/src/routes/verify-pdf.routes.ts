import { verifyCredentialResponseSchema, verifyPdfRequestSchema } from '@onex/contracts';
import { extractCredentialFromPdf } from '../certificate-pdf/index.ts';
import { sendVerification } from './credentials.routes.ts';
import type { RouteDeps } from './route-deps.ts';

/**
 * Public verification of a certificate PDF, for the web's verification page: the signed
 * credential attached to the PDF (`credential.json`) is extracted and verified like
 * `POST /credentials/verify` (200 verified, 422 not verified). A file that is not a readable PDF,
 * or carries no credential, is a 400 naming why.
 */
export function verifyPdfRoutes({ app, verifier }: RouteDeps) {
  app.post(
    '/api/v1/verify-pdf',
    {
      // Room for a 5 MB PDF in base64.
      bodyLimit: 7 * 1024 * 1024,
      schema: {
        tags: ['credentials'],
        summary:
          'Verify the credential attached to a certificate PDF: every named check, in Chinese and English',
        body: verifyPdfRequestSchema,
        response: { 200: verifyCredentialResponseSchema, 422: verifyCredentialResponseSchema },
      },
    },
    async (req, reply) => {
      const credential = await extractCredentialFromPdf(
        new Uint8Array(Buffer.from(req.body.base64, 'base64')),
      );
      return sendVerification(reply, await verifier().verifyCredential(credential));
    },
  );
}
