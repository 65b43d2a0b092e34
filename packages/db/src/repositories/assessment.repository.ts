import type {
  AssessmentResult,
  AssessmentSession,
  AssessmentSite,
  AssessmentStore,
  LevelCode,
  PassedResult,
  PilotAuthorization,
  PilotFilter,
  Prerequisite,
  Registration,
  ResultRevision,
  SessionFilter,
  SiteFilter,
  SiteStatusChange,
} from '@onex/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  AssessmentRegistrationTable,
  AssessmentResultRevisionTable,
  AssessmentResultTable,
  AssessmentSiteTable,
  DB,
  PilotAuthorizationTable,
} from '../schema.ts';
import { inTransaction } from './scope.ts';

/** Pilot authorizations, sites, sessions, registrations and results: the only place their SQL lives. */
export class AssessmentRepository implements AssessmentStore {
  constructor(private readonly db: Kysely<DB>) {}

  transaction<T>(fn: (tx: AssessmentStore) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => new AssessmentRepository(trx), fn);
  }

  // ── pilot authorizations ──

  async insertPilot(p: PilotAuthorization): Promise<void> {
    await this.db
      .insertInto('pilot_authorization')
      .values({
        id: p.id,
        institution_id: p.institutionId,
        certificate_id: p.certificateId,
        levels: p.levels,
        year: p.year,
        status: p.status,
        created_at: p.createdAt,
        closed_at: p.closedAt,
      })
      .execute();
  }

  async findPilot(id: string): Promise<PilotAuthorization | undefined> {
    const row = await this.db
      .selectFrom('pilot_authorization')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toPilot(row);
  }

  async listPilots(filter: PilotFilter): Promise<PilotAuthorization[]> {
    const rows = await this.db
      .selectFrom('pilot_authorization')
      .selectAll()
      .$if(filter.institutionId !== undefined, (q) => q.where('institution_id', '=', filter.institutionId!))
      .$if(filter.certificateId !== undefined, (q) => q.where('certificate_id', '=', filter.certificateId!))
      .$if(filter.year !== undefined, (q) => q.where('year', '=', filter.year!))
      .orderBy('id')
      .limit(1000)
      .execute();
    return rows.map(toPilot);
  }

  async findActivePilot(
    institutionId: string,
    certificateId: string,
    year: number,
  ): Promise<PilotAuthorization | undefined> {
    const row = await this.db
      .selectFrom('pilot_authorization')
      .selectAll()
      .where('institution_id', '=', institutionId)
      .where('certificate_id', '=', certificateId)
      .where('year', '=', year)
      .where('status', '=', 'ACTIVE')
      .executeTakeFirst();
    return row && toPilot(row);
  }

  async closePilot(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('pilot_authorization')
      .set({ status: 'CLOSED', closed_at: at })
      .where('id', '=', id)
      .execute();
  }

  // ── sites ──

  async insertSite(s: AssessmentSite): Promise<void> {
    await this.db
      .insertInto('assessment_site')
      .values({
        id: s.id,
        code: s.code,
        name_zh: s.nameZh,
        teo_id: s.teoId,
        host_type: s.hostType,
        host_institution_id: s.hostInstitutionId,
        host_name_zh: s.hostNameZh,
        province_code: s.provinceCode,
        capacity: s.capacity,
        status: s.status,
        created_at: s.createdAt,
        approved_at: s.approvedAt,
        updated_at: s.createdAt,
      })
      .execute();
    await this.writeSiteLevels(s);
  }

  async findSite(idOrCode: string): Promise<AssessmentSite | undefined> {
    const row = await this.db
      .selectFrom('assessment_site')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
      .executeTakeFirst();
    if (!row) return undefined;
    const [site] = await this.withLevels([row]);
    return site;
  }

  async listSites(filter: SiteFilter): Promise<AssessmentSite[]> {
    const rows = await this.db
      .selectFrom('assessment_site')
      .selectAll()
      .$if(filter.teoId !== undefined, (q) => q.where('teo_id', '=', filter.teoId!))
      .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
      .orderBy('code')
      .limit(1000)
      .execute();
    return this.withLevels(rows);
  }

  async updateSite(s: AssessmentSite, change: SiteStatusChange): Promise<void> {
    await this.db
      .updateTable('assessment_site')
      .set({ status: s.status, approved_at: s.approvedAt, updated_at: change.at })
      .where('id', '=', s.id)
      .execute();
    await this.db.deleteFrom('assessment_site_level').where('site_id', '=', s.id).execute();
    await this.writeSiteLevels(s);
    await this.db
      .insertInto('assessment_site_status_change')
      .values({
        site_id: s.id,
        from_status: change.from,
        to_status: change.to,
        reason: change.reason,
        at: change.at,
      })
      .execute();
  }

  private async writeSiteLevels(s: AssessmentSite): Promise<void> {
    if (s.certificateLevels.length === 0) return;
    await this.db
      .insertInto('assessment_site_level')
      .values(
        s.certificateLevels.map((l) => ({ site_id: s.id, certificate_id: l.certificateId, level: l.level })),
      )
      .execute();
  }

  private async withLevels(rows: Selectable<AssessmentSiteTable>[]): Promise<AssessmentSite[]> {
    if (rows.length === 0) return [];
    const levels = await this.db
      .selectFrom('assessment_site_level')
      .selectAll()
      .where(
        'site_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('certificate_id')
      .orderBy('level')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      nameZh: r.name_zh,
      teoId: r.teo_id,
      hostType: r.host_type as AssessmentSite['hostType'],
      hostInstitutionId: r.host_institution_id,
      hostNameZh: r.host_name_zh,
      provinceCode: r.province_code,
      capacity: r.capacity,
      certificateLevels: levels
        .filter((l) => l.site_id === r.id)
        .map((l) => ({ certificateId: l.certificate_id, level: l.level as LevelCode })),
      status: r.status as AssessmentSite['status'],
      createdAt: r.created_at,
      approvedAt: r.approved_at,
    }));
  }

  // ── prerequisites ──

  async getPrerequisites(certificateId: string, level: LevelCode): Promise<Prerequisite[]> {
    const row = await this.db
      .selectFrom('assessment_prerequisite')
      .select('rules')
      .where('certificate_id', '=', certificateId)
      .where('level', '=', level)
      .executeTakeFirst();
    return (row?.rules as Prerequisite[] | undefined) ?? [];
  }

  async setPrerequisites(
    certificateId: string,
    level: LevelCode,
    list: Prerequisite[],
    at: Date,
  ): Promise<void> {
    const rules = JSON.stringify(list);
    await this.db
      .insertInto('assessment_prerequisite')
      .values({ certificate_id: certificateId, level, rules, updated_at: at })
      .onConflict((oc) => oc.columns(['certificate_id', 'level']).doUpdateSet({ rules, updated_at: at }))
      .execute();
  }

  // ── sessions ──

  async insertSession(s: AssessmentSession): Promise<void> {
    await this.db
      .insertInto('assessment_session')
      .values({
        id: s.id,
        certificate_id: s.certificateId,
        level: s.level,
        standard_id: s.standardId,
        site_id: s.siteId,
        exam_date: s.date,
        theory_mode: s.theoryMode,
        practical_mode: s.practicalMode,
        registration_opens_at: s.registrationOpensAt,
        registration_closes_at: s.registrationClosesAt,
        capacity: s.capacity,
        results_status: s.resultsStatus,
        results_published_at: s.resultsPublishedAt,
        created_at: s.createdAt,
      })
      .execute();
  }

  async findSession(id: string): Promise<AssessmentSession | undefined> {
    const row = await this.sessionQuery().where('s.id', '=', id).executeTakeFirst();
    return row && toSession(row);
  }

  async lockSession(id: string): Promise<AssessmentSession | undefined> {
    // Lock first, then read in a second statement: under READ COMMITTED that statement takes a new
    // snapshot, so the registration count includes everything committed by whoever held the lock.
    const locked = await this.db
      .selectFrom('assessment_session')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    return locked ? this.findSession(id) : undefined;
  }

  async listSessions(filter: SessionFilter): Promise<AssessmentSession[]> {
    const rows = await this.sessionQuery()
      .$if(filter.certificateId !== undefined, (q) => q.where('s.certificate_id', '=', filter.certificateId!))
      .$if(filter.siteId !== undefined, (q) => q.where('s.site_id', '=', filter.siteId!))
      .orderBy('s.exam_date')
      .orderBy('s.id')
      .limit(1000)
      .execute();
    return rows.map(toSession);
  }

  async markResultsPublished(sessionId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('assessment_session')
      .set({ results_status: 'PUBLISHED', results_published_at: at })
      .where('id', '=', sessionId)
      .execute();
  }

  private sessionQuery() {
    return this.db
      .selectFrom('assessment_session as s')
      .innerJoin('certificate as c', 'c.id', 's.certificate_id')
      .innerJoin('skill_standard as st', 'st.id', 's.standard_id')
      .selectAll('s')
      .select(['c.code as certificate_code', 'st.version as standard_version'])
      .select((eb) =>
        eb
          .selectFrom('assessment_registration as r')
          .whereRef('r.session_id', '=', 's.id')
          .select(sql<number>`count(*)::int`.as('n'))
          .as('registered_count'),
      );
  }

  // ── registrations ──

  async insertRegistration(r: Registration, session: AssessmentSession): Promise<void> {
    await this.db
      .insertInto('assessment_registration')
      .values({
        id: r.id,
        session_id: r.sessionId,
        learner_id: r.learnerId,
        certificate_id: session.certificateId,
        level: session.level,
        exam_date: session.date,
        training_hours: r.trainingHours,
        registered_at: r.registeredAt,
      })
      .execute();
  }

  async findRegistration(id: string): Promise<Registration | undefined> {
    const row = await this.db
      .selectFrom('assessment_registration')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toRegistration(row);
  }

  async listRegistrations(sessionId: string): Promise<Registration[]> {
    const rows = await this.db
      .selectFrom('assessment_registration')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('id')
      .execute();
    return rows.map(toRegistration);
  }

  async findSitting(
    learnerId: string,
    certificateId: string,
    level: LevelCode,
    date: string,
  ): Promise<Registration | undefined> {
    const row = await this.db
      .selectFrom('assessment_registration')
      .selectAll()
      .where('learner_id', '=', learnerId)
      .where('certificate_id', '=', certificateId)
      .where('level', '=', level)
      .where('exam_date', '=', date)
      .executeTakeFirst();
    return row && toRegistration(row);
  }

  async hasPassed(learnerId: string, certificateId: string, level: LevelCode): Promise<boolean> {
    const row = await this.db
      .selectFrom('assessment_result as res')
      .innerJoin('assessment_session as s', 's.id', 'res.session_id')
      .select('res.id')
      .where('res.learner_id', '=', learnerId)
      .where('res.passed', '=', true)
      .where('s.results_status', '=', 'PUBLISHED')
      .where('s.certificate_id', '=', certificateId)
      .where('s.level', '=', level)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  // ── results ──

  async findResult(id: string): Promise<AssessmentResult | undefined> {
    const row = await this.db
      .selectFrom('assessment_result')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toResult(row);
  }

  async listResults(sessionId: string): Promise<AssessmentResult[]> {
    const rows = await this.db
      .selectFrom('assessment_result')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('id')
      .execute();
    return rows.map(toResult);
  }

  async saveResult(r: AssessmentResult, v: ResultRevision): Promise<void> {
    const current = {
      status: r.status,
      theory: r.theory,
      practical: r.practical,
      total: r.total,
      passed: r.passed,
      reasons: JSON.stringify(r.reasons),
      revision: r.revision,
      updated_at: r.updatedAt,
    };
    await this.db
      .insertInto('assessment_result')
      .values({
        id: r.id,
        registration_id: r.registrationId,
        session_id: r.sessionId,
        learner_id: r.learnerId,
        ...current,
      })
      .onConflict((oc) => oc.column('id').doUpdateSet(current))
      .execute();
    await this.db
      .insertInto('assessment_result_revision')
      .values({
        result_id: v.resultId,
        revision: v.revision,
        status: v.status,
        theory: v.theory,
        practical: v.practical,
        total: v.total,
        passed: v.passed,
        reason: v.reason,
        actor: v.actor,
        at: v.at,
      })
      .execute();
  }

  async listRevisions(resultId: string): Promise<ResultRevision[]> {
    const rows = await this.db
      .selectFrom('assessment_result_revision')
      .selectAll()
      .where('result_id', '=', resultId)
      .orderBy('revision')
      .execute();
    return rows.map(toRevision);
  }

  async listPassedResults(
    sessionId: string,
    afterId: string | undefined,
    limit: number,
  ): Promise<PassedResult[]> {
    const rows = await this.db
      .selectFrom('assessment_result as res')
      .innerJoin('assessment_session as s', 's.id', 'res.session_id')
      .innerJoin('certificate as c', 'c.id', 's.certificate_id')
      .innerJoin('skill_standard as st', 'st.id', 's.standard_id')
      .select([
        'res.id',
        'res.registration_id',
        'res.session_id',
        'res.learner_id',
        'res.theory',
        'res.practical',
        'res.total',
        'res.revision',
        's.site_id',
        's.certificate_id',
        's.level',
        's.standard_id',
        's.results_published_at',
        'c.code as certificate_code',
        'st.version as standard_version',
      ])
      .where('res.session_id', '=', sessionId)
      .where('s.results_status', '=', 'PUBLISHED')
      .where('res.passed', '=', true)
      .$if(afterId !== undefined, (q) => q.where('res.id', '>', afterId!))
      .orderBy('res.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      resultId: r.id,
      registrationId: r.registration_id,
      sessionId: r.session_id,
      learnerId: r.learner_id,
      siteId: r.site_id,
      certificateId: r.certificate_id,
      certificateCode: r.certificate_code,
      level: r.level as LevelCode,
      standardId: r.standard_id,
      standardVersion: r.standard_version,
      theory: Number(r.theory),
      practical: Number(r.practical),
      total: Number(r.total),
      revision: r.revision,
      publishedAt: r.results_published_at!,
    }));
  }
}

