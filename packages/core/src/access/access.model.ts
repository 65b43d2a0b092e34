/** The roles of OneX accounts (issue 6). */
export const roles = [
  'REGULATOR_ADMIN',
  'TEO_ADMIN',
  'ASSESSOR',
  'INSTITUTION_ADMIN',
  'TEACHER',
  'LEARNER',
  'EMPLOYER_HR',
] as const;
export type Role = (typeof roles)[number];

/** The kinds of organization an account belongs to; learners belong to none. */
export const accountOrgKinds = ['REGULATOR', 'TEO', 'INSTITUTION', 'EMPLOYER'] as const;
export type AccountOrgKind = (typeof accountOrgKinds)[number];

/** The organization kind each role belongs to (`null`: a learner, who is scoped to themself). */
export const roleOrgKind: Record<Role, AccountOrgKind | null> = {
  REGULATOR_ADMIN: 'REGULATOR',
  TEO_ADMIN: 'TEO',
  ASSESSOR: 'TEO',
  INSTITUTION_ADMIN: 'INSTITUTION',
  TEACHER: 'INSTITUTION',
  LEARNER: null,
  EMPLOYER_HR: 'EMPLOYER',
};

/** The regulator's organization id (the Ministry of Education, as in the issuer DID `regulator`). */
export const REGULATOR_ORG_ID = 'MOE';

/** Who is making a request, however they proved it. */
export interface Principal {
  /** How they authenticated: the bootstrap admin token, a browser session, or an API key. */
  via: 'admin-token' | 'session' | 'api-key';
  /** Account id, API key id, or `admin-token`. */
  actorId: string;
  role: Role;
  orgKind: AccountOrgKind | null;
  /** `teo.id`, `institution.id`, `MOE`, or `employer.id`; `null` for a learner. */
  orgId: string | null;
  /** The learner record of a LEARNER account. */
  learnerId: string | null;
}

/** Who owns a record a route reads or changes, found by the store (`null` fields: not applicable). */
export interface Owner {
  teoId: string | null;
  institutionId: string | null;
  learnerId: string | null;
  /** The employer (`employer.id`) whose record it is (absent or null: none). */
  employerId?: string | null;
}

/** Kinds of record a policy can name as its target. */
export const targetKinds = [
  'teo',
  'certificate',
  'standard',
  'institution',
  'programme',
  'learner',
  'pilot-authorization',
  'site',
  'session',
  'result',
  'issuance-job',
  'credential',
  'employer',
  'consent',
] as const;
export type TargetKind = (typeof targetKinds)[number];

/**
 * Where a route's target id is: `params.id`, `body.teoId`, `query.institutionId`, … A query
 * target is a list filter: a scoped principal who leaves it out gets their own organization put in.
 */
export interface TargetRule {
  kind: TargetKind;
  from: `${'params' | 'body' | 'query'}.${string}`;
}

/** The access rule of one route. */
export type Policy =
  | { public: true; why: string }
  | {
      public?: false;
      /** Roles that may call the route at all (REGULATOR_ADMIN is always allowed). */
      roles: readonly Role[];
      /** Records whose owner must be the caller's organization (or the learner themself); one is enough. */
      targets?: readonly TargetRule[];
    };

/** One audited write. */
export interface AuditEntry {
  id: number;
  at: Date;
  actorId: string;
  actorVia: Principal['via'] | 'anonymous';
  role: Role | null;
  orgKind: AccountOrgKind | null;
  orgId: string | null;
  /** The route id, e.g. `POST /api/v1/learners`. */
  action: string;
  /** The record acted on, e.g. its id (or empty for a creation). */
  target: string;
  statusCode: number;
  requestId: string;
}
export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** An API key as listed (never the secret). */
export interface ApiKey {
  id: string;
  name: string;
  /** The first characters of the secret, to recognise it. */
  prefix: string;
  role: Role;
  orgKind: AccountOrgKind | null;
  orgId: string | null;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}
