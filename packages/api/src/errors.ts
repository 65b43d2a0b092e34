import { type ErrorCode, isDomainError } from '@onex/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { CertificatePdfErrorCode } from './certificate-pdf/index.ts';

/** Codes raised by the HTTP layer itself rather than by core. */
export type ApiErrorCode =
  | 'MALFORMED_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'ROUTE_NOT_FOUND'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL'
  | CertificatePdfErrorCode;

/**
 * The one table from error code to HTTP status. It is a `Record` over every code, so adding a
 * code to core without mapping it here fails to compile.
 */
export const httpStatus: Record<ErrorCode | ApiErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CRYPTO_BAD_MULTIBASE: 400,
  CRYPTO_BAD_MULTIKEY: 400,
  CRYPTO_BAD_DID: 400,
  CRYPTO_BAD_VERIFICATION_METHOD: 400,
  CRYPTO_BAD_KEY: 400,
  CRYPTO_NOT_JSON: 400,
  STATUS_RETRIEVAL_ERROR: 502,
  STATUS_VERIFICATION_ERROR: 422,
  STATUS_LIST_LENGTH_ERROR: 422,
  MALFORMED_VALUE_ERROR: 400,
  RANGE_ERROR: 400,
  STATUS_UNSUPPORTED: 422,
  STATUS_LIST_FULL: 503,
  CATALOG_INVALID_TRANSITION: 409,
  CATALOG_EXIT_TOO_EARLY: 409,
  CATALOG_STANDARD_PUBLISHED: 409,
  CATALOG_TEO_NOT_APPROVED: 409,
  CATALOG_DUPLICATE_CODE: 409,
  PROGRAMS_DUPLICATE_LEARNER: 409,
  PROGRAMS_DUPLICATE_CODE: 409,
  CURRICULUM_NO_STANDARD: 409,
  CURRICULUM_IMPORT_INVALID: 422,
  CURRICULUM_IMPORT_UNREADABLE: 400,
  CURRICULUM_CASE_MALFORMED: 422,
  CURRICULUM_SOLVER_FAILED: 500,
  ASSESSMENT_NOT_ELIGIBLE: 409,
  ASSESSMENT_INVALID_TRANSITION: 409,
  ASSESSMENT_SITE_NOT_APPROVED: 409,
  ASSESSMENT_STANDARD_NOT_PUBLISHED: 409,
  ASSESSMENT_DUPLICATE: 409,
  ASSESSMENT_RESULTS_PUBLISHED: 409,
  ASSESSMENT_RESULTS_INCOMPLETE: 409,
  ASSESSMENT_IMPORT_INVALID: 422,
  ASSESSMENT_IMPORT_UNREADABLE: 400,
  ASSESSMENT_IMPORT_TOO_LARGE: 413,
  CREDENTIAL_REVOKED: 409,
  CREDENTIAL_INVALID_STATUS_CHANGE: 409,
  CREDENTIAL_NO_STATUS: 409,
  ISSUANCE_ALREADY_ISSUED: 409,
  INDEX_OUT_OF_RANGE: 400,
  WRONG_PROOF_SIZE: 400,
  ROOT_MISMATCH: 422,
  BAD_HASH_LENGTH: 400,
  SIZE_ORDER: 400,
  EMPTY_TREE: 400,
  INVALID_SIZE: 400,
  BAD_BORDER: 500,
  NODE_UNAVAILABLE: 500,
  NOTE_MALFORMED: 400,
  NOTE_TOO_MANY_SIGNATURES: 400,
  NOTE_BAD_SIGNATURE: 422,
  NOTE_UNVERIFIED: 422,
  NOTE_BAD_KEY: 400,
  NOTE_KEY_ID_MISMATCH: 400,
  NOTE_AMBIGUOUS_KEY: 400,
  CHECKPOINT_MALFORMED: 400,
  CHECKPOINT_ORIGIN_MISMATCH: 422,
  CHECKPOINT_NOT_SIGNED_BY_LOG: 422,
  CHECKPOINT_WITNESS_QUORUM: 422,
  CHECKPOINT_BAD_POLICY: 400,
  TILE_BAD_PATH: 404,
  TILE_BAD_COORDINATES: 400,
  TILE_BAD_HASH: 500,
  LEDGER_ENTRY_INVALID: 400,
  LEDGER_ENTRY_MALFORMED: 500,
  LEDGER_ENTRY_NOT_FOUND: 404,
  LEDGER_NO_CHECKPOINT: 404,
  LEDGER_SIZE_OUT_OF_RANGE: 404,
  LEDGER_INCONSISTENT: 409,
  LEDGER_STORAGE_CORRUPT: 500,
  LEDGER_UNKNOWN_WITNESS: 403,
  LEDGER_COSIGNATURE_INVALID: 422,
  LEDGER_WITNESS_REFUSED: 409,
  CREDIT_BANK_RULE_OVERLAP: 409,
  CREDIT_BANK_UNKNOWN_CERTIFICATE: 422,
  CREDIT_BANK_UNKNOWN_COURSE: 422,
  CREDIT_BANK_NOT_VERIFIED: 422,
  CREDIT_BANK_ALREADY_RECOGNISED: 409,
  CREDIT_BANK_NOT_LEARNERS_CREDENTIAL: 422,
  CREDIT_BANK_NO_INSTITUTION: 422,
  CREDIT_BANK_ALREADY_WITHDRAWN: 409,
  CREDIT_BANK_CLR_EMPTY: 422,
  CREDIT_BANK_WRONG_STATE: 409,
  CREDIT_BANK_SELF_REVIEW: 403,
  CREDIT_BANK_NOT_REVIEWER: 403,
  EMPLOYERS_DUPLICATE: 409,
  CONSENT_UNKNOWN_EMPLOYER: 422,
  CONSENT_EXPIRY_TOO_LONG: 422,
  CONSENT_EXPIRY_PASSED: 422,
  CONSENT_NOT_LEARNERS_CREDENTIAL: 422,
  CONSENT_SCOPE_MISMATCH: 422,
  CONSENT_NOT_THE_LEARNER: 403,
  CONSENT_ALREADY_REVOKED: 409,
  CSRF_REJECTED: 403,
  RATE_LIMITED: 429,
  OIDC_NO_ACCOUNT: 403,
  OIDC_EMAIL_NOT_VERIFIED: 403,
  OIDC_WRONG_ORGANIZATION: 403,
  OIDC_STATE_INVALID: 400,
  OIDC_FAILED: 401,
  MALFORMED_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  ROUTE_NOT_FOUND: 404,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  CERTIFICATE_PDF_MALFORMED: 400,
  CERTIFICATE_PDF_NO_CREDENTIAL: 422,
};

