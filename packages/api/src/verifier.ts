import {
  createLoggedCheck,
  createVerifier,
  type ExtraCheck,
  type JsonObject,
  type Platform,
  type Verifier,
  type VerifierSources,
} from '@onex/core';
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
    extraChecks: [instanceLoggedCheck(platform)],
  });
}

/**
 * The `logged` check against this instance's transparency log, read in-process: the proof of the
 * credential's ISSUE entry to the latest checkpoint (signed first if the entry is newer), verified
 * exactly as an offline verifier would, with the log's public key. Credentials of issuers that are
 * not this instance's are skipped: this log does not record them.
 */
export function instanceLoggedCheck(platform: Platform): ExtraCheck {
  // did:web:<host>:regulator → did:web:<host>: is the prefix of every DID this instance issues under.
  const ownPrefix = platform.credentials.didOf('REGULATOR', 'MOE').replace(/regulator$/, '');
  let check: Promise<ExtraCheck> | undefined;
  const build = async () =>
    createLoggedCheck({
      crypto: nodeCrypto,
      logVerifierKey: await platform.ledger.verifierKey(),
      witnesses: (await platform.ledger.listWitnesses()).map((w) => w.vkey),
      appliesTo: (credential) => issuerOf(credential)?.startsWith(ownPrefix) ?? false,
      proofFor: (credential) =>
        typeof credential.id === 'string' ? platform.ledger.proofForCredential(credential.id) : undefined,
    });
  return {
    name: 'logged',
    async run(credential) {
      check ??= build();
      check.catch(() => {
        check = undefined;
      });
      return (await check).run(credential);
    },
  };
}

function issuerOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer && typeof issuer === 'object' && !Array.isArray(issuer) && typeof issuer.id === 'string')
    return issuer.id;
  return undefined;
}
