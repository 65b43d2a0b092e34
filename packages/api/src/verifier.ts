import { createVerifier, type JsonObject, type Platform, type Verifier, type VerifierSources } from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';

/**
 * The API's verifier reads this instance's own DID documents, status lists and trust list
 * in-process (no HTTP round trip to itself). DID documents and the trust list are cached briefly;
 * status lists are read fresh so a revocation shows at once.
 */
export function createInstanceVerifier(platform: Platform, baseUrl: string, ttlMs = 30_000): Verifier {
  const cache = new Map<string, { at: number; value: Promise<JsonObject | undefined> }>();
  const cached = (key: string, load: () => Promise<JsonObject | undefined>) => {
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = load();
    cache.set(key, { at: now, value });
    value.catch(() => cache.delete(key));
    return value;
  };
  const sources: VerifierSources = {
    didDocument: (did) => cached(`did ${did}`, () => platform.credentials.didDocument(did)),
    statusListCredential: async (url) =>
      url.startsWith(`${baseUrl}/status-lists/`) ? platform.credentials.statusListCredential(url) : undefined,
    trustListCredential: () => cached('trust-list', () => platform.credentials.signedTrustList()),
  };
  return createVerifier({
    crypto: nodeCrypto,
    sources,
    clock: { now: () => new Date() },
    regulatorDid: platform.credentials.didOf('REGULATOR', 'MOE'),
  });
}
