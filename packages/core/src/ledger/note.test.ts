import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vectors from '../../../../../shared/vendor-data/c2sp/signed-note-vectors.json' with { type: 'json' };
import { nobleCrypto } from '../crypto/index.ts';
import { toHex } from '../merkle/index.ts';
import {
  addNoteSignatures,
  decodeBase64,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  encodeBase64,
  formatVerifierKey,
  keyIdHex,
  MAX_NOTE_SIGNATURES,
  NoteError,
  type NoteErrorKind,
  noteKeyId,
  noteVerifierFromKey,
  openNote,
  parseNote,
  parseVerifierKey,
  SIG_TYPE_ED25519,
  signNote,
} from './note.ts';

// The pure-JS provider, through crypto's index (core modules may not import each other's internals).
const testCrypto = nobleCrypto;
const testSeed = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);

const example = vectors.signedNoteExample;
const alice = ed25519NoteSigner(testCrypto, 'onex.example/alice', testSeed(1));
const bob = ed25519NoteSigner(testCrypto, 'onex.example/bob', testSeed(2));
const verifierOf = (s: typeof alice) => ed25519NoteVerifier(testCrypto, s.name, s.publicKey);

function kindOf(f: () => unknown): NoteErrorKind | 'no error' {
  try {
    f();
    return 'no error';
  } catch (e) {
    if (e instanceof NoteError) return e.kind;
    throw e;
  }
}

describe('C2SP signed-note example (signed-note v1.0.0)', () => {
  it('parses the verifier key and checks its key ID', () => {
    const key = parseVerifierKey(testCrypto, example.verifierKey);
    expect(key.name).toBe(example.keyName);
    expect(keyIdHex(key.keyId)).toBe(example.keyIdHex);
    expect(key.sigType).toBe(example.signatureType);
    expect(toHex(key.publicKey)).toBe(example.ed25519PublicKeyHex);
  });

  it('formats the same verifier key from the name and public key', () => {
    const pub = decodeBase64(example.ed25519PublicKeyBase64)!;
    expect(formatVerifierKey(testCrypto, example.keyName, SIG_TYPE_ED25519, pub)).toBe(example.verifierKey);
    expect(keyIdHex(noteKeyId(testCrypto, example.keyName, SIG_TYPE_ED25519, pub))).toBe('530d903a');
  });

  it('opens the signed example note, as a string and as bytes', () => {
    const verifier = noteVerifierFromKey(testCrypto, example.verifierKey);
    for (const input of [example.signedNote, new TextEncoder().encode(example.signedNote)]) {
      const opened = openNote(input, [verifier]);
      expect(opened.text).toBe(example.noteText);
      expect(opened.verified.map((s) => s.name)).toEqual([example.keyName]);
      expect(opened.unknown).toEqual([]);
    }
  });

  it('rejects the example note when its text is changed', () => {
    const verifier = noteVerifierFromKey(testCrypto, example.verifierKey);
    const tampered = example.signedNote.replace('example message', 'exemplary message');
    expect(kindOf(() => openNote(tampered, [verifier]))).toBe('NOTE_BAD_SIGNATURE');
  });
});

