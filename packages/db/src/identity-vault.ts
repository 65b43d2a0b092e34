import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { IdentityVault } from '@onex/core';

/**
 * AES-256-GCM encryption of national ID numbers with a random 96-bit nonce per value
 * (stored as nonce ‖ ciphertext ‖ tag), and an HMAC-SHA-256 index for lookups. Both keys are
 * derived (HKDF) from one 32-byte master key, so the index key never doubles as the cipher key.
 */
export function createIdentityVault(masterKey: Uint8Array): IdentityVault {
  if (masterKey.length !== 32) throw new Error('the identity master key must be 32 bytes');
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, 'onex', 'national-id/aes-256-gcm', 32));
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, 'onex', 'national-id/hmac-index', 32));
  return {
    encrypt(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, body, cipher.getAuthTag()]);
    },
    decrypt(data) {
      const buf = Buffer.from(data);
      const decipher = createDecipheriv('aes-256-gcm', encKey, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(buf.length - 16));
      return Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]).toString(
        'utf8',
      );
    },
    index(plain) {
      return createHmac('sha256', macKey).update(plain, 'utf8').digest();
    },
  };
}
