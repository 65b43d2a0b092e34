/**
 * Verifier throughput, and the OneX test fixture the credential tests share.
 *
 *   npx tsx packages/core/src/credentials/bench-verify.ts [iterations]
 *
 * prints verify/s for an eddsa-jcs-2022 and an eddsa-rdfc-2022 OneX AchievementCredential with every
 * offline check on (shape, proof, issuerKey, issuerAccredited, catalog, validity, status; `logged` is
 * not configured), next to raw node:crypto Ed25519 verify/s. Targets (ARCHITECTURE / brief): jcs ≥ 0.6 ×
 * raw Ed25519 verify/s; rdfc ≥ 10 × @digitalbazaar/vc.
 *
 * `createOneXFixture` builds, deterministically and offline, what a OneX deployment publishes: a TEO
 * issuer `did:web:onex.example:teos:TEO-0002` (DID document with the active key-1 and the retired
 * key-0), two more TEOs, the regulator `did:web:onex.example:regulator`, a revocation and a suspension
 * status list signed by the TEO, and the trust list signed by the regulator.
 */
import { pathToFileURL } from 'node:url';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import { type CryptoProvider, encodePublicKeyMultibase, type Signer } from '../crypto/index.ts';
import { manualClock } from '../shared/index.ts';
import {
  BitstringStatusList,
  buildStatusListCredential,
  buildStatusListEntry,
} from '../status-list/index.ts';
import type { Cryptosuite, JsonObject, TrustList } from './credential.model.ts';
import { signDataIntegrity } from './proof.ts';
import { bundleSources, type VerifierBundle } from './sources.ts';
import { composeTrustListCredential } from './trust-list.ts';
import { createVerifier, type Verifier, type VerifierOptions } from './verifier.ts';

export const BASE_URL = 'https://onex.example';
export const ISSUER_DID = 'did:web:onex.example:teos:TEO-0002';
/** A TEO that left the trust list on 2025-04-01. */
export const EXITED_ISSUER_DID = 'did:web:onex.example:teos:TEO-0003';
/** A TEO with a valid DID document that is not on the trust list. */
export const UNLISTED_ISSUER_DID = 'did:web:onex.example:teos:TEO-0009';
export const REGULATOR_DID = 'did:web:onex.example:regulator';
export const TRUST_LIST_URL = `${BASE_URL}/trust-list`;
export const REVOCATION_LIST_URL = `${BASE_URL}/status/TEO-0002/revocation/1`;
export const SUSPENSION_LIST_URL = `${BASE_URL}/status/TEO-0002/suspension/1`;
export const FIXTURE_NOW = '2025-06-01T00:00:00Z';
export const CREDENTIAL_VALID_FROM = '2025-03-01T08:00:00Z';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** Defines `1EdTechJsonSchemaValidator2019` (credentialSchema type): without it rdfc safe mode rejects the credential. */
export const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const VC2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';

/** The achievement id of a certificate level, as OneX publishes it. */
export const achievementUrl = (certificate: string, level: 1 | 2 | 3) =>
  `${BASE_URL}/achievements/${certificate}/${level}`;

/** The deterministic test seed of a fixture key, e.g. `TEO-0002/key-1` (for signing with other libraries). */
export function fixtureSeed(crypto: CryptoProvider, label: string): Uint8Array {
  return crypto.sha256(new TextEncoder().encode(`onex-test-seed/${label}`));
}

function didDocument(did: string, keys: { id: string; signer: Signer; active: boolean }[]): JsonObject {
  const ids = keys.map((k) => `${did}#${k.id}`);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: keys.map((k) => ({
      id: `${did}#${k.id}`,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: encodePublicKeyMultibase(k.signer.publicKey),
    })),
    assertionMethod: ids,
    authentication: keys.filter((k) => k.active).map((k) => `${did}#${k.id}`),
  };
}

export interface SignAs {
  cryptosuite?: Cryptosuite;
  /** Which DID signs (default the TEO issuer) and with which key fragment (default key-1). */
  did?: string;
  keyId?: string;
  signer?: Signer;
  created?: string;
}

