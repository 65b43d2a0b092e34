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
  learningOutcomeSchema,
  listOf,
  recognizeOutcomeRequestSchema,
  withdrawOutcomeRequestSchema,
} from '@onex/contracts';
import type { JsonObject } from '@onex/core';
import { z } from 'zod';
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
          'Recognise a learning outcome: an X certificate issued here, a signed OB 3.0 credential, or a declared outcome',
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
            : await creditBank.recordOutcome(req.params.learnerId, body);
      return reply.status(201).send(present(outcome));
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
        summary: 'Conversion rules (every version), optionally of one institution or certificate',
        querystring: z
          .object({
            institution: z.string().max(60).optional(),
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
        summary: "Add a version of an institution's conversion rule (overlapping dates are refused)",
        body: createConversionRuleRequestSchema,
        response: { 201: conversionRuleSchema },
      },
    },
    async (req, reply) => reply.status(201).send(present(await creditBank.defineRule(req.body))),
  );
}
