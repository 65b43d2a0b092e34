import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { base58btcDecode, jcs } from '../crypto/index.ts';
import { createOneXFixture, ISSUER_DID, type OneXFixture } from './bench-verify.ts';
import type { Cryptosuite, JsonObject } from './credential.model.ts';
import {
  canonicalizeJcs,
  canonicalizeJcsBytes,
  signDataIntegrity,
  signDataIntegritySync,
  verifyDataIntegrity,
  verifyDataIntegrityEager,
} from './proof.ts';
import { canonize } from './rdfc/index.ts';

let fx: OneXFixture;
beforeAll(async () => {
  fx = await createOneXFixture();
});

const VM = `${ISSUER_DID}#key-1`;
const publicKeyFor = (vm: string) => (vm === VM ? fx.signers.issuerKey1.publicKey : undefined);
const options = () => ({ crypto: nodeCrypto, publicKeyFor });
const signOptions = (cryptosuite: Cryptosuite) => ({
  cryptosuite,
  signer: fx.signers.issuerKey1,
  verificationMethod: VM,
  created: '2025-03-01T08:00:05Z',
  crypto: nodeCrypto,
});
const sha = (s: string) => nodeCrypto.sha256(new TextEncoder().encode(s));
const concat = (a: Uint8Array, b: Uint8Array) => Uint8Array.from([...a, ...b]);

describe('signDataIntegrity', () => {
  for (const cryptosuite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
    it(`signs a credential that verifies (${cryptosuite})`, async () => {
      const signed = await signDataIntegrity(fx.credential(), signOptions(cryptosuite));
      const proof = signed['proof'] as JsonObject;
      expect(proof).toMatchObject({
        type: 'DataIntegrityProof',
        cryptosuite,
        verificationMethod: VM,
        proofPurpose: 'assertionMethod',
        created: '2025-03-01T08:00:05Z',
      });
      expect((proof['proofValue'] as string).startsWith('z')).toBe(true);
      expect(base58btcDecode((proof['proofValue'] as string).slice(1))).toHaveLength(64);
      const result = await verifyDataIntegrity(signed, options());
      expect(result.verified, result.message.en).toBe(true);
    });

    it(`signs the same bytes synchronously as asynchronously (${cryptosuite})`, async () => {
      const sync = signDataIntegritySync(fx.credential(), signOptions(cryptosuite));
      expect(sync).toEqual(await signDataIntegrity(fx.credential(), signOptions(cryptosuite)));
    });
  }

  it('hashes SHA-256(proof configuration) ‖ SHA-256(document), in that order (rdfc)', async () => {
    const signed = await signDataIntegrity(fx.credential(), signOptions('eddsa-rdfc-2022'));
    const { proof, ...document } = signed;
    const { proofValue, ...proofOptions } = proof as JsonObject;
    const proofCanon = await canonize({ ...proofOptions, '@context': document['@context'] });
    const hashData = concat(sha(proofCanon), sha(await canonize(document)));
    const signature = base58btcDecode((proofValue as string).slice(1));
    expect(nodeCrypto.ed25519Verify(fx.signers.issuerKey1.publicKey, hashData, signature)).toBe(true);
    const swapped = concat(sha(await canonize(document)), sha(proofCanon));
    expect(nodeCrypto.ed25519Verify(fx.signers.issuerKey1.publicKey, swapped, signature)).toBe(false);
  });

  it("gives an eddsa-jcs-2022 proof the document's @context and hashes the JCS forms", async () => {
    const signed = await signDataIntegrity(fx.credential(), signOptions('eddsa-jcs-2022'));
    const { proof, ...document } = signed;
    const { proofValue, ...proofOptions } = proof as JsonObject;
    expect(proofOptions['@context']).toEqual(document['@context']);
    const hashData = concat(sha(jcs(proofOptions)), sha(jcs(document)));
    const signature = base58btcDecode((proofValue as string).slice(1));
    expect(nodeCrypto.ed25519Verify(fx.signers.issuerKey1.publicKey, hashData, signature)).toBe(true);
  });

  it('returns undefined from the synchronous form when the fast RDFC path declines the document', () => {
    const credential = fx.credential();
    const [a, b, c] = credential['@context'] as string[];
    credential['@context'] = [b!, a!, c!]; // valid JSON-LD, but outside the fast path's context lists
    expect(signDataIntegritySync(credential, signOptions('eddsa-rdfc-2022'))).toBeUndefined();
  });

  it('adds a second proof as a proof set, and chains with previousProof', async () => {
    const once = await signDataIntegrity(fx.credential(), {
      ...signOptions('eddsa-jcs-2022'),
      id: 'urn:uuid:p1',
    });
    const set = await signDataIntegrity(once, signOptions('eddsa-rdfc-2022'));
    expect(set['proof']).toHaveLength(2);
    expect((await verifyDataIntegrity(set, options())).verified).toBe(true);
    const chain = await signDataIntegrity(once, {
      ...signOptions('eddsa-rdfc-2022'),
      previousProof: 'urn:uuid:p1',
    });
    const result = await verifyDataIntegrity(chain, options());
    expect(result.verified, result.message.en).toBe(true);
    await expect(
      signDataIntegrity(once, { ...signOptions('eddsa-rdfc-2022'), previousProof: 'urn:uuid:nope' }),
    ).rejects.toMatchObject({ code: 'CREDENTIAL_SIGN_INPUT_INVALID' });
  });

  it('refuses the legacy eddsa-2022 name, a bad created time and a document without @context', async () => {
    await expect(
      signDataIntegrity(fx.credential(), {
        ...signOptions('eddsa-rdfc-2022'),
        cryptosuite: 'eddsa-2022' as Cryptosuite,
      }),
    ).rejects.toMatchObject({ code: 'CREDENTIAL_SIGN_INPUT_INVALID' });
    await expect(
      signDataIntegrity(fx.credential(), { ...signOptions('eddsa-jcs-2022'), created: 'now' }),
    ).rejects.toMatchObject({ code: 'CREDENTIAL_SIGN_INPUT_INVALID' });
    await expect(signDataIntegrity({ name: 'x' }, signOptions('eddsa-jcs-2022'))).rejects.toMatchObject({
      code: 'CREDENTIAL_SIGN_INPUT_INVALID',
    });
  });

  it('refuses to sign with rdfc what JSON-LD safe mode rejects', async () => {
    const credential = { ...fx.credential(), undefinedTerm: 'not in any context' };
    await expect(signDataIntegrity(credential, signOptions('eddsa-rdfc-2022'))).rejects.toMatchObject({
      code: 'CREDENTIAL_CANONICALIZATION_FAILED',
      details: { cause: 'JSONLD_SAFE_MODE_VIOLATION' },
    });
  });
});

