import {
  catalogDocumentSchema,
  catalogImportResultSchema,
  certificateSchema,
  certificateStatusSchema,
  certificateTransitionRequestSchema,
  createCertificateRequestSchema,
  createStandardRequestSchema,
  createTeoRequestSchema,
  idParam,
  listOf,
  skillStandardSchema,
  skillStandardTreeSchema,
  skillStandardWithNodesSchema,
  standardDiffSchema,
  teoSchema,
  teoTransitionRequestSchema,
} from '@onex/contracts';
import { majorCatalog, occupations, provinces } from '@onex/core';
import { z } from 'zod';
import { present } from '../present.ts';
import type { RouteDeps } from './route-deps.ts';

const params = z.object({ id: idParam });

/** The national catalog: TEOs, certificates and their levels, versioned skill standards, reference data. */
export function catalogRoutes({ app, platform, admin }: RouteDeps) {
  const { catalog } = platform;
  const tags = ['catalog'];

  app.get(
    '/api/v1/teos',
    { schema: { tags, summary: 'List TEOs (培训评价组织)', response: { 200: listOf(teoSchema) } } },
    async () => ({
      items: present(await catalog.listTeos()),
    }),
  );
  app.get(
    '/api/v1/teos/:id',
    { schema: { tags, summary: 'One TEO by id or code', params, response: { 200: teoSchema } } },
    async (req) => present(await catalog.getTeo(req.params.id)),
  );
  app.post(
    '/api/v1/teos',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Register a TEO application',
        body: createTeoRequestSchema,
        response: { 201: teoSchema },
      },
    },
    async (req, reply) => reply.status(201).send(present(await catalog.applyTeo(req.body))),
  );
  app.post(
    '/api/v1/teos/:id/transitions',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Move a TEO through its lifecycle (approve, warn, rectify, exit, revoke)',
        params,
        body: teoTransitionRequestSchema,
        response: { 200: teoSchema },
      },
    },
    async (req) => present(await catalog.transitionTeo(req.params.id, req.body)),
  );

  app.get(
    '/api/v1/certificates',
    {
      schema: {
        tags,
        summary: 'List X certificates with their TEO and levels',
        querystring: z
          .object({ teoId: z.string().max(120).optional(), status: certificateStatusSchema.optional() })
          .strict(),
        response: { 200: listOf(certificateSchema) },
      },
    },
    async (req) => ({ items: present(await catalog.listCertificates(req.query)) }),
  );
  app.get(
    '/api/v1/certificates/:id',
    {
      schema: {
        tags,
        summary: 'One certificate by id or code',
        params,
        response: { 200: certificateSchema },
      },
    },
    async (req) => present(await catalog.getCertificate(req.params.id)),
  );
  app.post(
    '/api/v1/certificates',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Add a certificate (DRAFT) with its levels',
        body: createCertificateRequestSchema,
        response: { 201: certificateSchema },
      },
    },
    async (req, reply) => reply.status(201).send(present(await catalog.createCertificate(req.body))),
  );
  app.post(
    '/api/v1/certificates/:id/transitions',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Change a certificate status',
        params,
        body: certificateTransitionRequestSchema,
        response: { 200: certificateSchema },
      },
    },
    async (req) => present(await catalog.transitionCertificate(req.params.id, req.body.to, req.body.reason)),
  );

  app.get(
    '/api/v1/certificates/:id/standards',
    {
      schema: {
        tags,
        summary: 'Versions of a certificate’s skill standard',
        params,
        response: { 200: listOf(skillStandardSchema) },
      },
    },
    async (req) => ({ items: present(await catalog.listStandards(req.params.id)) }),
  );
  app.post(
    '/api/v1/certificates/:id/standards',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Start a new skill standard version (DRAFT)',
        params,
        body: createStandardRequestSchema,
        response: { 201: skillStandardWithNodesSchema },
      },
    },
    async (req, reply) => {
      const { basedOnId, ...tree } = req.body;
      return reply
        .status(201)
        .send(present(await catalog.createStandardVersion(req.params.id, tree, basedOnId)));
    },
  );
  app.get(
    '/api/v1/standards/:id',
    {
      schema: {
        tags,
        summary: 'A skill standard version with its nodes',
        params,
        response: { 200: skillStandardWithNodesSchema },
      },
    },
    async (req) => present(await catalog.getStandard(req.params.id)),
  );
  app.put(
    '/api/v1/standards/:id',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Replace the tree of a DRAFT version (a published one is immutable: 409)',
        params,
        body: skillStandardTreeSchema,
        response: { 200: skillStandardWithNodesSchema },
      },
    },
    async (req) => present(await catalog.updateDraft(req.params.id, req.body)),
  );
  app.post(
    '/api/v1/standards/:id/publish',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Publish a draft version',
        params,
        response: { 200: skillStandardWithNodesSchema },
      },
    },
    async (req) => present(await catalog.publishStandard(req.params.id)),
  );
  app.get(
    '/api/v1/standards/:id/diff',
    {
      schema: {
        tags,
        summary: 'Compare this version with another: added, removed and changed requirements',
        params,
        querystring: z.object({ from: z.string().min(1).max(120) }).strict(),
        response: { 200: standardDiffSchema },
      },
    },
    async (req) => present(await catalog.compareStandards(req.query.from, req.params.id)),
  );

  app.get(
    '/api/v1/catalog/export',
    {
      schema: { tags, summary: 'The catalog as one JSON document', response: { 200: catalogDocumentSchema } },
    },
    async () => catalog.exportCatalog(),
  );
  app.post(
    '/api/v1/catalog/import',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Import a catalog document (all or nothing)',
        body: catalogDocumentSchema,
        response: { 200: catalogImportResultSchema },
      },
    },
    async (req) => catalog.importCatalog(req.body),
  );

  const refTags = ['reference'];
  app.get(
    '/api/v1/reference/provinces',
    { schema: { tags: refTags, summary: 'The 31 provinces (GB/T 2260)' } },
    async () => ({
      items: provinces,
    }),
  );
  app.get(
    '/api/v1/reference/majors',
    { schema: { tags: refTags, summary: 'The 2021 VET major catalogue (subset)' } },
    async () => majorCatalog,
  );
  app.get(
    '/api/v1/reference/occupations',
    { schema: { tags: refTags, summary: 'OCC 2022 occupations served' } },
    async () => occupations,
  );
}
