import type { Text } from './text.ts';

/**
 * Codes every module may raise. Module-specific codes live in each module's `x.errors.ts`;
 * the union of all of them is `ErrorCode` in `core/src/errors.ts`, which the API maps to HTTP
 * statuses through one exhaustive table.
 */
export const sharedErrorCodes = [
  /** Input failed validation; `details.issues` names each field. */
  'VALIDATION_FAILED',
  /** A referenced record does not exist. */
  'NOT_FOUND',
  /** The request conflicts with the current state (a unique key, a lifecycle rule). */
  'CONFLICT',
  /** No or bad credentials. */
  'UNAUTHORIZED',
  /** Authenticated, but not allowed to do this. */
  'FORBIDDEN',
] as const;
export type SharedErrorCode = (typeof sharedErrorCodes)[number];

/** One problem with one field or row of an input. */
export interface FieldIssue {
  /** Path to the field, e.g. `levels.0.passRule.theoryMin`, or `row 12 / column score`. */
  path: string;
  message: string;
}

export interface DomainErrorDetails {
  issues?: FieldIssue[];
  [key: string]: unknown;
}

/**
 * The one error type core throws. `code` is stable (clients and tests key on it); `message` is
 * for a person, in Chinese and English.
 */
export class DomainError<C extends string = string> extends Error {
  readonly code: C;
  readonly text: Text;
  readonly details: DomainErrorDetails;

  constructor(code: C, text: Text, details: DomainErrorDetails = {}) {
    super(`${text.en} / ${text.zh}`);
    this.name = 'DomainError';
    this.code = code;
    this.text = text;
    this.details = details;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Shorthand for a validation error naming one field. */
export function invalid(path: string, text: Text): DomainError<'VALIDATION_FAILED'> {
  return new DomainError('VALIDATION_FAILED', text, { issues: [{ path, message: text.en }] });
}

export function notFound(what: string, id: string): DomainError<'NOT_FOUND'> {
  return new DomainError('NOT_FOUND', { zh: `未找到${what}：${id}`, en: `${what} not found: ${id}` }, { id });
}
