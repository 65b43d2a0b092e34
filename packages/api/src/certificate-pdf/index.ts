/**
 * Printable certificates: a bilingual A4 PDF of an issued credential, with the signed credential
 * attached, and reading that credential back. Lives in `api` because it reads font files.
 */
export {
  type CertificatePdfErrorCode,
  certificatePdfErrorCodes,
  extractCredentialFromPdf,
  isPdf,
} from './extract.ts';
export {
  type CertificatePdf,
  type CertificateView,
  CREDENTIAL_ATTACHMENT,
  CREDENTIAL_MEDIA_TYPE,
  certificateFileName,
  certificatePdfFor,
  certificateViewFor,
  renderCertificatePdf,
  verificationLink,
} from './render.ts';
