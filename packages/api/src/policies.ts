import type { Policy, Role, TargetKind, TargetRule } from '@onex/core';

/**
 * Who may call each route: one declarative policy per route id (`METHOD /url` as registered), in
 * this one place, applied by one hook (`auth/access.ts`). A route missing here is refused to
 * everyone, and the role × route matrix test fails. The regulator admin (and the bootstrap admin
 * token) may call every route; `roles` lists who else may. A `targets` rule names the record(s)
 * whose owner must be the caller's own organization (a TEO, an institution) or, for a learner,
 * the learner themself; with several, owning one is enough. A query target is a list filter:
 * a scoped caller who leaves out an organization filter gets their own organization put in.
 */
export type RoutePolicy = Policy;

const pub = (why: string): RoutePolicy => ({ public: true, why });
const only = (...roles: Role[]): RoutePolicy => ({ roles });
const t = (kind: TargetKind, from: TargetRule['from']): TargetRule => ({ kind, from });
const on = (roles: readonly Role[], ...targets: TargetRule[]): RoutePolicy => ({ roles, targets });

const regulator = only();
const TEO = ['TEO_ADMIN'] as const;
const TEO_STAFF = ['TEO_ADMIN', 'ASSESSOR'] as const;
const INST = ['INSTITUTION_ADMIN'] as const;
const INST_STAFF = ['INSTITUTION_ADMIN', 'TEACHER'] as const;
const ORG_ADMINS = ['TEO_ADMIN', 'INSTITUTION_ADMIN'] as const;
const ALL: readonly Role[] = [
  'TEO_ADMIN',
  'ASSESSOR',
  'INSTITUTION_ADMIN',
  'TEACHER',
  'LEARNER',
  'EMPLOYER_HR',
];

const catalog = pub('the national catalog and skill standards are public');
const directory = pub(
  'institutions, programmes, sites, sessions and pilot authorizations are public listings',
);
const verification = pub('verification: anyone may check a certificate (rate-limited)');
const docs = pub('API documentation');
const log = pub('transparency log: public for witnesses and monitors');

