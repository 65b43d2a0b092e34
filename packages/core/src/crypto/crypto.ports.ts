/**
 * The cryptographic primitives core needs, behind one port so that the verifier runs in Node
 * (node:crypto, fastest) and in a browser (@noble/*) alike.
 */
export interface Signer {
  /** The 32-byte raw Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** A 64-byte Ed25519 signature (RFC 8032) of `message`. */
  sign(message: Uint8Array): Uint8Array;
}

export interface CryptoProvider {
  /** SHA-256 of the concatenation of `parts`. */
  sha256(...parts: Uint8Array[]): Uint8Array;
  /** Verify a 64-byte Ed25519 signature against a 32-byte raw public key. Never throws. */
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /** A signer for a 32-byte Ed25519 seed (the secret key). Built once, reused for many signatures. */
  ed25519Signer(seed: Uint8Array): Signer;
  /** Derive the 32-byte public key of a 32-byte seed. */
  ed25519PublicKey(seed: Uint8Array): Uint8Array;
}
