import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../shared/index.ts';
import {
  CONTEXT_URLS,
  canonicalizeUniqueFirstDegree,
  canonicalizeWithRdfCanonize,
  canonize,
  canonizeDetailed,
  canonizeFast,
  canonizeReference,
  canonizeSync,
  fastContextList,
  fastPathDeclineReason,
  toRdfFast,
} from './index.ts';
import { registerVendoredContexts, vendorJson, vendorPaths, vendorText } from './test-vendor.ts';

type Json = Record<string, unknown>;

const V2 = CONTEXT_URLS.credentialsV2;
const OB303 = CONTEXT_URLS.openBadgesV303;
const OBX = CONTEXT_URLS.openBadgesExtensions;
const ONEX_CONTEXT = [V2, OB303, OBX];

/** What the reference path does with `doc`: its N-Quads, or the error code it throws. */
function reference(doc: unknown): Promise<{ nquads: string } | { error: string }> {
  return settle(canonizeReference(doc));
}

async function settle(p: Promise<string>): Promise<{ nquads: string } | { error: string }> {
  try {
    return { nquads: await p };
  } catch (e) {
    if (isDomainError(e)) return { error: e.code };
    throw e;
  }
}

/** The document without its proof, and one proof configuration per proof, as eddsa-rdfc-2022 hashes them. */
function verificationInputs(signed: Json): Array<{ kind: string; doc: Json }> {
  const { proof, ...unsigned } = signed;
  const proofs = Array.isArray(proof) ? proof : proof === undefined ? [] : [proof];
  const out = [{ kind: proof === undefined ? 'document' : 'document without proof', doc: unsigned }];
  proofs.forEach((p, i) => {
    if (typeof p !== 'object' || p === null) return;
    const { proofValue: _signature, ...options } = p as Json;
    out.push({ kind: `proof configuration ${i}`, doc: { ...options, '@context': signed['@context'] } });
  });
  return out;
}

/** A typical OneX credential (OB 3.0.3 AchievementCredential, VC 2.0) with its proof. */
function onexCredential(): Json {
  return {
    '@context': [...ONEX_CONTEXT],
    id: 'urn:uuid:2c5a8a0e-3a7b-4c1e-9c1f-0d1e2f3a4b5c',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: 'did:web:teo.example.cn',
      type: ['Profile'],
      name: '华为技术有限公司 "Huawei"',
      url: 'https://teo.example.cn',
      email: 'cert@teo.example.cn',
    },
    validFrom: '2025-06-01T00:00:00Z',
    validUntil: '2030-06-01T00:00:00Z',
    name: '云计算开发职业技能等级证书（中级）',
    description: '1+X 职业技能等级证书',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          hashed: true,
          identityHash: 'sha256$4c5a0f5e0b3b3f6f1e6c2d1e8f6b2a7c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6',
          identityType: 'identifier',
          salt: 'q3v9',
        },
      ],
      achievement: {
        id: 'https://onex.example.cn/achievements/cloud-dev-2',
        type: ['Achievement'],
        name: '云计算开发（中级）',
        description: '能够完成云计算应用开发任务',
        inLanguage: 'zh-CN',
        criteria: { narrative: '理论与实操考核均达到 60 分' },
        achievementType: 'Certificate',
        alignment: [
          {
            type: ['Alignment'],
            targetName: '1.1.1 云平台部署',
            targetUrl: 'https://onex.example.cn/standards/cc/1.1.1',
            targetCode: '1.1.1',
            targetFramework: '云计算开发职业技能等级标准',
            targetType: 'ext:SkillRequirement',
          },
          {
            type: ['Alignment'],
            targetName: '1.1.2 容器编排',
            targetUrl: 'https://onex.example.cn/standards/cc/1.1.2',
            targetCode: '1.1.2',
            targetFramework: '云计算开发职业技能等级标准',
            targetType: 'CFItem',
          },
        ],
        related: [
          { id: 'https://onex.example.cn/achievements/cloud-dev-2/en', type: ['Related'], inLanguage: 'en' },
        ],
        fieldOfStudy: '计算机类',
        humanCode: 'CC-2',
      },
      result: [{ type: ['Result'], value: '85' }],
    },
    credentialStatus: {
      id: 'https://onex.example.cn/status/3#12345',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '12345',
      statusListCredential: 'https://onex.example.cn/status/3',
    },
    credentialSchema: [
      {
        id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
        type: '1EdTechJsonSchemaValidator2019',
      },
    ],
    proof: {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2025-06-01T08:00:00Z',
      verificationMethod: 'did:web:teo.example.cn#key-1',
      proofPurpose: 'assertionMethod',
      proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKJAZFWAn6Lb3Nbuko',
    },
  };
}

