import type { LevelCode } from '../catalog/index.ts';
import type { CurriculumMapping, MilpSolution } from './curriculum.model.ts';
import type { CoverageTotals } from './curriculum.rules.ts';

export interface MappingFilter {
  programmeIds: readonly string[];
  standardId?: string | undefined;
  level?: LevelCode | undefined;
}

/** Coverage totals of one programme against one level of one standard version. */
export interface ProgrammeLevelTotals extends CoverageTotals {
  programmeId: string;
  standardId: string;
  level: LevelCode;
}

/**
 * The standard version coverage is computed against, per certificate: its latest published version,
 * else its latest draft (as `CurriculumService.resolveTarget` picks it).
 */
export interface LatestStandard {
  certificateId: string;
  standardId: string;
  version: number;
  status: 'DRAFT' | 'PUBLISHED';
}

/** What curriculum integration needs from storage; `db` implements it. */
export interface CurriculumStore {
  transaction<T>(fn: (tx: CurriculumStore) => Promise<T>): Promise<T>;
  listMappings(filter: MappingFilter): Promise<CurriculumMapping[]>;
  /**
   * One set-based aggregate over the mappings of an institution's programmes to the given standard
   * versions: per programme × standard × level with at least one mapping to a REQUIREMENT node of
   * that level, the requirements fully and partly covered and Σ min(1, Σ weights) in millionths
   * (`weightScale`). Mappings to codes that are not requirements of the level are ignored, as
   * `computeCoverage` ignores them. Pairs without mappings are absent.
   */
  /** Every certificate's standard version to compute coverage against, in one query. */
  latestStandards(): Promise<LatestStandard[]>;
  /** The number of skill requirements (REQUIREMENT nodes) of each level of each standard version. */
  requirementCounts(
    standardIds: readonly string[],
  ): Promise<{ standardId: string; level: LevelCode; requirements: number }[]>;
  coverageTotals(filter: {
    institutionId: string;
    standardIds: readonly string[];
  }): Promise<ProgrammeLevelTotals[]>;
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
