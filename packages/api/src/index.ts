export { buildApp, VERSION } from './app.ts';
export {
  type CertificatePdf,
  type CertificatePdfErrorCode,
  certificateFileName,
  certificatePdfErrorCodes,
  certificatePdfFor,
  extractCredentialFromPdf,
  isPdf,
  verificationLink,
} from './certificate-pdf/index.ts';
export { type Config, ConfigError, loadConfig } from './config.ts';
export { httpStatus } from './errors.ts';
export { learnerPresentation } from './learner-presentation.ts';
export { offlineBundleFor } from './offline-bundle.ts';
export { type Server, startServer } from './server.ts';
export { createInstanceVerifier } from './verifier.ts';
