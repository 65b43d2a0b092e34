import type { LevelCode } from '../catalog/index.ts';
import type { CurriculumMapping, MilpSolution } from './curriculum.model.ts';

export interface MappingFilter {
  programmeIds: readonly string[];
  standardId?: string | undefined;
  level?: LevelCode | undefined;
}

/** What curriculum integration needs from storage; `db` implements it. */
export interface CurriculumStore {
  transaction<T>(fn: (tx: CurriculumStore) => Promise<T>): Promise<T>;
  listMappings(filter: MappingFilter): Promise<CurriculumMapping[]>;
  /** Replaces every mapping of a programme to one level of one standard version by `mappings`. */
  replaceMappings(
    programmeId: string,
    standardId: string,
    level: LevelCode,
    mappings: CurriculumMapping[],
  ): Promise<void>;
}

/**
 * Solves a mixed-integer linear programme given as CPLEX LP text (the Node runtime runs HiGHS on a
 * worker thread, so a long solve never blocks the event loop). `timeLimitSeconds` bounds a solve.
 */
export interface MilpSolver {
  solve(lp: string, options?: { timeLimitSeconds?: number }): Promise<MilpSolution>;
}
