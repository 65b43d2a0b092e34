import { referenceCatalogDocument } from '@onex/core';
import type { Database } from '@onex/db';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';

const token = 'test-admin-token';
const auth = { authorization: `Bearer ${token}` };
const baseUrl = 'https://onex.example';

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await testEngines()[0]!.open();
  const { platform } = createTestPlatform(database);
  await platform.catalog.importCatalog(referenceCatalogDocument());
  for (const teo of await platform.catalog.listTeos())
    await platform.credentials.ensureIssuer('TEO', teo.code);
  app = await buildApp({ platform, engine: database.engine, adminToken: token, baseUrl });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const unsigned = () => ({
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
  name: 'Web前端开发职业技能等级证书（中级）',
  credentialSubject: {
    type: ['AchievementSubject'],
    identifier: [
      {
        type: 'IdentityObject',
        identityType: 'nationalIdentityNumber',
        hashed: true,
        identityHash: 'sha256$00',
        salt: 'x',
      },
    ],
    achievement: {
      id: `${baseUrl}/achievements/X-0102/2`,
      type: ['Achievement'],
      name: 'Web前端开发职业技能等级证书（中级）',
      description: '中级',
      criteria: { narrative: '通过考核' },
    },
  },
});

async function issue(options: Record<string, unknown> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/credentials/issue',
    headers: auth,
    payload: { credential: unsigned(), options },
  });
  expect(res.statusCode).toBe(201);
  return res.json().verifiableCredential as Record<string, unknown>;
}

async function verify(vc: unknown) {
  const res = await app.inject({
    method: 'POST',
    url: '/credentials/verify',
    payload: { verifiableCredential: vc, options: { checks: ['proof'] } },
  });
  return {
    status: res.statusCode,
    body: res.json() as { verified: boolean; checks: { name: string; status: string; code?: string }[] },
  };
}

const check = (body: { checks: { name: string; status: string }[] }, name: string) =>
  body.checks.find((c) => c.name === name)?.status;

describe('the VC API', () => {
  it('issues with the named issuer’s key, adding an id, validFrom and status entries, and verifies with 200', async () => {
    const vc = await issue();
    expect(vc.id).toMatch(/^urn:uuid:/);
    expect(vc.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      verificationMethod: 'did:web:onex.example:teos:TEO-0002#key-1',
    });
    expect((vc.credentialStatus as { statusPurpose: string }[]).map((s) => s.statusPurpose)).toEqual([
      'revocation',
      'suspension',
    ]);
    const { status, body } = await verify(vc);
    expect(status).toBe(200);
    expect(body.verified).toBe(true);
    for (const name of ['shape', 'proof', 'issuerKey', 'issuerAccredited', 'catalog', 'validity', 'status'])
      expect(check(body, name)).toBe('passed');
  });

  it('signs with eddsa-jcs-2022 on request', async () => {
    const vc = await issue({ cryptosuite: 'eddsa-jcs-2022', unknownOption: true });
    expect((vc.proof as { cryptosuite: string }).cryptosuite).toBe('eddsa-jcs-2022');
    expect((await verify(vc)).body.verified).toBe(true);
  });

  it('answers a tampered credential with 422 naming the proof', async () => {
    const vc = await issue();
    const { status, body } = await verify({ ...vc, name: 'Web前端开发职业技能等级证书（高级）' });
    expect(status).toBe(422);
    expect(body.verified).toBe(false);
    expect(check(body, 'proof')).toBe('failed');
  });

  it('revokes with a reason, and verification then names the revocation; revocation is final', async () => {
    const vc = await issue();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/credentials/${encodeURIComponent(vc.id as string)}/status`,
      headers: auth,
      payload: { action: 'revoke', reason: '考试舞弊' },
    });
    expect(res.statusCode).toBe(200);
    const { status, body } = await verify(vc);
    expect(status).toBe(422);
    expect(body.checks.find((c) => c.name === 'status')).toMatchObject({
      status: 'failed',
      code: 'STATUS_REVOKED',
    });
    const again = await app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: auth,
      payload: { credentialId: vc.id, credentialStatus: { statusPurpose: 'revocation' }, status: false },
    });
    expect(again.statusCode).toBe(409);
  });

  it('suspends and unsuspends through POST /credentials/status', async () => {
    const vc = await issue();
    const set = (status: boolean) =>
      app.inject({
        method: 'POST',
        url: '/credentials/status',
        headers: auth,
        payload: {
          credentialId: vc.id,
          credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
          status,
        },
      });
    expect((await set(true)).statusCode).toBe(200);
    expect((await verify(vc)).body.checks.find((c) => c.name === 'status')).toMatchObject({
      code: 'STATUS_SUSPENDED',
    });
    expect((await set(false)).statusCode).toBe(200);
    expect((await verify(vc)).body.verified).toBe(true);
  });

  it('keeps credentials signed before a key rotation verifying, and signs new ones with the new key', async () => {
    const before = await issue();
    const rotated = await app.inject({
      method: 'POST',
      url: '/api/v1/issuers/rotate',
      headers: auth,
      payload: { did: 'did:web:onex.example:teos:TEO-0002' },
    });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().verificationMethod).toHaveLength(2);
    const after = await issue();
    expect((after.proof as { verificationMethod: string }).verificationMethod).toMatch(/#key-2$/);
    const doc = await app.inject('/teos/TEO-0002/did.json');
    expect(doc.json().assertionMethod).toEqual([
      'did:web:onex.example:teos:TEO-0002#key-1',
      'did:web:onex.example:teos:TEO-0002#key-2',
    ]);
  });

  it('serves DID documents, signed status lists and the signed trust list', async () => {
    const vc = await issue();
    const url = (vc.credentialStatus as { statusListCredential: string }[])[0]!.statusListCredential;
    const list = await app.inject(url.replace(baseUrl, ''));
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      proof: { cryptosuite: 'eddsa-rdfc-2022' },
    });
    const trust = await app.inject('/trust-list');
    expect(trust.json().credentialSubject.issuers).toHaveLength(15);
    expect((await app.inject('/regulator/did.json')).statusCode).toBe(200);
    expect((await app.inject('/teos/NOPE/did.json')).statusCode).toBe(404);
  });

  it('refuses to issue for an issuer it holds no key for, and without the admin token', async () => {
    const foreign = { ...unsigned(), issuer: 'did:web:elsewhere.example' };
    const res = await app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: auth,
      payload: { credential: foreign },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('credential.issuer');
    expect(
      (await app.inject({ method: 'POST', url: '/credentials/issue', payload: { credential: unsigned() } }))
        .statusCode,
    ).toBe(401);
  });

  it('answers input that is not a credential with a 4xx, never a 5xx', async () => {
    for (const bad of [{}, 'not a jwt', { '@context': 5 }, { proof: { type: 'DataIntegrityProof' } }]) {
      const res = await app.inject({
        method: 'POST',
        url: '/credentials/verify',
        payload: { verifiableCredential: bad },
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
  });
});
