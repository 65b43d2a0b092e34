import type { Text } from '../shared/index.ts';
import type {
  ChosenModule,
  ConstraintReport,
  MilpSolution,
  OptimizerConstraint,
  OptimizerInput,
  OptimizerMethod,
  OptimizerResult,
} from './curriculum.model.ts';
import { round } from './curriculum.rules.ts';

/**
 * The restructuring optimizer (书证融通 issue 7 §3) as pure functions: the MILP as CPLEX LP text,
 * the reading of a solver's answer, a greedy fallback, and the explanation of a choice.
 *
 * Model. x_i ∈ {0, 1} adds candidate module i (H_i hours, P_i of them practical, E_i elective,
 * covering requirement j with weight w_ij); y_j ∈ [0, 1 − c_j] is the coverage requirement j gains
 * (c_j its coverage today, h_j its hours).
 *
 *   maximize   Σ_j h_j y_j                                   (requirement hours covered)
 *   subject to y_j ≤ Σ_i w_ij x_i                  ∀ j      (a gain needs modules covering j)
 *              Σ_i H_i x_i ≤ budget                          (BUDGET)
 *              T + Σ_i H_i x_i ≥ minTotal                    (TOTAL_HOURS: 2,500 高职 / 3,000 中职)
 *              P + Σ_i P_i x_i ≥ s_p (T + Σ_i H_i x_i)       (PRACTICE_SHARE, s_p = 0.5)
 *              E + Σ_i E_i x_i ≥ s_e (T + Σ_i H_i x_i)       (ELECTIVE_SHARE, s_e = 0.1)
 *
 * Coverage capped at 1 is exactly Σ_j h_j min(1, c_j + Σ_i w_ij x_i): y_j takes the smaller of its
 * cap and the modules' sum at the optimum.
 */

/** Float slack allowed on the plan rules (hours and shares are far coarser). */
const tolerance = 1e-6;

interface Prepared {
  gaps: number[];
  total: number;
  base: number;
}

function prepare(input: OptimizerInput): Prepared {
  const gaps = input.requirements.map((r) => Math.max(0, 1 - r.coverage));
  const total = input.requirements.reduce((s, r) => s + r.hours, 0);
  const base = input.requirements.reduce((s, r) => s + r.hours * Math.min(1, r.coverage), 0);
  return { gaps, total, base };
}

/** Per candidate, the weights it brings to each requirement index. */
function weightsOf(input: OptimizerInput): Map<number, number>[] {
  const index = new Map(input.requirements.map((r, j) => [r.code, j]));
  return input.candidates.map((c) => {
    const w = new Map<number, number>();
    for (const cov of c.covers) {
      const j = index.get(cov.requirementCode);
      if (j !== undefined && cov.weight > 0) w.set(j, (w.get(j) ?? 0) + cov.weight);
    }
    return w;
  });
}

const num = (x: number) => String(Number(x.toPrecision(12)));

function linear(terms: [number, string][]): string {
  const parts = terms.filter(([c]) => c !== 0);
  return parts
    .map(([c, v], k) => {
      const sign = c < 0 ? '-' : k === 0 ? '' : '+';
      return `${sign}${k === 0 && c >= 0 ? '' : ' '}${num(Math.abs(c))} ${v}`;
    })
    .join(' ');
}

/** The plan rows as (coefficients on x, sense, right-hand side), shared by the LP and the checks. */
function planRows(
  input: OptimizerInput,
): { name: OptimizerConstraint; coef: number[]; sense: '<=' | '>='; rhs: number }[] {
  const p = input.plan;
  const c = input.candidates;
  const e = (m: OptimizerInput['candidates'][number]) => (m.elective ? m.hours : 0);
  return [
    { name: 'BUDGET', coef: c.map((m) => m.hours), sense: '<=', rhs: p.budget },
    { name: 'TOTAL_HOURS', coef: c.map((m) => m.hours), sense: '>=', rhs: p.minTotalHours - p.totalHours },
    {
      name: 'PRACTICE_SHARE',
      coef: c.map((m) => m.practiceHours - p.minPracticeShare * m.hours),
      sense: '>=',
      rhs: p.minPracticeShare * p.totalHours - p.practiceHours,
    },
    {
      name: 'ELECTIVE_SHARE',
      coef: c.map((m) => e(m) - p.minElectiveShare * m.hours),
      sense: '>=',
      rhs: p.minElectiveShare * p.totalHours - p.electiveHours,
    },
  ];
}