export interface OneXFixture {
  crypto: CryptoProvider;
  clock: ReturnType<typeof manualClock>;
  signers: {
    issuerKey0: Signer;
    issuerKey1: Signer;
    exited: Signer;
    unlisted: Signer;
    regulator: Signer;
    /** A key that is in no DID document. */
    stray: Signer;
  };
  didDocuments: Record<string, JsonObject>;
  revocation: BitstringStatusList;
  suspension: BitstringStatusList;
  statusLists: Record<string, JsonObject>;
  trustList: TrustList;
  trustListCredential: JsonObject;
  /**
   * An unsigned OneX AchievementCredential with one credentialStatus entry (the OB 3.0 JSON Schema
   * allows exactly one): revocation index 7 by default, or suspension index 8.
   */
  credential(overrides?: {
    issuer?: string;
    validFrom?: string;
    validUntil?: string;
    status?: 'revocation' | 'suspension' | false;
  }): JsonObject;
  /** Sign with a fixture key (default: the TEO's key-1, eddsa-jcs-2022). */
  sign(document: JsonObject, as?: SignAs): Promise<JsonObject>;
  /** Re-sign both status lists after changing their bits. */
  publishStatusLists(cryptosuite?: Cryptosuite): Promise<void>;
  bundle(overrides?: Partial<VerifierBundle>): VerifierBundle;
  verifier(options?: Partial<VerifierOptions> & { bundle?: Partial<VerifierBundle> }): Verifier;
}

