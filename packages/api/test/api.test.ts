import { nationalIdCheckChar, referenceCatalogDocument } from '@onex/core';
import type { Database } from '@onex/db';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { httpStatus } from '../src/errors.ts';

const token = 'test-admin-token';
const auth = { authorization: `Bearer ${token}` };
const engine = testEngines()[0]!;

let database: Database;
let app: FastifyInstance;

/** Row counts of every table: "the database is unchanged" means this is equal before and after. */
async function snapshot(): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = 'public' order by 1`.execute(
    database.db,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(
      database.db,
    );
    counts[name] = r.rows[0]!.n;
  }
  return counts;
}

beforeAll(async () => {
  database = await engine.open();
  const { platform } = createTestPlatform(database);
  await platform.catalog.importCatalog(referenceCatalogDocument());
  app = await buildApp({
    platform,
    engine: database.engine,
    adminToken: token,
    baseUrl: 'https://onex.example',
  });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('system routes', () => {
  it('answers /health with the engine in use', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', engine: 'pglite', version: expect.any(String) });
  });

  it('serves an OpenAPI 3.1 document generated from the contracts, and interactive docs', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/certificates', '/api/v1/standards/{id}', '/api/v1/learners']),
    );
    const body = doc.paths['/api/v1/teos'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['code', 'nameZh', 'orgType']));
    const docs = await app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('the national catalog', () => {
  it('lists the 16 certificates of batches 1 and 2 with Chinese names, their TEOs and three levels each', async () => {
    const res = await app.inject('/api/v1/certificates');
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as {
      items: { nameZh: string; teo: { nameZh: string }; levels: { level: number; nameZh: string }[] }[];
    };
    expect(items).toHaveLength(16);
    expect(items.map((c) => c.nameZh)).toEqual(
      expect.arrayContaining(['Web前端开发', '老年照护', '物流管理', '智能财税']),
    );
    for (const c of items) {
      expect(c.teo.nameZh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.levels.map((l) => [l.level, l.nameZh])).toEqual([
        [1, '初级'],
        [2, '中级'],
        [3, '高级'],
      ]);
    }
  });

  it('finds a certificate by code and answers an unknown one with a coded 404', async () => {
    const list = (await app.inject('/api/v1/certificates')).json().items as { code: string }[];
    expect((await app.inject(`/api/v1/certificates/${list[0]!.code}`)).statusCode).toBe(200);
    const res = await app.inject('/api/v1/certificates/NOPE');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('bad input changes nothing and gets a coded 4xx naming the field', () => {
  const nationalId = (first17: string) => first17 + nationalIdCheckChar(first17);
  let institutionId: string;
  let publishedId: string;

  beforeAll(async () => {
    const inst = await app.inject({
      method: 'POST',
      url: '/api/v1/institutions',
      headers: auth,
      payload: {
        code: 'API-1',
        nameZh: '接口测试学院',
        nameEn: 'API College',
        type: 'HIGHER_VET',
        provinceCode: '44',
        urbanRural: 'URBAN',
      },
    });
    expect(inst.statusCode).toBe(201);
    institutionId = inst.json().id;
    const tree = {
      titleZh: '标准',
      titleEn: 'Standard',
      levels: [
        {
          level: 1,
          areas: [
            {
              titleZh: '领域',
              tasks: [
                {
                  titleZh: '任务',
                  requirements: [
                    {
                      titleZh: '要求',
                      behaviour: '行为',
                      condition: '条件',
                      standard: '标准',
                      result: '结果',
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const cert = (await app.inject('/api/v1/certificates')).json().items[0].code as string;
    const std = await app.inject({
      method: 'POST',
      url: `/api/v1/certificates/${cert}/standards`,
      headers: auth,
      payload: tree,
    });
    expect(std.statusCode).toBe(201);
    publishedId = std.json().id;
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/standards/${publishedId}/publish`, headers: auth }))
        .statusCode,
    ).toBe(200);
  });

  const cases: [string, () => InjectOptions, number, string, RegExp?][] = [
    [
      'malformed JSON',
      () => ({
        method: 'POST',
        url: '/api/v1/teos',
        headers: { ...auth, 'content-type': 'application/json' },
        payload: '{"code": "X",',
      }),
      400,
      'MALFORMED_REQUEST',
    ],
    [
      'a wrong type',
      () => ({
        method: 'POST',
        url: '/api/v1/teos',
        headers: auth,
        payload: { code: 'T9', nameZh: '某', nameEn: 'x', orgType: 42 },
      }),
      400,
      'VALIDATION_FAILED',
      /body\.orgType/,
    ],
    [
      'an unknown field',
      () => ({
        method: 'POST',
        url: '/api/v1/teos',
        headers: auth,
        payload: { code: 'T9', nameZh: '某', nameEn: 'x', orgType: 'ENTERPRISE', isAdmin: true },
      }),
      400,
      'VALIDATION_FAILED',
      /isAdmin/,
    ],
    [
      'an overlong string',
      () => ({
        method: 'POST',
        url: '/api/v1/teos',
        headers: auth,
        payload: { code: 'T9', nameZh: '某'.repeat(121), nameEn: 'x', orgType: 'ENTERPRISE' },
      }),
      400,
      'VALIDATION_FAILED',
      /body\.nameZh/,
    ],
    [
      'a national ID with a wrong check digit',
      () => {
        const good = nationalId('99010520040312123');
        const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
        return {
          method: 'POST',
          url: '/api/v1/learners',
          headers: auth,
          payload: { kind: 'STUDENT', nameZh: '张三', nationalId: bad, institutionId },
        };
      },
      400,
      'VALIDATION_FAILED',
      /nationalId/,
    ],
    [
      'an unknown major code',
      () => ({
        method: 'POST',
        url: `/api/v1/institutions/${institutionId}/programmes`,
        headers: auth,
        payload: { majorCode: '519999', cohortYear: 2026, hoursPerCredit: 16 },
      }),
      400,
      'VALIDATION_FAILED',
      /majorCode/,
    ],
    [
      'a malformed occupation code',
      () => ({
        method: 'POST',
        url: '/api/v1/certificates',
        headers: auth,
        payload: {
          code: 'X-NEW',
          teoId: 'TEO-0001',
          nameZh: '新证书',
          nameEn: 'New',
          domain: 'IT',
          occupationCodes: ['4-04-05'],
          levels: [],
        },
      }),
      400,
      'VALIDATION_FAILED',
      /occupationCodes/,
    ],
    [
      'an occupation code not in the classification',
      () => ({
        method: 'POST',
        url: '/api/v1/certificates',
        headers: auth,
        payload: {
          code: 'X-NEW',
          teoId: 'TEO-0001',
          nameZh: '新证书',
          nameEn: 'New',
          domain: 'IT',
          occupationCodes: ['8-99-99-99'],
          levels: [
            {
              level: 1,
              nameZh: '初级',
              nameEn: 'Elementary',
              intendedStage: 'SECONDARY_VET',
              targetMajors: [],
              nominalHours: 64,
              passRule: { theoryMin: 60 },
              eqf: null,
            },
          ],
        },
      }),
      400,
      'VALIDATION_FAILED',
      /occupationCodes\.0/,
    ],
    [
      'an edit of a published standard',
      () => ({
        method: 'PUT',
        url: `/api/v1/standards/${publishedId}`,
        headers: auth,
        payload: {
          titleZh: '改',
          titleEn: 'changed',
          levels: [
            {
              level: 1,
              areas: [
                {
                  titleZh: '领域',
                  tasks: [
                    {
                      titleZh: '任务',
                      requirements: [
                        {
                          titleZh: '要求',
                          behaviour: '行为',
                          condition: '条件',
                          standard: '标准',
                          result: '结果',
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      }),
      409,
      'CATALOG_STANDARD_PUBLISHED',
    ],
    [
      'a write without the admin token',
      () => ({
        method: 'POST',
        url: '/api/v1/teos',
        payload: { code: 'T9', nameZh: '某', nameEn: 'x', orgType: 'ENTERPRISE' },
      }),
      401,
      'UNAUTHORIZED',
    ],
    [
      'an unknown query parameter',
      () => ({ method: 'GET', url: '/api/v1/certificates?colour=red' }),
      400,
      'VALIDATION_FAILED',
      /colour/,
    ],
  ];

  it.each(cases)('%s', async (_name, request, status, code, mentions) => {
    const before = await snapshot();
    const res = await app.inject(request());
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.code).toBe(code);
    expect(httpStatus[code as keyof typeof httpStatus]).toBe(status);
    if (mentions) expect(JSON.stringify(body)).toMatch(mentions);
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
    expect(await snapshot()).toEqual(before);
  });
});
