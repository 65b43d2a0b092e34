import {
  type CatalogService,
  type CertificateWithTeo,
  findProvince,
  type LevelCode,
  type PassRule,
} from '../catalog/index.ts';
import type { Learner, ProgramsService } from '../programs/index.ts';
import {
  type Clock,
  DomainError,
  type FieldIssue,
  type IdGenerator,
  invalid,
  isDomainError,
  notFound,
} from '../shared/index.ts';
import type {
  AssessmentResult,
  AssessmentSession,
  AssessmentSite,
  CertificateLevelRef,
  PassedResult,
  PilotAuthorization,
  PracticalMode,
  Prerequisite,
  Registration,
  RegistrationOutcome,
  ResultRevision,
  Scores,
  SiteHostType,
  SiteStatus,
  TheoryMode,
} from './assessment.model.ts';
import type { AssessmentStore, PilotFilter, SessionFilter, SiteFilter } from './assessment.ports.ts';
import {
  assertSiteTransition,
  chinaDate,
  isIsoDate,
  isValidScore,
  judge,
  notEligible,
  prerequisiteIssues,
  refusalsFor,
} from './assessment.rules.ts';
import {
  buildResultsTemplate,
  type ImportIssue,
  issue,
  parseResultsFile,
  type ResultsFileFormat,
} from './results-import.ts';

export interface AssessmentDeps {
  store: AssessmentStore;
  /** Certificates and standards are read before a transaction opens (their own store, not the tx). */
  catalog: Pick<CatalogService, 'getCertificate' | 'getStandard' | 'getTeo'>;
  programs: Pick<ProgramsService, 'getInstitution' | 'getLearner'>;
  clock: Clock;
  ids: IdGenerator;
}

export interface NewPilotAuthorization {
  institutionId: string;
  certificateId: string;
  levels: LevelCode[];
  year: number;
}

export interface NewSite {
  code: string;
  nameZh: string;
  teoId: string;
  hostType: SiteHostType;
  /** Required for an INSTITUTION host. */
  hostInstitutionId?: string | undefined;
  /** Required for an ENTERPRISE host; defaults to the institution's name. */
  hostNameZh?: string | undefined;
  /** Required for an ENTERPRISE host; defaults to the institution's province. */
  provinceCode?: string | undefined;
  capacity: number;
  /** The certificate levels (certificate id or code) the site applies for. */
  certificateLevels: { certificateId: string; level: LevelCode }[];
}

export interface NewSession {
  certificateId: string;
  level: LevelCode;
  standardId: string;
  siteId: string;
  date: string;
  theoryMode: TheoryMode;
  practicalMode: PracticalMode;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  /** Defaults to the site's capacity; never more. */
  capacity?: number | undefined;
}

export interface RegistrationRequest {
  learnerId: string;
  /** Training hours the learner declares (checked against a TRAINING_HOURS prerequisite). */
  trainingHours?: number | undefined;
}

export interface ScoreEntry {
  registrationId: string;
  theory?: number | undefined;
  practical?: number | undefined;
  absent?: boolean | undefined;
}

export interface Rescore {
  theory?: number | undefined;
  practical?: number | undefined;
  absent?: boolean | undefined;
  /** Why the result changes (e.g. the appeal's reference). */
  reason: string;
  actor: string;
}

export interface ResultWithHistory extends AssessmentResult {
  revisions: ResultRevision[];
}

export interface ImportReport {
  dryRun: boolean;
  format: ResultsFileFormat;
  /** Data rows read (blank rows skipped). */
  rows: number;
  /** Every bad row, by row and column; empty when the file can be applied. */
  issues: ImportIssue[];
  /** Results written: 0 on a dry run. */
  written: number;
  /** What the file records (or would record). */
  summary: { scored: number; absent: number; passed: number; failed: number };
}

const maxBulk = 2000;

/**
 * Assessment (DOMAIN.md §3.4, ARCHITECTURE.md §3 step 3): pilot authorizations, sites approved by
 * their TEO, sessions under a published standard, data-driven eligibility, scoring against the
 * level's pass rule, publication, re-scoring with history, and results import.
 */
export class AssessmentService {
  constructor(private readonly deps: AssessmentDeps) {}

  // ── pilot authorizations ────────────────────────────────────────────────

