import type { CommandContext, CommandOutput } from '../context.ts';

/**
 * `onex issue session <id>`: every passed, published result of the session becomes one signed
 * certificate, exactly once, with a progress bar; after a crash the same command finishes the rest.
 */
export async function issueSession(
  ctx: CommandContext,
  sessionId: string,
  opts: { cryptosuite?: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' },
): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  let started = false;
  const result = await platform.issuance.issueSession(sessionId, {
    ...(opts.cryptosuite ? { cryptosuite: opts.cryptosuite } : {}),
    onProgress: (p) => {
      if (!started) {
        ctx.progress.start(p.total, '签发证书 issuing certificates');
        started = true;
      }
      ctx.progress.update(p.done);
    },
  });
  if (started) ctx.progress.stop();
  return {
    text: [
      `场次 session ${result.sessionId}`,
      `  合格成绩 passed results   ${result.total}`,
      `  本次签发 issued now       ${result.issued}`,
      `  已有证书 with certificate ${result.done}`,
    ].join('\n'),
  };
}
