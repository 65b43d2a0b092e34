import type {
  AccessStore,
  AccountOrgKind,
  ApiKey,
  AuditEntry,
  AuditQuery,
  NewAuditEntry,
  Owner,
  Role,
  TargetKind,
} from '@onex/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema.ts';

const toApiKey = (r: {
  id: string;
  name: string;
  prefix: string;
  role: string;
  org_kind: string;
  org_id: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}): ApiKey => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  role: r.role as Role,
  orgKind: r.org_kind as AccountOrgKind,
  orgId: r.org_id,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  revokedAt: r.revoked_at && new Date(r.revoked_at),
  lastUsedAt: r.last_used_at && new Date(r.last_used_at),
});

const keyColumns = [
  'id',
  'name',
  'prefix',
  'role',
  'org_kind',
  'org_id',
  'created_by',
  'created_at',
  'revoked_at',
  'last_used_at',
] as const;

const none: Owner = { teoId: null, institutionId: null, learnerId: null };

/** API keys, the append-only audit log, and who owns what (organization scoping). */
export class AccessRepository implements AccessStore {
  constructor(private readonly db: Kysely<DB>) {}

  async insertApiKey(key: ApiKey, hash: Uint8Array): Promise<void> {
    await this.db
      .insertInto('api_key')
      .values({
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        hash,
        role: key.role,
        org_kind: key.orgKind ?? '',
        org_id: key.orgId ?? '',
        created_by: key.createdBy,
        created_at: key.createdAt,
      })
      .execute();
  }

  async findApiKeyByHash(hash: Uint8Array, at: Date): Promise<ApiKey | null> {
    const row = await this.db
      .updateTable('api_key')
      .set({ last_used_at: at })
      .where('hash', '=', hash)
      .returning(keyColumns)
      .executeTakeFirst();
    return row ? toApiKey(row) : null;
  }

