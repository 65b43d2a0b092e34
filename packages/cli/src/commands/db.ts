import type { CommandContext, CommandOutput } from '../context.ts';

export async function dbMigrate(ctx: CommandContext): Promise<CommandOutput> {
  const runtime = await ctx.runtime();
  const { applied } = runtime;
  return {
    text: `${runtime.database.engine} at ${runtime.database.where}: ${
      applied.length === 0 ? 'already up to date' : `applied ${applied.join(', ')}`
    }`,
  };
}
