import { describe, expect, it } from 'vitest';
import vectors from '../../../../../shared/vendor-data/c2sp/signed-note-vectors.json' with { type: 'json' };
import { nobleCrypto } from '../crypto/index.ts';
import { toHex } from '../merkle/index.ts';
import { manualClock } from '../shared/index.ts';
import { openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts';
import {
  COSIGNATURE_V1_HEADER,
  cosignatureMessage,
  cosignatureSigner,
  cosignatureTimestamp,
  cosignatureVerifier,
  cosignatureVerifierFromKey,
  cosignCheckpoint,
  formatCosignature,
  parseCosignature,
  SIG_TYPE_COSIGNATURE_V1,
  verifyCosignature,
} from './cosignature.ts';
import {
  decodeBase64,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  keyIdHex,
  NoteError,
  noteKeyId,
  openNote,
  parseNote,
  parseVerifierKey,
} from './note.ts';

// The pure-JS provider, through crypto's index (core modules may not import each other's internals).
const testCrypto = nobleCrypto;
const testSeed = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);

const ORIGIN = 'onex.example.cn/log';
const log = ed25519NoteSigner(testCrypto, ORIGIN, testSeed(7));
const logVerifier = ed25519NoteVerifier(testCrypto, ORIGIN, log.publicKey);
const clock = manualClock('2025-03-01T08:00:00Z');
const T = Date.parse('2025-03-01T08:00:00Z') / 1000;
const witness = cosignatureSigner(testCrypto, 'witness.edu.example.cn', testSeed(42), clock);
const signed = signCheckpoint(
  { origin: ORIGIN, size: 3, rootHash: new Uint8Array(32).fill(9), extensions: [] },
  [log],
);
const text = parseNote(signed).text;

// The example cosignature line of c2sp.org/tlog-cosignature (its public key is not published).
const SPEC_COSIGNATURE =
  'jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';

