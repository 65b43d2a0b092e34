import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../credentials/index.ts';
import { jcsBytes } from '../crypto/index.ts';
import { proveConsistency } from '../merkle/index.ts';
import { manualClock } from '../shared/index.ts';
import type { LogEntry, LogProofBundle } from './ledger.model.ts';
import { createLoggedCheck, logProofVerifier } from './logged-check.ts';
import { ed25519NoteSigner } from './note.ts';
import { TestLog, testCrypto } from './test-log.ts';
import { memoryWitnessState, Witness } from './witness.ts';

const credential = (n: number): JsonObject => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: 'did:web:onex.example:teos:TEO-0002',
  name: `证书 ${n}`,
  proof: { type: 'DataIntegrityProof', proofValue: `z${n}` },
});

const digestOf = (c: JsonObject) => testCrypto.sha256(jcsBytes(c));

const event = (c: JsonObject, kind: LogEntry['kind'] = 'ISSUE'): LogEntry => ({
  kind,
  credentialId: c.id as string,
  digest: digestOf(c),
  issuerDid: 'did:web:onex.example:teos:TEO-0002',
  certificateCode: 'X-0102',
  level: 2,
  reason: kind === 'ISSUE' ? null : 'reason',
  at: new Date('2026-09-01T08:00:00Z'),
});

/** A log holding credentials 0…299 (issued), then a revocation of credential 5. */
function fixture() {
  const log = new TestLog();
  const creds = Array.from({ length: 300 }, (_, i) => credential(i));
  log.append(creds.slice(0, 200).map((c) => event(c)));
  log.append(creds.slice(200).map((c) => event(c)));
  log.append([event(creds[5]!, 'REVOKE')]);
  const verify = logProofVerifier({ crypto: testCrypto, logVerifierKey: log.signer.verifierKey });
  return { log, creds, verify };
}

describe('the logged check', () => {
  it('passes for a credential whose ISSUE entry is proven to a checkpoint signed by the log', async () => {
    const { log, creds, verify } = fixture();
    const check = verify(creds[250]!, await log.bundle(250));
    expect(check).toMatchObject({
      name: 'logged',
      status: 'passed',
      details: { index: 250, size: 301, origin: 'onex.example/log' },
    });
    expect(check.message.zh).toMatch(/第 250 条/);
    expect(check.message.en).toMatch(/entry 250/);
  });

  it('fails LOG_ENTRY_MISMATCH for a credential changed (or re-signed) after issuance', async () => {
    const { log, creds, verify } = fixture();
    const changed = { ...creds[7]!, name: '证书 7（高级）' };
    expect(verify(changed, await log.bundle(7))).toMatchObject({
      status: 'failed',
      code: 'LOG_ENTRY_MISMATCH',
    });
  });

  it('fails LOG_ENTRY_MISMATCH for another credential’s entry and for a status-change entry', async () => {
    const { log, creds, verify } = fixture();
    expect(verify(creds[8]!, await log.bundle(7))).toMatchObject({
      status: 'failed',
      code: 'LOG_ENTRY_MISMATCH',
    });
    expect(verify(creds[5]!, await log.bundle(300))).toMatchObject({
      status: 'failed',
      code: 'LOG_ENTRY_MISMATCH',
    });
  });

  it('fails LOG_CHECKPOINT_INVALID for a checkpoint signed by another key', async () => {
    const { log, creds, verify } = fixture();
    const impostor = ed25519NoteSigner(testCrypto, log.origin, new Uint8Array(32).fill(1));
    const check = verify(creds[9]!, await log.bundle(9, log.checkpoint(log.state.size, [impostor])));
    expect(check).toMatchObject({ status: 'failed', code: 'LOG_CHECKPOINT_INVALID' });
  });

  it('fails LOG_INCLUSION_INVALID for a proof that does not lead to the signed root', async () => {
    const { log, creds, verify } = fixture();
    const good = await log.bundle(10);
    const flipped = good.proof.map((p, i) => (i === 2 ? p.replace(/^./, p[0] === 'A' ? 'B' : 'A') : p));
    expect(verify(creds[10]!, { ...good, proof: flipped })).toMatchObject({
      status: 'failed',
      code: 'LOG_INCLUSION_INVALID',
    });
    expect(verify(creds[10]!, { ...good, index: 11 })).toMatchObject({
      status: 'failed',
      code: 'LOG_INCLUSION_INVALID',
    });
    expect(verify(creds[10]!, { ...good, proof: good.proof.slice(1) })).toMatchObject({
      status: 'failed',
      code: 'LOG_INCLUSION_INVALID',
    });
  });

  it('requires the named witnesses when asked to', async () => {
    const { log, creds } = fixture();
    const witness = new Witness({
      crypto: testCrypto,
      clock: manualClock('2026-09-01T08:00:00Z'),
      name: 'jyt.zj.gov.cn/witness',
      seed: new Uint8Array(32).fill(5),
      logs: [log.signer.verifierKey],
      state: memoryWitnessState(),
      consistencyProof: (_o, a, b) => proveConsistency(log.h, log.tree, a, b),
    });
    const strict = logProofVerifier({
      crypto: testCrypto,
      logVerifierKey: log.signer.verifierKey,
      witnesses: [witness.verifierKey],
      requiredWitnesses: 1,
    });
    expect(strict(creds[3]!, await log.bundle(3))).toMatchObject({
      status: 'failed',
      code: 'LOG_CHECKPOINT_INVALID',
    });
    const cosigned = (await witness.cosign(log.checkpoint())).note;
    const check = strict(creds[3]!, await log.bundle(3, cosigned));
    expect(check).toMatchObject({ status: 'passed', details: { witnesses: ['jyt.zj.gov.cn/witness'] } });
  });

  it('fails LOG_PROOF_MISSING without a proof, skips credentials this log does not record, and catches a failing source', async () => {
    const { log, creds } = fixture();
    const make = (proofFor: () => Promise<LogProofBundle | undefined>) =>
      createLoggedCheck({
        crypto: testCrypto,
        logVerifierKey: log.signer.verifierKey,
        appliesTo: (c) => c.issuer === 'did:web:onex.example:teos:TEO-0002',
        proofFor,
      });
    expect(await make(async () => undefined).run(creds[0]!)).toMatchObject({
      status: 'failed',
      code: 'LOG_PROOF_MISSING',
    });
    expect(await make(async () => undefined).run({ ...creds[0]!, issuer: 'did:key:z6Mk' })).toMatchObject({
      status: 'skipped',
    });
    const failing = make(async () => {
      throw new Error('database down');
    });
    expect(await failing.run(creds[0]!)).toMatchObject({ status: 'failed', code: 'CHECK_FAILED_TO_RUN' });
    expect(await make(() => log.bundle(0)).run(creds[0]!)).toMatchObject({ status: 'passed' });
  });

  it('never throws, whatever the bundle holds', async () => {
    const { creds, verify } = fixture();
    fc.assert(
      fc.property(fc.anything(), (bundle) => {
        const check = verify(creds[0]!, bundle);
        return check.name === 'logged' && check.status === 'failed';
      }),
      { numRuns: 300 },
    );
    const shaped = fc.record({
      checkpoint: fc.string(),
      index: fc.integer(),
      entry: fc.base64String(),
      proof: fc.array(fc.base64String(), { maxLength: 30 }),
    });
    fc.assert(
      fc.property(shaped, (bundle) => verify(creds[0]!, bundle).status === 'failed'),
      { numRuns: 300 },
    );
  });
});
