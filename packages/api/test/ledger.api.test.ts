import {
  cosignatureVerifierFromKey,
  createOfflineVerifier,
  decodeBundle,
  decodeEntry,
  ed25519NoteSigner,
  memoryWitnessState,
  noteVerifierFromKey,
  type OfflineBundle,
  type OfflinePolicy,
  openCheckpoint,
  referenceCatalogDocument,
  verifyConsistency,
  verifyInclusion,
  Witness,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import type { Database } from '@onex/db';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { scheduleCheckpoints } from '../src/server.ts';

const token = 'test-admin-token';
const auth = { authorization: `Bearer ${token}` };
const baseUrl = 'https://onex.example';

let database: Database;
let app: FastifyInstance;
let clock: ReturnType<typeof createTestPlatform>['clock'];
let platform: ReturnType<typeof createTestPlatform>['platform'];

beforeAll(async () => {
  database = await testEngines()[0]!.open();
  const made = createTestPlatform(database);
  clock = made.clock;
  platform = made.platform;
  await made.platform.catalog.importCatalog(referenceCatalogDocument());
  await made.platform.credentials.ensureIssuer('TEO', 'TEO-0002');
  app = await buildApp({ platform: made.platform, engine: database.engine, adminToken: token, baseUrl });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const unsigned = (n: number) => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: {
    id: 'did:web:onex.example:teos:TEO-0002',
    type: ['Profile'],
    name: '工业和信息化部教育与考试中心',
  },
  name: `Web前端开发职业技能等级证书（中级）#${n}`,
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      id: `${baseUrl}/achievements/X-0102/2`,
      type: ['Achievement'],
      name: 'Web前端开发职业技能等级证书（中级）',
      description: '中级',
      criteria: { narrative: '通过考核' },
    },
  },
});

async function issue(n: number) {
  const res = await app.inject({
    method: 'POST',
    url: '/credentials/issue',
    headers: auth,
    payload: { credential: unsigned(n), options: { cryptosuite: 'eddsa-jcs-2022' } },
  });
  expect(res.statusCode).toBe(201);
  return res.json().verifiableCredential as Record<string, unknown>;
}

const get = (url: string) => app.inject({ method: 'GET', url });
const logged = (body: { checks: { name: string; status: string; code?: string; details?: unknown }[] }) =>
  body.checks.find((c) => c.name === 'logged');
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

