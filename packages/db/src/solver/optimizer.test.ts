import {
  buildOptimizerLp,
  evaluateSelection,
  explainSelection,
  greedySelection,
  type OptimizerInput,
  pruneSelection,
  selectionFromSolution,
} from '@onex/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createMilpSolver } from './milp-solver.ts';

const solver = createMilpSolver();
afterAll(() => solver.close());

/** Small instances: up to 9 modules and 7 requirements; plan figures around the rules' bounds. */
const instance: fc.Arbitrary<OptimizerInput> = fc
  .record({
    m: fc.integer({ min: 1, max: 7 }),
    n: fc.integer({ min: 1, max: 9 }),
    seedHours: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 7, maxLength: 7 }),
    seedCov: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 7, maxLength: 7 }),
    modules: fc.array(
      fc.record({
        hours: fc.integer({ min: 2, max: 40 }),
        practice: fc.integer({ min: 0, max: 10 }),
        elective: fc.boolean(),
        covers: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 20 })), {
          maxLength: 4,
        }),
      }),
      { minLength: 9, maxLength: 9 },
    ),
    total: fc.integer({ min: 2480, max: 2600 }),
    practiceShare: fc.integer({ min: 490, max: 540 }),
    electiveShare: fc.integer({ min: 96, max: 120 }),
    budget: fc.integer({ min: 0, max: 120 }),
  })
  .map(({ m, n, seedHours, seedCov, modules, total, practiceShare, electiveShare, budget }) => ({
    requirements: Array.from({ length: m }, (_, j) => ({
      code: `1.1.${j + 1}`,
      hours: seedHours[j]!,
      coverage: seedCov[j]! / 4,
    })),
    candidates: modules.slice(0, n).map((mod, i) => ({
      id: `M${i}`,
      kind: 'NEW' as const,
      nameZh: `模块 ${i}`,
      hours: mod.hours,
      practiceHours: Math.round((mod.hours * mod.practice) / 10),
      elective: mod.elective,
      covers: mod.covers
        .filter(([j]) => j < m)
        .map(([j, w]) => ({ requirementCode: `1.1.${j + 1}`, weight: w / 20 })),
    })),
    plan: {
      totalHours: total,
      practiceHours: Math.round((total * practiceShare) / 1000),
      electiveHours: Math.round((total * electiveShare) / 1000),
      minTotalHours: 2500,
      minPracticeShare: 0.5,
      minElectiveShare: 0.1,
      budget,
    },
  }));

/** The best gain over every subset that keeps the plan rules, or undefined when none does. */
function bruteForce(input: OptimizerInput): number | undefined {
  let best: number | undefined;
  const n = input.candidates.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const v = evaluateSelection(
      input,
      input.candidates.map((_, i) => (mask & (1 << i)) !== 0),
    );
    if (v.feasible && (best === undefined || v.gain > best)) best = v.gain;
  }
  return best;
}

describe('the restructuring optimizer on HiGHS', () => {
  it('finds the brute-force optimum (or infeasibility) on 200 random small instances', async () => {
    let infeasible = 0;
    let solved = 0;
    await fc.assert(
      fc.asyncProperty(instance, async (input) => {
        const best = bruteForce(input);
        const solution = await solver.solve(buildOptimizerLp(input));
        if (best === undefined) {
          infeasible++;
          expect(solution.status).toBe('INFEASIBLE');
          return;
        }
        solved++;
        expect(solution.status).toBe('OPTIMAL');
        const sel = pruneSelection(input, selectionFromSolution(input, solution));
        const value = evaluateSelection(input, sel);
        expect(value.feasible).toBe(true);
        expect(value.gain).toBeCloseTo(best, 6);
        // The solver's own objective carries its feasibility tolerance: compare it rounded.
        expect(solution.objective).toBeCloseTo(best, 4);
      }),
      { numRuns: 200, seed: 20260901 },
    );
    // Both outcomes occur, so neither branch is vacuous.
    expect(infeasible).toBeGreaterThan(0);
    expect(infeasible + solved).toBe(200);
    expect(solved).toBeGreaterThan(80);
  });

  it('bounds the greedy answer by the LP relaxation and reports the gap', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (input) => {
        const best = bruteForce(input);
        fc.pre(best !== undefined);
        const relaxed = await solver.solve(buildOptimizerLp(input, { relax: true }));
        expect(relaxed.status).toBe('OPTIMAL');
        expect(relaxed.objective).toBeGreaterThanOrEqual(best! - 1e-6);
        const sel = greedySelection(input);
        const result = explainSelection(input, sel, 'GREEDY', 'FEASIBLE', relaxed.objective);
        const greedy = evaluateSelection(input, sel);
        // A greedy answer that breaks a rule is reported INFEASIBLE by the service; a feasible one is never better than the optimum.
        if (greedy.feasible) expect(greedy.gain).toBeLessThanOrEqual(best! + 1e-6);
        expect(result.gap).toBeGreaterThanOrEqual(0);
        expect(result.gap).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('explains a choice: what each module closes and which rule keeps a module out', () => {
    const input: OptimizerInput = {
      requirements: [
        { code: '1.1.1', hours: 4, coverage: 0 },
        { code: '1.1.2', hours: 4, coverage: 0.5 },
      ],
      candidates: [
        {
          id: 'A',
          kind: 'NEW',
          nameZh: 'A',
          hours: 8,
          practiceHours: 4,
          elective: true,
          covers: [{ requirementCode: '1.1.1', weight: 1 }],
        },
        {
          id: 'B',
          kind: 'NEW',
          nameZh: 'B',
          hours: 8,
          practiceHours: 4,
          elective: true,
          covers: [{ requirementCode: '1.1.2', weight: 1 }],
        },
      ],
      plan: {
        totalHours: 2600,
        practiceHours: 1400,
        electiveHours: 300,
        minTotalHours: 2500,
        minPracticeShare: 0.5,
        minElectiveShare: 0.1,
        budget: 10,
      },
    };
    const result = explainSelection(input, [true, false], 'MILP', 'OPTIMAL');
    expect(result.chosen).toMatchObject([{ id: 'A', closes: ['1.1.1'], gainHours: 4 }]);
    expect(result.coverageBefore).toBe(0.25);
    expect(result.coverageAfter).toBe(0.75);
    const budget = result.constraints.find((c) => c.name === 'BUDGET')!;
    expect(budget).toMatchObject({ binding: true, excludes: ['B'], value: 8, bound: 10 });
  });
});
