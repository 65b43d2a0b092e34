import {
  type CatalogService,
  type CertificateWithTeo,
  findMajor,
  type LevelCode,
  levelNames,
  type SkillStandardWithNodes,
} from '../catalog/index.ts';
import type { ProgrammeWithCourses, ProgramsService } from '../programs/index.ts';
import { type Clock, DomainError, type FieldIssue, type IdGenerator, invalid } from '../shared/index.ts';
import { type CasePackage, parseCasePackage, toCasePackage } from './case.ts';
import type {
  CandidateModule,
  CoverageReport,
  CoverageSummary,
  CurriculumMapping,
  MappingInput,
  OptimizerInput,
  OptimizerResult,
  PlanCheck,
  ProgrammeCloseness,
  ProgrammeLevelCoverage,
  RequirementCoverage,
  RequirementRef,
  TargetLevel,
} from './curriculum.model.ts';
import type { CurriculumStore, LatestStandard, MilpSolver } from './curriculum.ports.ts';
import {
  type CoverageTotals,
  checkPlan,
  computeCoverage,
  epsilon,
  estimateRequirementHours,
  levelRequirements,
  planRules,
  planStageOf,
  storedWeight,
  summarize,
  summaryFromTotals,
} from './curriculum.rules.ts';
import { formatMappingCsv, parseMappingCsv } from './mapping-csv.ts';
import {
  buildOptimizerLp,
  evaluateSelection,
  explainSelection,
  greedySelection,
  pruneSelection,
  selectionFromSolution,
} from './optimizer.ts';

export interface CurriculumDeps {
  store: CurriculumStore;
  catalog: CatalogService;
  programs: ProgramsService;
  solver: MilpSolver;
  clock: Clock;
  ids: IdGenerator;
}

export interface OptimizeOptions {
  /** Most hours the plan may add (default: the level's nominal hours). */
  budget?: number | undefined;
  /** Modules to choose from (default: `defaultCandidates` of the coverage report). */
  candidates?: CandidateModule[] | undefined;
  /** AUTO: exact MILP up to `exactLimit` candidates, greedy with its gap above. */
  method?: 'AUTO' | 'MILP' | 'GREEDY' | undefined;
  exactLimit?: number | undefined;
  timeLimitSeconds?: number | undefined;
}

export interface OptimizePlan {
  programmeId: string;
  target: TargetLevel;
  budget: number;
  candidates: CandidateModule[];
  before: CoverageSummary;
  after: CoverageSummary;
  result: OptimizerResult;
}

const hoursBasis = {
  zh: '每项技能要求的学时 = 该等级参考学时 ÷ 技能要求数（平均分配）；尚需学时 = 学时 × (1 − 覆盖度)',
  en: "Hours per requirement = the level's nominal hours ÷ its number of skill requirements (an even split); hours needed = hours × (1 − coverage)",
};

/** 书证融通: course ↔ skill requirement mappings, coverage and gaps, the restructuring optimizer, CASE. */
export class CurriculumService {
  /** Published standards are immutable, so their nodes are cached by id. */
  private readonly standards = new Map<string, SkillStandardWithNodes>();
  /** Requirement counts per level of published standards, by standard id. */
  private readonly publishedCounts = new Map<string, Map<LevelCode, number>>();

  constructor(private readonly deps: CurriculumDeps) {}

  /** The level to map against: the certificate's latest published standard version, else its latest draft. */
  async resolveTarget(
    certificateIdOrCode: string,
    level: LevelCode,
  ): Promise<{ target: TargetLevel; standard: SkillStandardWithNodes; certificate: CertificateWithTeo }> {
    const certificate = await this.deps.catalog.getCertificate(certificateIdOrCode);
    if (!certificate.levels.some((l) => l.level === level)) {
      throw invalid('level', {
        zh: `证书 ${certificate.code} 没有 ${level} 级`,
        en: `Certificate ${certificate.code} has no level ${level}`,
      });
    }
    const standard = await this.latestStandard(certificate);
    return { certificate, standard, target: targetOf(certificate, level, standard) };
  }