describe('the transparency log over HTTP', () => {
  it('publishes its key and a signed checkpoint as text at stable URLs', async () => {
    const vkey = (await get('/log/key')).body.trim();
    expect(vkey).toMatch(/^onex\.example\/log\+[0-9a-f]{8}\+/);
    const res = await get('/log/checkpoint');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const { checkpoint } = openCheckpoint(res.body, noteVerifierFromKey(nodeCrypto, vkey));
    expect(checkpoint.origin).toBe('onex.example/log');
    const info = (await get('/log')).json();
    expect(info).toMatchObject({
      origin: 'onex.example/log',
      verifierKey: vkey,
      checkpointSize: checkpoint.size,
    });
  });

  it('signs a checkpoint on demand for an admin only', async () => {
    expect((await app.inject({ method: 'POST', url: '/log/checkpoint' })).statusCode).toBe(401);
    await issue(1);
    const res = await app.inject({ method: 'POST', url: '/log/checkpoint', headers: auth });
    expect(res.statusCode).toBe(201);
    expect(res.json().size).toBe((await get('/log')).json().size);
  });

  it('proves an issued credential, which /credentials/verify then reports as logged', async () => {
    const vc = await issue(2);
    const proof = (await get(`/log/proof?credential=${encodeURIComponent(vc.id as string)}`)).json();
    const entry = decodeEntry(b64(proof.entry));
    expect(entry).toMatchObject({ kind: 'ISSUE', credentialId: vc.id });
    const vkey = (await get('/log/key')).body.trim();
    const { checkpoint } = openCheckpoint(proof.checkpoint, noteVerifierFromKey(nodeCrypto, vkey));
    const { createMerkleHasher } = await import('@onex/core');
    const h = createMerkleHasher(nodeCrypto);
    expect(
      verifyInclusion(
        h,
        proof.index,
        checkpoint.size,
        h.hashLeaf(b64(proof.entry)),
        proof.proof.map(b64),
        checkpoint.rootHash,
      ).ok,
    ).toBe(true);

    const ok = await app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: vc },
    });
    expect(logged(ok.json())).toMatchObject({ status: 'passed' });
    const changed = await app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: { ...vc, name: 'Web前端开发职业技能等级证书（高级）' } },
    });
    expect(changed.statusCode).toBe(422);
    expect(logged(changed.json())).toMatchObject({ status: 'failed', code: 'LOG_ENTRY_MISMATCH' });
    const unknown = await get('/log/proof?credential=urn:uuid:never-issued');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('LEDGER_ENTRY_NOT_FOUND');
    expect((await get('/log/proof')).statusCode).toBe(400);
  });

  it('serves consistency proofs between checkpoints for witnesses and monitors', async () => {
    const a = (await app.inject({ method: 'POST', url: '/log/checkpoint', headers: auth })).json();
    await issue(3);
    await issue(4);
    const b = (await app.inject({ method: 'POST', url: '/log/checkpoint', headers: auth })).json();
    const res = await get(`/log/consistency?from=${a.size}&to=${b.size}`);
    expect(res.statusCode).toBe(200);
    const { createMerkleHasher } = await import('@onex/core');
    const h = createMerkleHasher(nodeCrypto);
    expect(
      verifyConsistency(h, a.size, b.size, res.json().proof.map(b64), b64(a.rootHash), b64(b.rootHash)).ok,
    ).toBe(true);
    expect((await get(`/log/consistency?from=0&to=${b.size}`)).json().code).toBe('EMPTY_TREE');
    expect((await get(`/log/consistency?from=1&to=${b.size + 1000}`)).statusCode).toBe(404);
    expect((await get('/log/consistency?from=1&to=x')).statusCode).toBe(400);
  });

  it('takes cosignatures from registered witnesses only, and serves them on the checkpoint', async () => {
    const vkey = (await get('/log/key')).body.trim();
    const witness = new Witness({
      crypto: nodeCrypto,
      clock,
      name: 'jyt.zj.gov.cn/witness',
      seed: new Uint8Array(32).fill(8),
      logs: [vkey],
      state: memoryWitnessState(),
      consistencyProof: async (_origin, from, to) =>
        (await get(`/log/consistency?from=${from}&to=${to}`)).json().proof.map(b64),
    });
    const cosigned = await witness.cosign((await get('/log/checkpoint')).body);
    const refused = await app.inject({
      method: 'POST',
      url: '/log/cosignatures',
      payload: { cosignature: cosigned.line, size: cosigned.size },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('LEDGER_UNKNOWN_WITNESS');

    expect(
      (await app.inject({ method: 'POST', url: '/log/witnesses', payload: { vkey: witness.verifierKey } }))
        .statusCode,
    ).toBe(401);
    const added = await app.inject({
      method: 'POST',
      url: '/log/witnesses',
      headers: auth,
      payload: { vkey: witness.verifierKey },
    });
    expect(added.statusCode).toBe(201);
    const taken = await app.inject({
      method: 'POST',
      url: '/log/cosignatures',
      payload: { cosignature: cosigned.line, size: cosigned.size },
    });
    expect(taken.statusCode).toBe(201);
    expect(taken.json().witnesses).toEqual(['jyt.zj.gov.cn/witness']);

    await issue(5);
    await app.inject({ method: 'POST', url: '/log/checkpoint', headers: auth });
    const next = await witness.cosign((await get('/log/checkpoint')).body);
    expect(
      (await app.inject({ method: 'POST', url: '/log/cosignatures', payload: { cosignature: next.note } }))
        .statusCode,
    ).toBe(201);
    const served = (await get('/log/checkpoint')).body;
    const opened = openCheckpoint(served, noteVerifierFromKey(nodeCrypto, vkey), {
      witnesses: [cosignatureVerifierFromKey(nodeCrypto, witness.verifierKey)],
      requiredWitnesses: 1,
    });
    expect(opened.cosignatures).toHaveLength(1);
    expect((await get('/log/witnesses')).json().items.map((w: { name: string }) => w.name)).toEqual([
      'jyt.zj.gov.cn/witness',
    ]);
    const garbage = await app.inject({
      method: 'POST',
      url: '/log/cosignatures',
      payload: { cosignature: 'not a signature', size: next.size },
    });
    expect(garbage.statusCode).toBe(400);
  });

  it('bundles a credential with its log proof so that it verifies offline, with k of n named witnesses', async () => {
    const vkey = (await get('/log/key')).body.trim();
    const witness = (name: string, fill: number) =>
      new Witness({
        crypto: nodeCrypto,
        clock,
        name,
        seed: new Uint8Array(32).fill(fill),
        logs: [vkey],
        state: memoryWitnessState(),
        consistencyProof: async (_origin, from, to) =>
          (await get(`/log/consistency?from=${from}&to=${to}`)).json().proof.map(b64),
      });
    const zhejiang = witness('jyt.zj.gov.cn/witness', 8);
    const jiangsu = witness('jyt.jiangsu.gov.cn/witness', 11);
    for (const w of [zhejiang, jiangsu]) {
      await app.inject({
        method: 'POST',
        url: '/log/witnesses',
        headers: auth,
        payload: { vkey: w.verifierKey },
      });
    }
    const vc = await issue(6);
    await app.inject({ method: 'POST', url: '/log/checkpoint', headers: auth });
    // Only Zhejiang's department cosigns the checkpoint the proof leads to.
    const cosigned = await zhejiang.cosign((await get('/log/checkpoint')).body);
    await app.inject({ method: 'POST', url: '/log/cosignatures', payload: { cosignature: cosigned.note } });

    const res = await get(`/api/v1/credentials/${encodeURIComponent(String(vc.id))}/bundle`);
    expect(res.statusCode).toBe(200);
    const bundle = JSON.parse(JSON.stringify(res.json())) as OfflineBundle;
    expect(bundle.credential).toEqual(vc);
    const policy = { crypto: nodeCrypto, clock: { now: () => new Date() } };
    const verify = async (extra: Partial<OfflinePolicy>, b: OfflineBundle = bundle) =>
      createOfflineVerifier(b, { ...policy, ...extra }).verifyCredential(b.credential ?? vc);

    const oneOfTwo = await verify({
      witnesses: [zhejiang.verifierKey, jiangsu.verifierKey],
      requiredWitnesses: 1,
    });
    expect(oneOfTwo.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(oneOfTwo.verified).toBe(true);
    expect(logged(oneOfTwo)?.status).toBe('passed');
    expect(oneOfTwo.checks.find((c) => c.name === 'issuerAccredited')?.status).toBe('passed');

    const twoOfTwo = await verify({
      witnesses: [zhejiang.verifierKey, jiangsu.verifierKey],
      requiredWitnesses: 2,
    });
    expect(twoOfTwo.verified).toBe(false);
    expect(logged(twoOfTwo)).toMatchObject({
      status: 'failed',
      code: 'LOG_CHECKPOINT_INVALID',
      details: { reason: 'CHECKPOINT_WITNESS_QUORUM' },
    });

    // A bundle that leaves out its log proof passes only a verifier that does not ask for one.
    const { log: _log, ...unlogged } = bundle;
    expect((await verify({}, unlogged)).verified).toBe(true);
    expect(logged(await verify({ requireLogged: true }, unlogged))).toMatchObject({
      status: 'failed',
      code: 'LOG_PROOF_MISSING',
    });
    // A bundle bringing a log of its own fails a verifier that pins this log's key.
    const origin = vkey.split('+')[0]!;
    const impostor = ed25519NoteSigner(nodeCrypto, origin, new Uint8Array(32).fill(77));
    expect(logged(await verify({ logVerifierKey: impostor.verifierKey }))?.status).toBe('failed');
    expect(logged(await verify({ logVerifierKey: vkey }))?.status).toBe('passed');
  });

  it('serves C2SP tiles and entry bundles for signed sizes only', async () => {
    const size = (await app.inject({ method: 'POST', url: '/log/checkpoint', headers: auth })).json()
      .size as number;
    const tile = await get(`/log/tile/0/000.p/${size}`);
    expect(tile.statusCode).toBe(200);
    expect(tile.headers['content-type']).toBe('application/octet-stream');
    expect(tile.rawPayload.length).toBe(32 * size);
    const bundle = await get(`/log/tile/entries/000.p/${size}`);
    const entries = decodeBundle(new Uint8Array(bundle.rawPayload));
    expect(entries).toHaveLength(size);
    const { createMerkleHasher } = await import('@onex/core');
    const h = createMerkleHasher(nodeCrypto);
    expect(Buffer.from(h.hashLeaf(entries[0]!)).equals(tile.rawPayload.subarray(0, 32))).toBe(true);
    expect((await get(`/log/tile/0/000.p/${size + 1}`)).statusCode).toBe(404);
    const bad = await get('/log/tile/0/0');
    expect(bad.statusCode).toBe(404);
    expect(bad.json().code).toBe('TILE_BAD_PATH');
  });

  it('signs checkpoints on a schedule, configured by ONEX_CHECKPOINT_INTERVAL_MS', async () => {
    await issue(6);
    const runtime = { platform } as unknown as Parameters<typeof scheduleCheckpoints>[0];
    const stop = scheduleCheckpoints(runtime, app, 10);
    try {
      for (let i = 0; i < 200; i++) {
        const [state, latest] = await Promise.all([
          platform.ledger.state(),
          platform.ledger.latestCheckpoint(),
        ]);
        if (latest?.record.size === state.size) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      expect((await platform.ledger.latestCheckpoint())?.record.size).toBe(
        (await platform.ledger.state()).size,
      );
    } finally {
      await stop();
    }
    const env = { ONEX_ADMIN_TOKEN: 't', ONEX_MASTER_KEY: '00'.repeat(32) };
    expect(loadConfig(env, '/tmp').checkpointIntervalMs).toBe(60_000);
    expect(loadConfig({ ...env, ONEX_CHECKPOINT_INTERVAL_MS: '0' }, '/tmp').checkpointIntervalMs).toBe(0);
    expect(() => loadConfig({ ...env, ONEX_CHECKPOINT_INTERVAL_MS: 'soon' }, '/tmp')).toThrow(ConfigError);
  });
});
