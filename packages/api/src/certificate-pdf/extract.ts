import { PDFDocument } from '@cantoo/pdf-lib';
import { DomainError, type JsonObject } from '@onex/core';
import { CREDENTIAL_ATTACHMENT } from './render.ts';

/** Error codes of reading a certificate PDF (mapped in the API's and the CLI's tables). */
export const certificatePdfErrorCodes = [
  /** The input is not a PDF (no `%PDF-` header) or cannot be parsed as one. */
  'CERTIFICATE_PDF_MALFORMED',
  /** A PDF without an attached `credential.json` holding a JSON object. */
  'CERTIFICATE_PDF_NO_CREDENTIAL',
] as const;
export type CertificatePdfErrorCode = (typeof certificatePdfErrorCodes)[number];

const magic = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Whether the bytes start with the PDF header `%PDF-`. */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * The signed credential attached to a certificate PDF as `credential.json`, exactly as issued.
 * It proves nothing by itself: verify it like any credential. Throws CERTIFICATE_PDF_MALFORMED for
 * input that is not a readable PDF and CERTIFICATE_PDF_NO_CREDENTIAL when no credential is attached.
 */
export async function extractCredentialFromPdf(bytes: Uint8Array): Promise<JsonObject> {
  if (!isPdf(bytes)) {
    throw new DomainError('CERTIFICATE_PDF_MALFORMED', {
      zh: '输入不是 PDF 文件（缺少 %PDF- 文件头）',
      en: 'The input is not a PDF (it does not start with %PDF-)',
    });
  }
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    throw new DomainError(
      'CERTIFICATE_PDF_MALFORMED',
      { zh: 'PDF 文件已损坏，无法读取', en: 'The PDF is damaged and cannot be read' },
      { reason: (e as Error).message },
    );
  }
  const attachment = pdf.getAttachments().find((a) => a.name === CREDENTIAL_ATTACHMENT);
  if (!attachment) {
    throw new DomainError(
      'CERTIFICATE_PDF_NO_CREDENTIAL',
      {
        zh: `该 PDF 未内嵌凭证（附件 ${CREDENTIAL_ATTACHMENT}）`,
        en: `The PDF has no embedded credential (attachment ${CREDENTIAL_ATTACHMENT})`,
      },
      { attachments: pdf.getAttachments().map((a) => a.name) },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(attachment.data));
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DomainError('CERTIFICATE_PDF_NO_CREDENTIAL', {
      zh: `PDF 附件 ${CREDENTIAL_ATTACHMENT} 不是 JSON 对象`,
      en: `The PDF attachment ${CREDENTIAL_ATTACHMENT} is not a JSON object`,
    });
  }
  return parsed as JsonObject;
}
