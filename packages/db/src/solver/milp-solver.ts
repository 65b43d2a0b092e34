import { Worker } from 'node:worker_threads';
import type { MilpSolution, MilpSolver } from '@onex/core';

/** A {@link MilpSolver} that can be shut down. */
export interface ThreadedMilpSolver extends MilpSolver {
  close(): Promise<void>;
}

interface Pending {
  resolve: (s: MilpSolution) => void;
  reject: (e: Error) => void;
}

/** HiGHS model statuses mapped to the port's. */
function statusOf(raw: string): MilpSolution['status'] {
  if (raw === 'Optimal') return 'OPTIMAL';
  if (raw === 'Infeasible') return 'INFEASIBLE';
  if (raw === 'Unbounded' || raw === 'Primal infeasible or unbounded') return 'UNBOUNDED';
  return 'OTHER';
}

/**
 * HiGHS (npm `highs`, WebAssembly) on one worker thread: its `solve()` is synchronous and a MILP
 * may take seconds, so it never runs on the event loop. The thread starts on first use, solves one
 * model at a time in order, and is unref'd while idle (it never keeps the process alive). A thread
 * that dies fails its pending solves and is replaced on the next one.
 */
export function createMilpSolver(): ThreadedMilpSolver {
  let worker: Worker | undefined;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const start = () => {
    const w = new Worker(new URL('./solver-thread.mjs', import.meta.url));
    w.unref();
    w.on(
      'message',
      (m: {
        id?: number;
        status?: string;
        objective?: number;
        values?: Record<string, number>;
        error?: string;
      }) => {
        if (m.id === undefined) return;
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (pending.size === 0) w.unref();
        if (m.error !== undefined) p.reject(new Error(`solver thread: ${m.error}`));
        else
          p.resolve({
            status: statusOf(m.status!),
            raw: m.status!,
            // Float noise: 10 significant digits are far finer than hours and weights.
            objective: Number((m.objective ?? 0).toPrecision(10)),
            values: m.values ?? {},
          });
      },
    );
    w.on('error', (e) => {
      worker = undefined;
      failAll(e);
    });
    w.on('exit', (code) => {
      worker = undefined;
      if (!closed) failAll(new Error(`solver thread exited with code ${code}`));
    });
    worker = w;
    return w;
  };
  return {
    solve(lp, options = {}) {
      if (closed) return Promise.reject(new Error('the MILP solver is closed'));
      const w = worker ?? start();
      const id = nextId++;
      return new Promise<MilpSolution>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, lp, timeLimitSeconds: options.timeLimitSeconds });
      });
    },
    async close() {
      closed = true;
      const w = worker;
      worker = undefined;
      failAll(new Error('the MILP solver is closed'));
      if (w) await w.terminate();
    },
  };
}
