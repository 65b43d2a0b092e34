import {
  casePackageSchema,
  closestLevelsQuerySchema,
  closestLevelsSchema,
  coverageOverviewQuerySchema,
  coverageOverviewSchema,
  coverageReportSchema,
  curriculumTargetParams,
  idParam,
  importMappingsRequestSchema,
  mappingListSchema,
  optimizePlanSchema,
  optimizeRequestSchema,
  planCheckSchema,
  setMappingsRequestSchema,
  skillStandardWithNodesSchema,
} from '@onex/contracts';
import { type CandidateModule, type LevelCode, mappingCsvLimits } from '@onex/core';
import { z } from 'zod';
import { present } from '../present.ts';
import type { RouteDeps } from './route-deps.ts';

const params = z.object({ id: idParam });
const lvl = (l: string) => Number(l) as LevelCode;

/** 书证融通 (issue 7): mappings, coverage and gaps, the optimizer, plan rules, CASE 1.1. */
export function curriculumRoutes({ app, platform, admin }: RouteDeps) {
  const { curriculum } = platform;
  const tags = ['curriculum'];
  const base = '/api/v1/programmes/:id/curriculum/:certificate/:level';

  app.get(
    `${base}/coverage`,
    {
      schema: {
        tags,
        summary:
          'Coverage matrix (requirements × courses), gaps and hours needed of a programme against a level',
        params: curriculumTargetParams,
        response: { 200: coverageReportSchema },
      },
    },
    async (req) => curriculum.coverage(req.params.id, req.params.certificate, lvl(req.params.level)),
  );
  app.get(
    `${base}/mappings`,
    {
      schema: {
        tags,
        summary: "The programme's course ↔ skill requirement mappings for a level",
        params: curriculumTargetParams,
        response: { 200: mappingListSchema },
      },
    },
    async (req) => curriculum.listMappings(req.params.id, req.params.certificate, lvl(req.params.level)),
  );
  app.put(
    `${base}/mappings`,
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Replace the mappings for a level (all or none); returns the new coverage',
        params: curriculumTargetParams,
        body: setMappingsRequestSchema,
        response: { 200: coverageReportSchema },
      },
    },
    async (req) =>
      curriculum.setMappings(req.params.id, req.params.certificate, lvl(req.params.level), req.body.mappings),
  );
  app.get(
    `${base}/mappings.csv`,
    {
      schema: {
        tags,
        summary: 'The mappings as a bilingual CSV (课程代码 / courseCode, 要求代码 / requirementCode, …)',
        params: curriculumTargetParams,
      },
    },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="mappings-${req.params.certificate}-${req.params.level}.csv"`,
        )
        .send(
          await curriculum.exportMappingsCsv(req.params.id, req.params.certificate, lvl(req.params.level)),
        ),
  );
  app.post(
    `${base}/mappings-import`,
    {
      preHandler: admin,
      bodyLimit: Math.ceil((mappingCsvLimits.maxBytes * 4) / 3) + 64 * 1024,
      schema: {
        tags,
        summary: 'Import mappings from a CSV file (all rows or none), replacing those of the level',
        description:
          'JSON body {base64}. Bad rows are refused with 422 CURRICULUM_IMPORT_INVALID, details.issues naming row and column (`row 7 · 要求代码`).',
        params: curriculumTargetParams,
        body: importMappingsRequestSchema,
        response: { 200: coverageReportSchema },
      },
    },
    async (req) =>
      curriculum.importMappingsCsv(
        req.params.id,
        req.params.certificate,
        lvl(req.params.level),
        new Uint8Array(Buffer.from(req.body.base64, 'base64')),
      ),
  );
  app.post(
    `${base}/optimize`,
    {
      schema: {
        tags,
        summary:
          'The restructuring plan: modules that maximize coverage under the plan rules and a budget (MILP)',
        description:
          'Writes nothing. Without candidates, one new elective module and one extension of the most-mapped course are proposed per work task with a gap. AUTO solves exactly (HiGHS) up to 120 candidates and greedily, with its optimality gap against the LP relaxation, above.',
        params: curriculumTargetParams,
        body: optimizeRequestSchema,
        response: { 200: optimizePlanSchema },
      },
    },
    async (req) =>
      curriculum.optimize(req.params.id, req.params.certificate, lvl(req.params.level), {
        budget: req.body.budget,
        candidates: req.body.candidates as CandidateModule[] | undefined,
        method: req.body.method,
      }),
  );
  app.get(
    '/api/v1/programmes/:id/plan-check',
    {
      schema: {
        tags,
        summary: 'The plan rules (教职成〔2019〕13号) the programme breaks, by name',
        params,
        response: { 200: planCheckSchema },
      },
    },
    async (req) => curriculum.checkPlan(req.params.id),
  );
  app.get(
    '/api/v1/institutions/:id/closest-levels',
    {
      schema: {
        tags,
        summary: 'For each programme of an institution, the certificate levels it covers best',
        params,
        querystring: closestLevelsQuerySchema,
        response: { 200: closestLevelsSchema },
      },
    },
    async (req) => ({ items: await curriculum.closestLevels(req.params.id, { limit: req.query.limit }) }),
  );
  app.get(
    '/api/v1/institutions/:id/curriculum-coverage',
    {
      schema: {
        tags,
        summary: "An institution's coverage overview: each programme against each relevant certificate level",
        description:
          "One SQL aggregate over the institution's mappings (the same summaries as each programme's coverage matrix). Default: the levels that target the programme's major or that it has mappings to; all=true: every level.",
        params,
        querystring: coverageOverviewQuerySchema,
        response: { 200: coverageOverviewSchema },
      },
    },
    async (req) => ({
      items: await curriculum.coverageOverview(req.params.id, {
        certificate: req.query.certificate,
        level: req.query.level === undefined ? undefined : lvl(req.query.level),
        all: req.query.all === 'true',
      }),
    }),
  );
  app.get(
    '/api/v1/standards/:id/case',
    {
      schema: {
        tags,
        summary: 'A skill standard version as a CASE 1.1 CFPackage',
        params,
        response: { 200: casePackageSchema },
      },
    },
    async (req) =>
      (await curriculum.exportCase(req.params.id)) as unknown as z.infer<typeof casePackageSchema>,
  );
  app.post(
    '/api/v1/standards/case',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Import a CASE 1.1 CFPackage as a new standard version (published when Adopted)',
        description: 'A malformed package is refused whole: 422 CURRICULUM_CASE_MALFORMED with JSON paths.',
        body: casePackageSchema,
        response: { 201: skillStandardWithNodesSchema },
      },
    },
    async (req, reply) => reply.status(201).send(present(await curriculum.importCase(req.body))),
  );
}
