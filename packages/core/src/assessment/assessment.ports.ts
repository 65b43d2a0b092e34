import type { LevelCode } from '../catalog/index.ts';
import type {
  AssessmentResult,
  AssessmentSession,
  AssessmentSite,
  PassedResult,
  PilotAuthorization,
  Prerequisite,
  Registration,
  ResultRevision,
  SiteStatus,
} from './assessment.model.ts';

export interface PilotFilter {
  institutionId?: string | undefined;
  certificateId?: string | undefined;
  year?: number | undefined;
}

export interface SiteFilter {
  teoId?: string | undefined;
  status?: SiteStatus | undefined;
}

export interface SessionFilter {
  certificateId?: string | undefined;
  siteId?: string | undefined;
}

export interface SiteStatusChange {
  from: SiteStatus;
  to: SiteStatus;
  reason: string | null;
  at: Date;
}

/**
 * What the assessment module needs from storage. `db` implements it; a use case runs in one
 * transaction through `transaction`, and then uses only the store it is given.
 */
export interface AssessmentStore {
  transaction<T>(fn: (tx: AssessmentStore) => Promise<T>): Promise<T>;

  insertPilot(pilot: PilotAuthorization): Promise<void>;
  findPilot(id: string): Promise<PilotAuthorization | undefined>;
  listPilots(filter: PilotFilter): Promise<PilotAuthorization[]>;
  /** The ACTIVE authorization of an institution for a certificate and year, if any. */
  findActivePilot(
    institutionId: string,
    certificateId: string,
    year: number,
  ): Promise<PilotAuthorization | undefined>;
  closePilot(id: string, at: Date): Promise<void>;

  insertSite(site: AssessmentSite): Promise<void>;
  findSite(idOrCode: string): Promise<AssessmentSite | undefined>;
  listSites(filter: SiteFilter): Promise<AssessmentSite[]>;
  /** Writes status, approval time and certificate levels, and records the status change. */
  updateSite(site: AssessmentSite, change: SiteStatusChange): Promise<void>;

  getPrerequisites(certificateId: string, level: LevelCode): Promise<Prerequisite[]>;
  setPrerequisites(certificateId: string, level: LevelCode, list: Prerequisite[], at: Date): Promise<void>;

  insertSession(session: AssessmentSession): Promise<void>;
  findSession(id: string): Promise<AssessmentSession | undefined>;
  /**
   * The session, its row locked until the transaction ends (`FOR UPDATE`), so registrations to
   * one session are counted one at a time. Requires a transaction.
   */
  lockSession(id: string): Promise<AssessmentSession | undefined>;
  listSessions(filter: SessionFilter): Promise<AssessmentSession[]>;
  markResultsPublished(sessionId: string, at: Date): Promise<void>;

  insertRegistration(registration: Registration, session: AssessmentSession): Promise<void>;
  findRegistration(id: string): Promise<Registration | undefined>;
  listRegistrations(sessionId: string): Promise<Registration[]>;
  /** The learner's registration for this certificate and level on this date, in any session. */
  findSitting(
    learnerId: string,
    certificateId: string,
    level: LevelCode,
    date: string,
  ): Promise<Registration | undefined>;
  /** True when a published result of the learner at this certificate level is a pass. */
  hasPassed(learnerId: string, certificateId: string, level: LevelCode): Promise<boolean>;

  findResult(id: string): Promise<AssessmentResult | undefined>;
  listResults(sessionId: string): Promise<AssessmentResult[]>;
  /** Inserts or updates the current result and appends its revision row, in the same transaction. */
  saveResult(result: AssessmentResult, revision: ResultRevision): Promise<void>;
  listRevisions(resultId: string): Promise<ResultRevision[]>;
  /** Published, passed results of a session ordered by result id, after `afterId`. */
  listPassedResults(sessionId: string, afterId: string | undefined, limit: number): Promise<PassedResult[]>;
}