  private async latestStandard(certificate: CertificateWithTeo): Promise<SkillStandardWithNodes> {
    const versions = await this.deps.catalog.listStandards(certificate.id);
    const pick =
      versions.filter((v) => v.status === 'PUBLISHED').sort((a, b) => b.version - a.version)[0] ??
      [...versions].sort((a, b) => b.version - a.version)[0];
    if (!pick) {
      throw new DomainError(
        'CURRICULUM_NO_STANDARD',
        {
          zh: `证书 ${certificate.code} 尚无职业技能等级标准`,
          en: `Certificate ${certificate.code} has no skill standard yet`,
        },
        { certificate: certificate.code },
      );
    }
    return this.standard(pick.id);
  }

  private async standard(id: string): Promise<SkillStandardWithNodes> {
    const cached = this.standards.get(id);
    if (cached) return cached;
    const std = await this.deps.catalog.getStandard(id);
    if (std.status === 'PUBLISHED') this.standards.set(id, std);
    return std;
  }

  private async context(programmeId: string, certificate: string, level: LevelCode) {
    const programme = await this.deps.programs.getProgramme(programmeId);
    const { target, standard } = await this.resolveTarget(certificate, level);
    const requirements = levelRequirements(standard.nodes, level, target.nominalHours);
    return { programme, target, requirements };
  }

  /** The mappings of a programme to a level, with course names and requirement titles. */
  async listMappings(programmeId: string, certificate: string, level: LevelCode) {
    const { programme, target, requirements } = await this.context(programmeId, certificate, level);
    const mappings = await this.deps.store.listMappings({
      programmeIds: [programme.id],
      standardId: target.standard.id,
      level,
    });
    return { target, mappings: describe(mappings, programme, requirements) };
  }

