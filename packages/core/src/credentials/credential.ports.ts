import type { JsonObject, TrustList } from './credential.model.ts';

/**
 * Where a verifier gets what it does not hold: DID documents (did:web; did:key is resolved
 * locally), status list credentials, and the regulator's trust list. Implemented over HTTP by a
 * client, by an offline bundle, or in-process by the API; wrapped by `cachedSources` for a TTL cache.
 * Each returns `undefined` when the thing does not exist, and throws only for retrieval failures.
 */
export interface VerifierSources {
  didDocument(did: string): Promise<JsonObject | undefined>;
  statusListCredential(url: string): Promise<JsonObject | undefined>;
  /** The signed trust list credential (the verifier checks its proof with the regulator's key). */
  trustListCredential(): Promise<JsonObject | undefined>;
}

/** A verified trust list, as the verifier uses it. */
export type { TrustList };
