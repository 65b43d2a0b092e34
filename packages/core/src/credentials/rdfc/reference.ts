/**
 * The reference path: jsonld 9 `toRDF` (safe mode) + rdf-canonize 5 `canonize` (RDFC-1.0), with the
 * options @digitalbazaar/eddsa-rdfc-2022-cryptosuite uses (`base: null`, `safe: true`,
 * `rdfDirection: 'i18n-datatype'`, no generalized RDF), so that OneX canonicalizes exactly like the
 * Digital Bazaar verifiers and the W3C/1EdTech test vectors. It is the fallback of the fast path and
 * the oracle its tests compare against.
 *
 * Specs: JSON-LD 1.1 Processing Algorithms §8.1 Deserialize JSON-LD to RDF
 * (https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm); RDFC-1.0
 * (https://www.w3.org/TR/rdf-canon/).
 */
import jsonld from 'jsonld';
import rdfCanonize from 'rdf-canonize';
import { DomainError, isDomainError } from '../../shared/index.ts';
import { documentLoader } from './contexts.ts';
import type { Quad } from './rdfc10.ts';

interface JsonLdErrorLike {
  name?: unknown;
  message?: unknown;
  details?: { code?: unknown; event?: { code?: unknown; details?: unknown }; cause?: unknown };
}

const asJsonLdError = (e: unknown): JsonLdErrorLike => (typeof e === 'object' && e !== null ? e : {});

/** Maps a jsonld failure to a coded {@link DomainError}; keeps the original as `details.cause`. */
function jsonLdFailure(e: unknown): DomainError {
  const err = asJsonLdError(e);
  const cause = err.details?.cause;
  // The document loader's own error (unknown context URL) arrives wrapped as the cause.
  if (isDomainError(cause)) return cause;
  if (err.name === 'jsonld.ValidationError') {
    const event = err.details?.event;
    return new DomainError(
      'JSONLD_SAFE_MODE_VIOLATION',
      {
        zh: `JSON-LD 安全模式拒绝了该文档（${String(event?.code)}）：部分内容不会被签名覆盖`,
        en: `JSON-LD safe mode rejected the document (${String(event?.code)}): part of it would not be signed`,
      },
      { event: event?.code, eventDetails: event?.details, cause: e },
    );
  }
  return new DomainError(
    'JSONLD_INVALID',
    {
      zh: `无效的 JSON-LD 文档：${String(err.message)}`,
      en: `Invalid JSON-LD document: ${String(err.message)}`,
    },
    { jsonldError: err.name, jsonldCode: err.details?.code, cause: e },
  );
}

/**
 * The RDF dataset of `doc` as jsonld's toRDF produces it (safe mode, offline contexts only).
 * Throws `JSONLD_CONTEXT_NOT_AVAILABLE`, `JSONLD_SAFE_MODE_VIOLATION` or `JSONLD_INVALID`.
 */
export async function toRdfReference(doc: unknown): Promise<Quad[]> {
  // jsonld would treat a string as the URL of a document to load through the document loader;
  // documents are always given inline here.
  if (typeof doc !== 'object' || doc === null) {
    throw new DomainError(
      'JSONLD_INVALID',
      { zh: 'JSON-LD 文档必须是 JSON 对象或数组', en: 'A JSON-LD document must be a JSON object or array' },
      { type: doc === null ? 'null' : typeof doc },
    );
  }
  try {
    const dataset = await jsonld.toRDF(doc, {
      documentLoader,
      safe: true,
      base: null,
      rdfDirection: 'i18n-datatype',
      produceGeneralizedRdf: false,
    });
    // jsonld's quads have the RDF/JS shape Quad describes (it never emits generalized RDF here).
    return dataset as unknown as Quad[];
  } catch (e) {
    throw jsonLdFailure(e);
  }
}

/** RDFC-1.0 of a dataset with rdf-canonize (default work limit, like the cryptosuite). */
export async function canonicalizeWithRdfCanonize(dataset: readonly Quad[]): Promise<string> {
  try {
    return await rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0' });
  } catch (e) {
    throw new DomainError(
      'RDFC_CANONICALIZATION_FAILED',
      {
        zh: `RDFC-1.0 规范化失败：${e instanceof Error ? e.message : String(e)}`,
        en: `RDFC-1.0 canonicalization failed: ${e instanceof Error ? e.message : String(e)}`,
      },
      { cause: e },
    );
  }
}

/**
 * Canonical N-Quads of `doc` by the reference implementations: jsonld `toRDF` with
 * `{ safe: true, base: null, rdfDirection: 'i18n-datatype' }` and the offline
 * {@link documentLoader}, then rdf-canonize `canonize(dataset, { algorithm: 'RDFC-1.0' })`.
 * Slow (milliseconds per credential); use `canonize` from the index, which tries the fast path first.
 */
export async function canonizeReference(doc: unknown): Promise<string> {
  return canonicalizeWithRdfCanonize(await toRdfReference(doc));
}
