/**
 * `npm run bench -- credentials`: verification and signing throughput of OneX credentials against
 * raw node:crypto Ed25519 and against @digitalbazaar/vc, on the same credential, in one run.
 * Targets (issue 3): eddsa-jcs-2022 verify/s with every offline check on ≥ 0.6 × raw Ed25519
 * verify/s; eddsa-rdfc-2022 verify/s and sign/s ≥ 10 × @digitalbazaar/vc.
 */
import { createOneXFixture, fixtureSeed, ISSUER_DID } from '../packages/core/src/credentials/bench-verify.ts';
import { nodeCrypto } from '../packages/core/src/crypto/node-provider.ts';
import { type JsonObject, signDataIntegrity } from '../packages/core/src/index.ts';
import type { BenchResult } from './run.ts';
import { referenceKey, referenceLoader, referenceSign, referenceVerify } from './support/reference-vc.ts';

/** Best rate over interleaved rounds: a shared machine disturbs rounds, not the fastest one. */
async function measure(rounds: number, cases: { label: string; iterations: number; once: () => unknown }[]) {
  const best = new Map<string, number>();
  for (const c of cases) for (let i = 0; i < Math.min(50, c.iterations); i++) await c.once();
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      const start = performance.now();
      for (let i = 0; i < c.iterations; i++) await c.once();
      best.set(
        c.label,
        Math.max(best.get(c.label) ?? 0, c.iterations / ((performance.now() - start) / 1000)),
      );
    }
  }
  return best;
}

export async function run(): Promise<BenchResult> {
  const fixture = await createOneXFixture(nodeCrypto);
  const verifier = fixture.verifier();
  const unsigned = fixture.credential();
  const jcs = await fixture.sign(unsigned, { cryptosuite: 'eddsa-jcs-2022' });
  const rdfc = await fixture.sign(unsigned, { cryptosuite: 'eddsa-rdfc-2022' });
  for (const vc of [jcs, rdfc]) {
    const r = await verifier.verifyCredential(vc);
    if (!r.verified)
      throw new Error(
        `fixture does not verify: ${JSON.stringify(r.checks.filter((c) => c.status === 'failed'))}`,
      );
  }

  const vm = `${ISSUER_DID}#key-1`;
  const loader = referenceLoader(fixture.didDocuments);
  const key = await referenceKey(
    fixtureSeed(nodeCrypto, 'TEO-0002/key-1'),
    fixture.signers.issuerKey1.publicKey,
    vm,
  );
  const refSigned = await referenceSign(unsigned, key, 'eddsa-rdfc-2022', loader);
  const refCheck = await referenceVerify(rdfc, 'eddsa-rdfc-2022', loader);
  if (!refCheck.verified)
    throw new Error(`@digitalbazaar/vc does not verify the OneX credential: ${String(refCheck.error)}`);
  if (!(await verifier.verifyCredential(refSigned)).verified)
    throw new Error('OneX does not verify the reference credential');

  const message = new Uint8Array(64).fill(7);
  const signature = fixture.signers.issuerKey1.sign(message);
  const publicKey = fixture.signers.issuerKey1.publicKey;
  const sign = (cryptosuite: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022') => () =>
    signDataIntegrity(unsigned as JsonObject, {
      cryptosuite,
      signer: fixture.signers.issuerKey1,
      verificationMethod: vm,
      created: '2025-03-01T08:00:00Z',
      crypto: nodeCrypto,
    });
  // OneX and the raw limit are measured first, in interleaved rounds; the reference afterwards, so
  // the garbage its JSON-LD expansion leaves does not land in OneX's rounds as GC pauses.
  const rounds = 15;
  const best = await measure(rounds, [
    { label: 'raw', iterations: 2000, once: () => nodeCrypto.ed25519Verify(publicKey, message, signature) },
    { label: 'jcsVerify', iterations: 1000, once: () => verifier.verifyCredential(jcs) },
    { label: 'rdfcVerify', iterations: 400, once: () => verifier.verifyCredential(rdfc) },
    { label: 'rdfcSign', iterations: 400, once: sign('eddsa-rdfc-2022') },
    { label: 'jcsSign', iterations: 1000, once: sign('eddsa-jcs-2022') },
  ]);
  const reference = await measure(4, [
    { label: 'refVerify', iterations: 15, once: () => referenceVerify(rdfc, 'eddsa-rdfc-2022', loader) },
    { label: 'refSign', iterations: 15, once: () => referenceSign(unsigned, key, 'eddsa-rdfc-2022', loader) },
  ]);
  for (const [k, v] of reference) best.set(k, v);
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  const x = (a: number, b: number) => `${(a / b).toFixed(2)} ×`;
  const g = (k: string) => best.get(k) ?? 0;
  const bytes = new TextEncoder().encode(JSON.stringify(rdfc)).length;
  return {
    title: `One OneX AchievementCredential (${bytes} bytes signed, eddsa-rdfc-2022) verified with every offline check on (shape against the OB 3.0 JSON Schema, proof, issuer key, issuer accredited on the regulator's signed trust list, catalog, validity, revocation and suspension status lists), against raw node:crypto Ed25519 and @digitalbazaar/vc 7.3 on the same credential. Best of ${rounds} interleaved rounds on one core (the reference: best of 4, measured after); caches warm (DID documents, status lists and trust list verified once per TTL).`,
    rows: [
      {
        metric: 'raw node:crypto Ed25519 verify/s',
        value: f(g('raw')),
        note: '64-byte message, KeyObject reused',
      },
      {
        metric: 'OneX verify/s, eddsa-jcs-2022, all checks',
        value: f(g('jcsVerify')),
        note: `${x(g('jcsVerify'), g('raw'))} raw Ed25519 (target ≥ 0.6 ×)`,
      },
      {
        metric: 'OneX verify/s, eddsa-rdfc-2022, all checks',
        value: f(g('rdfcVerify')),
        note: `${x(g('rdfcVerify'), g('refVerify'))} @digitalbazaar/vc (target ≥ 10 ×)`,
      },
      { metric: '@digitalbazaar/vc verify/s, eddsa-rdfc-2022, proof only', value: f(g('refVerify')) },
      {
        metric: 'OneX sign/s, eddsa-rdfc-2022',
        value: f(g('rdfcSign')),
        note: `${x(g('rdfcSign'), g('refSign'))} @digitalbazaar/vc (target ≥ 10 ×)`,
      },
      { metric: '@digitalbazaar/vc sign/s, eddsa-rdfc-2022', value: f(g('refSign')) },
      { metric: 'OneX sign/s, eddsa-jcs-2022', value: f(g('jcsSign')) },
    ],
    notes: [
      'The reference verifies the proof only (its status check is stubbed); OneX runs every offline check, so the ratio understates OneX.',
      'Both sides verify each other’s credentials before timing starts (the run aborts otherwise).',
    ],
  };
}
