/**
 * Canonicalization throughput for a typical OneX credential: the reference path (jsonld safe mode +
 * rdf-canonize) against the fast path, plus the pieces of the fast path and an estimate of full
 * eddsa-rdfc-2022 verifications per second on one core.
 *
 *   npx tsx packages/core/src/credentials/rdfc/bench-rdfc.ts [seconds-per-case]
 *
 * node:crypto stands in for the Node CryptoProvider here (SHA-256 and Ed25519 with a reused key).
 * Numbers depend on the machine and its load; compare ratios from one run.
 */
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  canonicalizeUniqueFirstDegree,
  canonicalizeWithRdfCanonize,
  canonizeReference,
  canonizeSync,
  toRdfFast,
} from './index.ts';

const SECONDS = Number(process.argv[2] ?? 2);

const credential = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  ],
  id: 'urn:uuid:2c5a8a0e-3a7b-4c1e-9c1f-0d1e2f3a4b5c',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: {
    id: 'did:web:teo.example.cn',
    type: ['Profile'],
    name: '华为技术有限公司',
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
      alignment: [1, 2, 3].map((n) => ({
        type: ['Alignment'],
        targetName: `1.1.${n} 技能要求`,
        targetUrl: `https://onex.example.cn/standards/cc/1.1.${n}`,
        targetCode: `1.1.${n}`,
        targetFramework: '云计算开发职业技能等级标准',
        targetType: n === 3 ? 'CFItem' : 'ext:SkillRequirement',
      })),
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
};
const proofConfig = {
  '@context': credential['@context'],
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-rdfc-2022',
  created: '2025-06-01T08:00:00Z',
  verificationMethod: 'did:web:teo.example.cn#key-1',
  proofPurpose: 'assertionMethod',
};

const nodeSha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();
const sha256Hex = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Operations per second of `op`, run repeatedly for SECONDS after a short warm-up. */
async function rate(op: () => unknown): Promise<number> {
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) await op();
  let n = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (performance.now() < end) {
    // Batches keep the clock out of the measurement for fast operations.
    for (let i = 0; i < 20; i++) await op();
    n += 20;
  }
  return (n * 1000) / (performance.now() - start);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);
const rows: Array<[string, number]> = [];
async function measure(name: string, op: () => unknown): Promise<number> {
  const r = await rate(op);
  rows.push([name, r]);
  console.log(`${name.padEnd(62)} ${fmt(r)} /s  ${(1e6 / r).toFixed(1).padStart(8)} µs`);
  return r;
}

const dataset = toRdfFast(credential);
const check = await canonizeReference(credential);
if (
  dataset === undefined ||
  canonizeSync(credential) !== check ||
  canonizeSync(proofConfig) !== (await canonizeReference(proofConfig))
) {
  throw new Error('fast path does not handle the benchmark credential identically');
}
console.log(
  `typical OneX credential: ${dataset.length} quads, ${check.length} bytes of N-Quads; ${SECONDS}s per case\n`,
);

// Fast cases first: jsonld's allocations leave a heap that slows whatever is measured after it.
console.log('— parts of the fast path, same dataset —');
await measure('walk only (JSON-LD → quads)', () => toRdfFast(credential));
await measure('own RDFC-1.0, @noble/hashes SHA-256', () => canonicalizeUniqueFirstDegree(dataset));
const ownNode = await measure('own RDFC-1.0, node:crypto SHA-256', () =>
  canonicalizeUniqueFirstDegree(dataset, nodeSha256),
);
const rdfCanonizeAsync = await measure('rdf-canonize canonize() (public async API)', () =>
  canonicalizeWithRdfCanonize(dataset),
);
console.log('\n— whole canonicalization —');
const fastDoc = await measure('fast document: walk + own RDFC-1.0 (@noble/hashes SHA-256)', () =>
  canonizeSync(credential),
);
const fastDocNode = await measure('fast document: walk + own RDFC-1.0 (node:crypto SHA-256)', () =>
  canonizeSync(credential, { sha256: nodeSha256 }),
);
const fastConfig = await measure('fast proof configuration', () =>
  canonizeSync(proofConfig, { sha256: nodeSha256 }),
);
const refDoc = await measure('reference document: jsonld.toRDF (safe) + rdf-canonize', () =>
  canonizeReference(credential),
);
const refConfig = await measure('reference proof configuration', () => canonizeReference(proofConfig));
console.log('\n— eddsa-rdfc-2022 verification estimate (canonicalize ×2, SHA-256 ×2, Ed25519 verify) —');
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const verifyWith = (docNquads: string, configNquads: string, signature: Buffer): boolean =>
  verify(null, Buffer.concat([sha256Hex(configNquads), sha256Hex(docNquads)]), publicKey, signature);
const signature = sign(
  null,
  Buffer.concat([sha256Hex(canonizeSync(proofConfig)!), sha256Hex(canonizeSync(credential)!)]),
  privateKey,
);
const ed25519 = await measure('Ed25519 verify alone (node:crypto, reused KeyObject)', () =>
  verify(null, Buffer.alloc(64), publicKey, signature),
);
const fastVerify = await measure('verify, fast path', () => {
  const ok = verifyWith(
    canonizeSync(credential, { sha256: nodeSha256 })!,
    canonizeSync(proofConfig, { sha256: nodeSha256 })!,
    signature,
  );
  if (!ok) throw new Error('signature');
});
const refVerify = await measure('verify, reference path', async () => {
  const ok = verifyWith(await canonizeReference(credential), await canonizeReference(proofConfig), signature);
  if (!ok) throw new Error('signature');
});

const budgetMicros = 1e6 / 1800;
console.log(`
summary
  document canonicalization : fast ${fmt(fastDocNode).trim()}/s (noble ${fmt(fastDoc).trim()}/s) vs reference ${fmt(refDoc).trim()}/s → ×${(fastDocNode / refDoc).toFixed(0)}
  proof configuration       : fast ${fmt(fastConfig).trim()}/s vs reference ${fmt(refConfig).trim()}/s → ×${(fastConfig / refConfig).toFixed(0)}
  RDFC-1.0 alone            : own ${fmt(ownNode).trim()}/s vs rdf-canonize async ${fmt(rdfCanonizeAsync).trim()}/s → ×${(ownNode / rdfCanonizeAsync).toFixed(1)}
  rdf-canonize would take ${((1e6 / rdfCanonizeAsync / budgetMicros) * 100).toFixed(0)}% of the 1,800 verifications/s budget (${budgetMicros.toFixed(0)} µs) for the document alone
  verifications/s           : fast ${fmt(fastVerify).trim()} vs reference ${fmt(refVerify).trim()} → ×${(fastVerify / refVerify).toFixed(0)} (Ed25519 alone ${fmt(ed25519).trim()}/s; target ≥ 1,800)`);
