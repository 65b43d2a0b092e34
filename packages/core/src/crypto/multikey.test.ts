import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/index.ts';
import { base58btcEncode } from './multibase.ts';
import {
  decodePublicKeyMultibase,
  decodeSecretKeyMultibase,
  didKeyFromPublicKey,
  didKeyVerificationMethodId,
  encodePublicKeyMultibase,
  encodeSecretKeyMultibase,
  importSecretKeyMultibase,
  parseVerificationMethodId,
  publicKeyFromDidKey,
  resolveDidKey,
} from './multikey.ts';
import { nobleCrypto } from './noble-provider.ts';
import { nodeCrypto } from './node-provider.ts';

const vendor = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../../../shared/vendor-data/${path}`, import.meta.url), 'utf8'));

const w3cKey: { publicKeyMultibase: string; privateKeyMultibase: string } = vendor(
  'w3c-vc-di-eddsa/TestVectors/keyPair.json',
);
const w3cChainKeys: Record<string, { publicKeyMultibase: string; privateKeyMultibase: string }> = vendor(
  'w3c-vc-di-eddsa/TestVectors/proof-set-chain/multiKeyPairs.json',
);
const oneEdTech: {
  keyPair: {
    publicKeyHex: string;
    ed25519SeedHex: string;
    publicKeyMultibase: string;
    secretKeyMultibase: string;
    verificationMethod: string;
  };
} = vendor('1edtech-openbadges-specification/test-vectors/eddsa-rdfc-2022-vector.json');

/** The part of @digitalbazaar/ed25519-multikey (untyped) this test uses. */
interface DbKeyPair {
  export(options: { publicKey: boolean; secretKey: boolean; includeContext: boolean }): Promise<{
    publicKeyMultibase: string;
    secretKeyMultibase: string;
  }>;
  signer(): { sign(options: { data: Uint8Array }): Promise<Uint8Array> };
  verifier(): { verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
}
interface DbMultikeyModule {
  generate(): Promise<DbKeyPair>;
  from(key: Record<string, string>): Promise<DbKeyPair>;
}
// A non-literal specifier keeps tsc from looking for type declarations the package does not ship.
const DB_MULTIKEY = '@digitalbazaar/ed25519-multikey';
const loadDbMultikey = async (): Promise<DbMultikeyModule> => (await import(DB_MULTIKEY)) as DbMultikeyModule;

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.code : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

describe('Ed25519 Multikey', () => {
  it('imports the W3C vc-di-eddsa key pair and derives its publicKeyMultibase', () => {
    const { seed, embeddedPublicKey } = decodeSecretKeyMultibase(w3cKey.privateKeyMultibase);
    expect(seed.length).toBe(32);
    expect(embeddedPublicKey).toBeUndefined();
    const pair = importSecretKeyMultibase(nodeCrypto, w3cKey.privateKeyMultibase);
    expect(pair.publicKeyMultibase).toBe(w3cKey.publicKeyMultibase);
    expect(encodeSecretKeyMultibase(seed)).toBe(w3cKey.privateKeyMultibase);
    expect(w3cKey.privateKeyMultibase.startsWith('z3u2')).toBe(true);
  });

  it('imports the four W3C proof-set key pairs', () => {
    for (const key of Object.values(w3cChainKeys)) {
      const pair = importSecretKeyMultibase(nobleCrypto, key.privateKeyMultibase);
      expect(pair.publicKeyMultibase).toBe(key.publicKeyMultibase);
      expect(encodePublicKeyMultibase(decodePublicKeyMultibase(key.publicKeyMultibase))).toBe(
        key.publicKeyMultibase,
      );
    }
  });

  it('imports the 1EdTech vector key in its legacy 64-byte seed‖public form', () => {
    const { keyPair } = oneEdTech;
    const { seed, embeddedPublicKey } = decodeSecretKeyMultibase(keyPair.secretKeyMultibase);
    expect(toHex(seed)).toBe(keyPair.ed25519SeedHex);
    expect(embeddedPublicKey && toHex(embeddedPublicKey)).toBe(keyPair.publicKeyHex);
    const pair = importSecretKeyMultibase(nodeCrypto, keyPair.secretKeyMultibase);
    expect(pair.publicKeyMultibase).toBe(keyPair.publicKeyMultibase);
    expect(toHex(decodePublicKeyMultibase(keyPair.publicKeyMultibase))).toBe(keyPair.publicKeyHex);
    // Re-exported in the current 32-byte form.
    expect(encodeSecretKeyMultibase(seed).startsWith('z3u2')).toBe(true);
  });

  it('rejects a 64-byte secret key whose public half does not match its seed', () => {
    const { seed } = decodeSecretKeyMultibase(oneEdTech.keyPair.secretKeyMultibase);
    const forged = new Uint8Array(66);
    forged.set([0x80, 0x26], 0);
    forged.set(seed, 2);
    forged.set(new Uint8Array(32).fill(7), 34);
    const value = `z${base58btcEncode(forged)}`;
    expect(codeOf(() => importSecretKeyMultibase(nodeCrypto, value))).toBe('CRYPTO_BAD_MULTIKEY');
  });

  it('agrees with @digitalbazaar/ed25519-multikey on the exported form', async () => {
    const Ed25519Multikey = await loadDbMultikey();
    const keyPair = await Ed25519Multikey.generate();
    const exported = await keyPair.export({ publicKey: true, secretKey: true, includeContext: true });
    // v1.3.1 still exports the legacy 64-byte seed‖public form (`zrv…`).
    const pair = importSecretKeyMultibase(nodeCrypto, exported.secretKeyMultibase);
    expect(pair.publicKeyMultibase).toBe(exported.publicKeyMultibase);
    expect(decodeSecretKeyMultibase(exported.secretKeyMultibase).embeddedPublicKey).toEqual(pair.publicKey);
    // A signature made here verifies with Digital Bazaar's verifier.
    const data = Uint8Array.of(1, 2, 3);
    const signature = nodeCrypto.ed25519Signer(pair.seed).sign(data);
    expect(await keyPair.verifier().verify({ data, signature })).toBe(true);
    // And Digital Bazaar imports the 32-byte form OneX writes, signing identically.
    const reimported = await Ed25519Multikey.from({
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      controller: `did:key:${pair.publicKeyMultibase}`,
      id: `did:key:${pair.publicKeyMultibase}#${pair.publicKeyMultibase}`,
      publicKeyMultibase: pair.publicKeyMultibase,
      secretKeyMultibase: encodeSecretKeyMultibase(pair.seed),
    });
    expect(Buffer.from(await reimported.signer().sign({ data })).toString('hex')).toBe(toHex(signature));
  });

  it('rejects other prefixes, headers and lengths with coded errors', () => {
    const { publicKeyMultibase } = w3cKey;
    const key = decodePublicKeyMultibase(publicKeyMultibase);
    const withHeader = (header: number[], body: Uint8Array) =>
      `z${base58btcEncode(Uint8Array.from([...header, ...body]))}`;
    const cases: [string, string][] = [
      ['', 'CRYPTO_BAD_MULTIKEY'],
      [`u${Buffer.from(key).toString('base64url')}`, 'CRYPTO_BAD_MULTIKEY'],
      [withHeader([0xe7, 0x01], key), 'CRYPTO_BAD_MULTIKEY'], // secp256k1-pub
      [withHeader([0xec, 0x01], key), 'CRYPTO_BAD_MULTIKEY'], // x25519-pub
      [withHeader([0xed, 0x01], key.subarray(0, 31)), 'CRYPTO_BAD_MULTIKEY'],
      [withHeader([0xed, 0x01], Uint8Array.from([...key, 0])), 'CRYPTO_BAD_MULTIKEY'],
      ['z6Mk0OIl', 'CRYPTO_BAD_MULTIBASE'],
    ];
    for (const [value, code] of cases)
      expect(
        codeOf(() => decodePublicKeyMultibase(value)),
        value,
      ).toBe(code);
    expect(codeOf(() => decodeSecretKeyMultibase(publicKeyMultibase))).toBe('CRYPTO_BAD_MULTIKEY');
    expect(codeOf(() => decodeSecretKeyMultibase(withHeader([0x80, 0x26], new Uint8Array(48))))).toBe(
      'CRYPTO_BAD_MULTIKEY',
    );
    expect(codeOf(() => encodePublicKeyMultibase(new Uint8Array(33)))).toBe('CRYPTO_BAD_KEY');
    expect(codeOf(() => encodeSecretKeyMultibase(new Uint8Array(64)))).toBe('CRYPTO_BAD_KEY');
  });

  it('never puts secret key material into an error', () => {
    const secret = oneEdTech.keyPair.secretKeyMultibase;
    const truncated = secret.slice(0, -3);
    try {
      decodeSecretKeyMultibase(truncated);
      expect.unreachable();
    } catch (e) {
      expect(JSON.stringify(isDomainError(e) && [e.message, e.details])).not.toContain(
        truncated.slice(5, 20),
      );
    }
  });
});