describe('vendored credentials', () => {
  beforeAll(registerVendoredContexts);

  it('canonicalizes the 1EdTech OB 3.0 test vector on the fast path byte for byte', async () => {
    const dir = '1edtech-openbadges-specification/test-vectors/obv3p0';
    const documentCanon = vendorText(`${dir}/document-canon.txt`);
    const proofCanon = vendorText(`${dir}/proof-canon.txt`);
    const [unsigned, config] = verificationInputs(vendorJson(`${dir}/signed-credential.json`));
    expect(canonizeSync(vendorJson(`${dir}/unsigned-credential.json`))).toBe(documentCanon);
    expect(canonizeSync(unsigned!.doc)).toBe(documentCanon);
    expect(canonizeSync(config!.doc)).toBe(proofCanon);
    expect(await canonizeReference(unsigned!.doc)).toBe(documentCanon);
    expect(await canonizeReference(config!.doc)).toBe(proofCanon);
  });

  it('canonicalizes the 1EdTech CLR 2.0 test vector, embedded credential included, on the fast path', async () => {
    const dir = '1edtech-openbadges-specification/test-vectors/clrv2p0';
    const [unsigned, config] = verificationInputs(vendorJson(`${dir}/signed-credential.json`));
    expect(canonizeSync(vendorJson(`${dir}/unsigned-credential.json`))).toBe(
      vendorText(`${dir}/document-canon.txt`),
    );
    expect(canonizeSync(unsigned!.doc)).toBe(vendorText(`${dir}/document-canon.txt`));
    expect(canonizeSync(config!.doc)).toBe(vendorText(`${dir}/proof-canon.txt`));
    expect(await canonizeReference(unsigned!.doc)).toBe(vendorText(`${dir}/document-canon.txt`));
  });

  it('matches the W3C eddsa-rdfc-2022 test vectors, whose examples context goes to the reference path', async () => {
    const dir = 'w3c-vc-di-eddsa/TestVectors/eddsa-rdfc-2022';
    const canonDoc = vendorText(`${dir}/canonDocDataInt.txt`);
    const canonProof = vendorText(`${dir}/proofCanonDataInt.txt`);
    const [unsigned, config] = verificationInputs(vendorJson(`${dir}/signedDataInt.json`));
    for (const [doc, expected] of [
      [vendorJson('w3c-vc-di-eddsa/TestVectors/unsigned.json'), canonDoc],
      [unsigned!.doc, canonDoc],
      [vendorJson(`${dir}/proofConfigDataInt.json`), canonProof],
      [config!.doc, canonProof],
    ] as const) {
      expect(await canonize(doc)).toBe(expected);
      expect(canonizeFast(doc)).toBeUndefined();
    }
  });

  it('agrees with the reference on every vendored sample and never accepts one the reference rejects', async () => {
    const paths = [
      ...vendorPaths('w3c-vc-di-eddsa/TestVectors'),
      ...vendorPaths('1edtech-openbadges-specification/test-vectors'),
      ...vendorPaths('1edtech-digital-credentials-public-validator/ob30'),
      ...vendorPaths('1edtech-digital-credentials-public-validator/clr20'),
      ...vendorPaths('w3c-vc-data-model-2.0-test-suite'),
    ].filter((p) => p.endsWith('.json') || p.endsWith('/testlist'));

    const mismatches: string[] = [];
    const unsafeAccepts: string[] = [];
    const onexShapedDeclined: string[] = [];
    const pathsTaken: Record<string, number> = {};
    let onexShaped = 0;
    for (const path of paths) {
      const json = vendorJson(path);
      if (typeof json !== 'object' || json === null || Array.isArray(json)) continue;
      for (const { kind, doc } of verificationInputs(json as Json)) {
        const name = `${path} (${kind})`;
        const ref = await reference(doc);
        const walked = toRdfFast(doc) !== undefined;
        if ('error' in ref) {
          if (walked) unsafeAccepts.push(`${name}: reference throws ${ref.error}`);
          continue;
        }
        const { nquads, path: taken } = await canonizeDetailed(doc);
        pathsTaken[taken] = (pathsTaken[taken] ?? 0) + 1;
        if (nquads !== ref.nquads) mismatches.push(name);
        const fast = canonizeFast(doc);
        if (fast !== undefined && fast !== ref.nquads) mismatches.push(`${name} (canonizeFast)`);
        if (fastContextList(doc['@context']) !== undefined) {
          onexShaped++;
          if (!walked) onexShapedDeclined.push(`${path}: ${fastPathDeclineReason(doc)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(unsafeAccepts).toEqual([]);
    // Every sample with a OneX context list is handled by the fast walk, except these: the VC 2.0
    // suite's base-direction samples (`@direction` is left to the reference path).
    expect(onexShapedDeclined).toEqual([
      'w3c-vc-data-model-2.0-test-suite/input/credential-description-language-direction-en-ok.json: value object key @direction',
      'w3c-vc-data-model-2.0-test-suite/input/credential-name-language-direction-en-ok.json: value object key @direction',
      'w3c-vc-data-model-2.0-test-suite/input/issuer-description-language-direction-en-ok.json: value object key @direction',
      'w3c-vc-data-model-2.0-test-suite/input/issuer-name-language-direction-en-ok.json: value object key @direction',
    ]);
    expect(onexShaped).toBeGreaterThan(100);
    // ob30/complete.json has two blank nodes with equal first-degree hashes.
    expect(pathsTaken['fast-walk+rdf-canonize']).toBe(1);
    expect(pathsTaken.fast).toBe(onexShaped - onexShapedDeclined.length - 1);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Generated OneX credentials

// Characters that stress N-Quads escaping and sort order: ASCII, CJK, quotes and backslashes, C0
// controls and DEL, separators JavaScript's \s matches, private use (U+E000) and U+FFFF (which sort
// above astral characters in UTF-16 order), astral emoji, ZWJ sequences, lone surrogates.
const char = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 6, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '"',
      '\\',
      '\n',
      '\r',
      '\t',
      '\b',
      '\f',
      '\u0000',
      '\u001f',
      '\u007f',
      '\u00a0',
      '\u2028',
      '\ufeff',
      '\ue000',
      '\uffff',
      '😀',
      '👩‍💻',
      '\ud83d',
      '\ude00',
      '：',
      '（',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
);
const text = fc.array(char, { maxLength: 16 }).map((cs) => cs.join(''));

// IRIs without whitespace (those are relative for jsonld and rejected), but with characters N-Quads
// must escape inside <…> and with non-ASCII, and from a small pool so that nodes sometimes share an
// @id and get merged.
const segment = fc
  .array(
    fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-._~') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('<', '>', '"', '{', '}', '|', '^', '`', '\\', '%20', '证', 'é', '😀'),
      },
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((cs) => cs.join(''));
const host = fc.constantFrom('onex.example.cn', 'teo.example.com', '例子.中国');
const httpsUrl = fc
  .tuple(host, fc.array(segment, { maxLength: 2 }))
  .map(([h, segments]) => `https://${h}/${segments.join('/')}`);
const urnUuid = fc.uuid().map((u) => `urn:uuid:${u}`);
const didWeb = host.map((h) => `did:web:${h}`);
const didKey = fc.stringMatching(/^z6Mk[1-9A-HJ-NP-Za-km-z]{8,16}$/).map((k) => `did:key:${k}`);
const dateTime = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
    fc.boolean(),
  )
  .map(([d, millis]) => (millis ? d.toISOString() : d.toISOString().replace(/\.\d{3}Z$/, 'Z')));
const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }),
  fc.constantFrom(1.1, 5.0, 0.5, 1e21, 1e-7, -0, 0.1 + 0.2, 123456789.125),
);
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

function compact<T extends Json>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const profile = (id: fc.Arbitrary<string>) =>
  fc
    .record({
      id,
      name: text,
      url: opt(httpsUrl),
      email: opt(fc.constantFrom('a@onex.example.cn', '考生@例子.中国')),
    })
    .map((p) => compact({ id: p.id, type: ['Profile'], name: p.name, url: p.url, email: p.email }));

const alignment = fc
  .record({
    targetName: text,
    targetUrl: httpsUrl,
    targetCode: text,
    targetFramework: text,
    targetType: fc.oneof(
      fc.constant('CFItem'),
      text.map((t) => `ext:${t}`),
    ),
  })
  .map((a) => ({ type: ['Alignment'], ...a }));

const resultDescription = fc
  .record({ id: urnUuid, name: text, allowedValue: fc.array(text, { maxLength: 4 }) })
  .map((r) => ({
    id: r.id,
    type: ['ResultDescription'],
    name: r.name,
    resultType: 'LetterGrade',
    allowedValue: r.allowedValue,
  }));

const achievement = fc
  .record({
    id: fc.oneof(httpsUrl, urnUuid),
    name: text,
    description: text,
    narrative: text,
    alignment: fc.array(alignment, { maxLength: 4 }),
    related: fc.array(httpsUrl, { maxLength: 2 }),
    fieldOfStudy: text,
    humanCode: text,
    creator: opt(profile(fc.oneof(didWeb, httpsUrl))),
    creditsAvailable: opt(number),
    resultDescription: opt(fc.array(resultDescription, { maxLength: 2 })),
    tag: opt(fc.array(fc.constantFrom('云计算', 'cloud', '1+X'), { maxLength: 4 })),
  })
  .map((a) =>
    compact({
      id: a.id,
      type: ['Achievement'],
      name: a.name,
      description: a.description,
      inLanguage: 'zh-CN',
      criteria: { narrative: a.narrative },
      achievementType: 'Certificate',
      alignment: a.alignment,
      related: a.related.map((id) => ({ id, type: ['Related'], inLanguage: 'en' })),
      fieldOfStudy: a.fieldOfStudy,
      humanCode: a.humanCode,
      creator: a.creator,
      creditsAvailable: a.creditsAvailable,
      resultDescription: a.resultDescription,
      tag: a.tag,
    }),
  );

const identity = fc
  .record({
    hash: hex64,
    identityType: fc.constantFrom('identifier', 'emailAddress'),
    salt: text,
    hashed: fc.boolean(),
  })
  .map((i) => ({
    type: 'IdentityObject',
    hashed: i.hashed,
    identityHash: `sha256$${i.hash}`,
    identityType: i.identityType,
    salt: i.salt,
  }));

const subject = fc
  .record({
    id: opt(didKey),
    identifier: fc.array(identity, { minLength: 1, maxLength: 2 }),
    achievement,
    result: fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }).map(String), text), { maxLength: 2 }),
    creditsEarned: opt(number),
    activityStartDate: opt(dateTime.map((d) => d.slice(0, 10))),
  })
  .map((s) =>
    compact({
      id: s.id,
      type: ['AchievementSubject'],
      identifier: s.identifier,
      achievement: s.achievement,
      result: s.result.map((value) => ({ type: ['Result'], value })),
      creditsEarned: s.creditsEarned,
      activityStartDate: s.activityStartDate,
    }),
  );