export const policies: Record<string, RoutePolicy> = {
  'GET /health': pub('liveness probe'),
  'GET /openapi.json': docs,
  'GET /docs': docs,
  'GET /docs/': docs,
  'GET /docs/*': docs,
  'GET /docs/json': docs,
  'GET /docs/yaml': docs,
  'GET /docs/static/*': docs,
  'GET /docs/static/index.html': docs,
  'GET /docs/static/swagger-initializer.js': docs,
  'GET /docs/initOAuth': docs,
  'GET /docs/uiConfig': docs,

  // accounts, sessions, API keys, audit (issue 6)
  'POST /api/v1/auth/sign-in': pub('signing in (rate-limited)'),
  'POST /api/v1/auth/sign-out': pub('signing out ends the caller’s own session, if any'),
  'GET /api/v1/auth/providers': pub('the sign-in page lists the identity providers'),
  'GET /api/v1/auth/oidc/:provider/start': pub('signing in through an identity provider (rate-limited)'),
  'GET /api/v1/auth/oidc/:provider/callback': pub(
    'the identity provider’s redirect back, bound to the browser by its state (rate-limited)',
  ),
  'GET /api/v1/auth/session': only(...ALL),
  'GET /api/v1/accounts': only(...ORG_ADMINS),
  'POST /api/v1/accounts': only(...ORG_ADMINS),
  'GET /api/v1/api-keys': only(...ORG_ADMINS),
  'POST /api/v1/api-keys': only(...ORG_ADMINS),
  'POST /api/v1/api-keys/:id/revoke': only(...ORG_ADMINS),
  'GET /api/v1/audit-log': only(...ORG_ADMINS),

  // catalog
  'GET /api/v1/teos': catalog,
  'GET /api/v1/teos/:id': catalog,
  'POST /api/v1/teos': regulator,
  'POST /api/v1/teos/:id/transitions': regulator,
  'GET /api/v1/certificates': catalog,
  'GET /api/v1/certificates/:id': catalog,
  'POST /api/v1/certificates': on(TEO, t('teo', 'body.teoId')),
  'POST /api/v1/certificates/:id/transitions': regulator,
  'GET /api/v1/certificates/:id/standards': catalog,
  'POST /api/v1/certificates/:id/standards': on(TEO, t('certificate', 'params.id')),
  'GET /api/v1/standards/:id': catalog,
  'PUT /api/v1/standards/:id': on(TEO, t('standard', 'params.id')),
  'POST /api/v1/standards/:id/publish': on(TEO, t('standard', 'params.id')),
  'GET /api/v1/standards/:id/diff': catalog,
  'GET /api/v1/catalog/export': catalog,
  'POST /api/v1/catalog/import': regulator,
  'GET /api/v1/reference/provinces': catalog,
  'GET /api/v1/reference/majors': catalog,
  'GET /api/v1/reference/occupations': catalog,

  // programmes and learners
  'GET /api/v1/institutions': directory,
  'GET /api/v1/institutions/:id': directory,
  'POST /api/v1/institutions': regulator,
  'GET /api/v1/institutions/:id/programmes': directory,
  'POST /api/v1/institutions/:id/programmes': on(INST, t('institution', 'params.id')),
  'GET /api/v1/programmes/:id': directory,
  'POST /api/v1/programmes/:id/courses': on(INST_STAFF, t('programme', 'params.id')),
  'GET /api/v1/learners': on(INST_STAFF, t('institution', 'query.institutionId')),
  'GET /api/v1/learners/:id': on([...INST_STAFF, 'LEARNER'], t('learner', 'params.id')),
  'POST /api/v1/learners': on(INST_STAFF, t('institution', 'body.institutionId')),

  // assessment
  'GET /api/v1/pilot-authorizations': directory,
  'POST /api/v1/pilot-authorizations': on(TEO, t('certificate', 'body.certificateId')),
  'POST /api/v1/pilot-authorizations/:id/close': on(TEO, t('pilot-authorization', 'params.id')),
  'GET /api/v1/assessment-sites': directory,
  'GET /api/v1/assessment-sites/:id': directory,
  'POST /api/v1/assessment-sites': on(
    ['TEO_ADMIN', 'INSTITUTION_ADMIN'],
    t('teo', 'body.teoId'),
    t('institution', 'body.hostInstitutionId'),
  ),
  'POST /api/v1/assessment-sites/:id/approve': on(TEO, t('site', 'params.id')),
  'POST /api/v1/assessment-sites/:id/status': on(TEO, t('site', 'params.id')),
  'GET /api/v1/certificates/:id/levels/:level/prerequisites': catalog,
  'PUT /api/v1/certificates/:id/levels/:level/prerequisites': on(TEO, t('certificate', 'params.id')),
  'GET /api/v1/assessment-sessions': directory,
  'GET /api/v1/assessment-sessions/:id': directory,
  'POST /api/v1/assessment-sessions': on(TEO, t('site', 'body.siteId')),
  'GET /api/v1/assessment-sessions/:id/registrations': on(TEO_STAFF, t('session', 'params.id')),
  'POST /api/v1/assessment-sessions/:id/registrations': on(
    ['TEO_ADMIN', ...INST_STAFF, 'LEARNER'],
    t('session', 'params.id'),
    t('learner', 'body.learnerId'),
  ),
  'POST /api/v1/assessment-sessions/:id/registrations/bulk': on(TEO, t('session', 'params.id')),
  'POST /api/v1/assessment-sessions/:id/scores': on(TEO_STAFF, t('session', 'params.id')),
  'POST /api/v1/assessment-sessions/:id/publish': on(TEO, t('session', 'params.id')),
  'GET /api/v1/assessment-sessions/:id/results': on(TEO_STAFF, t('session', 'params.id')),
  'GET /api/v1/assessment-sessions/:id/passed-results': on(TEO_STAFF, t('session', 'params.id')),
  'GET /api/v1/assessment-results/:id': on(
    [...TEO_STAFF, ...INST_STAFF, 'LEARNER'],
    t('result', 'params.id'),
  ),
  'POST /api/v1/assessment-results/:id/rescore': on(TEO, t('result', 'params.id')),
  'POST /api/v1/assessment-sessions/:id/results-import': on(TEO_STAFF, t('session', 'params.id')),
  'GET /api/v1/assessment-sessions/:id/results-template.csv': on(TEO_STAFF, t('session', 'params.id')),
  'GET /api/v1/assessment-sessions/:id/results-template.xlsx': on(TEO_STAFF, t('session', 'params.id')),
  'POST /api/v1/assessment-sessions/:id/issuance': on(TEO, t('session', 'params.id')),
  'GET /api/v1/issuance-jobs/:id': on(TEO_STAFF, t('issuance-job', 'params.id')),

  // credentials (VC API and our own)
  'POST /credentials/issue': regulator,
  'POST /credentials/verify': verification,
  'POST /presentations/verify': verification,
  'POST /api/v1/verify-pdf': verification,
  'POST /credentials/status': on(TEO, t('credential', 'body.credentialId')),
  'GET /api/v1/credentials/:id': verification,
  'GET /api/v1/credentials/:id/bundle': verification,
  'GET /api/v1/credentials/:id/pdf': verification,
  'GET /api/v1/learners/:id/credentials': on([...INST_STAFF, 'LEARNER'], t('learner', 'params.id')),
  'GET /api/v1/learners/:id/presentation': on([...INST_STAFF, 'LEARNER'], t('learner', 'params.id')),
  'POST /api/v1/credentials/:id/status': on(TEO, t('credential', 'params.id')),
  'POST /api/v1/issuers/rotate': regulator,
  'GET /teos/:code/did.json': verification,
  'GET /institutions/:code/did.json': verification,
  'GET /regulator/did.json': verification,
  'GET /status-lists/:id': verification,
  'GET /trust-list': verification,

  // curriculum alignment (programmes against skill standards)
  'GET /api/v1/programmes/:id/curriculum/:certificate/:level/coverage': on(
    INST_STAFF,
    t('programme', 'params.id'),
  ),
  'GET /api/v1/programmes/:id/curriculum/:certificate/:level/mappings': on(
    INST_STAFF,
    t('programme', 'params.id'),
  ),
  'PUT /api/v1/programmes/:id/curriculum/:certificate/:level/mappings': on(
    INST_STAFF,
    t('programme', 'params.id'),
  ),
  'GET /api/v1/programmes/:id/curriculum/:certificate/:level/mappings.csv': on(
    INST_STAFF,
    t('programme', 'params.id'),
  ),
  'POST /api/v1/programmes/:id/curriculum/:certificate/:level/mappings-import': on(
    INST_STAFF,
    t('programme', 'params.id'),
  ),
  'POST /api/v1/programmes/:id/curriculum/:certificate/:level/optimize': on(
    INST_STAFF,
    t('programme', 'params.id'),
  ),
  'GET /api/v1/programmes/:id/plan-check': on(INST_STAFF, t('programme', 'params.id')),
  'GET /api/v1/institutions/:id/closest-levels': on(INST_STAFF, t('institution', 'params.id')),
  'GET /api/v1/institutions/:id/curriculum-coverage': on(INST_STAFF, t('institution', 'params.id')),
  'GET /api/v1/standards/:id/case': catalog,
  'POST /api/v1/standards/case': regulator,

  // credit bank (a learner's account is the learner's and their institution's)
  'GET /api/v1/credit-accounts/:learnerId': on([...INST_STAFF, 'LEARNER'], t('learner', 'params.learnerId')),
  'POST /api/v1/credit-accounts/:learnerId/outcomes': on(
    [...INST_STAFF, 'LEARNER'],
    t('learner', 'params.learnerId'),
  ),
  'POST /api/v1/credit-accounts/:learnerId/outcomes/:outcomeId/review': on(
    INST_STAFF,
    t('learner', 'params.learnerId'),
  ),
  'GET /api/v1/credit-outcomes': on(INST_STAFF, t('institution', 'query.institution')),
  'POST /api/v1/credit-accounts/:learnerId/outcomes/:outcomeId/withdraw': on(
    INST_STAFF,
    t('learner', 'params.learnerId'),
  ),
  'POST /api/v1/credit-accounts/:learnerId/apply': on(
    [...INST_STAFF, 'LEARNER'],
    t('learner', 'params.learnerId'),
  ),
  'POST /api/v1/credit-accounts/:learnerId/clr': on(
    [...INST_STAFF, 'LEARNER'],
    t('learner', 'params.learnerId'),
  ),
  'GET /api/v1/conversion-rules': directory,
  'POST /api/v1/conversion-rules': on(INST, t('institution', 'body.institution')),

  // employers and learners' consent: a learner grants, lists and revokes only their own; an
  // employer sees only its own candidates, and of them only what a live grant covers (the service)
  'GET /api/v1/employers': only(...ALL),
  'POST /api/v1/employers': regulator,
  'POST /api/v1/learners/:id/consents': on(['LEARNER'], t('learner', 'params.id')),
  'GET /api/v1/learners/:id/consents': on(['LEARNER'], t('learner', 'params.id')),
  'POST /api/v1/consents/:id/revoke': on(['LEARNER'], t('consent', 'params.id')),
  'GET /api/v1/employers/:id/candidates': on(['EMPLOYER_HR'], t('employer', 'params.id')),
  'GET /api/v1/employers/:id/candidates/:learnerId/credentials': on(
    ['EMPLOYER_HR'],
    t('employer', 'params.id'),
  ),

  // transparency log
  'GET /log': log,
  'GET /log/checkpoint': log,
  'POST /log/checkpoint': regulator,
  'GET /log/key': log,
  'GET /log/consistency': log,
  'GET /log/proof': log,
  'GET /log/witnesses': log,
  'POST /log/witnesses': regulator,
  'POST /log/cosignatures': pub('a registered witness proves itself by its cosignature'),
  'GET /log/tile/*': log,
};

/** Routes whose calls are reads even though they are POSTs: not audited. */
export const readOnlyPosts = new Set([
  'POST /credentials/verify',
  'POST /presentations/verify',
  'POST /api/v1/verify-pdf',
]);

/** Routes under the verification rate limit. */
export const verificationRoutes = new Set(
  Object.entries(policies)
    .filter(([, p]) => p === verification)
    .map(([id]) => id),
);

/** Paths of the API; any other GET route is a static file of the web application (public). */
const apiPaths =
  /^\/(api|docs|openapi\.json|health|credentials|presentations|teos|institutions|regulator|status-lists|trust-list|log|achievements)(\/|$)/;
const webFile = pub('the web application’s static files');

/** The policy of a route (`method` as registered, HEAD as GET), or `undefined`: nobody may call it. */
export function policyFor(method: string, url: string): RoutePolicy | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return policies[`${m} ${url}`] ?? (m === 'GET' && !apiPaths.test(url) ? webFile : undefined);
}
