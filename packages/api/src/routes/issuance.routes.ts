import { issuanceJobSchema } from '@onex/contracts';
import { DomainError, type IssuanceProgress } from '@onex/core';
import { z } from 'zod';
import type { RouteDeps } from './route-deps.ts';

/** A bulk issuance started over HTTP, followed by polling (its state lives in this process). */
interface IssuanceJob {
  id: string;
  sessionId: string;
  state: 'RUNNING' | 'DONE' | 'FAILED';
  progress: IssuanceProgress;
  startedAt: string;
  finishedAt: string | null;
  error: { code: string; message: string; messageZh: string } | null;
}

/**
 * Bulk issuance of an assessment session over HTTP: `POST …/issuance` starts it (202, or the job
 * already running for that session), `GET /api/v1/issuance-jobs/{id}` reports its progress. The
 * work is exactly once and resumable (a job that failed or died is finished by starting another).
 */
export function issuanceRoutes({ app, platform, admin, owners }: RouteDeps) {
  const jobs = new Map<string, IssuanceJob>();
  // A job belongs to whoever owns its session.
  owners.set('issuance-job', async (id) => {
    const job = jobs.get(id);
    return job ? platform.access.ownerOf('session', job.sessionId) : null;
  });
  const running = new Map<string, IssuanceJob>();
  let seq = 0;
  const tags = ['issuance'];

  app.post(
    '/api/v1/assessment-sessions/:id/issuance',
    {
      preHandler: admin,
      schema: {
        tags,
        summary:
          'Issue every passed, published result of the session as a certificate (exactly once); poll the job',
        params: z.object({ id: z.string().min(1).max(120) }),
        querystring: z.object({ batchSize: z.coerce.number().int().min(1).max(1000).optional() }).strict(),
        response: { 202: issuanceJobSchema },
      },
    },
    async (req, reply) => {
      const session = await platform.assessment.getSession(req.params.id); // 404 before any job
      if (session.resultsStatus !== 'PUBLISHED') {
        throw new DomainError(
          'ASSESSMENT_RESULTS_INCOMPLETE',
          { zh: '成绩尚未发布，不能签发证书', en: 'The results are not published: nothing to issue yet' },
          { sessionId: session.id },
        );
      }
      const existing = running.get(session.id);
      if (existing) return reply.status(202).send(existing);
      const job: IssuanceJob = {
        id: `job-${Date.now().toString(36)}-${++seq}`,
        sessionId: session.id,
        state: 'RUNNING',
        progress: { sessionId: session.id, total: 0, done: 0, issued: 0 },
        startedAt: new Date().toISOString(),
        finishedAt: null,
        error: null,
      };
      jobs.set(job.id, job);
      running.set(session.id, job);
      platform.issuance
        .issueSession(session.id, {
          ...(req.query.batchSize ? { batchSize: req.query.batchSize } : {}),
          onProgress: (p) => {
            job.progress = p;
          },
        })
        .then(
          (p) => {
            job.progress = p;
            job.state = 'DONE';
          },
          (e: unknown) => {
            job.state = 'FAILED';
            job.error =
              e instanceof DomainError
                ? { code: e.code, message: e.text.en, messageZh: e.text.zh }
                : { code: 'INTERNAL', message: String(e), messageZh: String(e) };
            req.log.error({ err: e, job: job.id }, 'bulk issuance failed');
          },
        )
        .finally(() => {
          job.finishedAt = new Date().toISOString();
          running.delete(session.id);
        });
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/v1/issuance-jobs/:id',
    {
      schema: {
        tags,
        summary: 'Progress of a bulk issuance job',
        params: z.object({ id: z.string().min(1).max(120) }),
        response: { 200: issuanceJobSchema },
      },
    },
    async (req) => {
      const job = jobs.get(req.params.id);
      if (!job) {
        throw new DomainError('NOT_FOUND', {
          zh: `没有签发任务 ${req.params.id}`,
          en: `No issuance job ${req.params.id}`,
        });
      }
      return job;
    },
  );
}
