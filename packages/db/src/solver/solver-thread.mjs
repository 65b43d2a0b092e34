// A solver thread (`milp-solver.ts`): HiGHS (WebAssembly) solves CPLEX LP text posted to it. Plain
// JavaScript on purpose: it needs nothing from OneX's TypeScript, so it starts without tsx.
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';

const highs = await loadHighs();

parentPort.on('message', (job) => {
  try {
    const options = { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 };
    if (job.timeLimitSeconds) options.time_limit = job.timeLimitSeconds;
    const result = highs.solve(job.lp, options);
    const values = {};
    for (const [name, column] of Object.entries(result.Columns ?? {})) values[name] = column.Primal;
    parentPort.postMessage({ id: job.id, status: result.Status, objective: result.ObjectiveValue, values });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});
parentPort.postMessage({ ready: true });
