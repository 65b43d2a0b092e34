import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BatchSigner, JsonObject, SignedWithDigest } from '@onex/core';

interface Pending {
  resolve: (out: SignedWithDigest[]) => void;
  reject: (e: Error) => void;
}

/** A {@link BatchSigner} that can be shut down. */
export interface SigningPool extends BatchSigner {
  readonly size: number;
  close(): Promise<void>;
}

/**
 * Worker threads that sign for bulk issuance, so every core signs (issue: "worker threads so both
 * cores sign"). A batch is cut into one contiguous slice per thread and put back in order. The
 * threads start on first use (loading core costs ~1 s each) and are unref'd: they never keep the
 * process alive. The key's seed is posted to threads of this same process only.
 */
export function createSigningPool(size = Math.max(1, availableParallelism())): SigningPool {
  let workers: { worker: Worker; pending: Map<number, Pending> }[] | undefined;
  let nextId = 1;
  let closed = false;

  const reset = () => {
    const old = workers;
    workers = undefined;
    for (const w of old ?? []) void w.worker.terminate();
  };
  const start = () => {
    workers = Array.from({ length: size }, () => {
      // The worker is TypeScript like the rest of the code base (run through tsx, decision 0002):
      // its plain-JavaScript entry registers tsx in the new thread first.
      const worker = new Worker(new URL('./signing-thread.mjs', import.meta.url));
      worker.unref();
      const pending = new Map<number, Pending>();
      worker.on('message', (m: { id: number; out?: SignedWithDigest[]; error?: string }) => {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.error !== undefined) p.reject(new Error(`signing thread: ${m.error}`));
        else p.resolve(m.out!.map((o) => ({ document: o.document, digest: new Uint8Array(o.digest) })));
      });
      const failAll = (e: Error) => {
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      };
      worker.on('error', (e) => {
        reset(); // the next batch starts fresh threads
        failAll(e);
      });
      worker.on('exit', (code) => {
        reset();
        if (!closed) failAll(new Error(`signing thread exited with code ${code}`));
      });
      return { worker, pending };
    });
    return workers;
  };

  const run = (
    w: { worker: Worker; pending: Map<number, Pending> },
    documents: readonly JsonObject[],
    key: { seed: Uint8Array; verificationMethod: string },
    options: object,
  ) =>
    new Promise<SignedWithDigest[]>((resolve, reject) => {
      const id = nextId++;
      w.pending.set(id, { resolve, reject });
      w.worker.ref();
      w.worker.postMessage({
        id,
        documents,
        seed: key.seed,
        verificationMethod: key.verificationMethod,
        options,
      });
    }).finally(() => {
      if (w.pending.size === 0) w.worker.unref();
    });

  return {
    size,
    async sign(documents, key, options) {
      if (closed) throw new Error('the signing pool is closed');
      const pool = workers ?? start();
      const slice = Math.ceil(documents.length / pool.length);
      const parts = await Promise.all(
        pool
          .map((w, i) => ({ w, docs: documents.slice(i * slice, (i + 1) * slice) }))
          .filter((p) => p.docs.length > 0)
          .map((p) => run(p.w, p.docs, key, options)),
      );
      return parts.flat();
    },
    async close() {
      closed = true;
      const all = workers ?? [];
      workers = undefined;
      await Promise.all(all.map((w) => w.worker.terminate()));
    },
  };
}
