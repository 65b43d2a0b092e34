import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretBox } from '@onex/core';

/**
 * AES-256-GCM sealing of secrets at rest (issuer key seeds) under a key derived (HKDF) from the
 * master key for this one purpose. Layout: nonce (12) ‖ ciphertext ‖ tag (16).
 */
export function createSecretBox(masterKey: Uint8Array, purpose = 'issuer-keys'): SecretBox {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  const key = Buffer.from(hkdfSync('sha256', masterKey, 'onex', `${purpose}/aes-256-gcm`, 32));
  return {
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
    },
    open(sealed) {
      const buf = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(buf.length - 16));
      return new Uint8Array(
        Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]),
      );
    },
  };
}