describe('signing and opening notes', () => {
  it('writes signature lines with an em dash, the key name and base64(key ID ‖ signature)', () => {
    const note = signNote('hello\n', [alice]);
    const [text, line] = note.split('\n\n');
    expect(text).toBe('hello');
    expect(line).toMatch(/^\u2014 onex\.example\/alice [A-Za-z0-9+/]+=*\n$/);
    const value = decodeBase64(line!.trim().split(' ')[2]!)!;
    expect(value.length).toBe(4 + 64);
    expect(toHex(value.subarray(0, 4))).toBe(keyIdHex(alice.keyId));
  });

  it('round-trips through the verifier key the signer publishes', () => {
    const note = signNote('OneX\n1+X\n', [alice, bob]);
    const opened = openNote(note, [noteVerifierFromKey(testCrypto, alice.verifierKey), verifierOf(bob)]);
    expect(opened.verified.map((s) => s.name)).toEqual([alice.name, bob.name]);
  });

  it('keeps empty lines inside the text, splitting at the last blank line', () => {
    const text = '第一段\n\n第二段\n\n';
    expect(openNote(signNote(text, [alice]), [verifierOf(alice)]).text).toBe(text);
  });

  it('round-trips any well-formed text (property)', () => {
    const line = fc
      .string({ unit: 'grapheme', maxLength: 30 })
      .filter((s) => [...s].every((c) => c.charCodeAt(0) >= 0x20));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        expect(openNote(signNote(text, [alice]), [verifierOf(alice)]).text).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('ignores signatures from unknown keys, even with a known name or a known key ID', () => {
    const sameName = ed25519NoteSigner(testCrypto, alice.name, testSeed(3));
    const sameId = { name: 'onex.example/mallory', keyId: alice.keyId, sign: bob.sign };
    const note = signNote('text\n', [sameName, alice, sameId]);
    const opened = openNote(note, [verifierOf(alice)]);
    expect(opened.verified.map((s) => [s.name, s.keyId])).toEqual([[alice.name, alice.keyId]]);
    expect(opened.unknown.map((s) => s.name)).toEqual([alice.name, 'onex.example/mallory']);
  });

  it('rejects the whole note when a known key signature fails, even if another known key verifies', () => {
    const forged = { name: bob.name, keyId: bob.keyId, sign: alice.sign };
    const note = signNote('text\n', [alice, forged]);
    expect(kindOf(() => openNote(note, [verifierOf(alice), verifierOf(bob)]))).toBe('NOTE_BAD_SIGNATURE');
    expect(openNote(note, [verifierOf(alice)]).unknown.map((s) => s.name)).toEqual([bob.name]);
  });

  it('rejects a note that no known key signed', () => {
    expect(kindOf(() => openNote(signNote('text\n', [bob]), [verifierOf(alice)]))).toBe('NOTE_UNVERIFIED');
    expect(kindOf(() => openNote(signNote('text\n', [bob]), []))).toBe('NOTE_UNVERIFIED');
  });

  it('accepts 16 signatures, all from known keys, and up to 100 signature lines', () => {
    const signers = Array.from({ length: 16 }, (_, i) =>
      ed25519NoteSigner(testCrypto, `w${i}.example`, testSeed(10 + i)),
    );
    const note = signNote('sixteen\n', signers);
    expect(openNote(note, signers.map(verifierOf)).verified.length).toBe(16);
    const many = Array.from({ length: MAX_NOTE_SIGNATURES }, (_, i) => ({
      ...alice,
      name: `k${i}.example`,
      keyId: i,
    }));
    expect(openNote(signNote('many\n', [...many.slice(1), alice]), [verifierOf(alice)]).unknown.length).toBe(
      99,
    );
  });

  it('rejects more than 100 signature lines', () => {
    const many = Array.from({ length: MAX_NOTE_SIGNATURES }, (_, i) => ({
      ...alice,
      name: `k${i}.example`,
      keyId: i,
    }));
    const note = `${signNote('many\n', many)}${signNote('many\n', [alice]).split('\n\n')[1]}`;
    expect(kindOf(() => openNote(note, [verifierOf(alice)]))).toBe('NOTE_TOO_MANY_SIGNATURES');
  });

  it('counts a repeated signature of a known key once', () => {
    const note = signNote('text\n', [alice]);
    const line = note.split('\n\n')[1]!;
    expect(openNote(`${note}${line}`, [verifierOf(alice)]).verified.length).toBe(1);
  });

  it('adds signatures after the existing ones', () => {
    const note = addNoteSignatures(signNote('text\n', [alice]), [bob]);
    expect(parseNote(note).signatures.map((s) => s.name)).toEqual([alice.name, bob.name]);
    expect(openNote(note, [verifierOf(alice), verifierOf(bob)]).verified.length).toBe(2);
  });

  it('refuses two verifiers for the same name and key ID', () => {
    expect(kindOf(() => openNote(signNote('t\n', [alice]), [verifierOf(alice), verifierOf(alice)]))).toBe(
      'NOTE_AMBIGUOUS_KEY',
    );
  });
});

describe('malformed notes', () => {
  const good = signNote('text\n', [alice]);
  const sigLine = good.split('\n\n')[1]!;
  const open = (note: string | Uint8Array) => () => openNote(note, [verifierOf(alice)]);

  it.each([
    ['a text that does not end in a newline', 'text\n— x'],
    ['no blank line before the signatures', `text\n${sigLine}`],
    ['an empty signature block', 'text\n\n'],
    ['a signature block without a final newline', good.slice(0, -1)],
    ['a hyphen instead of the em dash', good.replace('\u2014', '-')],
    ['a tab in the text', `te\txt\n\n${sigLine}`],
    ['a carriage return', good.replace('text\n', 'text\r\n')],
    ['a signature line without a space', `text\n\n\u2014 ${alice.name}\n`],
    ['bad base64', good.replace(/ ([A-Za-z0-9+/]+)=*\n$/, ' @@@@\n')],
    ['unpadded base64', good.replace(/=+\n$/, '\n')],
    ['a signature shorter than 5 bytes', `text\n\n\u2014 ${alice.name} AAAAAA==\n`],
    ['a key name with a plus sign', good.replace(alice.name, 'a+b')],
    ['a lone surrogate', `te\ud800xt\n\n${sigLine}`],
  ])('rejects %s', (_, note) => {
    expect(kindOf(open(note))).toBe('NOTE_MALFORMED');
  });

  it('rejects bytes that are not UTF-8', () => {
    const bytes = new TextEncoder().encode(good);
    bytes[1] = 0xff;
    expect(kindOf(open(bytes))).toBe('NOTE_MALFORMED');
  });

  it('refuses to sign a text without a final newline or with control characters', () => {
    expect(kindOf(() => signNote('text', [alice]))).toBe('NOTE_MALFORMED');
    expect(kindOf(() => signNote('a\u0000b\n', [alice]))).toBe('NOTE_MALFORMED');
    expect(kindOf(() => signNote('t\n', [{ ...alice, name: 'has space' }]))).toBe('NOTE_BAD_KEY');
  });
});

describe('verifier keys', () => {
  it('rejects a key ID that does not match', () => {
    const wrong = example.verifierKey.replace('+530d903a+', '+530d903b+');
    expect(kindOf(() => parseVerifierKey(testCrypto, wrong))).toBe('NOTE_KEY_ID_MISMATCH');
  });

  it.each([
    ['no plus signs', 'example.com/foo'],
    ['a short key ID', 'example.com/foo+530d903+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['an empty name', '+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['bad base64', 'example.com/foo+530d903a+Aeky!'],
  ])('rejects a verifier key with %s', (_, vkey) => {
    expect(kindOf(() => parseVerifierKey(testCrypto, vkey))).toBe('NOTE_BAD_KEY');
  });

  it('accepts an uppercase key ID and refuses non-Ed25519 keys as note verifiers', () => {
    expect(parseVerifierKey(testCrypto, example.verifierKey.replace('530d903a', '530D903A')).name).toBe(
      example.keyName,
    );
    const cosignerKey = formatVerifierKey(testCrypto, 'w.example', 0x04, alice.publicKey);
    expect(kindOf(() => noteVerifierFromKey(testCrypto, cosignerKey))).toBe('NOTE_BAD_KEY');
  });
});

describe('base64', () => {
  it('encodes and decodes standard padded base64 and rejects non-canonical forms', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    }
    expect(decodeBase64('QQ==')).toEqual(new Uint8Array([0x41]));
    expect(decodeBase64('QR==')).toBeUndefined();
    expect(decodeBase64('QQ')).toBeUndefined();
    expect(decodeBase64('Q Q==')).toBeUndefined();
    expect(decodeBase64('QQ-_')).toBeUndefined();
  });
});