/**
 * The model as CPLEX LP text for a MILP solver (HiGHS). With `relax`, x_i ∈ [0, 1] instead of
 * binary: the LP relaxation, whose optimum bounds every selection's gain from above.
 * Requires at least one candidate.
 */
export function buildOptimizerLp(input: OptimizerInput, options: { relax?: boolean } = {}): string {
  const { gaps } = prepare(input);
  const w = weightsOf(input);
  const x = (i: number) => `x${i}`;
  const y = (j: number) => `y${j}`;
  const useful = input.requirements
    .map((_, j) => j)
    .filter((j) => gaps[j]! > 0 && w.some((m) => (m.get(j) ?? 0) > 0));
  const objective = linear(useful.map((j) => [input.requirements[j]!.hours, y(j)]));
  const lines = ['Maximize', ` obj: ${objective || `0 ${x(0)}`}`, 'Subject To'];
  for (const j of useful) {
    const terms: [number, string][] = [[1, y(j)]];
    w.forEach((m, i) => {
      const wij = m.get(j);
      if (wij) terms.push([-wij, x(i)]);
    });
    lines.push(` cov${j}: ${linear(terms)} <= 0`);
  }
  for (const row of planRows(input)) {
    const terms = row.coef.map((c, i): [number, string] => [c, x(i)]);
    if (terms.every(([c]) => c === 0)) terms[0] = [0, x(0)];
    const body = linear(terms) || `0 ${x(0)}`;
    lines.push(` ${row.name.toLowerCase()}: ${body} ${row.sense} ${num(row.rhs)}`);
  }
  lines.push('Bounds');
  for (const j of useful) lines.push(` 0 <= ${y(j)} <= ${num(gaps[j]!)}`);
  input.candidates.forEach((_, i) => {
    lines.push(` 0 <= ${x(i)} <= 1`);
  });
  if (!options.relax) {
    lines.push('Binary');
    lines.push(` ${input.candidates.map((_, i) => x(i)).join(' ')}`);
  }
  lines.push('End');
  return `${lines.join('\n')}\n`;
}

/** The selection a solver's values describe (x_i rounded: the solver's integrality tolerance). */
export function selectionFromSolution(input: OptimizerInput, solution: MilpSolution): boolean[] {
  return input.candidates.map((_, i) => (solution.values[`x${i}`] ?? 0) > 0.5);
}

export interface SelectionValue {
  /** Requirement hours the selection adds. */
  gain: number;
  added: number;
  /** Each plan row's left side and right side. */
  rows: { name: OptimizerConstraint; value: number; rhs: number; sense: '<=' | '>='; ok: boolean }[];
  feasible: boolean;
}

/** What a selection is worth and which plan rules it keeps, computed directly (no solver). */
export function evaluateSelection(input: OptimizerInput, selected: readonly boolean[]): SelectionValue {
  const { gaps } = prepare(input);
  const w = weightsOf(input);
  const sums = new Array<number>(input.requirements.length).fill(0);
  selected.forEach((on, i) => {
    if (on) for (const [j, wij] of w[i]!) sums[j]! += wij;
  });
  const gain = input.requirements.reduce((s, r, j) => s + r.hours * Math.min(gaps[j]!, sums[j]!), 0);
  const added = input.candidates.reduce((s, m, i) => s + (selected[i] ? m.hours : 0), 0);
  const rows = planRows(input).map((row) => {
    const value = row.coef.reduce((s, c, i) => s + (selected[i] ? c : 0), 0);
    const ok = row.sense === '<=' ? value <= row.rhs + tolerance : value >= row.rhs - tolerance;
    return { name: row.name, value, rhs: row.rhs, sense: row.sense, ok };
  });
  return { gain, added, rows, feasible: rows.every((r) => r.ok) };
}