  async createPilotAuthorization(input: NewPilotAuthorization): Promise<PilotAuthorization> {
    const inst = await this.deps.programs.getInstitution(input.institutionId);
    const cert = await this.deps.catalog.getCertificate(input.certificateId);
    const levels = [...new Set(input.levels)].sort();
    assertLevelsOffered(cert, levels, 'levels');
    if (!Number.isInteger(input.year) || input.year < 2019 || input.year > 2100) {
      throw invalid('year', { zh: '年份应在 2019–2100 之间', en: 'The year is from 2019 to 2100' });
    }
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      if (await tx.findActivePilot(inst.id, cert.id, input.year)) {
        throw new DomainError(
          'ASSESSMENT_DUPLICATE',
          {
            zh: `${inst.nameZh} 已有 ${input.year} 年 ${cert.code} 的试点授权`,
            en: `${inst.code} already holds a ${input.year} pilot authorization for ${cert.code}`,
          },
          { institutionId: inst.id, certificateId: cert.id, year: input.year },
        );
      }
      const pilot: PilotAuthorization = {
        id: this.deps.ids.next('pilot'),
        institutionId: inst.id,
        certificateId: cert.id,
        levels,
        year: input.year,
        status: 'ACTIVE',
        createdAt: now,
        closedAt: null,
      };
      await tx.insertPilot(pilot);
      return pilot;
    });
  }

  listPilotAuthorizations(filter: PilotFilter = {}): Promise<PilotAuthorization[]> {
    return this.deps.store.listPilots(filter);
  }

  async closePilotAuthorization(id: string): Promise<PilotAuthorization> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const pilot = await tx.findPilot(id);
      if (!pilot) throw notFound('试点授权 pilot authorization', id);
      if (pilot.status !== 'ACTIVE') {
        throw new DomainError(
          'ASSESSMENT_INVALID_TRANSITION',
          { zh: '试点授权已关闭', en: 'The pilot authorization is already closed' },
          { from: pilot.status, to: 'CLOSED', allowed: [] },
        );
      }
      await tx.closePilot(id, now);
      return { ...pilot, status: 'CLOSED', closedAt: now };
    });
  }

  // ── sites ──────────────────────────────────────────────────────────────

  /** A site applies (PENDING) for certificate levels of one TEO; the TEO approves it. */
  async createSite(input: NewSite): Promise<AssessmentSite> {
    const teo = await this.deps.catalog.getTeo(input.teoId);
    const levels = await this.resolveSiteLevels(teo.id, input.certificateLevels);
    let hostInstitutionId: string | null = null;
    let hostNameZh = input.hostNameZh;
    let provinceCode = input.provinceCode;
    if (input.hostType === 'INSTITUTION') {
      if (!input.hostInstitutionId) {
        throw invalid('hostInstitutionId', {
          zh: '院校承办的站点须指明院校',
          en: 'A site hosted by an institution names the institution',
        });
      }
      const inst = await this.deps.programs.getInstitution(input.hostInstitutionId);
      hostInstitutionId = inst.id;
      hostNameZh ??= inst.nameZh;
      provinceCode ??= inst.provinceCode;
    }
    if (!hostNameZh) {
      throw invalid('hostNameZh', {
        zh: '企业承办的站点须填写企业名称',
        en: 'An enterprise host needs a name',
      });
    }
    if (!provinceCode || !findProvince(provinceCode)) {
      throw invalid('provinceCode', {
        zh: `未知或缺少省级行政区代码：${provinceCode ?? ''}`,
        en: `Unknown or missing province code: ${provinceCode ?? ''}`,
      });
    }
    assertCapacity(input.capacity, 'capacity');
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      if (await tx.findSite(input.code)) {
        throw new DomainError(
          'ASSESSMENT_DUPLICATE',
          { zh: `站点代码已存在：${input.code}`, en: `A site with code ${input.code} already exists` },
          { code: input.code },
        );
      }
      const site: AssessmentSite = {
        id: this.deps.ids.next('site'),
        code: input.code,
        nameZh: input.nameZh,
        teoId: teo.id,
        hostType: input.hostType,
        hostInstitutionId,
        hostNameZh,
        provinceCode,
        capacity: input.capacity,
        certificateLevels: levels,
        status: 'PENDING',
        createdAt: now,
        approvedAt: null,
      };
      await tx.insertSite(site);
      return site;
    });
  }

  async getSite(idOrCode: string): Promise<AssessmentSite> {
    const site = await this.deps.store.findSite(idOrCode);
    if (!site) throw notFound('考核站点 assessment site', idOrCode);
    return site;
  }

  listSites(filter: SiteFilter = {}): Promise<AssessmentSite[]> {
    return this.deps.store.listSites(filter);
  }

  /**
   * The TEO approves a pending (or reinstates a suspended) site, for the levels it applied for or
   * for the levels given here (which replace them).
   */
  async approveSite(
    idOrCode: string,
    input: {
      certificateLevels?: { certificateId: string; level: LevelCode }[] | undefined;
      reason?: string | undefined;
    } = {},
  ): Promise<AssessmentSite> {
    const current = await this.getSite(idOrCode);
    const levels = input.certificateLevels
      ? await this.resolveSiteLevels(current.teoId, input.certificateLevels)
      : undefined;
    return this.changeSite(current.id, 'APPROVED', input.reason, levels);
  }

  /** Suspends, reinstates (APPROVED) or closes a site. */
  async transitionSite(idOrCode: string, to: SiteStatus, reason?: string): Promise<AssessmentSite> {
    const current = await this.getSite(idOrCode);
    return this.changeSite(current.id, to, reason, undefined);
  }

  private changeSite(
    id: string,
    to: SiteStatus,
    reason: string | undefined,
    levels: CertificateLevelRef[] | undefined,
  ): Promise<AssessmentSite> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const site = await tx.findSite(id);
      if (!site) throw notFound('考核站点 assessment site', id);
      assertSiteTransition(site.status, to);
      const next: AssessmentSite = {
        ...site,
        status: to,
        certificateLevels: levels ?? site.certificateLevels,
        approvedAt: to === 'APPROVED' ? (site.approvedAt ?? now) : site.approvedAt,
      };
      await tx.updateSite(next, { from: site.status, to, reason: reason ?? null, at: now });
      return next;
    });
  }

  private async resolveSiteLevels(
    teoId: string,
    input: { certificateId: string; level: LevelCode }[],
  ): Promise<CertificateLevelRef[]> {
    if (input.length === 0) {
      throw invalid('certificateLevels', {
        zh: '站点至少面向一个证书等级',
        en: 'A site serves at least one certificate level',
      });
    }
    const out = new Map<string, CertificateLevelRef>();
    for (const [i, ref] of input.entries()) {
      const cert = await this.deps.catalog.getCertificate(ref.certificateId);
      if (cert.teoId !== teoId) {
        throw invalid(`certificateLevels.${i}.certificateId`, {
          zh: `证书 ${cert.code} 不属于该站点的培训评价组织`,
          en: `Certificate ${cert.code} belongs to another TEO than the site's`,
        });
      }
      assertLevelsOffered(cert, [ref.level], `certificateLevels.${i}.level`);
      out.set(`${cert.id}/${ref.level}`, { certificateId: cert.id, level: ref.level });
    }
    return [...out.values()];
  }

  // ── prerequisites ──────────────────────────────────────────────────────

  /** Replaces the TEO's registration prerequisites of one certificate level (data, not code). */
  async setPrerequisites(
    certificateId: string,
    level: LevelCode,
    list: Prerequisite[],
  ): Promise<Prerequisite[]> {
    const cert = await this.deps.catalog.getCertificate(certificateId);
    assertLevelsOffered(cert, [level], 'level');
    const issues = prerequisiteIssues(level, list);
    if (issues.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        { zh: `报考条件有 ${issues.length} 处错误`, en: `${issues.length} prerequisite problem(s)` },
        { issues },
      );
    }
    const now = this.deps.clock.now();
    await this.deps.store.transaction((tx) => tx.setPrerequisites(cert.id, level, list, now));
    return list;
  }

  async getPrerequisites(certificateId: string, level: LevelCode): Promise<Prerequisite[]> {
    const cert = await this.deps.catalog.getCertificate(certificateId);
    return this.deps.store.getPrerequisites(cert.id, level);
  }

  // ── sessions ───────────────────────────────────────────────────────────

  /**
   * Schedules a session. Requires a PUBLISHED standard version of the certificate covering the
   * level, a site APPROVED for that certificate level, a registration window that closes by the
   * exam date, and a capacity no larger than the site's.
   */
  async createSession(input: NewSession): Promise<AssessmentSession> {
    const cert = await this.deps.catalog.getCertificate(input.certificateId);
    assertLevelsOffered(cert, [input.level], 'level');
    if (cert.status !== 'ACTIVE' && cert.status !== 'RESTRICTED') {
      throw new DomainError(
        'CONFLICT',
        {
          zh: `证书 ${cert.code} 状态为 ${cert.status}，不能安排考核`,
          en: `Certificate ${cert.code} is ${cert.status}; no session can be scheduled`,
        },
        { status: cert.status },
      );
    }
    const std = await this.deps.catalog.getStandard(input.standardId);
    if (std.certificateId !== cert.id) {
      throw invalid('standardId', {
        zh: '技能标准版本不属于该证书',
        en: 'The skill standard version belongs to another certificate',
      });
    }
    if (std.status !== 'PUBLISHED') {
      throw new DomainError(
        'ASSESSMENT_STANDARD_NOT_PUBLISHED',
        {
          zh: `技能标准第 ${std.version} 版尚未发布`,
          en: `Version ${std.version} of the skill standard is not published`,
        },
        { standardId: std.id, status: std.status },
      );
    }
    if (!std.nodes.some((n) => n.level === input.level)) {
      throw invalid('standardId', {
        zh: `技能标准第 ${std.version} 版不含等级 ${input.level}`,
        en: `Version ${std.version} of the skill standard has no level ${input.level}`,
      });
    }
    const issues: FieldIssue[] = [];
    if (!isIsoDate(input.date)) issues.push({ path: 'date', message: 'a calendar date YYYY-MM-DD' });
    if (!(input.registrationOpensAt < input.registrationClosesAt)) {
      issues.push({ path: 'registrationClosesAt', message: 'registration closes after it opens' });
    } else if (isIsoDate(input.date) && chinaDate(input.registrationClosesAt) > input.date) {
      issues.push({ path: 'registrationClosesAt', message: 'registration closes by the exam date' });
    }
    if (issues.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        { zh: `考核安排有 ${issues.length} 处错误`, en: `${issues.length} session problem(s)` },
        { issues },
      );
    }
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const site = await tx.findSite(input.siteId);
      if (!site) throw notFound('考核站点 assessment site', input.siteId);
      const approvedFor = site.certificateLevels.some(
        (l) => l.certificateId === cert.id && l.level === input.level,
      );
      if (site.status !== 'APPROVED' || !approvedFor) {
        throw new DomainError(
          'ASSESSMENT_SITE_NOT_APPROVED',
          site.status !== 'APPROVED'
            ? { zh: `考核站点 ${site.code} 状态为 ${site.status}`, en: `Site ${site.code} is ${site.status}` }
            : {
                zh: `考核站点 ${site.code} 未获准考核 ${cert.code} 等级 ${input.level}`,
                en: `Site ${site.code} is not approved for ${cert.code} level ${input.level}`,
              },
          { siteId: site.id, status: site.status },
        );
      }
      const capacity = input.capacity ?? site.capacity;
      assertCapacity(capacity, 'capacity');
      if (capacity > site.capacity) {
        throw invalid('capacity', {
          zh: `容量 ${capacity} 超过站点容量 ${site.capacity}`,
          en: `Capacity ${capacity} exceeds the site's capacity of ${site.capacity}`,
        });
      }
      const session: AssessmentSession = {
        id: this.deps.ids.next('sess'),
        certificateId: cert.id,
        certificateCode: cert.code,
        level: input.level,
        standardId: std.id,
        standardVersion: std.version,
        siteId: site.id,
        date: input.date,
        theoryMode: input.theoryMode,
        practicalMode: input.practicalMode,
        registrationOpensAt: input.registrationOpensAt,
        registrationClosesAt: input.registrationClosesAt,
        capacity,
        registeredCount: 0,
        resultsStatus: 'DRAFT',
        resultsPublishedAt: null,
        createdAt: now,
      };
      await tx.insertSession(session);
      return session;
    });
  }

  async getSession(id: string): Promise<AssessmentSession> {
    const session = await this.deps.store.findSession(id);
    if (!session) throw notFound('考核场次 assessment session', id);
    return session;
  }

  listSessions(filter: SessionFilter = {}): Promise<AssessmentSession[]> {
    return this.deps.store.listSessions(filter);
  }

  // ── registrations ──────────────────────────────────────────────────────

  /** Registers one learner, or refuses with `ASSESSMENT_NOT_ELIGIBLE` naming the rule; a refusal writes nothing. */
  async register(sessionId: string, request: RegistrationRequest): Promise<Registration> {
    const learner = await this.deps.programs.getLearner(request.learnerId);
    const session = await this.getSession(sessionId);
    const [outcome] = await this.registerAll(session, [request], new Map([[learner.id, learner]]));
    if (outcome!.status === 'REFUSED') throw notEligible(learner.id, session.id, outcome!.refusals);
    return outcome!.registration;
  }

  /**
   * Registers many learners in one transaction, each judged on its own (earlier ones in the list
   * count against capacity first): the result says, per learner in input order, registered or
   * refused with the rule. A refusal never fails the batch.
   */
  async registerMany(sessionId: string, requests: RegistrationRequest[]): Promise<RegistrationOutcome[]> {
    if (requests.length > maxBulk) {
      throw invalid('registrations', {
        zh: `一次最多报名 ${maxBulk} 人`,
        en: `At most ${maxBulk} registrations at once`,
      });
    }
    const session = await this.getSession(sessionId);
    const learners = new Map<string, Learner>();
    for (const r of requests) {
      if (learners.has(r.learnerId)) continue;
      const l = await this.findLearner(r.learnerId);
      if (l) learners.set(r.learnerId, l);
    }
    return this.registerAll(session, requests, learners);
  }

  listRegistrations(sessionId: string): Promise<Registration[]> {
    return this.deps.store.listRegistrations(sessionId);
  }

  private async findLearner(id: string): Promise<Learner | undefined> {
    try {
      return await this.deps.programs.getLearner(id);
    } catch (e) {
      if (isDomainError(e) && e.code === 'NOT_FOUND') return undefined;
      throw e;
    }
  }

  private async registerAll(
    found: AssessmentSession,
    requests: RegistrationRequest[],
    learners: Map<string, Learner>,
  ): Promise<RegistrationOutcome[]> {
    const year = Number(found.date.slice(0, 4));
    return this.deps.store.transaction(async (tx) => {
      const session = await tx.lockSession(found.id);
      if (!session) throw notFound('考核场次 assessment session', found.id);
      const now = this.deps.clock.now();
      const site = await tx.findSite(session.siteId);
      const siteApproved = site?.status === 'APPROVED';
      const prerequisites = await tx.getPrerequisites(session.certificateId, session.level);
      const pilots = new Map<string, readonly LevelCode[] | null>();
      let count = session.registeredCount;
      const outcomes: RegistrationOutcome[] = [];
      for (const req of requests) {
        const learner = learners.get(req.learnerId);
        if (!learner) {
          const text = { zh: `未找到学习者：${req.learnerId}`, en: `Learner not found: ${req.learnerId}` };
          outcomes.push({
            learnerId: req.learnerId,
            status: 'REFUSED',
            rule: 'LEARNER_NOT_FOUND',
            text,
            refusals: [{ rule: 'LEARNER_NOT_FOUND', text }],
          });
          continue;
        }
        let pilotLevels: readonly LevelCode[] | null = null;
        if (learner.kind === 'STUDENT' && learner.institutionId) {
          if (!pilots.has(learner.institutionId)) {
            const p = await tx.findActivePilot(learner.institutionId, session.certificateId, year);
            pilots.set(learner.institutionId, p ? p.levels : null);
          }
          pilotLevels = pilots.get(learner.institutionId) ?? null;
        }
        const sitting = await tx.findSitting(learner.id, session.certificateId, session.level, session.date);
        const needsLower = prerequisites.some((p) => p.kind === 'HOLDS_LOWER_LEVEL');
        const passedLowerLevel =
          needsLower && session.level > 1
            ? await tx.hasPassed(learner.id, session.certificateId, (session.level - 1) as LevelCode)
            : false;
        const refusals = refusalsFor({
          now,
          session,
          registeredCount: count,
          siteApproved,
          learner,
          alreadyInSession: sitting?.sessionId === session.id,
          sameDaySitting: sitting !== undefined && sitting.sessionId !== session.id,
          pilotLevels,
          prerequisites,
          passedLowerLevel,
          trainingHours: req.trainingHours ?? null,
        });
        if (refusals.length > 0) {
          outcomes.push({
            learnerId: learner.id,
            status: 'REFUSED',
            rule: refusals[0]!.rule,
            text: refusals[0]!.text,
            refusals,
          });
          continue;
        }
        const registration: Registration = {
          id: this.deps.ids.next('reg'),
          sessionId: session.id,
          learnerId: learner.id,
          trainingHours: req.trainingHours ?? null,
          registeredAt: now,
        };
        await tx.insertRegistration(registration, session);
        count++;
        outcomes.push({ learnerId: learner.id, status: 'REGISTERED', registration });
      }
      return outcomes;
    });
  }

  // ── scores and results ─────────────────────────────────────────────────

  /**
   * Records draft scores (or absence) for registrations of a session, all or none, judged against
   * the level's pass rule. Re-recording a draft result keeps the earlier version as a revision.
   * After publication, results change only through `rescore`.
   */
  async recordScores(sessionId: string, entries: ScoreEntry[], actor = 'admin'): Promise<AssessmentResult[]> {
    const session = await this.getSession(sessionId);
    const passRule = await this.passRuleOf(session);
    return this.deps.store.transaction(async (tx) => {
      const locked = await this.lockDraft(tx, session.id);
      const regs = new Map((await tx.listRegistrations(locked.id)).map((r) => [r.id, r]));
      const issues: FieldIssue[] = [];
      const seen = new Set<string>();
      const items: { registration: Registration; scores: Scores }[] = [];
      for (const [i, e] of entries.entries()) {
        const at = `${i}.`;
        const registration = regs.get(e.registrationId);
        if (!registration) {
          issues.push({
            path: `${at}registrationId`,
            message: `no registration ${e.registrationId} in this session`,
          });
          continue;
        }
        if (seen.has(e.registrationId)) {
          issues.push({ path: `${at}registrationId`, message: 'the registration appears twice' });
          continue;
        }
        seen.add(e.registrationId);
        const scores = scoresOf(e, at, issues);
        if (scores) items.push({ registration, scores });
      }
      if (issues.length > 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          { zh: `成绩有 ${issues.length} 处错误`, en: `${issues.length} score problem(s)` },
          { issues },
        );
      }
      return this.writeResults(tx, passRule, items, 'recorded', actor);
    });
  }

  /** Publishes a session's results: from now on they are what issuance reads. Requires every registration to have a result. */
  async publishResults(sessionId: string): Promise<AssessmentSession> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const session = await this.lockDraft(tx, sessionId);
      const results = new Set((await tx.listResults(session.id)).map((r) => r.registrationId));
      const missing = (await tx.listRegistrations(session.id)).filter((r) => !results.has(r.id));
      if (missing.length > 0) {
        throw new DomainError(
          'ASSESSMENT_RESULTS_INCOMPLETE',
          {
            zh: `还有 ${missing.length} 名考生没有成绩或缺考记录`,
            en: `${missing.length} registration(s) have no score and are not marked absent`,
          },
          {
            issues: missing.map((r) => ({ path: r.id, message: `no result for learner ${r.learnerId}` })),
          },
        );
      }
      await tx.markResultsPublished(session.id, now);
      return { ...session, resultsStatus: 'PUBLISHED', resultsPublishedAt: now };
    });
  }

  /**
   * Changes one result (after an appeal, say): the current row changes, the earlier version stays
   * as a revision with the reason, who and when. Works on draft and published results alike.
   */
  async rescore(resultId: string, input: Rescore): Promise<ResultWithHistory> {
    if (!input.reason.trim())
      throw invalid('reason', { zh: '须说明改分原因', en: 'A re-score needs a reason' });
    if (!input.actor.trim())
      throw invalid('actor', { zh: '须注明操作人', en: 'A re-score names who made it' });
    const existing = await this.deps.store.findResult(resultId);
    if (!existing) throw notFound('成绩 result', resultId);
    const session = await this.getSession(existing.sessionId);
    const passRule = await this.passRuleOf(session);
    const issues: FieldIssue[] = [];
    const scores = scoresOf({ registrationId: existing.registrationId, ...input }, '', issues);
    if (!scores) {
      throw new DomainError(
        'VALIDATION_FAILED',
        { zh: `成绩有 ${issues.length} 处错误`, en: `${issues.length} score problem(s)` },
        { issues },
      );
    }
    return this.deps.store.transaction(async (tx) => {
      await tx.lockSession(session.id);
      const registration = await tx.findRegistration(existing.registrationId);
      if (!registration) throw notFound('报名 registration', existing.registrationId);
      await this.writeResults(
        tx,
        passRule,
        [{ registration, scores }],
        input.reason.trim(),
        input.actor.trim(),
      );
      const result = (await tx.findResult(resultId))!;
      return { ...result, revisions: await tx.listRevisions(resultId) };
    });
  }

  async getResult(id: string): Promise<ResultWithHistory> {
    const result = await this.deps.store.findResult(id);
    if (!result) throw notFound('成绩 result', id);
    return { ...result, revisions: await this.deps.store.listRevisions(id) };
  }

  async listResults(sessionId: string): Promise<AssessmentResult[]> {
    const session = await this.getSession(sessionId);
    return this.deps.store.listResults(session.id);
  }

  /**
   * Published, passed results of a session, ordered by result id, for bulk issuance to page through
   * (`afterId` = the last id of the previous page). Nothing while results are DRAFT.
   */
  async listPassedResults(
    sessionId: string,
    page: { afterId?: string | undefined; limit: number },
  ): Promise<PassedResult[]> {
    if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 1000) {
      throw invalid('limit', { zh: '每页 1–1000 条', en: 'limit is from 1 to 1000' });
    }
    const session = await this.getSession(sessionId);
    return this.deps.store.listPassedResults(session.id, page.afterId, page.limit);
  }

  // ── results files ──────────────────────────────────────────────────────

  /** The results template of a session, prefilled with its registrations. */
  async resultsTemplate(sessionId: string, format: ResultsFileFormat): Promise<Uint8Array> {
    const session = await this.getSession(sessionId);
    const regs = await this.deps.store.listRegistrations(session.id);
    const rows = [];
    for (const r of regs) {
      const learner = await this.findLearner(r.learnerId);
      rows.push({ registrationId: r.id, learnerId: r.learnerId, nameZh: learner?.nameZh ?? '' });
    }
    return buildResultsTemplate(format, rows);
  }

  /**
   * Imports a results file into a draft session. Every row is checked against the file and the
   * session (unknown registration, score out of range or not a number, duplicate row, absent with
   * scores, missing column). A dry run only reports. A real run writes every row in one
   * transaction, or, if any row is bad, refuses the whole file (`ASSESSMENT_IMPORT_INVALID`).
   */
  async importResults(
    sessionId: string,
    bytes: Uint8Array,
    format: ResultsFileFormat,
    options: { dryRun?: boolean | undefined; actor?: string | undefined } = {},
  ): Promise<ImportReport> {
    const session = await this.getSession(sessionId);
    const passRule = await this.passRuleOf(session);
    const parsed = await parseResultsFile(bytes, format);
    const dryRun = options.dryRun ?? false;
    const count = parsed.count;
    const run = async (tx: AssessmentStore): Promise<ImportReport> => {
      const locked = await this.lockDraft(tx, session.id);
      const regs = await tx.listRegistrations(locked.id);
      const byId = new Map(regs.map((r) => [r.id, r]));
      const byLearner = new Map(regs.map((r) => [r.learnerId, r]));
      const issues = [...parsed.issues];
      const items: { registration: Registration; scores: Scores }[] = [];
      const usedBy = new Map<string, number>();
      for (const row of parsed.rows) {
        const registration = row.registrationId
          ? byId.get(row.registrationId)
          : byLearner.get(row.learnerId!);
        const column = row.registrationId ? 'registrationId' : 'learnerId';
        if (!registration) {
          issues.push(
            issue(row.row, column, {
              zh: `本场考核没有${row.registrationId ? `准考证号 ${row.registrationId}` : `学习者 ${row.learnerId} 的报名`}`,
              en: row.registrationId
                ? `No registration ${row.registrationId} in this session`
                : `Learner ${row.learnerId} is not registered in this session`,
            }),
          );
          continue;
        }
        const first = usedBy.get(registration.id);
        if (first !== undefined) {
          issues.push(
            issue(row.row, column, {
              zh: `与第 ${first} 行是同一名考生`,
              en: `The same candidate as row ${first}`,
            }),
          );
          continue;
        }
        usedBy.set(registration.id, row.row);
        items.push({
          registration,
          scores: row.absent ? { absent: true } : { theory: row.theory!, practical: row.practical! },
        });
      }
      issues.sort((a, b) => a.row - b.row);
      const judged = items.map((i) => judge(passRule, i.scores));
      const summary = {
        scored: items.filter((i) => !i.scores.absent).length,
        absent: items.filter((i) => i.scores.absent).length,
        passed: judged.filter((j) => j.passed).length,
        failed: judged.filter((j) => !j.passed).length,
      };
      if (dryRun) return { dryRun, format, rows: count, issues, written: 0, summary };
      if (issues.length > 0) {
        throw new DomainError(
          'ASSESSMENT_IMPORT_INVALID',
          {
            zh: `成绩文件有 ${issues.length} 处错误，未导入任何成绩`,
            en: `The results file has ${issues.length} problem(s); nothing was imported`,
          },
          { issues },
        );
      }
      const written = await this.writeResults(
        tx,
        passRule,
        items,
        `imported (${format})`,
        options.actor ?? 'admin',
      );
      return { dryRun, format, rows: count, issues, written: written.length, summary };
    };
    return this.deps.store.transaction(run);
  }

  // ── helpers ────────────────────────────────────────────────────────────

  private async passRuleOf(session: AssessmentSession): Promise<PassRule> {
    const cert = await this.deps.catalog.getCertificate(session.certificateId);
    return cert.levels.find((l) => l.level === session.level)?.passRule ?? {};
  }

  private async lockDraft(tx: AssessmentStore, sessionId: string): Promise<AssessmentSession> {
    const session = await tx.lockSession(sessionId);
    if (!session) throw notFound('考核场次 assessment session', sessionId);
    if (session.resultsStatus === 'PUBLISHED') {
      throw new DomainError(
        'ASSESSMENT_RESULTS_PUBLISHED',
        {
          zh: '本场成绩已发布，只能通过复核改分',
          en: "The session's results are published; change a result by re-scoring it",
        },
        { sessionId, publishedAt: session.resultsPublishedAt?.toISOString() },
      );
    }
    return session;
  }

  private async writeResults(
    tx: AssessmentStore,
    passRule: PassRule,
    items: { registration: Registration; scores: Scores }[],
    reason: string,
    actor: string,
  ): Promise<AssessmentResult[]> {
    const now = this.deps.clock.now();
    const existing = new Map(
      items.length > 0
        ? (await tx.listResults(items[0]!.registration.sessionId)).map((r) => [r.registrationId, r])
        : [],
    );
    const out: AssessmentResult[] = [];
    for (const { registration, scores } of items) {
      const j = judge(passRule, scores);
      const before = existing.get(registration.id);
      const result: AssessmentResult = {
        id: before?.id ?? this.deps.ids.next('res'),
        registrationId: registration.id,
        sessionId: registration.sessionId,
        learnerId: registration.learnerId,
        status: scores.absent ? 'ABSENT' : 'SCORED',
        theory: scores.absent ? null : scores.theory,
        practical: scores.absent ? null : scores.practical,
        total: j.total,
        passed: j.passed,
        reasons: j.reasons,
        revision: (before?.revision ?? 0) + 1,
        updatedAt: now,
      };
      await tx.saveResult(result, {
        resultId: result.id,
        revision: result.revision,
        status: result.status,
        theory: result.theory,
        practical: result.practical,
        total: result.total,
        passed: result.passed,
        reason,
        actor,
        at: now,
      });
      out.push(result);
    }
    return out;
  }
}

