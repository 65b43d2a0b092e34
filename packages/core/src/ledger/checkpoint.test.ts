import { describe, expect, it } from 'vitest';
import vectors from '../../../../../shared/vendor-data/c2sp/signed-note-vectors.json' with { type: 'json' };
import { nobleCrypto } from '../crypto/index.ts';
import { createMerkleHasher, InMemoryTree, toHex } from '../merkle/index.ts';
import { manualClock } from '../shared/index.ts';
import {
  type Checkpoint,
  CheckpointError,
  type CheckpointErrorKind,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
} from './checkpoint.ts';
import { cosignatureSigner, cosignatureVerifier, cosignCheckpoint } from './cosignature.ts';
import {
  decodeBase64,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  NoteError,
  type NoteErrorKind,
  parseNote,
} from './note.ts';

// The pure-JS provider, through crypto's index (core modules may not import each other's internals).
const testCrypto = nobleCrypto;
const testSeed = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);

const ORIGIN = 'onex.example.cn/log';
const log = ed25519NoteSigner(testCrypto, ORIGIN, testSeed(7));
const logVerifier = ed25519NoteVerifier(testCrypto, ORIGIN, log.publicKey);
const clock = manualClock('2025-03-01T08:00:00Z');
const witnesses = [1, 2, 3].map((i) =>
  cosignatureSigner(testCrypto, `witness${i}.edu.example.cn`, testSeed(40 + i), clock),
);
const witnessVerifiers = witnesses.map((w) => cosignatureVerifier(testCrypto, w.name, w.publicKey));

const h = createMerkleHasher(testCrypto);
const tree = new InMemoryTree(h);
for (let i = 0; i < 10; i++) tree.appendData(new TextEncoder().encode(`certificate ${i}`));
const checkpoint: Checkpoint = { origin: ORIGIN, size: tree.size, rootHash: tree.root(), extensions: [] };

function kindOf(f: () => unknown): CheckpointErrorKind | NoteErrorKind | 'no error' {
  try {
    f();
    return 'no error';
  } catch (e) {
    if (e instanceof CheckpointError || e instanceof NoteError) return e.kind;
    throw e;
  }
}