describe('tlog-cosignature v1 (Ed25519) format', () => {
  it('builds the signed message of the spec example', () => {
    const body = parseNote(vectors.checkpointFormatExample.signedNote).text;
    expect(new TextDecoder().decode(cosignatureMessage(body, 1679315147))).toBe(
      'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(COSIGNATURE_V1_HEADER).toBe('cosignature/v1\n');
  });

  it('decodes the timestamp of the spec example cosignature', () => {
    const value = decodeBase64(SPEC_COSIGNATURE)!;
    expect(value.length).toBe(4 + 8 + 64);
    const cosig = parseCosignature(value.subarray(4))!;
    expect(cosig.timestamp).toBe(1679315147);
    expect(cosig.signature.length).toBe(64);
  });

  it('encodes timestamp ‖ signature big-endian and rejects other lengths', () => {
    const v = formatCosignature(2 ** 40 + 5, new Uint8Array(64).fill(3));
    expect(toHex(v.subarray(0, 8))).toBe('0000010000000005');
    expect(parseCosignature(v)?.timestamp).toBe(2 ** 40 + 5);
    expect(parseCosignature(v.subarray(1))).toBeUndefined();
    const huge = v.slice();
    huge[0] = 0x7f;
    expect(parseCosignature(huge)).toBeUndefined();
  });

  it('derives the key ID with signature type 0x04 and publishes a type-0x04 verifier key', () => {
    expect(witness.keyId).toBe(
      noteKeyId(testCrypto, witness.name, SIG_TYPE_COSIGNATURE_V1, witness.publicKey),
    );
    expect(witness.keyId).not.toBe(noteKeyId(testCrypto, witness.name, 0x01, witness.publicKey));
    const key = parseVerifierKey(testCrypto, witness.verifierKey);
    expect([key.sigType, keyIdHex(key.keyId)]).toEqual([0x04, keyIdHex(witness.keyId)]);
    expect(cosignatureVerifierFromKey(testCrypto, witness.verifierKey).keyId).toBe(witness.keyId);
    expect(() => cosignatureVerifierFromKey(testCrypto, log.verifierKey)).toThrowError(NoteError);
  });
});

describe('cosigning checkpoints', () => {
  it('adds a timestamped cosignature after the log signature', () => {
    const cosigned = cosignCheckpoint(signed, witness);
    const sigs = parseNote(cosigned).signatures;
    expect(sigs.map((s) => s.name)).toEqual([ORIGIN, witness.name]);
    expect(sigs[1]!.signature.length).toBe(72);
    expect(cosignatureTimestamp(sigs[1]!)).toBe(T);
    const opened = openCheckpoint(cosigned, logVerifier, {
      witnesses: [cosignatureVerifier(testCrypto, witness.name, witness.publicKey)],
      requiredWitnesses: 1,
    });
    expect(opened.cosignatures.map((s) => cosignatureTimestamp(s))).toEqual([T]);
  });

  it('verifies a cosignature value and rejects a changed timestamp, checkpoint or key', () => {
    const value = witness.sign(new TextEncoder().encode(text));
    expect(verifyCosignature(testCrypto, witness.publicKey, text, value)).toEqual({ ok: true, timestamp: T });
    const later = value.slice();
    later[7]! ^= 1;
    expect(verifyCosignature(testCrypto, witness.publicKey, text, later)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(verifyCosignature(testCrypto, witness.publicKey, text.replace('\n3\n', '\n4\n'), value).ok).toBe(
      false,
    );
    expect(verifyCosignature(testCrypto, log.publicKey, text, value).ok).toBe(false);
    expect(verifyCosignature(testCrypto, witness.publicKey, text, value.subarray(8))).toEqual({
      ok: false,
      reason: 'MALFORMED',
    });
  });

  it('rejects cosignatures from the future when given a clock', () => {
    const ahead = manualClock('2025-03-01T09:00:00Z');
    const future = cosignatureSigner(testCrypto, 'w.example', testSeed(43), ahead).sign(
      new TextEncoder().encode(text),
    );
    const pub = testCrypto.ed25519PublicKey(testSeed(43));
    expect(verifyCosignature(testCrypto, pub, text, future, { clock })).toEqual({
      ok: false,
      reason: 'FUTURE_TIMESTAMP',
    });
    expect(verifyCosignature(testCrypto, pub, text, future, { clock, maxFutureSeconds: 3600 }).ok).toBe(true);
    expect(verifyCosignature(testCrypto, pub, text, future).ok).toBe(true);
  });

  it('keeps cosignatures and plain note signatures apart (domain separation)', () => {
    const plain = ed25519NoteSigner(testCrypto, witness.name, testSeed(42));
    const plainNote = signCheckpoint(parseCheckpoint(text), [plain]);
    const cosignatureOnly = cosignatureVerifier(testCrypto, witness.name, witness.publicKey);
    // Different key IDs: a plain signature is an unknown key for the cosignature verifier.
    expect(() => openNote(plainNote, [cosignatureOnly])).toThrowError(
      expect.objectContaining({ kind: 'NOTE_UNVERIFIED' }),
    );
    // Even claiming the cosigner key ID, a plain Ed25519 signature does not verify as a cosignature.
    const forged = { name: witness.name, keyId: witness.keyId, sign: plain.sign };
    expect(() => openNote(signCheckpoint(parseCheckpoint(text), [forged]), [cosignatureOnly])).toThrowError(
      expect.objectContaining({ kind: 'NOTE_BAD_SIGNATURE' }),
    );
  });

  it('refuses to cosign a note that is not a checkpoint', () => {
    const notCheckpoint = `hello\n\n\u2014 ${ORIGIN} ${Buffer.alloc(68).toString('base64')}\n`;
    expect(() => cosignCheckpoint(notCheckpoint, witness)).toThrowError(
      expect.objectContaining({ kind: 'CHECKPOINT_MALFORMED' }),
    );
  });
});
