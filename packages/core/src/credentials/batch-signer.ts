import { type CryptoProvider, jcsBytes, type Signer } from '../crypto/index.ts';
import type { Cryptosuite, JsonObject } from './credential.model.ts';
import { signDataIntegrity } from './proof.ts';

/** One issuer key, as a batch signer needs it: the seed never leaves the process. */
export interface SigningKey {
  seed: Uint8Array;
  /** e.g. `did:web:onex.example:teos:TEO-0002#key-1` */
  verificationMethod: string;
  /** The signer already built from `seed` in this thread (node:crypto KeyObject), reused in-thread. */
  signer: Signer;
}

export interface SignedWithDigest {
  document: JsonObject;
  /** SHA-256 of the JCS form of the signed document (what the transparency log records). */
  digest: Uint8Array;
}

/**
 * Signs many credentials with one key (Data Integrity proofs) and digests them, keeping the order.
 * Issuance calls it inside its transaction; the Node runtime plugs in a worker-thread pool
 * (`db/src/signing-pool.ts`) so every core signs, and core keeps this in-thread one.
 */
export interface BatchSigner {
  sign(
    documents: readonly JsonObject[],
    key: SigningKey,
    options: { cryptosuite: Cryptosuite; created: string },
  ): Promise<SignedWithDigest[]>;
}

/** Signs and digests one after the other in this thread. */
export function inThreadSigner(crypto: CryptoProvider): BatchSigner {
  return {
    sign: (documents, key, options) =>
      signAndDigest(crypto, documents, key.signer, key.verificationMethod, options),
  };
}

/** The shared body of every batch signer (the worker threads run it too). */
export async function signAndDigest(
  crypto: CryptoProvider,
  documents: readonly JsonObject[],
  signer: Signer,
  verificationMethod: string,
  options: { cryptosuite: Cryptosuite; created: string },
): Promise<SignedWithDigest[]> {
  const out: SignedWithDigest[] = [];
  for (const document of documents) {
    const signed = await signDataIntegrity(document, {
      cryptosuite: options.cryptosuite,
      signer,
      verificationMethod,
      created: options.created,
      crypto,
    });
    out.push({ document: signed, digest: crypto.sha256(jcsBytes(signed)) });
  }
  return out;
}