describe('did:key', () => {
  const did = `did:key:${w3cKey.publicKeyMultibase}`;

  it('builds the did:key and verification method id of a public key', () => {
    const key = decodePublicKeyMultibase(w3cKey.publicKeyMultibase);
    expect(didKeyFromPublicKey(key)).toBe(did);
    expect(didKeyVerificationMethodId(key)).toBe(`${did}#${w3cKey.publicKeyMultibase}`);
    expect(publicKeyFromDidKey(did)).toEqual(key);
  });

  it('resolves a did:key to its DID document', () => {
    const vmId = `${did}#${w3cKey.publicKeyMultibase}`;
    expect(resolveDidKey(did)).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        { id: vmId, type: 'Multikey', controller: did, publicKeyMultibase: w3cKey.publicKeyMultibase },
      ],
      authentication: [vmId],
      assertionMethod: [vmId],
      capabilityInvocation: [vmId],
      capabilityDelegation: [vmId],
    });
  });

  it('rejects DIDs that are not an Ed25519 did:key with CRYPTO_BAD_DID', () => {
    for (const value of [
      '',
      'did:web:example.com',
      'did:key:',
      `did:key:${w3cKey.publicKeyMultibase}#${w3cKey.publicKeyMultibase}`,
      `did:key:${w3cKey.publicKeyMultibase}/path`,
      `did:key:1:${w3cKey.publicKeyMultibase}`,
      'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', // secp256k1
      'did:key:z6Mk',
      `did:key:${w3cKey.publicKeyMultibase.slice(0, -1)}`,
    ]) {
      expect(
        codeOf(() => resolveDidKey(value)),
        value,
      ).toBe('CRYPTO_BAD_DID');
    }
  });
});

