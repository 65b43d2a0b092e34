import { referenceCatalogDocument } from '@onex/core';
import type { Database } from '@onex/db';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';

let database: Database;
let app: FastifyInstance;
let valid: Record<string, unknown>;

beforeAll(async () => {
  database = await testEngines()[0]!.open();
  const { platform } = createTestPlatform(database);
  await platform.catalog.importCatalog(referenceCatalogDocument());
  const did = await platform.credentials.ensureIssuer('TEO', 'TEO-0002');
  app = await buildApp({
    platform,
    engine: database.engine,
    adminToken: 't',
    baseUrl: 'https://onex.example',
  });
  const record = await platform.credentials.issue({
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: did, type: ['Profile'], name: '工业和信息化部教育与考试中心' },
    name: 'Web前端开发职业技能等级证书（中级）',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'nationalIdentityNumber',
          hashed: true,
          identityHash: 'sha256$00',
          salt: 's',
        },
      ],
      achievement: {
        id: 'https://onex.example/achievements/X-0102/2',
        type: ['Achievement'],
        name: 'Web前端开发职业技能等级证书（中级）',
        description: '中级',
        criteria: { narrative: '通过考核' },
      },
    },
  });
  valid = record.document;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A valid credential with one field deleted, retyped or replaced somewhere in it. */
const mutated = () =>
  fc
    .tuple(fc.nat(), fc.oneof(fc.constant(undefined), fc.anything(), fc.string({ maxLength: 5000 })))
    .map(([n, value]) => {
      const copy = structuredClone(valid);
      const paths: { parent: Record<string, unknown>; key: string }[] = [];
      const walk = (o: unknown) => {
        if (o && typeof o === 'object') {
          for (const [k, v] of Object.entries(o)) {
            paths.push({ parent: o as Record<string, unknown>, key: k });
            walk(v);
          }
        }
      };
      walk(copy);
      const at = paths[n % paths.length]!;
      if (value === undefined) delete at.parent[at.key];
      else at.parent[at.key] = value;
      return copy;
    });

describe('POST /credentials/verify under malformed input', () => {
  it('answers 1,000 generated malformed inputs without a crash or a 5xx, each with a coded problem', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 3, arbitrary: mutated() },
          { weight: 1, arbitrary: fc.anything() },
          { weight: 1, arbitrary: fc.string({ maxLength: 2000 }) },
          {
            weight: 1,
            arbitrary: fc.json().map((j) => ({
              '@context': ['https://www.w3.org/ns/credentials/v2'],
              ...Object(JSON.parse(j)),
            })),
          },
        ),
        async (input) => {
          runs++;
          const res = await app.inject({
            method: 'POST',
            url: '/credentials/verify',
            payload: JSON.stringify({ verifiableCredential: input === undefined ? null : input }),
            headers: { 'content-type': 'application/json' },
          });
          expect(res.statusCode).toBeLessThan(500);
          const body = res.json() as {
            verified?: boolean;
            code?: string;
            checks?: { status: string; code?: string }[];
          };
          if (res.statusCode === 200) {
            expect(body.verified).toBe(true);
          } else {
            // Either a request problem (coded) or a verification that failed with coded checks.
            const coded =
              body.code !== undefined || (body.checks ?? []).some((c) => c.status === 'failed' && c.code);
            expect(coded).toBe(true);
            expect((body.checks ?? []).some((c) => c.code === 'INTERNAL_ERROR')).toBe(false);
          }
        },
      ),
      { numRuns: 1000, seed: 20261130 },
    );
    expect(runs).toBeGreaterThanOrEqual(1000);
  });
});
