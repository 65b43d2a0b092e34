import { createInstanceVerifier } from '@onex/api';
import type { ApplyReport, CreditAccountView, CreditTransaction } from '@onex/core';
import type { CommandContext, CommandOutput } from '../context.ts';

/**
 * `onex credits apply <learnerId> [--institution code]`: brings the learner's credit bank account up
 * to date (revoked certificates withdrawn, new ones verified and recognised) and converts it under
 * the institution's rules (default: the learner's own); prints each transaction with its reason.
 */
export async function creditsApply(
  ctx: CommandContext,
  learnerId: string,
  options: { institution?: string; json?: boolean },
): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  const verifier = createInstanceVerifier(platform, ctx.config().publicUrl);
  const report = await platform.creditBank.apply(learnerId, { institution: options.institution, verifier });
  if (options.json) return { text: JSON.stringify(report, null, 2) };
  return { text: applyText(report) };
}

/** `onex credits show <learnerId>`: the account, its outcomes, the ledger and the balance. */
export async function creditsShow(
  ctx: CommandContext,
  learnerId: string,
  options: { json?: boolean },
): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  const view = await platform.creditBank.getAccount(learnerId);
  if (options.json) return { text: JSON.stringify(view, null, 2) };
  return { text: showText(view) };
}

function line(t: CreditTransaction): string {
  const sign = t.credits > 0 ? '+' : '';
  return `  ${t.id}  ${t.kind.padEnd(10)} ${`${sign}${t.credits}`.padStart(6)}  ${t.explanation.zh}\n${' '.repeat(22)}${t.explanation.en}`;
}

function applyText(r: ApplyReport): string {
  const out = [
    `学习者 ${r.learnerId} 在院校 ${r.institutionId} 的学分转换 / Credit conversion of learner ${r.learnerId} at ${r.institutionId}`,
    `新认定 recognised: ${r.recognised.length}，撤回 withdrawn: ${r.withdrawn.length}，新交易 new transactions: ${r.transactions.length}`,
    ...r.withdrawn.map(line),
    ...r.transactions.map(line),
    ...r.skipped.map(
      (s) =>
        `  未转换 skipped ${s.outcomeId}${s.courseId ? ` ${s.courseId}` : ''}: ${s.reason.zh} / ${s.reason.en}`,
    ),
    `余额 balance: ${r.balance} 学分 credits`,
  ];
  return out.join('\n');
}

function showText(v: CreditAccountView): string {
  return [
    `学分银行账户 ${v.account.accountNo} / Credit bank account ${v.account.accountNo} (learner ${v.learnerId})`,
    `学习成果 outcomes: ${v.outcomes.length}`,
    ...v.outcomes.map(
      (o) =>
        `  ${o.id}  ${o.kind.padEnd(14)} ${o.status.padEnd(11)} ${o.achievedOn}  ${o.title.zh}${o.certificateCode ? `  [${o.certificateCode} L${o.level}]` : o.outcomeCode ? `  [${o.outcomeCode}]` : ''}${o.issuerDid ? `  (${o.issuerDid})` : ''}${o.status === 'PENDING' ? '  待审核 awaiting review' : ''}`,
    ),
    `交易 transactions: ${v.transactions.length}`,
    ...v.transactions.map(line),
    `余额 balance: ${v.balance} 学分 credits`,
  ].join('\n');
}