describe('verifyDataIntegrity', () => {
  it('ignores proofs of unknown types but needs one it supports', async () => {
    const signed = await signDataIntegrity(fx.credential(), signOptions('eddsa-jcs-2022'));
    const withUnknown = { ...signed, proof: [{ type: 'SomeProofType' }, signed['proof'] as JsonObject] };
    const result = await verifyDataIntegrity(withUnknown, options());
    expect(result.verified).toBe(true);
    expect(result.proofs.map((p) => p.status)).toEqual(['ignored', 'verified']);
    const onlyUnknown = await verifyDataIntegrity(
      { ...signed, proof: { type: 'Ed25519Signature2020' } },
      options(),
    );
    expect(onlyUnknown).toMatchObject({ verified: false, code: 'PROOF_UNSUPPORTED' });
    const unknownSuite = await verifyDataIntegrity(
      { ...signed, proof: { ...(signed['proof'] as JsonObject), cryptosuite: 'ecdsa-rdfc-2019' } },
      options(),
    );
    expect(unknownSuite.code).toBe('PROOF_UNSUPPORTED');
  });

  it('reports a missing proof, a malformed proof and a non-object document with codes', async () => {
    expect((await verifyDataIntegrity(fx.credential(), options())).code).toBe('PROOF_MISSING');
    expect((await verifyDataIntegrity('text', options())).code).toBe('PROOF_MALFORMED');
    const signed = await signDataIntegrity(fx.credential(), signOptions('eddsa-jcs-2022'));
    const proof = signed['proof'] as JsonObject;
    for (const [field, value] of [
      ['proofValue', 'u1234'],
      ['proofValue', 'z1'],
      ['created', 'yesterday'],
      ['verificationMethod', 7],
      ['proofPurpose', undefined],
      ['cryptosuite', undefined],
      ['challenge', 5],
    ] as const) {
      const result = await verifyDataIntegrity({ ...signed, proof: { ...proof, [field]: value } }, options());
      expect({ field, code: result.code }).toEqual({ field, code: 'PROOF_MALFORMED' });
    }
  });

  it('checks the eddsa-jcs-2022 @context rule, and accepts a jcs proof without @context', async () => {
    const signed = await signDataIntegrity(fx.credential(), signOptions('eddsa-jcs-2022'));
    const proof = signed['proof'] as JsonObject;
    const mismatch = {
      ...signed,
      proof: { ...proof, '@context': ['https://www.w3.org/ns/credentials/v2', 'https://x.example'] },
    };
    expect((await verifyDataIntegrity(mismatch, options())).code).toBe('PROOF_CONTEXT_MISMATCH');
    // A proof made without @context (allowed: the spec only "strongly advises" it).
    const { proof: _, ...document } = signed;
    const { proofValue: __, '@context': ___, ...bare } = proof;
    const hashData = concat(sha(canonicalizeJcs(bare)), sha(canonicalizeJcs(document)));
    const proofValue = `z${(await import('../crypto/index.ts')).base58btcEncode(fx.signers.issuerKey1.sign(hashData))}`;
    const result = await verifyDataIntegrity({ ...document, proof: { ...bare, proofValue } }, options());
    expect(result.verified, result.message.en).toBe(true);
  });

  it('names canonicalization failures, unknown keys, unresolvable methods and expired proofs', async () => {
    const signed = await signDataIntegrity(fx.credential(), signOptions('eddsa-rdfc-2022'));
    const proof = signed['proof'] as JsonObject;
    expect((await verifyDataIntegrity({ ...signed, surprise: 1 }, options())).code).toBe(
      'PROOF_CANONICALIZATION',
    );
    const unknownKey = { ...signed, proof: { ...proof, verificationMethod: `${ISSUER_DID}#key-9` } };
    expect((await verifyDataIntegrity(unknownKey, options())).code).toBe('PROOF_KEY_UNRESOLVED');
    const throwing = {
      crypto: nodeCrypto,
      publicKeyFor: () => {
        throw new Error('boom');
      },
    };
    expect((await verifyDataIntegrity(signed, throwing)).code).toBe('PROOF_KEY_UNRESOLVED');
    const mailto = await signDataIntegrity(fx.credential(), {
      ...signOptions('eddsa-jcs-2022'),
      verificationMethod: 'mailto:key@x.example',
    });
    expect((await verifyDataIntegrity(mailto, options())).code).toBe('PROOF_KEY_UNRESOLVED');
    const expiring = await signDataIntegrity(fx.credential(), {
      ...signOptions('eddsa-jcs-2022'),
      expires: '2025-04-01T00:00:00Z',
    });
    expect(
      (await verifyDataIntegrity(expiring, { ...options(), now: new Date('2025-03-15T00:00:00Z') })).verified,
    ).toBe(true);
    expect(
      (await verifyDataIntegrity(expiring, { ...options(), now: new Date('2025-05-01T00:00:00Z') })).code,
    ).toBe('PROOF_EXPIRED');
  });

  it('answers synchronously on the fast path', async () => {
    const signed = await signDataIntegrity(fx.credential(), signOptions('eddsa-jcs-2022'));
    const result = verifyDataIntegrityEager(signed, options());
    expect(result instanceof Promise).toBe(false);
    expect((result as { verified: boolean }).verified).toBe(true);
  });
});