  /**
   * Replaces every mapping of the programme to this level by `inputs`, all or nothing. Each input
   * names a course of the programme and a requirement of the level; weights are in (0, 1].
   */
  async setMappings(
    programmeId: string,
    certificate: string,
    level: LevelCode,
    inputs: MappingInput[],
  ): Promise<CoverageReport> {
    const { programme, target, requirements } = await this.context(programmeId, certificate, level);
    const courses = new Map(programme.courses.map((c) => [c.code, c]));
    const reqs = new Set(requirements.map((r) => r.code));
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    inputs.forEach((m, i) => {
      if (!courses.has(m.courseCode))
        issues.push({ path: `mappings.${i}.courseCode`, message: `unknown course ${m.courseCode}` });
      if (!reqs.has(m.requirementCode))
        issues.push({
          path: `mappings.${i}.requirementCode`,
          message: `unknown requirement code ${m.requirementCode} at this level`,
        });
      if (!(m.weight > 0 && m.weight <= 1 && storedWeight(m.weight) > 0))
        issues.push({
          path: `mappings.${i}.weight`,
          message: 'weight must be in (0, 1], at least 0.000001 (weights are kept to the millionth)',
        });
      const key = `${m.courseCode}\u0000${m.requirementCode}`;
      if (seen.has(key))
        issues.push({ path: `mappings.${i}`, message: `${m.courseCode} → ${m.requirementCode} twice` });
      seen.add(key);
    });
    if (issues.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        { zh: `对应关系有 ${issues.length} 处错误`, en: `${issues.length} mapping problem(s)` },
        { issues },
      );
    }
    return this.replace(programme, target, requirements, inputs);
  }

  /** Imports a mapping CSV (all rows or none) replacing the programme's mappings to this level. */
  async importMappingsCsv(
    programmeId: string,
    certificate: string,
    level: LevelCode,
    bytes: Uint8Array,
  ): Promise<CoverageReport> {
    const { programme, target, requirements } = await this.context(programmeId, certificate, level);
    const inputs = parseMappingCsv(bytes, {
      courses: new Set(programme.courses.map((c) => c.code)),
      requirements: new Set(requirements.map((r) => r.code)),
    });
    return this.replace(programme, target, requirements, inputs);
  }

  async exportMappingsCsv(programmeId: string, certificate: string, level: LevelCode): Promise<string> {
    const { mappings } = await this.listMappings(programmeId, certificate, level);
    return formatMappingCsv(mappings);
  }

  private async replace(
    programme: ProgrammeWithCourses,
    target: TargetLevel,
    requirements: RequirementRef[],
    inputs: MappingInput[],
  ): Promise<CoverageReport> {
    const courses = new Map(programme.courses.map((c) => [c.code, c]));
    const rows: CurriculumMapping[] = inputs.map((m) => ({
      id: this.deps.ids.next('map'),
      programmeId: programme.id,
      courseId: courses.get(m.courseCode)!.id,
      courseCode: m.courseCode,
      standardId: target.standard.id,
      certificateId: target.certificate.id,
      level: target.level,
      requirementCode: m.requirementCode,
      kind: m.kind,
      // What the database keeps (numeric(7, 6)), so this answer equals a later read.
      weight: storedWeight(m.weight),
    }));
    await this.deps.store.transaction((tx) =>
      tx.replaceMappings(programme.id, target.standard.id, target.level, rows),
    );
    return report(programme, target, requirements, rows);
  }

  /** The coverage matrix of a programme against a level, its gaps and the hours they need. */
  async coverage(programmeId: string, certificate: string, level: LevelCode): Promise<CoverageReport> {
    const { programme, target, requirements } = await this.context(programmeId, certificate, level);
    const mappings = await this.deps.store.listMappings({
      programmeIds: [programme.id],
      standardId: target.standard.id,
      level,
    });
    return report(programme, target, requirements, mappings);
  }

  /**
   * For every programme of an institution, the certificate levels it is closest to: every level
   * of every certificate with a standard, ranked by coverage, then by the major being one of the
   * level's target majors, then by fewer hours needed. `limit` levels per programme (default 3).
   * Computed from one SQL aggregate over the institution's mappings (`coverageTotals`), not matrix
   * by matrix; the summaries equal those of `coverage` for the same pair.
   */
  async closestLevels(
    institutionIdOrCode: string,
    options: { limit?: number } = {},
  ): Promise<ProgrammeCloseness[]> {
    const { programmes, cells } = await this.bulkCoverage(institutionIdOrCode);
    const limit = options.limit ?? 3;
    return programmes.map((p) => {
      const ranked = cells
        .get(p.id)!
        .map(({ programmeId: _p, nameZh: _n, majorCode: _m, cohortYear: _c, mapped: _x, ...level }) => level);
      ranked.sort(
        (a, b) =>
          b.summary.coverage - a.summary.coverage ||
          Number(b.targeted) - Number(a.targeted) ||
          a.summary.hoursNeeded - b.summary.hoursNeeded ||
          a.certificateCode.localeCompare(b.certificateCode) ||
          a.level - b.level,
      );
      return {
        programmeId: p.id,
        nameZh: p.nameZh,
        majorCode: p.majorCode,
        cohortYear: p.cohortYear,
        levels: ranked.slice(0, limit),
      };
    });
  }

  /**
   * An institution's coverage overview: each programme against each certificate level that targets
   * its major or that it has mappings to (every level with `all`), optionally of one certificate
   * and level, in programme then catalog order. One SQL aggregate, like `closestLevels`.
   */
  async coverageOverview(
    institutionIdOrCode: string,
    options: { certificate?: string | undefined; level?: LevelCode | undefined; all?: boolean } = {},
  ): Promise<ProgrammeLevelCoverage[]> {
    const certificate =
      options.certificate === undefined
        ? undefined
        : (await this.deps.catalog.getCertificate(options.certificate)).code;
    const { programmes, cells } = await this.bulkCoverage(institutionIdOrCode);
    return programmes.flatMap((p) =>
      cells
        .get(p.id)!
        .filter(
          (c) =>
            (certificate === undefined || c.certificateCode === certificate) &&
            (options.level === undefined || c.level === options.level) &&
            (options.all || c.targeted || c.mapped),
        ),
    );
  }

  /**
   * Every programme of an institution × every level of a certificate with a standard, summarized:
   * a few queries whatever the size (the institution, its programmes, the catalog, the latest
   * standards with their requirement counts, one aggregate of the mappings), no matrix built.
   */
  private async bulkCoverage(institutionIdOrCode: string) {
    const institution = await this.deps.programs.getInstitution(institutionIdOrCode);
    const programmes = await this.deps.programs.listProgrammes(institution.id);
    const latest = new Map((await this.deps.store.latestStandards()).map((s) => [s.certificateId, s]));
    const counts = await this.requirementCounts([...latest.values()]);
    const levels: { target: TargetLevel; requirements: number; hours: number }[] = [];
    for (const cert of await this.deps.catalog.listCertificates()) {
      const standard = latest.get(cert.id);
      if (!standard) continue;
      for (const l of cert.levels) {
        const target = targetOf(cert, l.level, {
          id: standard.standardId,
          version: standard.version,
          status: standard.status,
        });
        const requirements = counts.get(`${standard.standardId}/${l.level}`) ?? 0;
        levels.push({
          target,
          requirements,
          hours: estimateRequirementHours(target.nominalHours, requirements),
        });
      }
    }
    const totals = new Map<string, CoverageTotals>();
    if (programmes.length > 0 && levels.length > 0) {
      const standardIds = [...new Set(levels.map((l) => l.target.standard.id))];
      for (const t of await this.deps.store.coverageTotals({ institutionId: institution.id, standardIds }))
        totals.set(`${t.programmeId}/${t.standardId}/${t.level}`, t);
    }
    const cells = new Map<string, ProgrammeLevelCoverage[]>();
    for (const p of programmes) {
      cells.set(
        p.id,
        levels.map(({ target, requirements, hours }) => {
          const found = totals.get(`${p.id}/${target.standard.id}/${target.level}`);
          return {
            programmeId: p.id,
            nameZh: p.nameZh,
            majorCode: p.majorCode,
            cohortYear: p.cohortYear,
            certificateCode: target.certificate.code,
            certificateNameZh: target.certificate.nameZh,
            level: target.level,
            targeted: target.targetMajors.includes(p.majorCode),
            mapped: found !== undefined,
            summary: summaryFromTotals(requirements, hours, found),
          };
        }),
      );
    }
    return { programmes, cells };
  }

  /** Requirements per standard × level (`id/level`); published standards are immutable, so cached. */
  private async requirementCounts(standards: readonly LatestStandard[]): Promise<Map<string, number>> {
    const missing = standards.filter((s) => !this.publishedCounts.has(s.standardId)).map((s) => s.standardId);
    const fresh = new Map<string, Map<LevelCode, number>>(missing.map((id) => [id, new Map()]));
    for (const c of await this.deps.store.requirementCounts(missing))
      fresh.get(c.standardId)!.set(c.level, c.requirements);
    const out = new Map<string, number>();
    for (const s of standards) {
      const byLevel = this.publishedCounts.get(s.standardId) ?? fresh.get(s.standardId)!;
      if (s.status === 'PUBLISHED') this.publishedCounts.set(s.standardId, byLevel);
      for (const [level, n] of byLevel) out.set(`${s.standardId}/${level}`, n);
    }
    return out;
  }

  /** A programme plan's broken rules, by name (教职成〔2019〕13号). */
  async checkPlan(programmeId: string): Promise<PlanCheck & { programmeId: string }> {
    const programme = await this.deps.programs.getProgramme(programmeId);
    const stage = planStageOf(findMajor(programme.majorCode)?.level ?? 'HIGHER_VET_SHORT');
    return { programmeId, ...checkPlan(stage, programme.courses, programme.hoursPerCredit) };
  }

  /**
   * The restructuring plan: which candidate modules to add so that weighted coverage of the level
   * is highest while the plan rules hold and the added hours stay within the budget. Exact (MILP
   * on the solver port) up to `exactLimit` candidates, greedy with its optimality gap above.
   */
  async optimize(
    programmeId: string,
    certificate: string,
    level: LevelCode,
    options: OptimizeOptions = {},
  ): Promise<OptimizePlan> {
    const before = await this.coverage(programmeId, certificate, level);
    const programme = await this.deps.programs.getProgramme(programmeId);
    const stage = planStageOf(findMajor(programme.majorCode)?.level ?? 'HIGHER_VET_SHORT');
    const rules = planRules[stage];
    const budget = options.budget ?? before.target.nominalHours;
    if (options.candidates) checkCandidates(options.candidates, before, programme);
    const candidates = options.candidates ?? defaultCandidates(before);
    const check = checkPlan(stage, programme.courses);
    const input: OptimizerInput = {
      requirements: before.requirements.map((r) => ({ code: r.code, hours: r.hours, coverage: r.coverage })),
      candidates,
      plan: {
        totalHours: check.totals.total,
        practiceHours: check.totals.practice,
        electiveHours: check.totals.elective,
        minTotalHours: rules.minHours,
        minPracticeShare: rules.minPracticeShare,
        minElectiveShare: rules.minElectiveShare,
        budget,
      },
    };
    const result = await this.solve(input, options);
    const chosen = new Set(result.chosen.map((c) => c.id));
    const after = summarize(
      applyModules(
        before.requirements,
        candidates.filter((c) => chosen.has(c.id)),
      ),
    );
    return {
      programmeId,
      target: before.target,
      budget,
      candidates,
      before: before.summary,
      after,
      result,
    };
  }

  /** Solves one optimizer input: exact when small enough, greedy with its LP bound otherwise. */
  async solve(input: OptimizerInput, options: OptimizeOptions = {}): Promise<OptimizerResult> {
    const method = options.method ?? 'AUTO';
    const none = input.candidates.map(() => false);
    if (input.candidates.length === 0) {
      const status = evaluateSelection(input, none).feasible ? 'OPTIMAL' : 'INFEASIBLE';
      return explainSelection(input, none, 'MILP', status);
    }
    const exact =
      method === 'MILP' || (method === 'AUTO' && input.candidates.length <= (options.exactLimit ?? 120));
    const timeLimit = { timeLimitSeconds: options.timeLimitSeconds ?? 60 };
    if (exact) {
      const solution = await this.deps.solver.solve(buildOptimizerLp(input), timeLimit);
      if (solution.status === 'INFEASIBLE') return explainSelection(input, none, 'MILP', 'INFEASIBLE');
      if (solution.status === 'OPTIMAL') {
        const sel = pruneSelection(input, selectionFromSolution(input, solution));
        return explainSelection(input, sel, 'MILP', 'OPTIMAL');
      }
      if (method === 'MILP') throw solverFailed(solution.raw);
      // Time limit or another non-final status: fall back to the greedy answer and its bound.
    }
    const relaxed = await this.deps.solver.solve(buildOptimizerLp(input, { relax: true }), timeLimit);
    if (relaxed.status === 'INFEASIBLE') return explainSelection(input, none, 'GREEDY', 'INFEASIBLE');
    if (relaxed.status !== 'OPTIMAL') throw solverFailed(relaxed.raw);
    const sel = greedySelection(input);
    const status = evaluateSelection(input, sel).feasible ? 'FEASIBLE' : 'INFEASIBLE';
    return explainSelection(input, sel, 'GREEDY', status, relaxed.objective);
  }

  /** A standard version as a CASE 1.1 CFPackage. */
  async exportCase(standardId: string): Promise<CasePackage> {
    const standard = await this.deps.catalog.getStandard(standardId);
    const certificate = await this.deps.catalog.getCertificate(standard.certificateId);
    return toCasePackage(standard, certificate);
  }

  /**
   * Imports a CASE 1.1 CFPackage as a new version of its certificate's standard (published when
   * the document is Adopted). A malformed package is refused whole: `CURRICULUM_CASE_MALFORMED`.
   */
  async importCase(pkg: unknown): Promise<SkillStandardWithNodes> {
    const parsed = parseCasePackage(pkg);
    const certificate = await this.deps.catalog
      .listCertificates()
      .then((all) => all.find((c) => c.code === parsed.certificateCode));
    if (!certificate) {
      throw new DomainError(
        'CURRICULUM_CASE_MALFORMED',
        {
          zh: `CASE 文件指向未知证书 ${parsed.certificateCode}，未导入任何内容`,
          en: `The CASE package names an unknown certificate ${parsed.certificateCode}; nothing was imported`,
        },
        {
          issues: [{ path: 'CFDocument.subject', message: `unknown certificate ${parsed.certificateCode}` }],
        },
      );
    }
    const offered = new Set(certificate.levels.map((l) => l.level));
    const missing = parsed.tree.levels.filter((l) => !offered.has(l.level));
    if (missing.length > 0) {
      throw new DomainError(
        'CURRICULUM_CASE_MALFORMED',
        {
          zh: '证书没有该等级，未导入任何内容',
          en: 'The certificate has no such level; nothing was imported',
        },
        {
          issues: missing.map((l) => ({
            path: 'CFItems',
            message: `certificate ${certificate.code} has no level ${l.level}`,
          })),
        },
      );
    }
    const created = await this.deps.catalog.createStandardVersion(certificate.id, parsed.tree);
    return parsed.adopted ? this.deps.catalog.publishStandard(created.id) : created;
  }
}

