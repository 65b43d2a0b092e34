import {
  approveSiteRequestSchema,
  bulkRegisterRequestSchema,
  createPilotAuthorizationRequestSchema,
  createSessionRequestSchema,
  createSiteRequestSchema,
  idParam,
  importReportSchema,
  levelCodeSchema,
  listOf,
  passedResultSchema,
  passedResultsQuerySchema,
  pilotAuthorizationSchema,
  pilotQuerySchema,
  prerequisitesSchema,
  registerRequestSchema,
  registrationOutcomeSchema,
  registrationSchema,
  rescoreRequestSchema,
  resultSchema,
  resultsImportQuerySchema,
  resultsImportRequestSchema,
  resultWithHistorySchema,
  scoresRequestSchema,
  sessionQuerySchema,
  sessionSchema,
  siteQuerySchema,
  siteSchema,
  siteTransitionRequestSchema,
} from '@onex/contracts';
import { type ResultsFileFormat, resultsImportLimits } from '@onex/core';
import { z } from 'zod';
import { present } from '../present.ts';
import type { RouteDeps } from './route-deps.ts';

const params = z.object({ id: idParam });
const contentTypes: Record<ResultsFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Pilot authorizations, assessment sites, sessions, registrations, scores and results (issue 5). */
export function assessmentRoutes({ app, platform, admin }: RouteDeps) {
  const { assessment } = platform;
  const tags = ['assessment'];

  app.get(
    '/api/v1/pilot-authorizations',
    {
      schema: {
        tags,
        summary: 'List pilot authorizations (试点授权)',
        querystring: pilotQuerySchema,
        response: { 200: listOf(pilotAuthorizationSchema) },
      },
    },
    async (req) => present({ items: await assessment.listPilotAuthorizations(req.query) }),
  );
  app.post(
    '/api/v1/pilot-authorizations',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Authorize an institution to pilot certificate levels in a year',
        body: createPilotAuthorizationRequestSchema,
        response: { 201: pilotAuthorizationSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(present(await assessment.createPilotAuthorization(req.body))),
  );
  app.post(
    '/api/v1/pilot-authorizations/:id/close',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Close a pilot authorization',
        params,
        response: { 200: pilotAuthorizationSchema },
      },
    },
    async (req) => present(await assessment.closePilotAuthorization(req.params.id)),
  );

  app.get(
    '/api/v1/assessment-sites',
    {
      schema: {
        tags,
        summary: 'List assessment sites',
        querystring: siteQuerySchema,
        response: { 200: listOf(siteSchema) },
      },
    },
    async (req) => present({ items: await assessment.listSites(req.query) }),
  );
  app.get(
    '/api/v1/assessment-sites/:id',
    { schema: { tags, summary: 'One assessment site by id or code', params, response: { 200: siteSchema } } },
    async (req) => present(await assessment.getSite(req.params.id)),
  );
  app.post(
    '/api/v1/assessment-sites',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'A site applies (PENDING) for certificate levels of its TEO',
        body: createSiteRequestSchema,
        response: { 201: siteSchema },
      },
    },
    async (req, reply) => reply.status(201).send(present(await assessment.createSite(req.body))),
  );
  app.post(
    '/api/v1/assessment-sites/:id/approve',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'The TEO approves a site (or reinstates a suspended one) for certificate levels',
        params,
        body: approveSiteRequestSchema,
        response: { 200: siteSchema },
      },
    },
    async (req) => present(await assessment.approveSite(req.params.id, req.body)),
  );
  app.post(
    '/api/v1/assessment-sites/:id/status',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Suspend, reinstate or close a site',
        params,
        body: siteTransitionRequestSchema,
        response: { 200: siteSchema },
      },
    },
    async (req) => present(await assessment.transitionSite(req.params.id, req.body.to, req.body.reason)),
  );

  const levelParams = z.object({ id: idParam, level: z.coerce.number().pipe(levelCodeSchema) });
  app.get(
    '/api/v1/certificates/:id/levels/:level/prerequisites',
    {
      schema: {
        tags,
        summary: 'The TEO’s registration prerequisites of a certificate level',
        params: levelParams,
        response: { 200: prerequisitesSchema },
      },
    },
    async (req) => ({ items: await assessment.getPrerequisites(req.params.id, req.params.level) }),
  );
  app.put(
    '/api/v1/certificates/:id/levels/:level/prerequisites',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Replace the registration prerequisites of a certificate level',
        params: levelParams,
        body: prerequisitesSchema,
        response: { 200: prerequisitesSchema },
      },
    },
    async (req) => ({
      items: await assessment.setPrerequisites(req.params.id, req.params.level, req.body.items),
    }),
  );

  app.get(
    '/api/v1/assessment-sessions',
    {
      schema: {
        tags,
        summary: 'List assessment sessions',
        querystring: sessionQuerySchema,
        response: { 200: listOf(sessionSchema) },
      },
    },
    async (req) => present({ items: await assessment.listSessions(req.query) }),
  );
  app.get(
    '/api/v1/assessment-sessions/:id',
    { schema: { tags, summary: 'One assessment session', params, response: { 200: sessionSchema } } },
    async (req) => present(await assessment.getSession(req.params.id)),
  );
  app.post(
    '/api/v1/assessment-sessions',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Schedule a session at an approved site under a published standard',
        body: createSessionRequestSchema,
        response: { 201: sessionSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        present(
          await assessment.createSession({
            ...req.body,
            registrationOpensAt: new Date(req.body.registrationOpensAt),
            registrationClosesAt: new Date(req.body.registrationClosesAt),
          }),
        ),
      ),
  );

  app.get(
    '/api/v1/assessment-sessions/:id/registrations',
    {
      schema: {
        tags,
        summary: 'Registrations of a session',
        params,
        response: { 200: listOf(registrationSchema) },
      },
    },
    async (req) => present({ items: await assessment.listRegistrations(req.params.id) }),
  );
  app.post(
    '/api/v1/assessment-sessions/:id/registrations',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Register one learner; a refusal is 409 ASSESSMENT_NOT_ELIGIBLE with details.rule',
        params,
        body: registerRequestSchema,
        response: { 201: registrationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(present(await assessment.register(req.params.id, req.body))),
  );
  app.post(
    '/api/v1/assessment-sessions/:id/registrations/bulk',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Register many learners: one outcome each (registered, or refused with the rule)',
        params,
        body: bulkRegisterRequestSchema,
        response: { 200: listOf(registrationOutcomeSchema) },
      },
    },
    async (req) => present({ items: await assessment.registerMany(req.params.id, req.body.registrations) }),
  );

  app.post(
    '/api/v1/assessment-sessions/:id/scores',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Record draft scores or absence (all or none)',
        params,
        body: scoresRequestSchema,
        response: { 200: listOf(resultSchema) },
      },
    },
    async (req) =>
      present({
        items: await assessment.recordScores(req.params.id, req.body.entries, req.body.actor ?? 'admin'),
      }),
  );
  app.post(
    '/api/v1/assessment-sessions/:id/publish',
    {
      preHandler: admin,
      schema: { tags, summary: 'Publish the session’s results', params, response: { 200: sessionSchema } },
    },
    async (req) => present(await assessment.publishResults(req.params.id)),
  );
  app.get(
    '/api/v1/assessment-sessions/:id/results',
    {
      schema: {
        tags,
        summary: 'Results of a session (draft or published)',
        params,
        response: { 200: listOf(resultSchema) },
      },
    },
    async (req) => present({ items: await assessment.listResults(req.params.id) }),
  );
  app.get(
    '/api/v1/assessment-sessions/:id/passed-results',
    {
      schema: {
        tags,
        summary: 'Published, passed results by id, page by page (what issuance reads)',
        params,
        querystring: passedResultsQuerySchema,
        response: { 200: listOf(passedResultSchema) },
      },
    },
    async (req) => present({ items: await assessment.listPassedResults(req.params.id, req.query) }),
  );
  app.get(
    '/api/v1/assessment-results/:id',
    {
      schema: {
        tags,
        summary: 'A result with every revision',
        params,
        response: { 200: resultWithHistorySchema },
      },
    },
    async (req) => present(await assessment.getResult(req.params.id)),
  );
  app.post(
    '/api/v1/assessment-results/:id/rescore',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Re-score a result (after an appeal); the earlier version is kept',
        params,
        body: rescoreRequestSchema,
        response: { 200: resultWithHistorySchema },
      },
    },
    async (req) => {
      const result = await assessment.rescore(req.params.id, req.body);
      // A certificate issued for a pass that the appeal turned into a fail is revoked at once.
      await platform.issuance.revokeFailedAfterRescore(result.sessionId);
      return present(result);
    },
  );

  app.post(
    '/api/v1/assessment-sessions/:id/results-import',
    {
      preHandler: admin,
      // Room for a 5 MB file in base64; the file limit itself is core's (ASSESSMENT_IMPORT_TOO_LARGE).
      bodyLimit: Math.ceil((resultsImportLimits.maxBytes * 4) / 3) + 64 * 1024,
      schema: {
        tags,
        summary: 'Import results from a CSV or XLSX file (?dryRun=true checks every row and writes nothing)',
        description:
          'JSON body {format, base64}. A real run writes every row in one transaction, or refuses the whole file ' +
          '(422 ASSESSMENT_IMPORT_INVALID, details.issues: `row 7 · 理论成绩`). Templates: GET …/results-template.xlsx or .csv.',
        params,
        querystring: resultsImportQuerySchema,
        body: resultsImportRequestSchema,
        response: { 200: importReportSchema },
      },
    },
    async (req) =>
      assessment.importResults(
        req.params.id,
        new Uint8Array(Buffer.from(req.body.base64, 'base64')),
        req.body.format,
        {
          dryRun: req.query.dryRun === 'true',
          actor: req.body.actor,
        },
      ),
  );
  for (const format of ['xlsx', 'csv'] as const) {
    app.get(
      `/api/v1/assessment-sessions/:id/results-template.${format}`,
      {
        schema: {
          tags,
          summary: `The results template (${format.toUpperCase()}): bilingual header, one row per registration`,
          params,
        },
      },
      async (req, reply) =>
        reply
          .type(contentTypes[format])
          .header('content-disposition', `attachment; filename="results-${req.params.id}.${format}"`)
          .send(Buffer.from(await assessment.resultsTemplate(req.params.id, format))),
    );
  }
}