  async listApiKeys(orgId: string | null): Promise<ApiKey[]> {
    const rows = await this.db
      .selectFrom('api_key')
      .select(keyColumns)
      .$if(orgId !== null, (q) => q.where('org_id', '=', orgId!))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toApiKey);
  }

  async getApiKey(id: string): Promise<ApiKey | null> {
    const row = await this.db
      .selectFrom('api_key')
      .select(keyColumns)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toApiKey(row) : null;
  }

  async revokeApiKey(id: string, at: Date): Promise<ApiKey | null> {
    const row = await this.db
      .updateTable('api_key')
      .set({ revoked_at: sql`coalesce(revoked_at, ${at})` })
      .where('id', '=', id)
      .returning(keyColumns)
      .executeTakeFirst();
    return row ? toApiKey(row) : null;
  }

  async appendAudit(e: NewAuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: e.at,
        actor_id: e.actorId,
        actor_via: e.actorVia,
        role: e.role,
        org_kind: e.orgKind,
        org_id: e.orgId,
        action: e.action,
        target: e.target,
        status_code: e.statusCode,
        request_id: e.requestId,
      })
      .execute();
  }

  async listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .$if(query.orgId !== undefined, (q) => q.where('org_id', '=', query.orgId!))
      .$if(query.afterId !== undefined, (q) =>
        q.where('id', query.order === 'desc' ? '<' : '>', query.afterId!),
      )
      .$if(query.actorId !== undefined, (q) => q.where('actor_id', '=', query.actorId!))
      // strpos, not LIKE: the filter text is matched as is, % and _ included.
      .$if(query.action !== undefined, (q) =>
        q.where(sql<boolean>`strpos(lower(action), lower(${query.action!})) > 0`),
      )
      .$if(query.target !== undefined, (q) =>
        q.where(sql<boolean>`strpos(lower(target), lower(${query.target!})) > 0`),
      )
      .$if(query.from !== undefined, (q) => q.where('at', '>=', query.from!))
      .$if(query.to !== undefined, (q) => q.where('at', '<', query.to!))
      .orderBy('id', query.order === 'desc' ? 'desc' : 'asc')
      .limit(query.limit)
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at),
      actorId: r.actor_id,
      actorVia: r.actor_via as AuditEntry['actorVia'],
      role: r.role as Role | null,
      orgKind: r.org_kind as AccountOrgKind | null,
      orgId: r.org_id,
      action: r.action,
      target: r.target,
      statusCode: r.status_code,
      requestId: r.request_id,
    }));
  }

  async ownerOf(kind: TargetKind, id: string): Promise<Owner | null> {
    const db = this.db;
    switch (kind) {
      case 'teo': {
        const r = await db
          .selectFrom('teo')
          .select('id')
          .where((eb) => eb.or([eb('id', '=', id), eb('code', '=', id)]))
          .executeTakeFirst();
        return r ? { ...none, teoId: r.id } : null;
      }
      case 'certificate': {
        const r = await db
          .selectFrom('certificate')
          .select('teo_id')
          .where((eb) => eb.or([eb('id', '=', id), eb('code', '=', id)]))
          .executeTakeFirst();
        return r ? { ...none, teoId: r.teo_id } : null;
      }
      case 'standard': {
        const r = await db
          .selectFrom('skill_standard as s')
          .innerJoin('certificate as c', 'c.id', 's.certificate_id')
          .select('c.teo_id')
          .where('s.id', '=', id)
          .executeTakeFirst();
        return r ? { ...none, teoId: r.teo_id } : null;
      }
      case 'institution': {
        const r = await db
          .selectFrom('institution')
          .select('id')
          .where((eb) => eb.or([eb('id', '=', id), eb('code', '=', id)]))
          .executeTakeFirst();
        return r ? { ...none, institutionId: r.id } : null;
      }
      case 'programme': {
        const r = await db
          .selectFrom('programme')
          .select('institution_id')
          .where('id', '=', id)
          .executeTakeFirst();
        return r ? { ...none, institutionId: r.institution_id } : null;
      }
      case 'learner': {
        const r = await db
          .selectFrom('learner')
          .select(['id', 'institution_id'])
          .where('id', '=', id)
          .executeTakeFirst();
        return r ? { ...none, institutionId: r.institution_id, learnerId: r.id } : null;
      }
      case 'pilot-authorization': {
        const r = await db
          .selectFrom('pilot_authorization as p')
          .innerJoin('certificate as c', 'c.id', 'p.certificate_id')
          .select(['p.institution_id', 'c.teo_id'])
          .where('p.id', '=', id)
          .executeTakeFirst();
        return r ? { ...none, teoId: r.teo_id, institutionId: r.institution_id } : null;
      }
      case 'site': {
        const r = await db
          .selectFrom('assessment_site')
          .select(['teo_id', 'host_institution_id'])
          .where((eb) => eb.or([eb('id', '=', id), eb('code', '=', id)]))
          .executeTakeFirst();
        return r ? { ...none, teoId: r.teo_id, institutionId: r.host_institution_id } : null;
      }
      case 'session': {
        const r = await db
          .selectFrom('assessment_session as s')
          .innerJoin('assessment_site as t', 't.id', 's.site_id')
          .select(['t.teo_id'])
          .where('s.id', '=', id)
          .executeTakeFirst();
        return r ? { ...none, teoId: r.teo_id } : null;
      }
      case 'result': {
        const r = await db
          .selectFrom('assessment_result as r')
          .innerJoin('assessment_session as s', 's.id', 'r.session_id')
          .innerJoin('assessment_site as t', 't.id', 's.site_id')
          .innerJoin('learner as l', 'l.id', 'r.learner_id')
          .select(['t.teo_id', 'l.institution_id', 'r.learner_id'])
          .where('r.id', '=', id)
          .executeTakeFirst();
        return r ? { teoId: r.teo_id, institutionId: r.institution_id, learnerId: r.learner_id } : null;
      }
      case 'credential': {
        const r = await db
          .selectFrom('credential as c')
          .leftJoin('issuer_key as k', (j) =>
            j.onRef('k.did', '=', 'c.issuer_did').on('k.org_kind', '=', 'TEO'),
          )
          .leftJoin('teo as t', 't.code', 'k.org_code')
          .leftJoin('learner as l', 'l.id', 'c.learner_id')
          .select(['t.id as teo_id', 'l.institution_id', 'c.learner_id'])
          .where((eb) => eb.or([eb('c.id', '=', id), eb('c.certificate_number', '=', id)]))
          .executeTakeFirst();
        return r ? { teoId: r.teo_id, institutionId: r.institution_id, learnerId: r.learner_id } : null;
      }
      case 'employer': {
        const r = await db
          .selectFrom('employer')
          .select('id')
          .where((eb) => eb.or([eb('id', '=', id), eb('code', '=', id)]))
          .executeTakeFirst();
        return r ? { ...none, employerId: r.id } : null;
      }
      case 'consent': {
        // A grant is its learner's: the employer it names does not own it.
        const r = await db
          .selectFrom('consent_grant')
          .select('learner_id')
          .where('id', '=', id)
          .executeTakeFirst();
        return r ? { ...none, learnerId: r.learner_id } : null;
      }
      case 'issuance-job':
        // Jobs live in the API process: the API resolves them to their session.
        return null;
    }
  }
}