function targetOf(
  certificate: CertificateWithTeo,
  level: LevelCode,
  standard: Pick<SkillStandardWithNodes, 'id' | 'version' | 'status'>,
): TargetLevel {
  const lvl = certificate.levels.find((l) => l.level === level)!;
  return {
    certificate: {
      id: certificate.id,
      code: certificate.code,
      nameZh: certificate.nameZh,
      nameEn: certificate.nameEn,
    },
    level,
    levelNameZh: levelNames[level].zh,
    nominalHours: lvl.nominalHours,
    targetMajors: lvl.targetMajors,
    standard: { id: standard.id, version: standard.version, status: standard.status },
  };
}

/**
 * Candidate modules given by a caller must name requirements of the level and, to extend a course,
 * a course of the programme; ids are unique and practical hours within the hours. Every problem is
 * named by its path (`candidates.2.covers.0.requirementCode`) and nothing is solved.
 */
function checkCandidates(
  candidates: readonly CandidateModule[],
  report: CoverageReport,
  programme: ProgrammeWithCourses,
): void {
  const requirements = new Set(report.requirements.map((r) => r.code));
  const courses = new Set(programme.courses.map((c) => c.code));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  candidates.forEach((c, i) => {
    if (seen.has(c.id)) issues.push({ path: `candidates.${i}.id`, message: `module id ${c.id} twice` });
    seen.add(c.id);
    if (!(c.hours > 0)) issues.push({ path: `candidates.${i}.hours`, message: 'must be > 0' });
    if (!(c.practiceHours >= 0 && c.practiceHours <= c.hours))
      issues.push({ path: `candidates.${i}.practiceHours`, message: 'must be between 0 and the hours' });
    if (c.kind === 'EXTEND' && (c.courseCode === undefined || !courses.has(c.courseCode)))
      issues.push({
        path: `candidates.${i}.courseCode`,
        message: `an EXTEND module names a course of the programme, not ${c.courseCode ?? '(none)'}`,
      });
    c.covers.forEach((cov, j) => {
      if (!requirements.has(cov.requirementCode))
        issues.push({
          path: `candidates.${i}.covers.${j}.requirementCode`,
          message: `unknown requirement code ${cov.requirementCode} at this level`,
        });
      if (!(cov.weight > 0 && cov.weight <= 1))
        issues.push({ path: `candidates.${i}.covers.${j}.weight`, message: 'weight must be in (0, 1]' });
    });
  });
  if (issues.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        zh: `候选模块有 ${issues.length} 处错误：${issues
          .slice(0, 5)
          .map((x) => x.path)
          .join('、')}`,
        en: `${issues.length} candidate module problem(s): ${issues
          .slice(0, 5)
          .map((x) => `${x.path} ${x.message}`)
          .join('; ')}`,
      },
      { issues },
    );
  }
}