describe('canonicalizeJcs (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = Object.keys(JSON.parse(canonicalizeJcs(input)) as object);
    // JSON.parse reorders the integer-like key "1" first; compare the text instead.
    expect(keys).toContain('1');
    expect(canonicalizeJcs(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serializes numbers as ECMAScript does (RFC 8785 §3.2.2.3 example)', () => {
    // 333333333.33333329 as written in the RFC (the nearest double prints as 333333333.3333333).
    expect(
      canonicalizeJcs([Number('333333333.33333329'), 1e30, 4.5, 2e-3, 0.000000000000000000000000001, -0]),
    ).toBe('[333333333.3333333,1e+30,4.5,0.002,1e-27,0]');
  });

  it('rejects what is not I-JSON', () => {
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      [undefined],
      '\ud800',
      { '\udc00': 1 },
      new Date(0),
      1n,
    ]) {
      expect(() => canonicalizeJcs(bad)).toThrow(TypeError);
      expect(() => canonicalizeJcsBytes(bad)).toThrow(TypeError);
    }
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => canonicalizeJcs(cycle)).toThrow(TypeError);
  });

  it('gives the same text as the crypto module jcs, and its UTF-8 bytes, for any JSON value', () => {
    // Lone surrogates are not I-JSON: canonicalizeJcs refuses them (tested above).
    const ok = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
    const wellFormed = (v: unknown): boolean => {
      if (typeof v === 'string') return ok(v);
      if (Array.isArray(v)) return v.every(wellFormed);
      if (v !== null && typeof v === 'object')
        return Object.entries(v).every(([k, x]) => ok(k) && wellFormed(x));
      return true;
    };
    fc.assert(
      fc.property(fc.jsonValue().filter(wellFormed), (value) => {
        const text = canonicalizeJcs(value);
        expect(text).toBe(jcs(value));
        expect(Buffer.from(canonicalizeJcsBytes(value)).equals(Buffer.from(text, 'utf8'))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