function scoresOf(e: ScoreEntry, at: string, issues: FieldIssue[]): Scores | undefined {
  if (e.absent) {
    if (e.theory !== undefined || e.practical !== undefined) {
      issues.push({ path: `${at}absent`, message: 'an absent candidate has no score' });
      return undefined;
    }
    return { absent: true };
  }
  let ok = true;
  for (const part of ['theory', 'practical'] as const) {
    if (!isValidScore(e[part])) {
      issues.push({
        path: `${at}${part}`,
        message:
          e[part] === undefined
            ? 'missing score (mark an absent candidate absent)'
            : 'a score is from 0 to 100 with at most one decimal',
      });
      ok = false;
    }
  }
  return ok ? { theory: e.theory!, practical: e.practical! } : undefined;
}

function assertLevelsOffered(cert: CertificateWithTeo, levels: LevelCode[], path: string): void {
  if (levels.length === 0) {
    throw invalid(path, { zh: '至少一个等级', en: 'At least one level' });
  }
  for (const level of levels) {
    if (!cert.levels.some((l) => l.level === level)) {
      throw invalid(path, {
        zh: `证书 ${cert.code} 没有等级 ${level}`,
        en: `Certificate ${cert.code} has no level ${level}`,
      });
    }
  }
}

function assertCapacity(capacity: number, path: string): void {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 100_000) {
    throw invalid(path, { zh: '容量为 1–100000 的整数', en: 'Capacity is a whole number from 1 to 100,000' });
  }
}
