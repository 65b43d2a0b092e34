import { describe, expect, it } from 'vitest';
import { proveConsistency } from '../merkle/index.ts';
import { DomainError, manualClock } from '../shared/index.ts';
import { openCheckpoint } from './checkpoint.ts';
import { cosignatureVerifierFromKey } from './cosignature.ts';
import type { LogEntry } from './ledger.model.ts';
import { addNoteSignatures, ed25519NoteSigner, noteVerifierFromKey } from './note.ts';
import { TestLog, testCrypto } from './test-log.ts';
import { memoryWitnessState, Witness } from './witness.ts';

const entry = (i: number): LogEntry => ({
  kind: 'ISSUE',
  credentialId: `urn:uuid:${i}`,
  digest: new Uint8Array(32).fill(i & 0xff),
  issuerDid: 'did:web:onex.example:teos:TEO-0002',
  certificateCode: 'X-0102',
  level: 1,
  reason: null,
  at: new Date(1_790_000_000_000),
});

const clock = manualClock('2026-09-01T08:00:00Z');

function setup(log: TestLog, name = 'jyt.zj.gov.cn/witness', seed = 11) {
  return new Witness({
    crypto: testCrypto,
    clock,
    name,
    seed: new Uint8Array(32).fill(seed),
    logs: [log.signer.verifierKey],
    state: memoryWitnessState(),
    consistencyProof: (_origin, from, to) => proveConsistency(log.h, log.tree, from, to),
  });
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe('LEDGER_WITNESS_REFUSED');
  return String((e as DomainError).details.reason);
}

describe('a witness (c2sp.org/tlog-cosignature)', () => {
  it('cosigns a first checkpoint, then a larger one after verifying the consistency proof', async () => {
    const log = new TestLog();
    log.append([entry(0), entry(1), entry(2)]);
    const witness = setup(log);
    const first = await witness.cosign(log.checkpoint());
    expect(first.size).toBe(3);
    expect(first.line).toMatch(/^— jyt\.zj\.gov\.cn\/witness [A-Za-z0-9+/]+=*\n$/);
    log.append(Array.from({ length: 300 }, (_, i) => entry(3 + i)));
    const second = await witness.cosign(log.checkpoint());
    expect(second.size).toBe(303);
    const opened = openCheckpoint(second.note, noteVerifierFromKey(testCrypto, log.signer.verifierKey), {
      witnesses: [cosignatureVerifierFromKey(testCrypto, witness.verifierKey)],
      requiredWitnesses: 1,
    });
    expect(opened.cosignatures.map((s) => s.name)).toEqual(['jyt.zj.gov.cn/witness']);
  });

  it('cosigns the same checkpoint again, but refuses another root at the same size (a fork)', async () => {
    const log = new TestLog();
    log.append([entry(0), entry(1)]);
    const witness = setup(log);
    await witness.cosign(log.checkpoint());
    await witness.cosign(log.checkpoint());
    const fork = new TestLog();
    fork.append([entry(0), entry(99)]);
    expect(await refusal(witness.cosign(fork.checkpoint()))).toBe('FORK');
  });

  it('refuses a smaller tree than the last it cosigned (a rollback)', async () => {
    const log = new TestLog();
    log.append([entry(0), entry(1), entry(2)]);
    const witness = setup(log);
    await witness.cosign(log.checkpoint());
    expect(await refusal(witness.cosign(log.checkpoint(2)))).toBe('ROLLBACK');
  });

  it('refuses a larger tree that does not extend the one it saw (the proof fails)', async () => {
    const log = new TestLog();
    log.append([entry(0), entry(1), entry(2)]);
    const witness = setup(log);
    await witness.cosign(log.checkpoint());
    // The log rewrites history: a different tree of 5 entries, signed with the same key.
    const rewritten = new TestLog();
    rewritten.append([entry(0), entry(7), entry(2), entry(3), entry(4)]);
    const liar = new Witness({
      crypto: testCrypto,
      clock,
      name: 'jyt.zj.gov.cn/witness',
      seed: new Uint8Array(32).fill(11),
      logs: [log.signer.verifierKey],
      state: memoryWitnessState(),
      consistencyProof: (_o, from, to) => proveConsistency(rewritten.h, rewritten.tree, from, to),
    });
    await liar.cosign(log.checkpoint());
    expect(await refusal(liar.cosign(rewritten.checkpoint()))).toBe('INCONSISTENT');
  });

  it('refuses a checkpoint the log did not sign, a log it does not serve, and garbage', async () => {
    const log = new TestLog();
    log.append([entry(0)]);
    const witness = setup(log);
    const impostor = ed25519NoteSigner(testCrypto, log.origin, new Uint8Array(32).fill(99));
    expect(await refusal(witness.cosign(log.checkpoint(1, [impostor])))).toBe('LOG_SIGNATURE');
    const other = new TestLog('other.example/log');
    other.append([entry(0)]);
    expect(await refusal(witness.cosign(other.checkpoint()))).toBe('UNKNOWN_LOG');
    expect(await refusal(witness.cosign('not a note'))).toBe('MALFORMED');
  });

  it('lets a verifier require k of n named witnesses', async () => {
    const log = new TestLog();
    log.append([entry(0), entry(1)]);
    const a = setup(log, 'jyt.zj.gov.cn/witness', 11);
    const b = setup(log, 'jyt.gd.gov.cn/witness', 12);
    const c = setup(log, 'jyt.sc.gov.cn/witness', 13);
    const cp = log.checkpoint();
    const byA = (await a.cosign(cp)).note;
    const byAB = addNoteSignatures(byA, []) + (await b.cosign(cp)).line;
    const verifiers = [a, b, c].map((w) => cosignatureVerifierFromKey(testCrypto, w.verifierKey));
    const logVerifier = noteVerifierFromKey(testCrypto, log.signer.verifierKey);
    expect(
      openCheckpoint(byAB, logVerifier, { witnesses: verifiers, requiredWitnesses: 2 }).cosignatures,
    ).toHaveLength(2);
    const e = (() => {
      try {
        openCheckpoint(byA, logVerifier, { witnesses: verifiers, requiredWitnesses: 2 });
      } catch (x) {
        return x as DomainError;
      }
      return undefined;
    })();
    expect(e?.code).toBe('CHECKPOINT_WITNESS_QUORUM');
  });
});
