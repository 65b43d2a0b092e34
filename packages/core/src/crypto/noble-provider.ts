/**
 * `CryptoProvider` on `@noble/curves` and `@noble/hashes`: pure JavaScript, for browsers (and as a
 * reference the node:crypto provider is tested against).
 *
 * Ed25519: RFC 8032 (https://www.rfc-editor.org/rfc/rfc8032); SHA-256: FIPS 180-4.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { cryptoError } from './crypto.errors.ts';
import type { CryptoProvider, Signer } from './crypto.ports.ts';

function requireSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw cryptoError(
      'CRYPTO_BAD_KEY',
      { zh: 'Ed25519 种子必须为 32 字节', en: 'An Ed25519 seed must be 32 bytes' },
      { expected: 32, actual: seed instanceof Uint8Array ? seed.length : undefined },
    );
  }
}

/**
 * The @noble `CryptoProvider`. Verification uses RFC 8032 decoding (`zip215: false`), which is what
 * OpenSSL does, so that both providers accept the same signatures.
 */
export const nobleCrypto: CryptoProvider = {
  sha256(...parts) {
    if (parts.length === 1) return sha256(parts[0]!);
    const hash = sha256.create();
    for (const part of parts) hash.update(part);
    return hash.digest();
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
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },

  ed25519Signer(seed): Signer {
    requireSeed(seed);
    const secret = Uint8Array.from(seed);
    const publicKey = ed25519.getPublicKey(secret);
    return { publicKey, sign: (message) => ed25519.sign(message, secret) };
  },

  ed25519PublicKey(seed) {
    requireSeed(seed);
    return ed25519.getPublicKey(seed);
  },
};
