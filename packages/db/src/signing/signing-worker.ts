/**
 * A signing thread of the pool (`signing-pool.ts`): signs and digests the documents it is sent with
 * the key it is sent, exactly as `inThreadSigner` does in the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { type Cryptosuite, type JsonObject, signAndDigest } from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';

interface Job {
  id: number;
  documents: JsonObject[];
  seed: Uint8Array;
  verificationMethod: string;
  options: { cryptosuite: Cryptosuite; created: string };
}

const signers = new Map<string, ReturnType<typeof nodeCrypto.ed25519Signer>>();

parentPort!.on('message', async (job: Job) => {
  try {
    const cacheKey = `${job.verificationMethod} ${Buffer.from(job.seed).toString('base64')}`;
    let signer = signers.get(cacheKey);
    if (!signer) {
      signer = nodeCrypto.ed25519Signer(job.seed);
      signers.set(cacheKey, signer);
    }
    const out = await signAndDigest(nodeCrypto, job.documents, signer, job.verificationMethod, job.options);
    parentPort!.postMessage({ id: job.id, out });
  } catch (e) {
    parentPort!.postMessage({
      id: job.id,
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    });
  }
});