function toPilot(r: Selectable<PilotAuthorizationTable>): PilotAuthorization {
  return {
    id: r.id,
    institutionId: r.institution_id,
    certificateId: r.certificate_id,
    levels: r.levels.map(Number) as LevelCode[],
    year: r.year,
    status: r.status as PilotAuthorization['status'],
    createdAt: r.created_at,
    closedAt: r.closed_at,
  };
}

type SessionRow = Selectable<DB['assessment_session']> & {
  certificate_code: string;
  standard_version: number;
  registered_count: number | null;
};
function toSession(r: SessionRow): AssessmentSession {
  return {
    id: r.id,
    certificateId: r.certificate_id,
    certificateCode: r.certificate_code,
    level: r.level as LevelCode,
    standardId: r.standard_id,
    standardVersion: r.standard_version,
    siteId: r.site_id,
    date: r.exam_date,
    theoryMode: r.theory_mode as AssessmentSession['theoryMode'],
    practicalMode: r.practical_mode as AssessmentSession['practicalMode'],
    registrationOpensAt: r.registration_opens_at,
    registrationClosesAt: r.registration_closes_at,
    capacity: r.capacity,
    registeredCount: Number(r.registered_count ?? 0),
    resultsStatus: r.results_status as AssessmentSession['resultsStatus'],
    resultsPublishedAt: r.results_published_at,
    createdAt: r.created_at,
  };
}

function toRegistration(r: Selectable<AssessmentRegistrationTable>): Registration {
  return {
    id: r.id,
    sessionId: r.session_id,
    learnerId: r.learner_id,
    trainingHours: r.training_hours,
    registeredAt: r.registered_at,
  };
}

const num = (x: number | null) => (x === null ? null : Number(x));

function toResult(r: Selectable<AssessmentResultTable>): AssessmentResult {
  return {
    id: r.id,
    registrationId: r.registration_id,
    sessionId: r.session_id,
    learnerId: r.learner_id,
    status: r.status as AssessmentResult['status'],
    theory: num(r.theory),
    practical: num(r.practical),
    total: num(r.total),
    passed: r.passed,
    reasons: r.reasons as AssessmentResult['reasons'],
    revision: r.revision,
    updatedAt: r.updated_at,
  };
}

function toRevision(r: Selectable<AssessmentResultRevisionTable>): ResultRevision {
  return {
    resultId: r.result_id,
    revision: r.revision,
    status: r.status as ResultRevision['status'],
    theory: num(r.theory),
    practical: num(r.practical),
    total: num(r.total),
    passed: r.passed,
    reason: r.reason,
    actor: r.actor,
    at: r.at,
  };
}
