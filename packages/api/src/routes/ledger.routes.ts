import { DomainError, encodeBase64, type LogProofBundle } from '@onex/core';
import { z } from 'zod';
import type { RouteDeps } from './route-deps.ts';

const size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const base64 = z.string().max(200);

const proofBundleSchema = z
  .object({
    checkpoint: z
      .string()
      .describe('The signed checkpoint note (C2SP tlog-checkpoint), with witness cosignatures'),
    index: z.number().int().describe('The entry’s index in the log'),
    size: z.number().int().optional().describe('The checkpoint’s tree size'),
    entry: z.string().describe('The entry bytes, standard base64 (layout: core/ledger encodeEntry)'),
    leafHash: base64.optional().describe('RFC 9162 leaf hash of the entry, base64'),
    proof: z.array(base64).describe('Inclusion proof, bottom-up, base64 hashes (RFC 9162 §2.1.3.1)'),
  })
  .describe('Proof that a credential is logged; the shape the verifier’s `logged` check accepts');

const checkpointResponse = z.object({
  size: z.number().int(),
  rootHash: base64,
  checkpoint: z.string(),
});

/**
 * The transparency log over HTTP, laid out as a C2SP tiled log under the prefix `<baseUrl>/log`
 * (https://c2sp.org/tlog-tiles): `checkpoint`, `tile/<L>/<N>[.p/<W>]`, `tile/entries/<N>[.p/<W>]`,
 * plus dynamic proofs (RFC 9162), the log key, witnesses and cosignatures (https://c2sp.org/tlog-cosignature).
 */