const evidence = fc
  .record({ id: opt(httpsUrl), name: text, narrative: text })
  .map((e) => compact({ id: e.id, type: ['Evidence'], name: e.name, narrative: e.narrative }));

/** OneX-shaped signed credentials (the shapes of the OneX issuance flow, with random content). */
const onexCredentials = fc
  .record({
    withSchema: fc.boolean(),
    credentialType: fc.constantFrom('OpenBadgeCredential', 'AchievementCredential'),
    id: urnUuid,
    issuer: fc.oneof(
      { weight: 4, arbitrary: profile(fc.oneof(didWeb, httpsUrl)) },
      { weight: 1, arbitrary: didWeb },
    ),
    validFrom: dateTime,
    validUntil: opt(dateTime),
    name: text,
    description: opt(text),
    credentialSubject: subject,
    statusList: httpsUrl,
    statusIndex: fc.nat({ max: 131071 }),
    evidence: opt(fc.array(evidence, { minLength: 1, maxLength: 2 })),
    created: dateTime,
    keyFragment: fc.constantFrom('#key-1', '#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'),
    proofValue: fc.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{86,88}$/),
  })
  .map((c) => {
    const issuerId = typeof c.issuer === 'string' ? c.issuer : c.issuer.id;
    return compact({
      // credentialSchema's type 1EdTechJsonSchemaValidator2019 is defined only by the OB extensions
      // context; without it jsonld safe mode rejects the credential.
      '@context': c.withSchema ? [V2, OB303, OBX] : [V2, OB303],
      id: c.id,
      type: ['VerifiableCredential', c.credentialType],
      issuer: c.issuer,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      name: c.name,
      description: c.description,
      credentialSubject: c.credentialSubject,
      credentialStatus: {
        id: `${c.statusList}#${c.statusIndex}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(c.statusIndex),
        statusListCredential: c.statusList,
      },
      credentialSchema: c.withSchema
        ? [
            {
              id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
              type: '1EdTechJsonSchemaValidator2019',
            },
          ]
        : undefined,
      evidence: c.evidence,
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        created: c.created,
        verificationMethod: `${issuerId}${c.keyFragment}`,
        proofPurpose: 'assertionMethod',
        proofValue: c.proofValue,
      },
    } as Json);
  });

// Knobs for a longer or exhaustive run, e.g. ONEX_RDFC_FUZZ_REFERENCE_EVERY=1 compares every
// generated document with jsonld (about 15 ms per credential here, so minutes for 10,000).
const FUZZ_RUNS = Number(process.env.ONEX_RDFC_FUZZ_RUNS ?? 10_000);
const FUZZ_REFERENCE_EVERY = Number(process.env.ONEX_RDFC_FUZZ_REFERENCE_EVERY ?? 25);
const FUZZ_SEED = Number(process.env.ONEX_RDFC_FUZZ_SEED ?? 20250601);
const FUZZ_TIMEOUT_MS = Number(process.env.ONEX_RDFC_FUZZ_TIMEOUT_MS ?? 180_000);

describe('generated OneX credentials', () => {
  it(
    'canonicalizes 10,000 generated credentials, signed, unsigned and as proof configurations, like jsonld + rdf-canonize',
    async () => {
      let index = 0;
      let referenceComparisons = 0;
      let needsNDegree = 0;
      let overWorkLimit = 0;
      await fc.assert(
        fc.asyncProperty(onexCredentials, async (signed) => {
          const compareWithJsonld = index++ % FUZZ_REFERENCE_EVERY === 0;
          const { proof, ...unsigned } = signed;
          const { proofValue: _signature, ...options } = proof as Json;
          const config = { '@context': signed['@context'], ...options };
          for (const doc of [unsigned, signed, config]) {
            // The fast walk must handle every OneX-shaped document…
            const dataset = toRdfFast(doc);
            expect(dataset, fastPathDeclineReason(doc)).toBeDefined();
            // …its RDFC-1.0 must equal rdf-canonize's on the same dataset (every document)…
            const viaRdfCanonize = await settle(canonicalizeWithRdfCanonize(dataset!));
            const own = canonicalizeUniqueFirstDegree(dataset!);
            if (own === undefined) needsNDegree++;
            else expect(viaRdfCanonize).toEqual({ nquads: own });
            if ('error' in viaRdfCanonize) overWorkLimit++;
            // …and the dataset must be jsonld's (sampled: jsonld takes milliseconds per document).
            if (compareWithJsonld) {
              expect(viaRdfCanonize).toEqual(await reference(doc));
              referenceComparisons++;
            }
          }
        }),
        { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
      );
      expect(index).toBeGreaterThanOrEqual(FUZZ_RUNS);
      expect(referenceComparisons).toBeGreaterThanOrEqual(Math.floor((3 * FUZZ_RUNS) / FUZZ_REFERENCE_EVERY));
      // Identical alignments, identity objects or list entries are the only first-degree hash ties; a
      // list with 4+ equal entries even exceeds rdf-canonize's default work limit (see the test below).
      expect(needsNDegree).toBeLessThan(FUZZ_RUNS);
      expect(overWorkLimit).toBeLessThanOrEqual(needsNDegree);
    },
    FUZZ_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// What the fast path must not claim

describe('documents the fast path declines', () => {
  async function expectBothReject(doc: Json, code: string): Promise<void> {
    expect(toRdfFast(doc)).toBeUndefined();
    expect(canonizeSync(doc)).toBeUndefined();
    await expect(canonize(doc)).rejects.toMatchObject({ code });
  }

  async function expectReferenceOnly(doc: Json): Promise<void> {
    expect(toRdfFast(doc)).toBeUndefined();
    const { nquads, path } = await canonizeDetailed(doc);
    expect(path).toBe('reference');
    expect(nquads).toBe(await canonizeReference(doc));
  }

  it('rejects terms the contexts do not define, as jsonld safe mode does', async () => {
    const doc = onexCredential();
    (doc.credentialSubject as Json).achievementType = 'Certificate'; // defined on Achievement only
    await expectBothReject(doc, 'JSONLD_SAFE_MODE_VIOLATION');
    const other = onexCredential();
    other.score = 85;
    await expectBothReject(other, 'JSONLD_SAFE_MODE_VIOLATION');
  });

  it('rejects 1EdTechJsonSchemaValidator2019 without the OB extensions context', async () => {
    const doc = onexCredential();
    doc['@context'] = [V2, OB303];
    await expectBothReject(doc, 'JSONLD_SAFE_MODE_VIOLATION');
  });

  it('rejects relative IRIs as ids, as @id-typed values, as types and as verification methods', async () => {
    const relativeId = onexCredential();
    relativeId.id = 'credentials/1';
    await expectBothReject(relativeId, 'JSONLD_SAFE_MODE_VIOLATION');
    const relativeIssuer = onexCredential();
    relativeIssuer.issuer = 'teo.example.cn';
    await expectBothReject(relativeIssuer, 'JSONLD_SAFE_MODE_VIOLATION');
    const undefinedType = onexCredential();
    undefinedType.type = ['VerifiableCredential', 'OneXCredential'];
    await expectBothReject(undefinedType, 'JSONLD_SAFE_MODE_VIOLATION');
    const spaceInIri = onexCredential();
    spaceInIri.id = 'https://onex.example.cn/a b';
    await expectBothReject(spaceInIri, 'JSONLD_SAFE_MODE_VIOLATION');
    const [, config] = verificationInputs(onexCredential());
    config!.doc.verificationMethod = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
    await expectBothReject(config!.doc, 'JSONLD_SAFE_MODE_VIOLATION');
  });

  it('rejects proofs jsonld would drop: empty, id-only or a bare string', async () => {
    for (const proof of [{}, { id: 'urn:uuid:1' }, 'urn:uuid:1']) {
      const doc = onexCredential();
      doc.proof = proof;
      await expectBothReject(doc, 'JSONLD_SAFE_MODE_VIOLATION');
    }
  });

  it('declines context lists other than the fast ones; unknown URLs are rejected without fetching', async () => {
    const inline = onexCredential();
    inline['@context'] = [...ONEX_CONTEXT, { score: 'https://onex.example.cn/vocab#score' }];
    await expectReferenceOnly(inline);
    const reordered = onexCredential();
    reordered['@context'] = [V2, OBX, OB303];
    await expectReferenceOnly(reordered);
    const dataIntegrity = onexCredential();
    dataIntegrity['@context'] = [...ONEX_CONTEXT, CONTEXT_URLS.dataIntegrityV2];
    await expectReferenceOnly(dataIntegrity);
    const unknown = onexCredential();
    unknown['@context'] = [...ONEX_CONTEXT, 'https://onex.example.cn/contexts/v1'];
    await expectBothReject(unknown, 'JSONLD_CONTEXT_NOT_AVAILABLE');
  });

  it('declines an embedded @context that is not a fast list', async () => {
    const doc = onexCredential();
    (doc.credentialSubject as Json)['@context'] = { score: 'https://onex.example.cn/vocab#score' };
    (doc.credentialSubject as Json).score = 85;
    await expectReferenceOnly(doc);
  });

  it('leaves blank node ids, @direction, @graph, @included and absolute-IRI keys to the reference path', async () => {
    const blankId = onexCredential();
    (blankId.credentialSubject as Json).id = '_:subject';
    await expectReferenceOnly(blankId);
    const direction = onexCredential();
    direction.name = { '@value': 'شهادة', '@language': 'ar', '@direction': 'rtl' };
    await expectReferenceOnly(direction);
    const iriKey = onexCredential();
    iriKey['https://schema.org/award'] = '一等奖';
    await expectReferenceOnly(iriKey);
    const included = onexCredential();
    included['@included'] = [{ id: 'https://onex.example.cn/x', type: ['Profile'], name: 'x' }];
    await expectReferenceOnly(included);
    const typedValue = onexCredential();
    typedValue.name = { '@value': '2025', '@type': 'http://www.w3.org/2001/XMLSchema#gYear' };
    await expectReferenceOnly(typedValue);
  });

  it('never claims a document jsonld safe mode rejects: @value null, bad language tags, nested arrays', async () => {
    const nullValue = onexCredential();
    nullValue.name = { '@value': null };
    await expectBothReject(nullValue, 'JSONLD_SAFE_MODE_VIOLATION');
    const badLanguage = onexCredential();
    badLanguage.name = { '@value': 'x', '@language': 'zh_CN' };
    await expectBothReject(badLanguage, 'JSONLD_SAFE_MODE_VIOLATION');
    const nested = onexCredential();
    nested.name = [['a']];
    expect(toRdfFast(nested)).toBeUndefined();
  });
});

describe('JSON-LD details the fast path reproduces', () => {
  async function expectSame(doc: Json): Promise<string> {
    const fast = canonizeSync(doc);
    expect(fast, fastPathDeclineReason(doc)).toBeDefined();
    expect(fast).toBe(await canonizeReference(doc));
    return fast!;
  }

  it('writes native numbers and booleans in the canonical forms jsonld uses', async () => {
    for (const n of [
      0,
      -0,
      7,
      -12,
      1.1,
      5.0,
      2.5,
      1e21,
      1e-7,
      0.1 + 0.2,
      123456789012345680000,
      2 ** 53 + 1, // not representable: rounds to 2 ** 53, as JSON.parse would
    ]) {
      const doc = onexCredential();
      Object.assign(doc.credentialSubject as Json, { creditsEarned: n });
      ((doc.credentialSubject as Json).identifier as Json[])[0]!.hashed = n > 1;
      await expectSame(doc);
    }
    const doc = onexCredential();
    Object.assign(doc.credentialSubject as Json, { creditsEarned: '2.50' });
    expect(await expectSame(doc)).toContain('"2.50"^^<https://www.w3.org/2001/XMLSchema#float>');
  });

  it('escapes literals and IRIs exactly like rdf-canonize', async () => {
    const controls = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
    const doc = onexCredential();
    doc.name = `${controls}\u007f"\\ 中文 😀 \ud83d \ue000\uffff \u2028\u00a0 ｆｕｌｌ`;
    doc.description = '\t制表符\n换行\r回车';
    (doc.issuer as Json).id = 'https://例子.中国/<issuer>{1}|^`"\\';
    await expectSame(doc);
  });

  it('merges nodes with the same id and drops duplicate values like the node map', async () => {
    const doc = onexCredential();
    const achievement = (doc.credentialSubject as Json).achievement as Json;
    achievement.creator = { ...(doc.issuer as Json), email: 'other@teo.example.cn' };
    achievement.tag = ['云计算', '云计算', 'cloud'];
    achievement.related = [achievement.related, achievement.related].flat();
    (doc.credentialStatus as Json).id = doc.id;
    const nquads = await expectSame(doc);
    expect(nquads.match(/schema\.org\/keywords> "云计算"/g)).toHaveLength(1);
  });

  it('builds RDF lists for @list terms and JSON literals for @json terms', async () => {
    const doc = onexCredential();
    ((doc.credentialSubject as Json).achievement as Json).resultDescription = [
      {
        id: 'urn:uuid:1',
        type: ['ResultDescription'],
        name: '等级',
        resultType: 'LetterGrade',
        allowedValue: ['A', 'B', 'A'],
      },
      {
        id: 'urn:uuid:2',
        type: ['ResultDescription'],
        name: 'empty',
        resultType: 'LetterGrade',
        allowedValue: [],
      },
    ];
    await expectSame(doc);
    const schema = onexCredential();
    schema.credentialSchema = {
      id: 'https://onex.example.cn/schemas/1',
      type: 'JsonSchema',
      jsonSchema: {
        type: 'object',
        properties: { 名字: { type: 'string' } },
        required: ['名字'],
        n: [1.5, true, null],
      },
    };
    await expectSame(schema);
  });

  it('keeps language-tagged values, lowercasing the tag, and drops null properties', async () => {
    const doc = onexCredential();
    doc.name = [
      { '@value': '云计算开发', '@language': 'zh-CN' },
      { '@value': 'Cloud Development', '@language': 'en' },
    ];
    doc.description = null;
    expect(await expectSame(doc)).toContain('"云计算开发"@zh-cn');
  });

  it('accepts @context as a single string and drops duplicate types', async () => {
    const doc = {
      '@context': V2,
      id: 'urn:uuid:5d5c4b7e-0000-4000-8000-000000000001',
      type: ['VerifiableCredential', 'VerifiableCredential'],
      issuer: 'did:web:teo.example.cn',
      validFrom: '2025-06-01T00:00:00Z',
      credentialSubject: [
        'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
        { id: 'urn:uuid:2', name: '张三' },
      ],
    };
    expect((await expectSame(doc)).match(/#VerifiableCredential>/g)).toHaveLength(1);
  });

  it('expands compact IRIs with prefixes that a type-scoped context defines (CLR obi:, cred:)', async () => {
    const clr = vendorJson<Json>(
      '1edtech-openbadges-specification/test-vectors/clrv2p0/unsigned-credential.json',
    );
    (clr.credentialSubject as Json).id = 'obi:subject-1';
    const nquads = await expectSame(clr);
    expect(nquads).toContain('<https://purl.imsglobal.org/spec/vc/ob/vocab.html#subject-1>');
  });

  it('puts each proof of a proof set in its own named graph', async () => {
    const doc = onexCredential();
    const proof = doc.proof as Json;
    doc.proof = [
      proof,
      { ...proof, id: 'urn:uuid:second', previousProof: 'urn:uuid:first', created: '2025-06-02T00:00:00Z' },
    ];
    await expectSame(doc);
  });

  it('hands blank nodes that need N-degree hashing to rdf-canonize', async () => {
    const doc = onexCredential();
    const achievement = (doc.credentialSubject as Json).achievement as Json;
    const alignments = achievement.alignment as Json[];
    achievement.alignment = [alignments[0], { ...alignments[0] }];
    expect(toRdfFast(doc)).toBeDefined();
    expect(canonizeSync(doc)).toBeUndefined();
    const { nquads, path } = await canonizeDetailed(doc);
    expect(path).toBe('fast-walk+rdf-canonize');
    expect(nquads).toBe(await canonizeReference(doc));
  });

  it('rejects a list whose middle entries are equal, like rdf-canonize with its default work limit', async () => {
    // Four equal allowedValue entries leave two list nodes indistinguishable at first degree and
    // their N-degree hashing recurses past maxWorkFactor 1 (what eddsa-rdfc-2022 verifiers use).
    const doc = onexCredential();
    ((doc.credentialSubject as Json).achievement as Json).resultDescription = [
      {
        id: 'urn:uuid:1',
        type: ['ResultDescription'],
        name: '等级',
        resultType: 'LetterGrade',
        allowedValue: ['A', 'A', 'A', 'A'],
      },
    ];
    expect(canonizeSync(doc)).toBeUndefined();
    await expect(canonize(doc)).rejects.toMatchObject({ code: 'RDFC_CANONICALIZATION_FAILED' });
    await expect(canonizeReference(doc)).rejects.toMatchObject({ code: 'RDFC_CANONICALIZATION_FAILED' });
  });

  it('canonicalizes the typical OneX credential and its proof configuration on the fast path', async () => {
    for (const { doc } of verificationInputs(onexCredential())) {
      const { nquads, path } = await canonizeDetailed(doc);
      expect(path).toBe('fast');
      expect(nquads).toBe(await canonizeReference(doc));
    }
  });
});
