import { DomainError } from '@onex/core';
import type { Runtime } from '@onex/db';
import {
  type DemoScale,
  ensureDemoEmployers,
  ensureDemoIntegration,
  generateDemo,
  isDemoSeeded,
  demoScales as scales,
} from '@onex/db';
import type { CommandContext, CommandOutput, ProgressSink } from '../context.ts';

export const demoScales = scales;

export async function demo(
  ctx: CommandContext,
  opts: { scale: DemoScale; seed: string },
): Promise<CommandOutput> {
  const seed = Number(opts.seed);
  if (!Number.isInteger(seed) || seed < 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: '--seed 必须是非负整数', en: '--seed must be a non-negative integer' },
      { issues: [{ path: '--seed', message: `not a non-negative integer: ${opts.seed}` }] },
    );
  }
  const runtime = await ctx.runtime();
  const summary = await generateDemo(runtime, {
    scale: opts.scale,
    seed,
    progress: progressOf(ctx.progress),
  });
  return { text: summary.text };
}

/** `npm start` seeds the small demo once, on a database that has no institutions yet. */
export async function seedDemoOnFirstStart(runtime: Runtime, progress: ProgressSink): Promise<void> {
  if (await isDemoSeeded(runtime.database.db)) {
    // A demo seeded before employers existed gets its demo employers (for the demo HR account).
    await ensureDemoEmployers(runtime.database.db);
    // …and its curriculum mappings, conversion rules and the demo learner's credits (issue 7).
    await ensureDemoIntegration(runtime);
    return;
  }
  await generateDemo(runtime, { scale: 'small', seed: 1, progress: progressOf(progress) });
}

function progressOf(sink: ProgressSink) {
  return {
    start: (total: number, label: string) => sink.start(total, label),
    update: (done: number) => sink.update(done),
    stop: () => sink.stop(),
  };
}