function solverFailed(raw: string): DomainError {
  return new DomainError(
    'CURRICULUM_SOLVER_FAILED',
    { zh: `求解器未给出最优解：${raw}`, en: `The MILP solver gave no optimal answer: ${raw}` },
    { status: raw },
  );
}

function describe(
  mappings: CurriculumMapping[],
  programme: ProgrammeWithCourses,
  requirements: RequirementRef[],
) {
  const courses = new Map(programme.courses.map((c) => [c.code, c]));
  const reqs = new Map(requirements.map((r) => [r.code, r]));
  const order = new Map(requirements.map((r, i) => [r.code, i]));
  return mappings
    .map((m) => ({
      courseCode: m.courseCode,
      courseName: courses.get(m.courseCode)?.nameZh ?? '',
      requirementCode: m.requirementCode,
      requirementTitle: reqs.get(m.requirementCode)?.titleZh ?? '',
      kind: m.kind,
      weight: m.weight,
    }))
    .sort(
      (a, b) =>
        (order.get(a.requirementCode) ?? 0) - (order.get(b.requirementCode) ?? 0) ||
        a.courseCode.localeCompare(b.courseCode),
    );
}

function report(
  programme: ProgrammeWithCourses,
  target: TargetLevel,
  requirements: RequirementRef[],
  mappings: readonly Pick<CurriculumMapping, 'requirementCode' | 'courseCode' | 'kind' | 'weight'>[],
): CoverageReport {
  const { rows, summary } = computeCoverage(requirements, mappings);
  const mapped = new Set(mappings.map((m) => m.courseCode));
  return {
    programme: {
      id: programme.id,
      nameZh: programme.nameZh,
      majorCode: programme.majorCode,
      institutionId: programme.institutionId,
    },
    target,
    hoursBasis,
    courses: programme.courses
      .filter((c) => mapped.has(c.code))
      .map((c) => ({
        code: c.code,
        nameZh: c.nameZh,
        hours: c.hours,
        practiceHours: c.practiceHours,
        type: c.type,
      })),
    requirements: rows,
    summary,
  };
}