describe('parseVerificationMethodId', () => {
  it('takes the key of a did:key verification method from the id itself', () => {
    const id = `did:key:${w3cKey.publicKeyMultibase}#${w3cKey.publicKeyMultibase}`;
    const ref = parseVerificationMethodId(id);
    expect(ref.kind).toBe('did:key');
    if (ref.kind !== 'did:key') return;
    expect(ref.did).toBe(`did:key:${w3cKey.publicKeyMultibase}`);
    expect(ref.publicKeyMultibase).toBe(w3cKey.publicKeyMultibase);
    expect(ref.publicKey).toEqual(decodePublicKeyMultibase(w3cKey.publicKeyMultibase));
  });

  it('returns the controller and fragment of a URL or other DID', () => {
    expect(parseVerificationMethodId(oneEdTech.keyPair.verificationMethod)).toEqual({
      kind: 'url',
      id: oneEdTech.keyPair.verificationMethod,
      controller: 'https://example.edu/issuers/565049',
      fragment: oneEdTech.keyPair.publicKeyMultibase,
    });
    expect(parseVerificationMethodId('did:web:example.com#key-1')).toMatchObject({
      kind: 'url',
      controller: 'did:web:example.com',
      fragment: 'key-1',
    });
  });

  it('rejects a did:key whose fragment is another key, and ids that are not DIDs or URLs', () => {
    const other = Object.values(w3cChainKeys)[0]!.publicKeyMultibase;
    expect(codeOf(() => parseVerificationMethodId(`did:key:${w3cKey.publicKeyMultibase}#${other}`))).toBe(
      'CRYPTO_BAD_DID',
    );
    expect(codeOf(() => parseVerificationMethodId(`did:key:${w3cKey.publicKeyMultibase}`))).toBe(
      'CRYPTO_BAD_DID',
    );
    for (const id of ['', 'key-1', '#key-1', 'example.com/key', 'did:', 'did:web:']) {
      expect(
        codeOf(() => parseVerificationMethodId(id)),
        id,
      ).toBe('CRYPTO_BAD_VERIFICATION_METHOD');
    }
  });
});
