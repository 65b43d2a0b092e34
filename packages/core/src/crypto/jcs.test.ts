import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/index.ts';
import { jcs, jcsBytes } from './jcs.ts';
import { base58btcDecode } from './multibase.ts';
import { decodeSecretKeyMultibase, parseVerificationMethodId } from './multikey.ts';
import { nobleCrypto } from './noble-provider.ts';
import { nodeCrypto } from './node-provider.ts';

const vectors = 'w3c-vc-di-eddsa/TestVectors';
const read = (path: string) =>
  readFileSync(new URL(`../../../../../shared/vendor-data/${path}`, import.meta.url), 'utf8');
const json = (path: string): unknown => JSON.parse(read(path));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.code : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

describe('jcs', () => {
  it('sorts keys by UTF-16 code units and serializes numbers as ECMAScript does (RFC 8785 §3.2)', () => {
    // RFC 8785 §3.2.3 sorting example, reduced.
    expect(
      jcs({
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '1': 'One',
        '\u{1F600}': 'Emoji',
        '\u0080': 'Control',
      }),
    ).toBe('{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u20ac":"Euro Sign","\u{1F600}":"Emoji"}');
    // RFC 8785 §3.2.2.3 number examples.
    expect(jcs(JSON.parse('[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001, -0]'))).toBe(
      '[333333333.3333333,1e+30,4.5,0.002,1e-27,0]',
    );
    expect(jcs({ b: [true, false, null], a: 'x\u000f"\\' })).toBe(
      '{"a":"x\\u000f\\"\\\\","b":[true,false,null]}',
    );
  });

  it('canonicalizes the W3C eddsa-jcs-2022 document and proof configuration', () => {
    const unsigned = json(`${vectors}/unsigned.json`);
    const proofConfig = json(`${vectors}/eddsa-jcs-2022/proofConfigJCS.json`);
    expect(jcs(unsigned)).toBe(read(`${vectors}/eddsa-jcs-2022/canonDocJCS.txt`).trim());
    expect(jcs(proofConfig)).toBe(read(`${vectors}/eddsa-jcs-2022/proofCanonJCS.txt`).trim());
    expect(toHex(nodeCrypto.sha256(jcsBytes(unsigned)))).toBe(
      read(`${vectors}/eddsa-jcs-2022/docHashJCS.txt`).trim(),
    );
    expect(toHex(nodeCrypto.sha256(jcsBytes(proofConfig)))).toBe(
      read(`${vectors}/eddsa-jcs-2022/proofHashJCS.txt`).trim(),
    );
  });

  it('reproduces and verifies the W3C eddsa-jcs-2022 signature with both providers', () => {
    const signed = json(`${vectors}/eddsa-jcs-2022/signedJCS.json`) as {
      proof: { proofValue: string; verificationMethod: string };
    };
    const { proofValue, ...proofOptions } = signed.proof;
    const { proof: _proof, ...document } = signed;
    // hashData = SHA-256(canonical proof config) ‖ SHA-256(canonical document), proof first.
    const hashData = new Uint8Array(64);
    hashData.set(nodeCrypto.sha256(jcsBytes(proofOptions)), 0);
    hashData.set(nodeCrypto.sha256(jcsBytes(document)), 32);
    expect(toHex(hashData)).toBe(read(`${vectors}/eddsa-jcs-2022/combinedHashJCS.txt`).trim());

    const vm = parseVerificationMethodId(proofOptions.verificationMethod);
    if (vm.kind !== 'did:key') throw new Error('expected a did:key');
    const signature = base58btcDecode(proofValue.slice(1));
    expect(toHex(signature)).toBe(read(`${vectors}/eddsa-jcs-2022/sigHexJCS.txt`).trim());
    expect(nodeCrypto.ed25519Verify(vm.publicKey, hashData, signature)).toBe(true);
    expect(nobleCrypto.ed25519Verify(vm.publicKey, hashData, signature)).toBe(true);

    const { seed } = decodeSecretKeyMultibase(
      (json(`${vectors}/keyPair.json`) as { privateKeyMultibase: string }).privateKeyMultibase,
    );
    expect(toHex(nodeCrypto.ed25519Signer(seed).sign(hashData))).toBe(toHex(signature));
  });

  it('skips object properties that are undefined, as JSON.stringify does', () => {
    expect(jcs({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('rejects values JSON cannot represent with CRYPTO_NOT_JSON', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { back: cyclic };
    const cyclicArray: unknown[] = [];
    cyclicArray.push(cyclicArray);
    class Point {
      x = 1;
    }
    const cases: unknown[] = [
      undefined,
      () => 1,
      Symbol('s'),
      10n,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      { a: Number.NEGATIVE_INFINITY },
      [1, undefined],
      // biome-ignore lint/suspicious/noSparseArray: a hole is the point of this case
      [1, , 3],
      { nested: { f() {} } },
      { big: [1n] },
      cyclic,
      cyclicArray,
      new Date(0),
      new Map([[1, 2]]),
      new Uint8Array(2),
      new Point(),
      { toJSON: () => 'sneaky' },
      'lone \ud800 surrogate',
      { key: '\udc00' },
    ];
    for (const value of cases)
      expect(
        codeOf(() => jcs(value)),
        String(value),
      ).toBe('CRYPTO_NOT_JSON');
  });

  it('names the path of the offending value', () => {
    try {
      jcs({ proof: { created: Number.NaN } });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.details['path']).toBe('$.proof.created');
    }
  });

  it('accepts shared (non-cyclic) references and objects without a prototype', () => {
    const shared = { x: 1 };
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 2, a: 1 });
    expect(jcs({ p: shared, q: shared, r: bare })).toBe('{"p":{"x":1},"q":{"x":1},"r":{"a":1,"b":2}}');
  });
});