describe('checkpoint body (tlog-checkpoint v1.0.0)', () => {
  it('parses the spec example', () => {
    const ex = vectors.checkpointFormatExample;
    const c = parseCheckpoint(parseNote(ex.signedNote).text);
    expect(c.origin).toBe(ex.origin);
    expect(c.size).toBe(ex.treeSize);
    expect(c.rootHash).toEqual(decodeBase64(ex.rootHashBase64));
    expect(c.extensions).toEqual([]);
    expect(formatCheckpoint(c)).toBe(parseNote(ex.signedNote).text);
  });

  it('formats origin, decimal size and base64 root, one per line, then extension lines', () => {
    const text = formatCheckpoint({ ...checkpoint, extensions: ['ext one', 'ext two'] });
    expect(text).toBe(`${ORIGIN}\n10\n${Buffer.from(tree.root()).toString('base64')}\next one\next two\n`);
    expect(parseCheckpoint(text).extensions).toEqual(['ext one', 'ext two']);
    expect(formatCheckpoint({ ...checkpoint, size: 0, rootHash: h.emptyRoot() })).toMatch(/\n0\n47DEQpj8/);
  });

  it.each([
    ['a size with a leading zero', `${ORIGIN}\n010\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`],
    ['a negative size', `${ORIGIN}\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`],
    ['a size with a plus sign', `${ORIGIN}\n+1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`],
    ['a root of 31 bytes', `${ORIGIN}\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n`],
    ['a root in unpadded base64', `${ORIGIN}\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n`],
    ['two lines', `${ORIGIN}\n1\n`],
    ['an empty origin', '\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['an empty extension line', `${ORIGIN}\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\nx\n`],
    ['no final newline', `${ORIGIN}\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=`],
  ])('rejects %s', (_, text) => {
    expect(kindOf(() => parseCheckpoint(text))).toBe('CHECKPOINT_MALFORMED');
  });

  it('refuses to format an origin with a space or a plus sign, or a bad root', () => {
    expect(kindOf(() => formatCheckpoint({ ...checkpoint, origin: 'a b' }))).toBe('CHECKPOINT_MALFORMED');
    expect(kindOf(() => formatCheckpoint({ ...checkpoint, origin: 'a+b' }))).toBe('CHECKPOINT_MALFORMED');
    expect(kindOf(() => formatCheckpoint({ ...checkpoint, rootHash: new Uint8Array(31) }))).toBe(
      'CHECKPOINT_MALFORMED',
    );
    expect(kindOf(() => formatCheckpoint({ ...checkpoint, extensions: ['a\nb'] }))).toBe(
      'CHECKPOINT_MALFORMED',
    );
  });
});

describe('signed checkpoints', () => {
  const signed = signCheckpoint(checkpoint, [log]);

  it('opens a checkpoint signed by the log', () => {
    const opened = openCheckpoint(signed, logVerifier);
    expect(opened.checkpoint.size).toBe(10);
    expect(toHex(opened.checkpoint.rootHash)).toBe(toHex(tree.root()));
    expect(opened.logSignature.name).toBe(ORIGIN);
    expect(opened.cosignatures).toEqual([]);
  });

  it('reports which witnesses cosigned and enforces k of n', () => {
    const cosigned = cosignCheckpoint(cosignCheckpoint(signed, witnesses[0]!), witnesses[2]!);
    const opened = openCheckpoint(cosigned, logVerifier, {
      witnesses: witnessVerifiers,
      requiredWitnesses: 2,
    });
    expect(opened.cosignatures.map((s) => s.name)).toEqual([witnesses[0]!.name, witnesses[2]!.name]);
    expect(
      kindOf(() =>
        openCheckpoint(cosigned, logVerifier, { witnesses: witnessVerifiers, requiredWitnesses: 3 }),
      ),
    ).toBe('CHECKPOINT_WITNESS_QUORUM');
  });

  it('does not count unnamed witnesses towards the quorum', () => {
    const cosigned = cosignCheckpoint(signed, witnesses[1]!);
    const named = witnessVerifiers.filter((_, i) => i !== 1);
    expect(
      kindOf(() => openCheckpoint(cosigned, logVerifier, { witnesses: named, requiredWitnesses: 1 })),
    ).toBe('CHECKPOINT_WITNESS_QUORUM');
    expect(openCheckpoint(cosigned, logVerifier, { witnesses: named }).unknown.map((s) => s.name)).toEqual([
      witnesses[1]!.name,
    ]);
  });

  it('rejects a checkpoint with a bad cosignature from a named witness', () => {
    // A signature line claiming witness 1's name and key ID, with a signature that does not verify.
    const keyId = Buffer.alloc(4);
    keyId.writeUInt32BE(witnessVerifiers[0]!.keyId);
    const value = Buffer.concat([keyId, Buffer.alloc(72, 1)]).toString('base64');
    const forged = `${signed}\u2014 ${witnesses[0]!.name} ${value}\n`;
    expect(kindOf(() => openCheckpoint(forged, logVerifier, { witnesses: witnessVerifiers }))).toBe(
      'NOTE_BAD_SIGNATURE',
    );
    // Without witnesses configured, the same line is an unknown signature and is ignored.
    expect(openCheckpoint(forged, logVerifier).unknown.map((s) => s.name)).toEqual([witnesses[0]!.name]);
  });

  it('rejects a checkpoint not signed by the log, even if a witness signed it', () => {
    const onlyWitness = cosignCheckpoint(
      signCheckpoint(checkpoint, [ed25519NoteSigner(testCrypto, 'other.example', testSeed(9))]),
      witnesses[0]!,
    );
    expect(kindOf(() => openCheckpoint(onlyWitness, logVerifier, { witnesses: witnessVerifiers }))).toBe(
      'CHECKPOINT_NOT_SIGNED_BY_LOG',
    );
    expect(kindOf(() => openCheckpoint(onlyWitness, logVerifier))).toBe('NOTE_UNVERIFIED');
  });

  it('rejects an origin other than the log key name or the expected origin', () => {
    const other = signCheckpoint({ ...checkpoint, origin: 'onex.example.cn/other' }, [log]);
    expect(kindOf(() => openCheckpoint(other, logVerifier))).toBe('CHECKPOINT_ORIGIN_MISMATCH');
    expect(openCheckpoint(other, logVerifier, { origin: 'onex.example.cn/other' }).checkpoint.origin).toBe(
      'onex.example.cn/other',
    );
  });

  it('rejects a tampered checkpoint and an impossible witness policy', () => {
    expect(kindOf(() => openCheckpoint(signed.replace('\n10\n', '\n11\n'), logVerifier))).toBe(
      'NOTE_BAD_SIGNATURE',
    );
    expect(
      kindOf(() =>
        openCheckpoint(signed, logVerifier, { witnesses: witnessVerifiers, requiredWitnesses: 4 }),
      ),
    ).toBe('CHECKPOINT_BAD_POLICY');
  });

  it('rejects a signed note whose body is not a checkpoint', () => {
    const note = signCheckpoint(checkpoint, [log]).replace(/^[^\n]*\n/, '');
    expect(kindOf(() => openCheckpoint(note, logVerifier))).toBe('NOTE_BAD_SIGNATURE');
    const signedJunk = `${ORIGIN}\nnot a size\nroot\n`;
    const junk = `${signedJunk}\n\u2014 ${ORIGIN} ${Buffer.concat([
      Buffer.from(logVerifier.keyId.toString(16).padStart(8, '0'), 'hex'),
      Buffer.from(log.sign(new TextEncoder().encode(signedJunk))),
    ]).toString('base64')}\n`;
    expect(kindOf(() => openCheckpoint(junk, logVerifier))).toBe('CHECKPOINT_MALFORMED');
  });
});
