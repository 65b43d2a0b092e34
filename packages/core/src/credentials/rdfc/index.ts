/**
 * RDF canonicalization for eddsa-rdfc-2022 (Data Integrity EdDSA Cryptosuites v1.0,
 * https://www.w3.org/TR/vc-di-eddsa/#eddsa-rdfc-2022): JSON-LD → RDF (JSON-LD 1.1 Processing
 * Algorithms §8.1, https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm) →
 * canonical N-Quads (RDFC-1.0, https://www.w3.org/TR/rdf-canon/).
 *
 * Three paths, tried in order, all producing the same bytes:
 * - `fast`: the synchronous walker (fast.ts) plus OneX's own RDFC-1.0 for datasets whose blank
 *   nodes have distinct first-degree hashes (rdfc10.ts);
 * - `fast-walk+rdf-canonize`: the walker's dataset canonicalized by rdf-canonize, when blank nodes
 *   need N-degree hashing (e.g. two identical alignment objects);
 * - `reference`: jsonld `toRDF` (safe mode) + rdf-canonize (reference.ts), for everything the walker
 *   declines; it also raises the coded errors (unknown context, safe-mode violation, …).
 */
import { toRdfFast } from './fast.ts';
import { canonicalizeUniqueFirstDegree, type Sha256 } from './rdfc10.ts';
import { canonicalizeWithRdfCanonize, canonizeReference } from './reference.ts';

/** Which implementation produced a canonical form (all three give the same bytes). */
export type CanonicalizationPath = 'fast' | 'fast-walk+rdf-canonize' | 'reference';

/** Options of {@link canonize}, {@link canonizeDetailed} and {@link canonizeSync}. */
export interface RdfcOptions {
  /**
   * SHA-256 for RDFC-1.0's first-degree blank node hashes on the fast path. Defaults to
   * @noble/hashes (portable). In Node pass `CryptoProvider.sha256` (node:crypto): each hash is several
   * times faster, which takes roughly a quarter off canonicalizing a typical credential.
   */
  sha256?: Sha256;
}

export {
  CONTEXT_URLS,
  contextRegistryVersion,
  documentLoader,
  getContextDocument,
  type RemoteDocument,
  registerContext,
  registeredContextUrls,
} from './contexts.ts';
export {
  canonizeFast,
  FAST_CONTEXT_LISTS,
  type FastCanonizeOptions,
  fastContextList,
  fastPathDeclineReason,
  toRdfFast,
} from './fast.ts';
export { type RdfcErrorCode, rdfcErrorCodes } from './rdfc.errors.ts';
export {
  canonicalizeUniqueFirstDegree,
  escapeIri,
  escapeLiteral,
  type Quad,
  type Sha256,
  serializeDataset,
} from './rdfc10.ts';
export { canonicalizeWithRdfCanonize, canonizeReference, toRdfReference } from './reference.ts';

const counts: Record<CanonicalizationPath, number> = {
  fast: 0,
  'fast-walk+rdf-canonize': 0,
  reference: 0,
};

/** How many `canonize` / `canonizeDetailed` / `canonizeSync` calls took each path in this process. */
export function canonizeStats(): Readonly<Record<CanonicalizationPath, number>> {
  return { ...counts };
}

/** Sets the counters of {@link canonizeStats} back to zero. */
export function resetCanonizeStats(): void {
  for (const path of Object.keys(counts) as CanonicalizationPath[]) counts[path] = 0;
}

/**
 * Canonical N-Quads (RDFC-1.0) of `doc` and which path produced them. Byte-identical to jsonld
 * (safe mode) + rdf-canonize on every path.
 *
 * Throws (from the reference path) `JSONLD_CONTEXT_NOT_AVAILABLE` for a context outside the offline
 * registry, `JSONLD_SAFE_MODE_VIOLATION` for terms, types or IRIs jsonld safe mode would drop,
 * `JSONLD_INVALID`, or `RDFC_CANONICALIZATION_FAILED`.
 */
export async function canonizeDetailed(
  doc: unknown,
  options: RdfcOptions = {},
): Promise<{ nquads: string; path: CanonicalizationPath }> {
  const dataset = toRdfFast(doc);
  if (dataset !== undefined) {
    const nquads = canonicalizeUniqueFirstDegree(dataset, options.sha256);
    if (nquads !== undefined) {
      counts.fast++;
      return { nquads, path: 'fast' };
    }
    counts['fast-walk+rdf-canonize']++;
    return { nquads: await canonicalizeWithRdfCanonize(dataset), path: 'fast-walk+rdf-canonize' };
  }
  counts.reference++;
  return { nquads: await canonizeReference(doc), path: 'reference' };
}

/**
 * Canonical N-Quads (RDFC-1.0) of a JSON-LD document, as eddsa-rdfc-2022 hashes it: the fast path
 * when it handles the document, jsonld + rdf-canonize otherwise. See {@link canonizeDetailed}.
 */
export async function canonize(doc: unknown, options: RdfcOptions = {}): Promise<string> {
  return (await canonizeDetailed(doc, options)).nquads;
}

/**
 * Synchronous canonicalization by the fast path only: canonical N-Quads, or `undefined` when the
 * document needs the reference path or N-degree blank node hashing (then call {@link canonize}).
 * Never throws for bad input: declining is how it reports it.
 */
export function canonizeSync(doc: unknown, options: RdfcOptions = {}): string | undefined {
  const dataset = toRdfFast(doc);
  const nquads = dataset === undefined ? undefined : canonicalizeUniqueFirstDegree(dataset, options.sha256);
  if (nquads !== undefined) counts.fast++;
  return nquads;
}
