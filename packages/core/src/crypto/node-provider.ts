/**
 * `CryptoProvider` on `node:crypto` (OpenSSL): the fast path for the API server and the CLI.
 * Import it directly as `@onex/core/crypto/node-provider.ts`; `crypto/index.ts` does not re-export
 * it, so that browser bundles never pull in `node:crypto`.
 *
 * Ed25519: RFC 8032 (https://www.rfc-editor.org/rfc/rfc8032); SHA-256: FIPS 180-4.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { cryptoError } from './crypto.errors.ts';
import type { CryptoProvider, Signer } from './crypto.ports.ts';

/** DER prefix of a PKCS#8 Ed25519 private key (RFC 8410 §7); the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
/** DER prefix of an SPKI Ed25519 public key (RFC 8410 §4); the 32-byte key follows. */
const SPKI_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

/** How many public KeyObjects to keep. Issuers are few; 1024 covers any realistic verifier mix. */
const KEY_CACHE_SIZE = 1024;

/**
 * Build an LRU cache of public KeyObjects keyed by the key bytes' base64. A Map keeps insertion
 * order, so re-inserting on a hit makes the first key the least recently used.
 */
function publicKeyCache(capacity: number): (publicKey: Uint8Array) => KeyObject {
  const cache = new Map<string, KeyObject>();
  return (publicKey) => {
    const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('base64');
    let key = cache.get(id);
    if (key !== undefined) {
      cache.delete(id);
      cache.set(id, key);
      return key;
    }
    const der = new Uint8Array(SPKI_ED25519_PREFIX.length + 32);
    der.set(SPKI_ED25519_PREFIX, 0);
    der.set(publicKey, SPKI_ED25519_PREFIX.length);
    key = createPublicKey({ key: Buffer.from(der.buffer), format: 'der', type: 'spki' });
    cache.set(id, key);
    if (cache.size > capacity) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return key;
  };
}

function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw cryptoError(
      'CRYPTO_BAD_KEY',
      { zh: 'Ed25519 种子必须为 32 字节', en: 'An Ed25519 seed must be 32 bytes' },
      { expected: 32, actual: seed instanceof Uint8Array ? seed.length : undefined },
    );
  }
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
  der.set(PKCS8_ED25519_PREFIX, 0);
  der.set(seed, PKCS8_ED25519_PREFIX.length);
  try {
    return createPrivateKey({ key: Buffer.from(der.buffer), format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

function rawPublicKey(privateKey: KeyObject): Uint8Array {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return Uint8Array.from(spki.subarray(SPKI_ED25519_PREFIX.length));
}

/** A view of a Buffer as a plain Uint8Array (no copy), so callers compare like with like. */
function plain(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Create a `CryptoProvider` on node:crypto with its own public-key cache. */
export function createNodeCrypto(options: { keyCacheSize?: number } = {}): CryptoProvider {
  const publicKeyObject = publicKeyCache(options.keyCacheSize ?? KEY_CACHE_SIZE);
  return {
    sha256(...parts) {
      const hash = createHash('sha256');
      for (const part of parts) hash.update(part);
      return plain(hash.digest());
    },

    ed25519Verify(publicKey, message, signature) {
      if (
        !(publicKey instanceof Uint8Array) ||
        !(message instanceof Uint8Array) ||
        !(signature instanceof Uint8Array) ||
        publicKey.length !== 32 ||
        signature.length !== 64
      ) {
        return false;
      }
      try {
        return verify(null, message, publicKeyObject(publicKey), signature);
      } catch {
        // An invalid point or an OpenSSL error is a failed verification, never an exception.
        return false;
      }
    },

    ed25519Signer(seed): Signer {
      const privateKey = privateKeyFromSeed(seed);
      const publicKey = rawPublicKey(privateKey);
      return {
        publicKey,
        sign: (message) => plain(sign(null, message, privateKey)),
      };
    },

    ed25519PublicKey(seed) {
      return rawPublicKey(privateKeyFromSeed(seed));
    },
  };
}

/**
 * The process-wide node:crypto `CryptoProvider`. `ed25519Verify` caches the KeyObject of the last
 * 1024 public keys; `ed25519Signer` builds the private KeyObject once per signer.
 */
export const nodeCrypto: CryptoProvider = createNodeCrypto();
