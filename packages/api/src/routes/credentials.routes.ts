import {
  credentialRecordSchema,
  credentialStatusActionSchema,
  issueCredentialRequestSchema,
  issueCredentialResponseSchema,
  listOf,
  updateStatusRequestSchema,
  verifyCredentialRequestSchema,
  verifyCredentialResponseSchema,
  verifyPresentationRequestSchema,
} from '@onex/contracts';
import { type CredentialRecord, DomainError, type JsonObject, type VerificationResult } from '@onex/core';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { certificatePdfFor } from '../certificate-pdf/index.ts';
import { learnerPresentation } from '../learner-presentation.ts';
import { offlineBundleFor } from '../offline-bundle.ts';
import type { RouteDeps } from './route-deps.ts';

/**
 * The W3C VC API (issue, verify, presentations, status) with the status codes the W3C test
 * suites expect (STANDARDS.md §4): a credential that does not verify is a 422 carrying the same
 * body, unknown `options` keys are accepted. Plus DID documents, status lists and the trust list,
 * which verifiers fetch.
 */
export function credentialsRoutes({ app, platform, admin, verifier, defaultIssuerCode, baseUrl }: RouteDeps) {
  const { credentials } = platform;
  const tags = ['credentials'];

  app.post(
    '/credentials/issue',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Sign a credential (VC API)',
        body: issueCredentialRequestSchema,
        response: { 201: issueCredentialResponseSchema },
      },
    },
    async (req, reply) => {
      const credential = { ...(req.body.credential as JsonObject) };
      if (credential.issuer === undefined)
        credential.issuer = await credentials.ensureIssuer('TEO', defaultIssuerCode);
      if (req.body.options?.credentialId) credential.id = req.body.options.credentialId;
      const record = await credentials.issue(credential, {
        cryptosuite: req.body.options?.cryptosuite ?? 'eddsa-rdfc-2022',
      });
      return reply.status(201).send({ verifiableCredential: record.document });
    },
  );

  app.post(
    '/credentials/verify',
    {
      schema: {
        tags,
        summary: 'Verify a credential: every named check, in Chinese and English (VC API)',
        body: verifyCredentialRequestSchema,
        response: { 200: verifyCredentialResponseSchema, 422: verifyCredentialResponseSchema },
      },
    },
    async (req, reply) =>
      sendVerification(reply, await verifier().verifyCredential(req.body.verifiableCredential)),
  );

  app.post(
    '/presentations/verify',
    {
      schema: {
        tags,
        summary: 'Verify a presentation: holder proof with challenge and domain (VC API)',
        body: verifyPresentationRequestSchema,
      },
    },
    async (req, reply) => {
      const vp = req.body.verifiablePresentation ?? req.body.presentation;
      if (vp === undefined) {
        throw new DomainError(
          'VALIDATION_FAILED',
          { zh: '缺少 verifiablePresentation', en: 'verifiablePresentation is required' },
          {
            issues: [{ path: 'body.verifiablePresentation', message: 'required' }],
          },
        );
      }
      const result = await verifier().verifyPresentation(vp, {
        challenge: req.body.options?.challenge,
        domain: req.body.options?.domain,
      });
      return reply.status(result.verified ? 200 : 422).send(result);
    },
  );

  app.post(
    '/credentials/status',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Set a status bit (VC API): revoke, suspend or unsuspend',
        body: updateStatusRequestSchema,
      },
    },
    async (req) => {
      const { statusPurpose } = req.body.credentialStatus;
      const action =
        statusPurpose === 'revocation'
          ? req.body.status
            ? 'revoke'
            : undefined
          : req.body.status
            ? 'suspend'
            : 'unsuspend';
      if (!action) {
        throw new DomainError('CREDENTIAL_REVOKED', {
          zh: '撤销不可逆',
          en: 'Revocation is final; it cannot be cleared',
        });
      }
      const record = await credentials.changeStatus(
        req.body.credentialId,
        action,
        req.body.reason ?? 'VC API status update',
      );
      return { credentialId: record.id, status: record.status };
    },
  );

  const params = z.object({ id: z.string().min(1).max(500) });
  app.get(
    '/api/v1/credentials/:id',
    {
      schema: {
        tags,
        summary: 'An issued credential with its status (by id or certificate number)',
        params,
        response: { 200: credentialRecordSchema },
      },
    },
    async (req) => presentRecord(await credentials.getCredential(req.params.id)),
  );
  app.get(
    '/api/v1/credentials/:id/bundle',
    {
      schema: {
        tags,
        summary:
          'An offline verification bundle: the credential, DID documents, status lists, trust list and its log proof (onex verify --bundle)',
        params,
      },
    },
    async (req) => offlineBundleFor(platform, req.params.id),
  );
  app.get(
    '/api/v1/credentials/:id/pdf',
    {
      schema: {
        tags,
        summary:
          'The printable bilingual certificate (A4 PDF) with the signed credential attached as credential.json (by id or certificate number)',
        params,
      },
    },
    async (req, reply) => {
      const pdf = await certificatePdfFor(platform, req.params.id, baseUrl);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${pdf.fileName}"`)
        .send(Buffer.from(pdf.bytes));
    },
  );
  const learnerParams = z.object({ id: z.string().min(1).max(100) });
  app.get(
    '/api/v1/learners/:id/credentials',
    {
      schema: {
        tags,
        summary: "A learner's credentials, oldest first",
        params: learnerParams,
        response: { 200: listOf(credentialRecordSchema) },
      },
    },
    async (req) => ({
      items: (await learnerPresentation(platform, req.params.id)).records.map(presentRecord),
    }),
  );
  app.get(
    '/api/v1/learners/:id/presentation',
    {
      schema: {
        tags,
        summary:
          "All of a learner's credentials in one VC 2.0 VerifiablePresentation (unsigned: learners hold no keys yet)",
        params: learnerParams,
      },
    },
    async (req, reply) =>
      reply
        .type('application/vp+ld+json')
        .send((await learnerPresentation(platform, req.params.id)).presentation),
  );
  app.post(
    '/api/v1/credentials/:id/status',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Revoke (final), suspend or unsuspend, with a reason',
        params,
        body: credentialStatusActionSchema,
        response: { 200: credentialRecordSchema },
      },
    },
    async (req) =>
      presentRecord(await credentials.changeStatus(req.params.id, req.body.action, req.body.reason)),
  );
  app.post(
    '/api/v1/issuers/rotate',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Rotate an issuer key; the retired key stays resolvable',
        body: z.object({ did: z.string().min(1).max(500) }).strict(),
      },
    },
    async (req) => credentials.rotateKey(req.body.did),
  );

  const didTags = ['identity'];
  const code = z.object({ code: z.string().min(1).max(60) });
  const didDocument = async (did: string, reply: FastifyReply) => {
    const doc = await credentials.didDocument(did);
    if (!doc) throw new DomainError('NOT_FOUND', { zh: `没有该 DID：${did}`, en: `No such DID: ${did}` });
    return reply.type('application/did+json').send(doc);
  };
  app.get(
    '/teos/:code/did.json',
    { schema: { tags: didTags, summary: 'did:web document of a TEO', params: code } },
    (req, reply) => didDocument(credentials.didOf('TEO', req.params.code), reply),
  );
  app.get(
    '/institutions/:code/did.json',
    { schema: { tags: didTags, summary: 'did:web document of an institution', params: code } },
    (req, reply) => didDocument(credentials.didOf('INSTITUTION', req.params.code), reply),
  );
  app.get(
    '/regulator/did.json',
    { schema: { tags: didTags, summary: 'did:web document of the regulator' } },
    (_req, reply) => didDocument(credentials.didOf('REGULATOR', 'MOE'), reply),
  );
  app.get(
    '/status-lists/:id',
    {
      schema: {
        tags,
        summary: 'A signed BitstringStatusListCredential',
        params: z.object({ id: z.string().min(1).max(120) }),
      },
    },
    async (req, reply) =>
      reply.type('application/vc+ld+json').send(await credentials.statusListCredential(req.params.id)),
  );
  app.get(
    '/trust-list',
    { schema: { tags, summary: 'The regulator-signed list of accredited TEOs and catalog certificates' } },
    async (_req, reply) => reply.type('application/vc+ld+json').send(await credentials.signedTrustList()),
  );
}

/** A stored credential on the wire (dates as ISO strings, digest as hex). */
export function presentRecord(r: CredentialRecord) {
  return {
    id: r.id,
    issuerDid: r.issuerDid,
    learnerId: r.learnerId,
    certificateCode: r.certificateCode,
    level: r.level,
    certificateNumber: r.certificateNumber,
    status: r.status,
    issuedAt: r.issuedAt.toISOString(),
    digest: Buffer.from(r.digest).toString('hex'),
    document: r.document,
  };
}

/** 200 when verified; 422 with the same body when not (the W3C suites read any 4xx as a rejection). */
export function sendVerification(reply: FastifyReply, result: VerificationResult) {
  const problemDetails = result.checks
    .filter((c) => c.status === 'failed')
    .map((c) => ({
      type: `https://onex.dev/problems#${c.code ?? c.name}`,
      title: c.name,
      detail: `${c.message.en} / ${c.message.zh}`,
    }));
  return reply.status(result.verified ? 200 : 422).send({ ...result, problemDetails });
}
