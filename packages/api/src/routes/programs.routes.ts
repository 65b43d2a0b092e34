import {
  addCoursesRequestSchema,
  createInstitutionRequestSchema,
  createLearnerRequestSchema,
  createProgrammeRequestSchema,
  idParam,
  institutionSchema,
  learnerQuerySchema,
  learnerSchema,
  listOf,
  programmeSchema,
  programmeWithCoursesSchema,
} from '@onex/contracts';
import { z } from 'zod';
import type { RouteDeps } from './route-deps.ts';

const params = z.object({ id: idParam });

/** Institutions, programmes and courses, learners. */
export function programsRoutes({ app, platform, admin }: RouteDeps) {
  const { programs } = platform;
  const tags = ['programs'];

  app.get(
    '/api/v1/institutions',
    {
      schema: {
        tags,
        summary: 'List institutions',
        querystring: z
          .object({
            provinceCode: z
              .string()
              .regex(/^\d{2}$/)
              .optional(),
          })
          .strict(),
        response: { 200: listOf(institutionSchema) },
      },
    },
    async (req) => ({ items: await programs.listInstitutions(req.query) }),
  );
  app.get(
    '/api/v1/institutions/:id',
    {
      schema: {
        tags,
        summary: 'One institution by id or code',
        params,
        response: { 200: institutionSchema },
      },
    },
    async (req) => programs.getInstitution(req.params.id),
  );
  app.post(
    '/api/v1/institutions',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Add an institution',
        body: createInstitutionRequestSchema,
        response: { 201: institutionSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await programs.createInstitution(req.body)),
  );
  app.get(
    '/api/v1/institutions/:id/programmes',
    {
      schema: {
        tags,
        summary: 'Programmes of an institution',
        params,
        response: { 200: listOf(programmeSchema) },
      },
    },
    async (req) => ({ items: await programs.listProgrammes(req.params.id) }),
  );
  app.post(
    '/api/v1/institutions/:id/programmes',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Add a programme (major × cohort)',
        params,
        body: createProgrammeRequestSchema,
        response: { 201: programmeSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await programs.createProgramme(req.params.id, req.body)),
  );
  app.get(
    '/api/v1/programmes/:id',
    {
      schema: {
        tags,
        summary: 'A programme with its courses and totals',
        params,
        response: { 200: programmeWithCoursesSchema },
      },
    },
    async (req) => programs.getProgramme(req.params.id),
  );
  app.post(
    '/api/v1/programmes/:id/courses',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Add courses (all or none)',
        params,
        body: addCoursesRequestSchema,
        response: { 201: programmeWithCoursesSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await programs.addCourses(req.params.id, req.body.courses)),
  );
  app.get(
    '/api/v1/learners',
    {
      schema: {
        tags,
        summary: 'List learners (ID numbers masked)',
        querystring: learnerQuerySchema,
        response: { 200: listOf(learnerSchema) },
      },
    },
    async (req) => ({ items: await programs.listLearners(req.query) }),
  );
  app.get(
    '/api/v1/learners/:id',
    { schema: { tags, summary: 'One learner (ID number masked)', params, response: { 200: learnerSchema } } },
    async (req) => programs.getLearner(req.params.id),
  );
  app.post(
    '/api/v1/learners',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Register a learner',
        body: createLearnerRequestSchema,
        response: { 201: learnerSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await programs.registerLearner(req.body)),
  );
}
