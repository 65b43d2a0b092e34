import {
  candidateCredentialsSchema,
  candidateListSchema,
  candidateParams,
  consentGrantListSchema,
  consentGrantSchema,
  createEmployerRequestSchema,
  employerListSchema,
  employerParams,
  employerSchema,
  grantConsentRequestSchema,
  idParam,
} from '@onex/contracts';
import { z } from 'zod';
import { principalOf } from '../auth/access.ts';
import { present } from '../present.ts';
import { presentRecord } from './credentials.routes.ts';
import type { RouteDeps } from './route-deps.ts';

/**
 * Employers and learners' consent (issue 6): the employer directory; a learner grants an employer
 * access to all or some of their certificates until an expiry, lists and revokes grants; an
 * employer lists its consenting candidates and sees the credentials a live grant covers, each
 * verified by the instance verifier as it is served. Scoping is in `policies.ts`.
 */
export function consentRoutes({ app, platform, verifier }: RouteDeps) {
  const { employers } = platform;
  const tags = ['employers'];

  app.get(
    '/api/v1/employers',
    {
      schema: {
        tags,
        summary: 'The employer directory (for a learner choosing whom to grant consent)',
        response: { 200: employerListSchema },
      },
    },
    async () => present({ items: await employers.listEmployers() }),
  );
  app.post(
    '/api/v1/employers',
    {
      schema: {
        tags,
        summary: 'Register an employer (regulator)',
        body: createEmployerRequestSchema,
        response: { 201: employerSchema },
      },
    },
    async (req, reply) => reply.status(201).send(present(await employers.registerEmployer(req.body))),
  );

  app.post(
    '/api/v1/learners/:id/consents',
    {
      schema: {
        tags,
        summary:
          'Grant an employer consent to see all or the listed certificates, for a purpose, until an expiry (default 90 days, at most 365); only the learner themself',
        params: z.object({ id: idParam }),
        body: grantConsentRequestSchema,
        response: { 201: consentGrantSchema },
      },
    },
    async (req, reply) => {
      const me = principalOf(req);
      const { employerId, expiresAt, ...rest } = req.body;
      const grant = await employers.grantConsent(
        req.params.id,
        {
          ...rest,
          employer: employerId,
          expiresAt: expiresAt === undefined ? undefined : new Date(expiresAt),
        },
        { actorId: me.actorId, learnerId: me.learnerId },
      );
      return reply.status(201).send(present(grant));
    },
  );
  app.get(
    '/api/v1/learners/:id/consents',
    {
      schema: {
        tags,
        summary: "A learner's consent grants, newest first, each with its state (ACTIVE, EXPIRED, REVOKED)",
        params: z.object({ id: idParam }),
        response: { 200: consentGrantListSchema },
      },
    },
    async (req) => present({ items: await employers.listConsents(req.params.id) }),
  );
  app.post(
    '/api/v1/consents/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a consent grant at once (a grant is never edited, only revoked)',
        params: z.object({ id: idParam }),
        response: { 200: consentGrantSchema },
      },
    },
    async (req) => present(await employers.revokeConsent(req.params.id, principalOf(req).actorId)),
  );

  app.get(
    '/api/v1/employers/:id/candidates',
    {
      schema: {
        tags,
        summary:
          'Learners with a live consent grant to this employer, names masked unless the grant reveals identity',
        params: employerParams,
        response: { 200: candidateListSchema },
      },
    },
    async (req) => present({ items: await employers.listCandidates(req.params.id) }),
  );
  app.get(
    '/api/v1/employers/:id/candidates/:learnerId/credentials',
    {
      schema: {
        tags,
        summary:
          "The candidate's credentials a live grant covers, each with its verification result (404 without a live grant)",
        params: candidateParams,
        response: { 200: candidateCredentialsSchema },
      },
    },
    async (req) => {
      const { candidate, items } = await employers.candidateCredentials(
        req.params.id,
        req.params.learnerId,
        verifier(),
      );
      return {
        candidate: present(candidate),
        items: items.map((i) => ({
          credential: presentRecord(i.record),
          verification: present({
            verified: i.verification.verified,
            format: i.verification.format,
            checks: i.verification.checks,
          }),
          grantIds: i.grantIds,
        })),
      };
    },
  );
}
