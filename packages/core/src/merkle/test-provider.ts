/**
 * TEST-ONLY CryptoProvider on node:crypto, for the merkle and ledger tests. Production code gets
 * its provider injected (`core/crypto/node-provider.ts` in Node, `@noble/*` in a browser); never
 * import this file outside `*.test.ts`.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  hash,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import type { CryptoProvider, Signer } from '../crypto/index.ts';

// DER prefixes of an Ed25519 PKCS#8 private key (RFC 8410) and SubjectPublicKeyInfo.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function privateKey(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new TypeError('an Ed25519 seed has 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function asBytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

function publicKeyOf(key: KeyObject): Uint8Array {
  return asBytes(createPublicKey(key).export({ format: 'der', type: 'spki' })).slice(SPKI_PREFIX.length);
}

/** The test provider. */
export const testCrypto: CryptoProvider = {
  sha256(...parts) {
    // One-shot crypto.hash (Node >= 20.12) is faster for the common single-buffer case.
    if (parts.length === 1) return asBytes(hash('sha256', parts[0]!, 'buffer'));
    const h = createHash('sha256');
    for (const p of parts) h.update(p);
    return asBytes(h.digest());
  },
  ed25519Verify(publicKey, message, signature) {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    try {
      const key = createPublicKey({
        key: Buffer.concat([SPKI_PREFIX, publicKey]),
        format: 'der',
        type: 'spki',
      });
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  },
  ed25519Signer(seed): Signer {
    const key = privateKey(seed);
    return { publicKey: publicKeyOf(key), sign: (message) => asBytes(sign(null, message, key)) };
  },
  ed25519PublicKey(seed) {
    return publicKeyOf(privateKey(seed));
  },
};

/** The test provider, counting `sha256` calls (to check hash costs, never wall-clock time). */
export function countingCrypto(): CryptoProvider & { readonly sha256Calls: number } {
  let calls = 0;
  return {
    ...testCrypto,
    sha256(...parts) {
      calls++;
      return testCrypto.sha256(...parts);
    },
    get sha256Calls() {
      return calls;
    },
  };
}