export function ledgerRoutes({ app, platform, admin }: RouteDeps) {
  const { ledger } = platform;
  const tags = ['log'];

  app.get(
    '/log',
    {
      schema: {
        tags,
        summary: 'The transparency log: origin, verifier key, size, latest checkpoint size, witnesses',
        response: {
          200: z.object({
            origin: z.string(),
            verifierKey: z.string(),
            size: z.number().int(),
            checkpointSize: z.number().int().nullable(),
            witnesses: z.array(z.object({ name: z.string(), vkey: z.string() })),
          }),
        },
      },
    },
    async () => {
      const [identity, state, latest, witnesses] = await Promise.all([
        ledger.identity(),
        ledger.state(),
        ledger.latestCheckpoint(),
        ledger.listWitnesses(),
      ]);
      return {
        origin: identity.origin,
        verifierKey: identity.verifierKey,
        size: state.size,
        checkpointSize: latest?.record.size ?? null,
        witnesses: witnesses.map((w) => ({ name: w.name, vkey: w.vkey })),
      };
    },
  );

  app.get(
    '/log/checkpoint',
    {
      schema: {
        tags,
        summary: 'The latest signed checkpoint (C2SP signed note, text/plain), with witness cosignatures',
      },
    },
    async (_req, reply) => {
      const { note } = await ledger.currentCheckpoint();
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-cache, max-age=0')
        .send(note);
    },
  );

  app.post(
    '/log/checkpoint',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Sign a checkpoint of the current tree now',
        response: { 201: checkpointResponse },
      },
    },
    async (_req, reply) => {
      const record = await ledger.checkpoint();
      const latest = await ledger.latestCheckpoint();
      return reply.status(201).send({
        size: record.size,
        rootHash: encodeBase64(record.rootHash),
        checkpoint: latest?.record.size === record.size ? latest.note : record.note,
      });
    },
  );

  app.get(
    '/log/key',
    { schema: { tags, summary: 'The log’s Ed25519 verifier key (C2SP signed-note vkey)' } },
    async (_req, reply) => reply.type('text/plain; charset=utf-8').send(`${await ledger.verifierKey()}\n`),
  );

  app.get(
    '/log/consistency',
    {
      schema: {
        tags,
        summary: 'Consistency proof between two tree sizes (RFC 9162 §2.1.4), for witnesses and monitors',
        querystring: z.object({ from: size, to: size }).strict(),
        response: { 200: z.object({ from: z.number().int(), to: z.number().int(), proof: z.array(base64) }) },
      },
    },
    async (req) => {
      const proof = await ledger.consistencyProof(req.query.from, req.query.to);
      return { from: req.query.from, to: req.query.to, proof: proof.map(encodeBase64) };
    },
  );

  app.get(
    '/log/proof',
    {
      schema: {
        tags,
        summary:
          'Inclusion proof of a credential’s ISSUE entry (or of an entry by index) to the latest checkpoint',
        querystring: z
          .object({ credential: z.string().min(1).max(500).optional(), index: size.optional() })
          .strict(),
        response: { 200: proofBundleSchema },
      },
    },
    async (req) => {
      const { credential, index } = req.query;
      if ((credential === undefined) === (index === undefined)) {
        throw new DomainError(
          'VALIDATION_FAILED',
          { zh: '请给出 credential 或 index 之一', en: 'Give exactly one of credential or index' },
          { issues: [{ path: 'querystring.credential', message: 'give credential or index' }] },
        );
      }
      if (index !== undefined) return plain(await ledger.proofAt(index));
      const bundle = await ledger.proofForCredential(credential!);
      if (!bundle) {
        throw new DomainError(
          'LEDGER_ENTRY_NOT_FOUND',
          {
            zh: `透明日志中没有凭证 ${credential}`,
            en: `The transparency log has no entry for credential ${credential}`,
          },
          { credential },
        );
      }
      return plain(bundle);
    },
  );

  const witnessSchema = z.object({ name: z.string(), vkey: z.string(), addedAt: z.string() });
  app.get(
    '/log/witnesses',
    {
      schema: {
        tags,
        summary: 'Witnesses whose cosignatures the log accepts',
        response: { 200: z.object({ items: z.array(witnessSchema) }) },
      },
    },
    async () => ({
      items: (await ledger.listWitnesses()).map((w) => ({
        name: w.name,
        vkey: w.vkey,
        addedAt: w.addedAt.toISOString(),
      })),
    }),
  );
  app.post(
    '/log/witnesses',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Register a witness by its cosigner verifier key (C2SP tlog-cosignature, type 0x04)',
        body: z.object({ vkey: z.string().min(1).max(500) }).strict(),
        response: { 201: witnessSchema },
      },
    },
    async (req, reply) => {
      const w = await ledger.addWitness(req.body.vkey);
      return reply.status(201).send({ name: w.name, vkey: w.vkey, addedAt: w.addedAt.toISOString() });
    },
  );

  app.post(
    '/log/cosignatures',
    {
      schema: {
        tags,
        summary:
          'Submit a witness cosignature: signature lines for the checkpoint of `size`, or the whole cosigned note',
        body: z
          .object({
            cosignature: z.string().min(1).max(20_000),
            size: z.number().int().min(0).optional(),
          })
          .strict(),
        response: {
          201: z.object({ size: z.number().int(), witnesses: z.array(z.string()), checkpoint: z.string() }),
        },
      },
    },
    async (req, reply) => {
      const r = await ledger.addCosignatures(req.body.cosignature, req.body.size);
      return reply.status(201).send({ size: r.size, witnesses: r.witnesses, checkpoint: r.note });
    },
  );

  app.get(
    '/log/tile/*',
    {
      schema: {
        tags,
        summary: 'A C2SP hash tile (tile/<L>/<N>[.p/<W>]) or entry bundle (tile/entries/<N>[.p/<W>])',
        params: z.object({ '*': z.string().max(200) }),
      },
    },
    async (req, reply) => {
      const path = `tile/${req.params['*']}`;
      const bytes = await ledger.tile(path);
      return reply
        .type('application/octet-stream')
        .header(
          'cache-control',
          path.includes('.p/') ? 'public, max-age=60' : 'public, max-age=31536000, immutable',
        )
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}

function plain(b: LogProofBundle) {
  return { ...b, proof: [...b.proof] };
}
