/**
 * `VerifierSources` building blocks: a TTL cache in front of any source (HTTP, database), an offline
 * bundle, and local did:key resolution.
 */
import { resolveDidKey } from '../crypto/index.ts';
import type { Clock } from '../shared/index.ts';
import type { JsonObject } from './credential.model.ts';
import type { VerifierSources } from './credential.ports.ts';

const CACHED = Symbol.for('onex.credentials.cachedSources');

/** Options of {@link cachedSources}. */
export interface CachedSourcesOptions {
  /** How long a found DID document or trust list (and, by default, status list) is kept. */
  ttlMs: number;
  /**
   * How long a status list credential is kept; defaults to `ttlMs`. `0` does not cache status lists
   * at all: every lookup asks `inner`, so a revocation shows at once.
   */
  statusListTtlMs?: number;
  /**
   * How long "not found" and retrieval failures are kept, so that a burst of verifications does not
   * hammer a failing server. Defaults to min(ttlMs, 30 s).
   */
  negativeTtlMs?: number;
  clock: Clock;
  /** Bound on entries per kind (DID documents, status lists); the oldest go first. Default 10,000. */
  maxEntries?: number;
}

/** A cached `VerifierSources`. While an entry lives, every call returns the very same object. */
export interface CachedVerifierSources extends VerifierSources {
  /** Forget everything (e.g. after a key rotation was announced). */
  clear(): void;
  readonly [CACHED]: true;
}

/** `true` for sources built by {@link cachedSources} (so that the verifier does not wrap them twice). */
export function isCachedSources(sources: VerifierSources): sources is CachedVerifierSources {
  return (sources as Partial<CachedVerifierSources>)[CACHED] === true;
}

interface Entry<V> {
  promise: Promise<V>;
  /** Epoch ms after which the entry is stale; Infinity while the load is in flight. */
  expires: number;
}

function ttlCache<V>(
  load: (key: string) => Promise<V | undefined>,
  opts: Required<Pick<CachedSourcesOptions, 'ttlMs' | 'negativeTtlMs' | 'maxEntries'>> & { clock: Clock },
): { get(key: string): Promise<V | undefined>; clear(): void } {
  const entries = new Map<string, Entry<V | undefined>>();
  return {
    get(key) {
      const now = opts.clock.now().getTime();
      const hit = entries.get(key);
      if (hit !== undefined && hit.expires > now) return hit.promise;
      if (hit !== undefined) entries.delete(key);
      const entry: Entry<V | undefined> = {
        promise: Promise.resolve(undefined),
        expires: Number.POSITIVE_INFINITY,
      };
      // Concurrent requests for the same key share this one promise.
      entry.promise = (async () => load(key))().then(
        (value) => {
          entry.expires =
            opts.clock.now().getTime() + (value === undefined ? opts.negativeTtlMs : opts.ttlMs);
          return value;
        },
        (error: unknown) => {
          entry.expires = opts.clock.now().getTime() + opts.negativeTtlMs;
          throw error;
        },
      );
      // A cached failure must not surface as an unhandled rejection when nobody awaits it again.
      entry.promise.catch(() => undefined);
      entries.set(key, entry);
      if (entries.size > opts.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return entry.promise;
    },
    clear() {
      entries.clear();
    },
  };
}

/**
 * Put a TTL cache in front of `inner`: DID documents, status list credentials and the trust list are
 * fetched once per `ttlMs` (negative results and retrieval failures for `negativeTtlMs`), and
 * concurrent requests for the same key share one promise. While an entry lives the same object is
 * returned, which lets the verifier cache what it derives from it (parsed keys, decoded status lists)
 * by object identity.
 */
export function cachedSources(inner: VerifierSources, options: CachedSourcesOptions): CachedVerifierSources {
  const opts = {
    ttlMs: options.ttlMs,
    negativeTtlMs: options.negativeTtlMs ?? Math.min(options.ttlMs, 30_000),
    maxEntries: options.maxEntries ?? 10_000,
    clock: options.clock,
  };
  const dids = ttlCache<JsonObject>((did) => inner.didDocument(did), opts);
  const statusListTtlMs = options.statusListTtlMs ?? opts.ttlMs;
  const lists =
    statusListTtlMs <= 0
      ? { get: (url: string) => inner.statusListCredential(url), clear: () => undefined }
      : ttlCache<JsonObject>((url) => inner.statusListCredential(url), {
          ...opts,
          ttlMs: statusListTtlMs,
          negativeTtlMs: Math.min(opts.negativeTtlMs, statusListTtlMs),
        });
  const trust = ttlCache<JsonObject>(() => inner.trustListCredential(), opts);
  return {
    didDocument: (did) => dids.get(did),
    statusListCredential: (url) => lists.get(url),
    trustListCredential: () => trust.get(''),
    clear() {
      dids.clear();
      lists.clear();
      trust.clear();
    },
    [CACHED]: true,
  };
}

/** What an offline verification bundle holds (e.g. shipped with a wallet, or built in tests). */
export interface VerifierBundle {
  /** DID (or controller URL) → DID / controller document. */
  didDocuments?: Record<string, JsonObject>;
  /** Status list URL → status list credential. */
  statusLists?: Record<string, JsonObject>;
  /** The regulator's signed trust list credential. */
  trustList?: JsonObject;
}

function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  // Own keys only: `constructor` or `__proto__` must never resolve to something from the prototype.
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** `VerifierSources` over an in-memory bundle: fully offline, never throws, `undefined` for anything missing. */
export function bundleSources(bundle: VerifierBundle): VerifierSources {
  return {
    didDocument: async (did) => own(bundle.didDocuments, did),
    statusListCredential: async (url) => own(bundle.statusLists, url),
    trustListCredential: async () => bundle.trustList,
  };
}

/**
 * Resolve `did:key` DIDs locally (https://w3c-ccg.github.io/did-key-spec/) and pass every other DID
 * or URL to `inner`. A malformed did:key resolves to `undefined`.
 */
export function withDidKey(inner: VerifierSources): VerifierSources {
  return {
    didDocument: async (did) => {
      if (did.startsWith('did:key:')) {
        try {
          return resolveDidKey(did) as unknown as JsonObject;
        } catch {
          return undefined;
        }
      }
      return inner.didDocument(did);
    },
    statusListCredential: (url) => inner.statusListCredential(url),
    trustListCredential: () => inner.trustListCredential(),
  };
}
