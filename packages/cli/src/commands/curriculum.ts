import type { CandidateModule, LevelCode } from '@onex/core';
import { DomainError } from '@onex/core';
import type { CommandContext, CommandOutput } from '../context.ts';

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

function levelOf(level: string): LevelCode {
  if (level !== '1' && level !== '2' && level !== '3') {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: `等级应为 1、2 或 3，而不是 ${level}`, en: `level must be 1, 2 or 3, not ${level}` },
      { issues: [{ path: 'level', message: 'must be 1, 2 or 3' }] },
    );
  }
  return Number(level) as LevelCode;
}

/** `onex curriculum gaps <programme> <certificate> <level>`: coverage and the requirements still uncovered. */
export async function curriculumGaps(
  ctx: CommandContext,
  programme: string,
  certificate: string,
  level: string,
  o: { json?: boolean } = {},
): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  const report = await platform.curriculum.coverage(programme, certificate, levelOf(level));
  if (o.json) return { text: JSON.stringify(report, null, 2) };
  const s = report.summary;
  const t = report.target;
  const lines = [
    `${report.programme.nameZh}（${report.programme.majorCode}）× ${t.certificate.nameZh} ${t.levelNameZh}（${t.certificate.code}，标准第 ${t.standard.version} 版）`,
    `覆盖率 coverage ${pct(s.coverage)}: ${s.covered} covered, ${s.partial} partial, ${s.uncovered} uncovered of ${s.requirements}; 尚需 ${s.hoursNeeded} 学时 hours needed`,
    `(${report.hoursBasis.en})`,
    '',
    ...report.requirements
      .filter((r) => r.status !== 'COVERED')
      .map(
        (r) =>
          `  ${r.code.padEnd(7)} ${pct(r.coverage).padStart(7)}  ${r.hoursNeeded.toFixed(1).padStart(5)} h  ${r.titleZh}${r.cells.length ? `  ← ${r.cells.map((c) => `${c.courseCode} ${c.weight}`).join(', ')}` : ''}`,
      ),
  ];
  return { text: lines.join('\n') };
}

/**
 * `onex curriculum optimize <programme> <certificate> <level> [--budget N] [--candidates file.json]`:
 * the restructuring plan, exact (MILP) or greedy with its gap, and why.
 */
export async function curriculumOptimize(
  ctx: CommandContext,
  programme: string,
  certificate: string,
  level: string,
  o: { budget?: string; candidates?: string; method?: string; json?: boolean } = {},
): Promise<CommandOutput> {
  const budget = o.budget === undefined ? undefined : Number(o.budget);
  if (budget !== undefined && !(Number.isFinite(budget) && budget >= 0)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: '预算应为非负数', en: '--budget must be a number ≥ 0' },
      { issues: [{ path: 'budget', message: 'must be a number ≥ 0' }] },
    );
  }
  let candidates: CandidateModule[] | undefined;
  if (o.candidates) {
    try {
      const parsed = JSON.parse(await ctx.readInput(o.candidates)) as unknown;
      candidates = (
        Array.isArray(parsed) ? parsed : (parsed as { candidates: CandidateModule[] }).candidates
      ) as CandidateModule[];
      if (!Array.isArray(candidates)) throw new Error('no candidates array');
    } catch (e) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          zh: '候选模块文件应为 JSON 数组（或 {"candidates": [...]}）',
          en: `--candidates must be a JSON array of modules (or {"candidates": [...]}): ${e instanceof Error ? e.message : e}`,
        },
        { issues: [{ path: 'candidates', message: 'not a JSON array of candidate modules' }] },
      );
    }
  }
  const method = o.method === undefined ? undefined : (o.method.toUpperCase() as 'AUTO' | 'MILP' | 'GREEDY');
  const { platform } = await ctx.runtime();
  const plan = await platform.curriculum.optimize(programme, certificate, levelOf(level), {
    budget,
    candidates,
    method,
  });
  if (o.json) return { text: JSON.stringify(plan, null, 2) };
  const r = plan.result;
  const lines = [
    `${plan.target.certificate.nameZh} ${plan.target.levelNameZh}: ${r.method} ${r.status}, budget ${plan.budget} h, ${plan.candidates.length} candidates`,
    `before: ${pct(plan.before.coverage)} (${plan.before.covered}/${plan.before.requirements} covered, ${plan.before.hoursNeeded} h needed)`,
    `after:  ${pct(plan.after.coverage)} (${plan.after.covered}/${plan.after.requirements} covered, ${plan.after.hoursNeeded} h needed), +${r.addedHours} h`,
    '',
    ...r.explanation.map((e) => `  ${e.zh}\n  ${e.en}`),
  ];
  return { text: lines.join('\n') };
}