/**
 * Drops chosen modules that add nothing given the others (largest first) while the plan rules
 * still hold, so an optimum with ties never spends hours for no coverage.
 */
export function pruneSelection(input: OptimizerInput, selected: readonly boolean[]): boolean[] {
  const sel = [...selected];
  const order = input.candidates
    .map((_, i) => i)
    .sort((a, b) => input.candidates[b]!.hours - input.candidates[a]!.hours);
  let value = evaluateSelection(input, sel);
  for (const i of order) {
    if (!sel[i]) continue;
    sel[i] = false;
    const next = evaluateSelection(input, sel);
    if (next.gain >= value.gain - tolerance && (next.feasible || !value.feasible)) value = next;
    else sel[i] = true;
  }
  return sel;
}

/**
 * Greedy fallback for inputs too large to solve exactly in time: repeatedly add the module with
 * the best gain per hour that fits the budget and breaks no plan rule that held before it; stop
 * when none adds coverage. Its distance from the optimum is bounded by the LP relaxation.
 */
export function greedySelection(input: OptimizerInput): boolean[] {
  const sel = input.candidates.map(() => false);
  let current = evaluateSelection(input, sel);
  for (;;) {
    let best = -1;
    let bestRatio = 0;
    let bestValue: SelectionValue | undefined;
    for (let i = 0; i < sel.length; i++) {
      if (sel[i]) continue;
      sel[i] = true;
      const v = evaluateSelection(input, sel);
      sel[i] = false;
      const delta = v.gain - current.gain;
      if (delta <= tolerance) continue;
      const fits = v.rows.every(
        (r, k) => r.ok || (r.sense === '>=' && !current.rows[k]!.ok && r.value >= current.rows[k]!.value),
      );
      if (!fits) continue;
      const ratio = delta / Math.max(input.candidates[i]!.hours, 1e-9);
      if (ratio > bestRatio + 1e-12) {
        best = i;
        bestRatio = ratio;
        bestValue = v;
      }
    }
    if (best < 0) return sel;
    sel[best] = true;
    current = bestValue!;
  }
}

const constraintText: Record<OptimizerConstraint, Text> = {
  BUDGET: { zh: '新增学时预算', en: 'added-hours budget' },
  TOTAL_HOURS: { zh: '总学时下限', en: 'minimum total hours' },
  PRACTICE_SHARE: { zh: '实践性教学不少于 50%', en: 'practical teaching ≥ 50 %' },
  ELECTIVE_SHARE: { zh: '选修课不少于 10%', en: 'electives ≥ 10 %' },
};

/**
 * The result of a selection, explained: per chosen module its marginal gain and the requirements
 * it raises and closes; per plan rule its value and bound, whether it binds, and which unchosen
 * modules with a positive gain it alone keeps out.
 */
