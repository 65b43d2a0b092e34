import {
  applyCreditsRequestSchema,
  applyReportSchema,
  clrExportRequestSchema,
  clrExportResponseSchema,
  conversionRuleSchema,
  createConversionRuleRequestSchema,
  creditAccountViewSchema,
  creditTransactionSchema,
  idParam,
  institutionOutcomesQuerySchema,
  institutionOutcomesSchema,
  learningOutcomeSchema,
  listOf,
  recognizeOutcomeRequestSchema,
  reviewOutcomeRequestSchema,
  reviewOutcomeResponseSchema,
  withdrawOutcomeRequestSchema,
} from '@onex/contracts';
import { DomainError, type JsonObject } from '@onex/core';
import { z } from 'zod';
import { principalOf } from '../auth/access.ts';
import { present } from '../present.ts';
import type { RouteDeps } from './route-deps.ts';

const learnerParams = z.object({ learnerId: idParam });

/**
 * The credit bank (学分银行): accounts, outcomes, conversion rules, applying them, and a learner's
 * record as a signed CLR 2.0 credential. Credentials are verified with the instance verifier.
 */
export function creditBankRoutes({ app, platform, admin, verifier }: RouteDeps) {
  const { creditBank } = platform;
  const tags = ['credit-bank'];

  app.get(
    '/api/v1/credit-accounts/:learnerId',
    {
      schema: {
        tags,
        summary: "A learner's credit account: outcomes, the ledger, balance and exemptions",
        params: learnerParams,
        response: { 200: creditAccountViewSchema },
      },
    },
    async (req) => present(await creditBank.getAccount(req.params.learnerId)),
  );
  app.post(
    '/api/v1/credit-accounts/:learnerId/outcomes',
    {
      preHandler: admin,
      schema: {
        tags,
        summary:
          'Recognise a learning outcome: an X certificate issued here, a signed OB 3.0 credential, or declare one with evidence',
        description:
          'Credentials are verified and recognised at once. A declared outcome (course, diploma, competition, work experience) needs evidence and waits as PENDING, nothing deposited, until a reviewer of its institution other than the submitter approves it (…/outcomes/{outcomeId}/review).',
        params: learnerParams,
        body: recognizeOutcomeRequestSchema,
        response: { 201: learningOutcomeSchema },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const outcome =
        'credentialId' in body
          ? await creditBank.recognizeCredential(
              req.params.learnerId,
              { credentialId: body.credentialId },
              verifier(),
            )
          : 'credential' in body
            ? await creditBank.recognizeCredential(
                req.params.learnerId,
                { credential: body.credential as JsonObject },
                verifier(),
              )
            : await creditBank.recordOutcome(req.params.learnerId, body, principalOf(req).actorId);
      return reply.status(201).send(present(outcome));
    },
  );
  app.post(
    '/api/v1/credit-accounts/:learnerId/outcomes/:outcomeId/review',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Approve or reject a declared outcome (a reviewer of its institution, not its submitter)',
        description:
          'APPROVE recognises it: ACCUMULATED, its own credits deposited by a transaction naming the review; rules for its kind and code then convert it at `apply`. REJECT (a note required) deposits nothing. 409 CREDIT_BANK_WRONG_STATE when not PENDING, 403 CREDIT_BANK_SELF_REVIEW for the submitter, 403 CREDIT_BANK_NOT_REVIEWER for another institution.',
        params: z.object({ learnerId: idParam, outcomeId: idParam }),
        body: reviewOutcomeRequestSchema,
        response: { 200: reviewOutcomeResponseSchema },
      },
    },
    async (req) => {
      const me = principalOf(req);
      return present(
        await creditBank.reviewOutcome(req.params.learnerId, req.params.outcomeId, {
          decision: req.body.decision,
          note: req.body.note,
          reviewer: {
            actorId: me.actorId,
            institutionId: me.orgKind === 'INSTITUTION' ? me.orgId : null,
          },
        }),
      );
    },
  );
  app.get(
    '/api/v1/credit-outcomes',
    {
      schema: {
        tags,
        summary:
          'Outcomes declared at an institution, oldest first (default: PENDING review): the review queue',
        querystring: institutionOutcomesQuerySchema,
        response: { 200: institutionOutcomesSchema },
      },
    },
    async (req) => {
      if (!req.query.institution)
        throw new DomainError(
          'VALIDATION_FAILED',
          { zh: '请指定院校', en: 'Name the institution' },
          { issues: [{ path: 'query.institution', message: 'required' }] },
        );
      return present({
        items: await creditBank.listInstitutionOutcomes(req.query.institution, {
          status: req.query.status,
          limit: req.query.limit,
        }),
      });
    },
  );
  app.post(
    '/api/v1/credit-accounts/:learnerId/outcomes/:outcomeId/withdraw',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Withdraw an outcome: every standing transaction of it is reversed (nothing is deleted)',
        params: z.object({ learnerId: idParam, outcomeId: idParam }),
        body: withdrawOutcomeRequestSchema,
        response: { 200: listOf(creditTransactionSchema) },
      },
    },
    async (req) =>
      present({
        items: await creditBank.withdrawOutcome(req.params.learnerId, req.params.outcomeId, {
          zh: req.body.reasonZh,
          en: req.body.reasonEn,
        }),
      }),
  );
  app.post(
    '/api/v1/credit-accounts/:learnerId/apply',
    {
      preHandler: admin,
      schema: {
        tags,
        summary:
          "Apply an institution's conversion rules: withdraw revoked, recognise new certificates, convert",
        params: learnerParams,
        body: applyCreditsRequestSchema,
        response: { 200: applyReportSchema },
      },
    },
    async (req) =>
      present(
        await creditBank.apply(req.params.learnerId, {
          institution: req.body.institution,
          verifier: verifier(),
        }),
      ),
  );
  app.post(
    '/api/v1/credit-accounts/:learnerId/clr',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: "The learner's record as a CLR 2.0 ClrCredential signed by the institution",
        params: learnerParams,
        body: clrExportRequestSchema,
        response: { 201: clrExportResponseSchema },
      },
    },
    async (req, reply) => {
      const record = await creditBank.exportClr(req.params.learnerId, { institution: req.body.institution });
      return reply.status(201).send({ id: record.id, verifiableCredential: record.document });
    },
  );
  app.get(
    '/api/v1/conversion-rules',
    {
      schema: {
        tags,
        summary:
          'Conversion rules (every version), optionally of one institution, outcome kind or certificate',
        querystring: z
          .object({
            institution: z.string().max(60).optional(),
            outcomeKind: z.enum(['X_CERT', 'COURSE', 'DIPLOMA', 'COMPETITION', 'WORK_EXPERIENCE']).optional(),
            certificateCode: z.string().max(40).optional(),
          })
          .strict(),
        response: { 200: listOf(conversionRuleSchema) },
      },
    },
    async (req) => present({ items: await creditBank.listRules(req.query) }),
  );
  app.post(
    '/api/v1/conversion-rules',
    {
      preHandler: admin,
      schema: {
        tags,
        summary:
          "Add a version of an institution's conversion rule, for a certificate level or a declared outcome kind and code (overlapping dates are refused)",
        body: createConversionRuleRequestSchema,
        response: { 201: conversionRuleSchema },
      },
    },
    async (req, reply) => reply.status(201).send(present(await creditBank.defineRule(req.body))),
  );
}