/** Coverage rows after adding modules (each module's weights add to its requirements, capped at 1). */
export function applyModules(rows: readonly RequirementCoverage[], modules: readonly CandidateModule[]) {
  const add = new Map<string, number>();
  for (const m of modules)
    for (const c of m.covers) add.set(c.requirementCode, (add.get(c.requirementCode) ?? 0) + c.weight);
  return rows.map((r) => {
    const coverage = Math.min(1, r.coverage + (add.get(r.code) ?? 0));
    return {
      ...r,
      coverage,
      status:
        coverage >= 1 - epsilon
          ? ('COVERED' as const)
          : coverage > epsilon
            ? ('PARTIAL' as const)
            : ('UNCOVERED' as const),
    };
  });
}

/**
 * Candidate modules derived from the gaps, one or two per work task with a gap:
 * - NEW: a new elective module (补充模块, SUPPLEMENT) that closes every gap of the task; its hours are
 *   the gap's hours rounded up to even hours, half of them practical;
 * - EXTEND: the course already mapped most to the task grows by the same hours, with the course's
 *   own practical share, and closes the same gaps (an embedded extension, EMBED).
 * The optimizer then picks among them under the budget and the plan rules.
 */
export function defaultCandidates(report: CoverageReport): CandidateModule[] {
  const byTask = new Map<string, RequirementCoverage[]>();
  for (const r of report.requirements) {
    let list = byTask.get(r.taskCode);
    if (!list) {
      list = [];
      byTask.set(r.taskCode, list);
    }
    list.push(r);
  }
  const courses = new Map(report.courses.map((c) => [c.code, c]));
  const out: CandidateModule[] = [];
  for (const [task, rows] of byTask) {
    const gaps = rows.filter((r) => r.coverage < 1 - epsilon);
    if (gaps.length === 0) continue;
    const hours = Math.max(2, Math.ceil(gaps.reduce((s, r) => s + r.hoursNeeded, 0) / 2) * 2);
    const covers = gaps.map((r) => ({
      requirementCode: r.code,
      weight: Math.round((1 - r.coverage) * 1e6) / 1e6,
    }));
    const title = rows[0]!.taskTitleZh || task;
    out.push({
      id: `NEW-${task}`,
      kind: 'NEW',
      nameZh: `${title}（补充模块）`,
      hours,
      practiceHours: hours / 2,
      elective: true,
      covers,
    });
    const weightByCourse = new Map<string, number>();
    for (const r of rows)
      for (const c of r.cells)
        weightByCourse.set(c.courseCode, (weightByCourse.get(c.courseCode) ?? 0) + c.weight);
    const best = [...weightByCourse].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    const course = best && courses.get(best[0]);
    if (course) {
      out.push({
        id: `EXT-${task}-${course.code}`,
        kind: 'EXTEND',
        nameZh: `${course.nameZh}（扩充：${title}）`,
        courseCode: course.code,
        hours,
        practiceHours: Math.round((hours * course.practiceHours) / course.hours),
        elective: course.type === 'ELECTIVE',
        covers,
      });
    }
  }
  return out;
}