export function explainSelection(
  input: OptimizerInput,
  selected: readonly boolean[],
  method: OptimizerMethod,
  status: OptimizerResult['status'],
  bound?: number,
): OptimizerResult {
  const { total, base, gaps } = prepare(input);
  const w = weightsOf(input);
  const value = evaluateSelection(input, selected);
  const coverageOf = (sel: readonly boolean[]) => {
    const sums = new Array<number>(input.requirements.length).fill(0);
    sel.forEach((on, i) => {
      if (on) for (const [j, wij] of w[i]!) sums[j]! += wij;
    });
    return sums.map((s, j) => s >= gaps[j]! - tolerance);
  };
  const full = coverageOf(selected);
  const chosen: ChosenModule[] = [];
  selected.forEach((on, i) => {
    if (!on) return;
    const m = input.candidates[i]!;
    const without = [...selected];
    without[i] = false;
    const fullWithout = coverageOf(without);
    const raises = [...w[i]!.keys()].filter((j) => gaps[j]! > 0).map((j) => input.requirements[j]!.code);
    const closes = input.requirements
      .map((r, j) => (full[j] && gaps[j]! > 0 && !fullWithout[j] ? r.code : null))
      .filter((c): c is string => c !== null);
    chosen.push({
      id: m.id,
      kind: m.kind,
      nameZh: m.nameZh,
      courseCode: m.courseCode,
      hours: m.hours,
      gainHours: round(value.gain - evaluateSelection(input, without).gain, 3),
      raises,
      closes,
    });
  });
  const constraints: ConstraintReport[] = value.rows.map((row) => {
    const excludes: string[] = [];
    selected.forEach((on, i) => {
      if (on) return;
      const more = [...selected];
      more[i] = true;
      const v = evaluateSelection(input, more);
      if (v.gain <= value.gain + tolerance) return;
      const broken = v.rows.filter((r) => !r.ok).map((r) => r.name);
      if (broken.length === 1 && broken[0] === row.name) excludes.push(input.candidates[i]!.id);
    });
    const slack = row.sense === '<=' ? row.rhs - row.value : row.value - row.rhs;
    return {
      name: row.name,
      text: constraintText[row.name],
      value: round(row.value, 3),
      bound: round(row.rhs, 3),
      binding: Math.abs(slack) <= tolerance || excludes.length > 0,
      excludes,
    };
  });
  const coverageBefore = total === 0 ? 0 : round(base / total, 4);
  const coverageAfter = total === 0 ? 0 : round((base + value.gain) / total, 4);
  const gap =
    bound === undefined
      ? undefined
      : bound <= tolerance
        ? 0
        : round(Math.max(0, (bound - value.gain) / bound), 4);
  const explanation: Text[] = [];
  if (status === 'INFEASIBLE') {
    const broken = value.rows.filter((r) => !r.ok).map((r) => r.name);
    explanation.push({
      zh: `在预算内没有任何模块组合能满足全部教学计划规则（当前不满足：${broken.map((b) => constraintText[b].zh).join('、') || '无'}）`,
      en: `No choice of modules within the budget meets every plan rule (failing now: ${broken.map((b) => constraintText[b].en).join(', ') || 'none'})`,
    });
  } else {
    explanation.push({
      zh: `选择 ${chosen.length} 个模块，新增 ${round(value.added, 1)} 学时，覆盖率由 ${pctOf(coverageBefore)} 提高到 ${pctOf(coverageAfter)}`,
      en: `${chosen.length} module(s) chosen, ${round(value.added, 1)} h added: coverage ${pctOf(coverageBefore)} → ${pctOf(coverageAfter)}`,
    });
    for (const m of chosen) {
      explanation.push({
        zh: `${m.nameZh}（${m.hours} 学时）：提升 ${m.raises.length} 项要求，补齐 ${m.closes.join('、') || '无'}，边际 ${m.gainHours} 要求学时`,
        en: `${m.id} (${m.hours} h): raises ${m.raises.length} requirement(s), closes ${m.closes.join(', ') || 'none'}, marginal ${m.gainHours} requirement hours`,
      });
    }
    for (const c of constraints.filter((c) => c.binding)) {
      explanation.push({
        zh: `约束“${c.text.zh}”起作用（${c.value} / ${c.bound}）${c.excludes.length ? `，排除了 ${c.excludes.join('、')}` : ''}`,
        en: `binding: ${c.text.en} (${c.value} vs ${c.bound})${c.excludes.length ? `, keeps out ${c.excludes.join(', ')}` : ''}`,
      });
    }
    if (gap !== undefined) {
      explanation.push({
        zh: `贪心解，LP 松弛上界 ${round(bound!, 2)} 要求学时，最优性差距不超过 ${pctOf(gap)}`,
        en: `greedy answer; LP relaxation bound ${round(bound!, 2)} requirement hours, optimality gap at most ${pctOf(gap)}`,
      });
    }
  }
  return {
    method,
    status,
    coverageBefore,
    coverageAfter,
    objectiveHours: round(base + value.gain, 3),
    addedHours: round(value.added, 3),
    chosen,
    constraints,
    ...(bound === undefined ? {} : { bound: round(bound, 3), gap }),
    explanation,
  };
}

const pctOf = (x: number) => `${round(x * 100, 1)} %`;