interface ProblemBody {
  code: string;
  message: string;
  messageZh?: string;
  details: Record<string, unknown>;
}

function send(reply: FastifyReply, code: ErrorCode | ApiErrorCode, body: Omit<ProblemBody, 'code'>) {
  return reply
    .status(httpStatus[code])
    .type('application/json')
    .send({ code, ...body });
}

/** Turns anything thrown in a route into a coded JSON problem; never leaks a stack trace. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (isDomainError(error)) {
    const code = (error.code in httpStatus ? error.code : 'INTERNAL') as ErrorCode;
    return send(reply, code, { message: error.text.en, messageZh: error.text.zh, details: error.details });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const issues = error.validation.map((v) => {
      const path = [where, ...v.instancePath.split('/').filter(Boolean)].join('.');
      const params = v.params as { issue?: { code?: string; keys?: string[] } };
      const keys =
        params.issue?.code === 'unrecognized_keys' ? ` (${(params.issue.keys ?? []).join(', ')})` : '';
      return { path, message: `${v.message ?? 'invalid'}${keys}` };
    });
    return send(reply, 'VALIDATION_FAILED', {
      message: `Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      messageZh: '请求参数无效',
      details: { issues },
    });
  }
  const fe = error as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return send(reply, 'PAYLOAD_TOO_LARGE', {
      message: 'Request body too large',
      messageZh: '请求体过大',
      details: {},
    });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return send(reply, 'UNSUPPORTED_MEDIA_TYPE', {
      message: 'Unsupported content type; send application/json',
      messageZh: '不支持的内容类型，请使用 application/json',
      details: {},
    });
  }
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Malformed JSON, an empty JSON body and other parse failures Fastify detects itself.
    return send(reply, 'MALFORMED_REQUEST', {
      message: `Malformed request: ${fe.message}`,
      messageZh: '请求格式错误（例如 JSON 无法解析）',
      details: { reason: fe.code ?? 'BAD_REQUEST' },
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, 'INTERNAL', {
    message: 'Internal error',
    messageZh: '服务器内部错误',
    details: { requestId: request.id },
  });
}
