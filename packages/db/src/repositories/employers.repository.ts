import type { ConsentGrant, ConsentScope, Employer, EmployersStore } from '@onex/core';
import type { Kysely, Selectable } from 'kysely';
import type { ConsentGrantTable, DB, EmployerTable } from '../schema.ts';
import { inTransaction } from './scope.ts';

const toEmployer = (r: Selectable<EmployerTable>): Employer => ({
  id: r.id,
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  uscc: r.uscc,
  provinceCode: r.province_code,
  industryCode: r.industry_code,
  synthetic: r.synthetic,
  createdAt: new Date(r.created_at),
});

const toGrant = (r: Selectable<ConsentGrantTable>): ConsentGrant => ({
  id: r.id,
  learnerId: r.learner_id,
  employerId: r.employer_id,
  scope: r.scope as ConsentScope,
  credentialIds: r.credential_ids,
  purpose: r.purpose,
  revealIdentity: r.reveal_identity,
  grantedBy: r.granted_by,
  grantedAt: new Date(r.granted_at),
  expiresAt: new Date(r.expires_at),
  revokedAt: r.revoked_at && new Date(r.revoked_at),
  revokedBy: r.revoked_by,
});

/** Employers and consent grants: the only place their SQL lives. */
export class EmployersRepository implements EmployersStore {
  constructor(private readonly db: Kysely<DB>) {}

  transaction<T>(fn: (tx: EmployersStore) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => new EmployersRepository(trx), fn);
  }

  async listEmployers(): Promise<Employer[]> {
    const rows = await this.db.selectFrom('employer').selectAll().orderBy('code').execute();
    return rows.map(toEmployer);
  }

  async findEmployer(idOrCode: string): Promise<Employer | undefined> {
    const row = await this.db
      .selectFrom('employer')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
      .executeTakeFirst();
    return row && toEmployer(row);
  }

  async findEmployerByCodeOrUscc(code: string, uscc: string): Promise<Employer | undefined> {
    const row = await this.db
      .selectFrom('employer')
      .selectAll()
      .where((eb) => eb.or([eb('code', '=', code), eb('uscc', '=', uscc)]))
      .executeTakeFirst();
    return row && toEmployer(row);
  }

  async insertEmployer(e: Employer): Promise<void> {
    await this.insertEmployers([e]);
  }

  /** Several employers in one statement (the demo). */
  async insertEmployers(employers: readonly Employer[]): Promise<void> {
    if (employers.length === 0) return;
    await this.db
      .insertInto('employer')
      .values(
        employers.map((e) => ({
          id: e.id,
          code: e.code,
          name_zh: e.nameZh,
          name_en: e.nameEn,
          uscc: e.uscc,
          province_code: e.provinceCode,
          industry_code: e.industryCode,
          synthetic: e.synthetic,
          created_at: e.createdAt,
        })),
      )
      .execute();
  }

  async insertGrant(g: ConsentGrant): Promise<void> {
    await this.db
      .insertInto('consent_grant')
      .values({
        id: g.id,
        learner_id: g.learnerId,
        employer_id: g.employerId,
        scope: g.scope,
        credential_ids: g.credentialIds,
        purpose: g.purpose,
        reveal_identity: g.revealIdentity,
        granted_by: g.grantedBy,
        granted_at: g.grantedAt,
        expires_at: g.expiresAt,
        revoked_at: g.revokedAt,
        revoked_by: g.revokedBy,
      })
      .execute();
  }

  async findGrant(id: string): Promise<ConsentGrant | undefined> {
    const row = await this.db.selectFrom('consent_grant').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toGrant(row);
  }

  async listGrantsByLearner(learnerId: string): Promise<ConsentGrant[]> {
    const rows = await this.db
      .selectFrom('consent_grant')
      .selectAll()
      .where('learner_id', '=', learnerId)
      .orderBy('granted_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toGrant);
  }

  async listLiveGrants(filter: {
    employerId: string;
    learnerId?: string | undefined;
    at: Date;
  }): Promise<ConsentGrant[]> {
    const rows = await this.db
      .selectFrom('consent_grant')
      .selectAll()
      .where('employer_id', '=', filter.employerId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', filter.at)
      .$if(filter.learnerId !== undefined, (q) => q.where('learner_id', '=', filter.learnerId!))
      .orderBy('granted_at')
      .orderBy('id')
      .execute();
    return rows.map(toGrant);
  }

  async revokeGrant(id: string, at: Date, by: string): Promise<ConsentGrant | undefined> {
    const row = await this.db
      .updateTable('consent_grant')
      .set({ revoked_at: at, revoked_by: by })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row && toGrant(row);
  }
}