/** Build the OneX fixture (deterministic keys; the clock stands at {@link FIXTURE_NOW}). */
export async function createOneXFixture(crypto: CryptoProvider = nodeCrypto): Promise<OneXFixture> {
  const clock = manualClock(FIXTURE_NOW);
  const signer = (label: string) => crypto.ed25519Signer(fixtureSeed(crypto, label));
  const signers = {
    issuerKey0: signer('TEO-0002/key-0'),
    issuerKey1: signer('TEO-0002/key-1'),
    exited: signer('TEO-0003/key-1'),
    unlisted: signer('TEO-0009/key-1'),
    regulator: signer('regulator/key-1'),
    stray: signer('stray'),
  };
  const didDocuments: Record<string, JsonObject> = {
    [ISSUER_DID]: didDocument(ISSUER_DID, [
      { id: 'key-0', signer: signers.issuerKey0, active: false },
      { id: 'key-1', signer: signers.issuerKey1, active: true },
    ]),
    [EXITED_ISSUER_DID]: didDocument(EXITED_ISSUER_DID, [
      { id: 'key-1', signer: signers.exited, active: true },
    ]),
    [UNLISTED_ISSUER_DID]: didDocument(UNLISTED_ISSUER_DID, [
      { id: 'key-1', signer: signers.unlisted, active: true },
    ]),
    [REGULATOR_DID]: didDocument(REGULATOR_DID, [{ id: 'key-1', signer: signers.regulator, active: true }]),
  };
  const signerFor = (did: string, keyId: string): Signer => {
    if (did === ISSUER_DID) return keyId === 'key-0' ? signers.issuerKey0 : signers.issuerKey1;
    if (did === EXITED_ISSUER_DID) return signers.exited;
    if (did === UNLISTED_ISSUER_DID) return signers.unlisted;
    if (did === REGULATOR_DID) return signers.regulator;
    return signers.stray;
  };
  const sign = (document: JsonObject, as: SignAs = {}) => {
    const did = as.did ?? ISSUER_DID;
    const keyId = as.keyId ?? 'key-1';
    return signDataIntegrity(document, {
      cryptosuite: as.cryptosuite ?? 'eddsa-jcs-2022',
      signer: as.signer ?? signerFor(did, keyId),
      verificationMethod: `${did}#${keyId}`,
      created: as.created ?? '2025-03-01T08:00:05Z',
      crypto,
    });
  };

  const revocation = BitstringStatusList.create();
  const suspension = BitstringStatusList.create();
  const statusLists: Record<string, JsonObject> = {};
  const publishStatusLists = async (cryptosuite: Cryptosuite = 'eddsa-jcs-2022') => {
    for (const [url, purpose, list] of [
      [REVOCATION_LIST_URL, 'revocation', revocation],
      [SUSPENSION_LIST_URL, 'suspension', suspension],
    ] as const) {
      const unsigned = buildStatusListCredential({
        listUrl: url,
        issuer: ISSUER_DID,
        statusPurpose: purpose,
        list,
        validFrom: '2025-01-01T00:00:00Z',
      }) as unknown as JsonObject;
      statusLists[url] = await sign(unsigned, { cryptosuite });
    }
  };
  await publishStatusLists();

  const trustList: TrustList = {
    issuedAt: '2025-01-01T00:00:00Z',
    issuers: [
      {
        did: ISSUER_DID,
        code: 'TEO-0002',
        nameZh: '示例职业技能评价组织',
        nameEn: 'Example Skills Evaluation Organisation',
        accreditedFrom: '2024-01-01T00:00:00Z',
        accreditedUntil: null,
      },
      {
        did: EXITED_ISSUER_DID,
        code: 'TEO-0003',
        nameZh: '已退出的评价组织',
        nameEn: 'Exited Evaluation Organisation',
        accreditedFrom: '2024-01-01T00:00:00Z',
        accreditedUntil: '2025-04-01T00:00:00Z',
      },
    ],
    certificates: [
      {
        code: 'WEB-FRONTEND',
        teoCode: 'TEO-0002',
        nameZh: 'Web 前端开发',
        nameEn: 'Web Front-End Development',
        achievements: ([1, 2, 3] as const).map((level) => ({
          level,
          id: achievementUrl('WEB-FRONTEND', level),
        })),
      },
      {
        code: 'IOT-INSTALL',
        teoCode: 'TEO-0003',
        nameZh: '物联网安装调试与运维',
        nameEn: 'IoT Installation, Commissioning and Maintenance',
        achievements: ([1, 2, 3] as const).map((level) => ({
          level,
          id: achievementUrl('IOT-INSTALL', level),
        })),
      },
    ],
  };
  const trustListCredential = await sign(
    composeTrustListCredential({
      regulatorDid: REGULATOR_DID,
      listUrl: TRUST_LIST_URL,
      trustList,
      validFrom: '2025-01-01T00:00:00Z',
    }),
    { did: REGULATOR_DID, cryptosuite: 'eddsa-jcs-2022' },
  );

  const credential: OneXFixture['credential'] = (overrides = {}) => {
    const issuer = overrides.issuer ?? ISSUER_DID;
    const certificate = issuer === EXITED_ISSUER_DID ? 'IOT-INSTALL' : 'WEB-FRONTEND';
    const achId = achievementUrl(certificate, 2);
    const standardUrl = `${BASE_URL}/api/v1/standards/std-${certificate}`;
    const doc: JsonObject = {
      '@context': [VC2_CONTEXT_URL, OB_CONTEXT, OB_EXTENSIONS_CONTEXT],
      id: 'urn:uuid:7c1b1f5e-4f0a-4c8e-9d2a-3b6f0e1d2c3a',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: {
        id: issuer,
        type: ['Profile'],
        name: '示例职业技能评价组织',
        description: 'Example Skills Evaluation Organisation',
      },
      validFrom: overrides.validFrom ?? CREDENTIAL_VALID_FROM,
      name: 'Web 前端开发职业技能等级证书（中级）',
      description:
        'Web 前端开发职业技能等级证书（中级），证书编号 2025-0002-000123。Web Front-End Development (Intermediate).',
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          {
            type: 'IdentityObject',
            identityType: 'nationalIdentityNumber',
            hashed: true,
            identityHash: 'sha256$0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
            salt: 'c2FsdC0xMjM0',
          },
        ],
        achievement: {
          id: achId,
          type: ['Achievement'],
          achievementType: 'Certificate',
          name: 'Web 前端开发职业技能等级证书（中级）',
          description: '依据职业技能等级标准第 2 版考核合格。Passed against version 2 of the skill standard.',
          inLanguage: 'zh-CN',
          humanCode: `${certificate}-2`,
          criteria: {
            id: `${standardUrl}#level-2`,
            narrative: '理论知识考试与实操技能考核均达到该等级的合格要求。',
          },
          related: [{ id: `${achId}/en`, type: ['Related'], inLanguage: 'en', version: '2' }],
          version: '2',
          resultDescription: ['theory', 'practical', 'total'].map((part) => ({
            id: `${achId}#result-${part}`,
            type: ['ResultDescription'],
            name: part,
            resultType: 'RawScore',
            valueMin: '0',
            valueMax: '100',
          })),
          alignment: [
            {
              type: ['Alignment'],
              targetName: 'Web 前端开发 职业技能等级标准 v2',
              targetUrl: standardUrl,
              targetCode: `${certificate}@2`,
              targetFramework: 'OneX skill standards',
              targetType: 'ext:SkillStandardVersion',
            },
            {
              type: ['Alignment'],
              targetName: '职业 4-04-05-01',
              targetUrl: `${BASE_URL}/api/v1/reference/occupations#4-04-05-01`,
              targetCode: '4-04-05-01',
              targetFramework: '中华人民共和国职业分类大典（2022年版）',
              targetType: 'ext:Occupation',
            },
          ],
        },
        result: [
          { type: ['Result'], resultDescription: `${achId}#result-theory`, value: '86' },
          { type: ['Result'], resultDescription: `${achId}#result-practical`, value: '91' },
          { type: ['Result'], resultDescription: `${achId}#result-total`, value: '89' },
        ],
      },
      credentialSchema: [
        {
          id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
          type: '1EdTechJsonSchemaValidator2019',
        },
      ],
    };
    if (overrides.validUntil !== undefined) doc['validUntil'] = overrides.validUntil;
    if (overrides.status !== false && issuer === ISSUER_DID) {
      doc['credentialStatus'] = (overrides.status === 'suspension'
        ? buildStatusListEntry({ listUrl: SUSPENSION_LIST_URL, index: 8, statusPurpose: 'suspension' })
        : buildStatusListEntry({
            listUrl: REVOCATION_LIST_URL,
            index: 7,
            statusPurpose: 'revocation',
          })) as unknown as JsonObject;
    }
    return doc;
  };

  const bundle = (overrides: Partial<VerifierBundle> = {}): VerifierBundle => ({
    didDocuments,
    statusLists,
    trustList: trustListCredential,
    ...overrides,
  });

  return {
    crypto,
    clock,
    signers,
    didDocuments,
    revocation,
    suspension,
    statusLists,
    trustList,
    trustListCredential,
    credential,
    sign,
    publishStatusLists,
    bundle,
    verifier: (options = {}) => {
      const { bundle: bundleOverrides, ...rest } = options;
      return createVerifier({
        crypto,
        clock,
        sources: bundleSources(bundle(bundleOverrides)),
        regulatorDid: REGULATOR_DID,
        requireTrustList: true,
        ...rest,
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The measurement
// ---------------------------------------------------------------------------------------------

/**
 * Best-of-rounds rates: the machine may be shared, so the rounds of the measured operations are
 * interleaved and each keeps its fastest round (closest to an uncontended core).
 */
async function measure(
  rounds: number,
  cases: { label: string; iterations: number; once: () => unknown }[],
): Promise<Map<string, number>> {
  const best = new Map<string, number>();
  for (const c of cases) for (let i = 0; i < 200; i++) await c.once();
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      const start = performance.now();
      for (let i = 0; i < c.iterations; i++) await c.once();
      const perSecond = c.iterations / ((performance.now() - start) / 1000);
      best.set(c.label, Math.max(best.get(c.label) ?? 0, perSecond));
    }
  }
  for (const [label, perSecond] of best) {
    console.log(`${label.padEnd(58)} ${Math.round(perSecond).toString().padStart(8)} /s`);
  }
  return best;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 12);
  const fixture = await createOneXFixture();
  const verifier = fixture.verifier();
  const jcsCredential = await fixture.sign(fixture.credential(), { cryptosuite: 'eddsa-jcs-2022' });
  const rdfcCredential = await fixture.sign(fixture.credential(), { cryptosuite: 'eddsa-rdfc-2022' });
  for (const [name, credential] of [
    ['jcs', jcsCredential],
    ['rdfc', rdfcCredential],
  ] as const) {
    const result = await verifier.verifyCredential(credential);
    if (!result.verified) {
      throw new Error(
        `${name} fixture does not verify: ${JSON.stringify(result.checks.filter((c) => c.status === 'failed'))}`,
      );
    }
  }
  const message = new Uint8Array(64).fill(7);
  const signature = fixture.signers.issuerKey1.sign(message);
  const publicKey = fixture.signers.issuerKey1.publicKey;
  console.log(`OneX verifier: best of ${rounds} interleaved rounds, one core, all offline checks on`);
  const best = await measure(rounds, [
    {
      label: 'raw node:crypto Ed25519 verify (64-byte message)',
      iterations: 1000,
      once: () => nodeCrypto.ed25519Verify(publicKey, message, signature),
    },
    {
      label: 'verifyCredential, eddsa-jcs-2022',
      iterations: 500,
      once: () => verifier.verifyCredential(jcsCredential),
    },
    {
      label: 'verifyCredential, eddsa-rdfc-2022',
      iterations: 200,
      once: () => verifier.verifyCredential(rdfcCredential),
    },
  ]);
  const raw = best.get('raw node:crypto Ed25519 verify (64-byte message)') ?? 1;
  const jcs = best.get('verifyCredential, eddsa-jcs-2022') ?? 0;
  console.log(`jcs / raw = ${(jcs / raw).toFixed(2)} (target ≥ 0.60)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
