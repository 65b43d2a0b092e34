import { DomainError } from '../../shared/index.ts';

/**
 * Error codes of the RDF canonicalization layer (JSON-LD → RDF → RDFC-1.0). The fast path never
 * throws these: it declines (returns `undefined`) and the reference path raises them.
 */
export const rdfcErrorCodes = [
  /** A JSON-LD context URL is not in the offline registry; nothing is ever fetched. */
  'JSONLD_CONTEXT_NOT_AVAILABLE',
  /** `registerContext` was given a different document for a URL that is already registered. */
  'JSONLD_CONTEXT_CONFLICT',
  /**
   * JSON-LD safe mode rejected the document: a term, type or IRI would be dropped or left relative,
   * so the signed RDF would not cover everything the JSON says (dataset poisoning).
   */
  'JSONLD_SAFE_MODE_VIOLATION',
  /** The document is not valid JSON-LD (syntax, invalid context, protected term redefinition, …). */
  'JSONLD_INVALID',
  /** RDFC-1.0 refused the dataset (e.g. too much blank-node symmetry for the work limit). */
  'RDFC_CANONICALIZATION_FAILED',
] as const;
export type RdfcErrorCode = (typeof rdfcErrorCodes)[number];

export function contextNotAvailable(url: string): DomainError<'JSONLD_CONTEXT_NOT_AVAILABLE'> {
  return new DomainError(
    'JSONLD_CONTEXT_NOT_AVAILABLE',
    {
      zh: `JSON-LD 上下文不在离线注册表中（不会联网获取）：${url}`,
      en: `JSON-LD context is not in the offline registry (never fetched): ${url}`,
    },
    { url },
  );
}

export function contextConflict(url: string): DomainError<'JSONLD_CONTEXT_CONFLICT'> {
  return new DomainError(
    'JSONLD_CONTEXT_CONFLICT',
    {
      zh: `JSON-LD 上下文已注册为不同的文档：${url}`,
      en: `A different document is already registered for JSON-LD context ${url}`,
    },
    { url },
  );
}
