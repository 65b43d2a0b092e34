import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/index.ts';
import type { CryptoProvider } from './crypto.ports.ts';
import { nobleCrypto } from './noble-provider.ts';
import { createNodeCrypto, nodeCrypto } from './node-provider.ts';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// RFC 8032 §7.1, TEST 1 (https://www.rfc-editor.org/rfc/rfc8032#section-7.1).
const RFC8032_1 = {
  seed: hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
  publicKey: hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
  message: new Uint8Array(0),
  signature: hex(
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ),
};

const providers: [string, CryptoProvider][] = [
  ['node', nodeCrypto],
  ['noble', nobleCrypto],
];

describe.each(providers)('the %s provider', (_name, crypto) => {
  it('derives the RFC 8032 test 1 public key from its seed', () => {
    expect(toHex(crypto.ed25519PublicKey(RFC8032_1.seed))).toBe(toHex(RFC8032_1.publicKey));
  });

  it('signs the empty message with the RFC 8032 test 1 signature', () => {
    const signer = crypto.ed25519Signer(RFC8032_1.seed);
    expect(toHex(signer.publicKey)).toBe(toHex(RFC8032_1.publicKey));
    expect(toHex(signer.sign(RFC8032_1.message))).toBe(toHex(RFC8032_1.signature));
  });

  it('verifies the RFC 8032 test 1 signature and rejects it for another message', () => {
    expect(crypto.ed25519Verify(RFC8032_1.publicKey, RFC8032_1.message, RFC8032_1.signature)).toBe(true);
    expect(crypto.ed25519Verify(RFC8032_1.publicKey, Uint8Array.of(0), RFC8032_1.signature)).toBe(false);
  });

  it('rejects a signature with one flipped bit', () => {
    const bad = Uint8Array.from(RFC8032_1.signature);
    bad[10]! ^= 1;
    expect(crypto.ed25519Verify(RFC8032_1.publicKey, RFC8032_1.message, bad)).toBe(false);
  });

  it('hashes the concatenation of its parts with SHA-256', () => {
    const abc = new TextEncoder().encode('abc');
    const expected = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(toHex(crypto.sha256(abc))).toBe(expected);
    expect(toHex(crypto.sha256(abc.subarray(0, 1), new Uint8Array(0), abc.subarray(1)))).toBe(expected);
    expect(toHex(crypto.sha256())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('returns plain Uint8Arrays', () => {
    const signer = crypto.ed25519Signer(RFC8032_1.seed);
    for (const value of [crypto.sha256(Uint8Array.of(1)), signer.sign(Uint8Array.of(1)), signer.publicKey]) {
      expect(Object.getPrototypeOf(value)).toBe(Uint8Array.prototype);
    }
  });

  it('returns false, never throws, on garbage of the wrong lengths', () => {
    const { publicKey, message, signature } = RFC8032_1;
    const cases: [Uint8Array, Uint8Array, Uint8Array][] = [
      [publicKey.subarray(0, 31), message, signature],
      [new Uint8Array(33), message, signature],
      [new Uint8Array(0), message, signature],
      [publicKey, message, signature.subarray(0, 63)],
      [publicKey, message, new Uint8Array(65)],
      [publicKey, message, new Uint8Array(0)],
      [new Uint8Array(32), message, new Uint8Array(64)],
      [new Uint8Array(32).fill(0xff), message, new Uint8Array(64).fill(0xff)],
    ];
    for (const [pk, msg, sig] of cases) expect(crypto.ed25519Verify(pk, msg, sig)).toBe(false);
    const notBytes = 'not bytes' as unknown as Uint8Array;
    expect(crypto.ed25519Verify(notBytes, message, signature)).toBe(false);
    expect(crypto.ed25519Verify(publicKey, notBytes, signature)).toBe(false);
  });

  it('never throws on random keys and signatures', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 30, maxLength: 34 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ minLength: 62, maxLength: 66 }),
        (pk, msg, sig) => {
          expect(typeof crypto.ed25519Verify(pk, msg, sig)).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects a seed that is not 32 bytes with CRYPTO_BAD_KEY', () => {
    for (const seed of [new Uint8Array(31), new Uint8Array(64)]) {
      for (const call of [() => crypto.ed25519Signer(seed), () => crypto.ed25519PublicKey(seed)]) {
        try {
          call();
          expect.unreachable();
        } catch (e) {
          expect(isDomainError(e) && e.code).toBe('CRYPTO_BAD_KEY');
        }
      }
    }
  });
});

describe('the node and noble providers', () => {
  it('agree on public keys, signatures, verification and hashes for random inputs', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 300 }),
        (seed, msg) => {
          const a = nodeCrypto.ed25519Signer(seed);
          const b = nobleCrypto.ed25519Signer(seed);
          expect(toHex(a.publicKey)).toBe(toHex(b.publicKey));
          const sig = a.sign(msg);
          expect(toHex(sig)).toBe(toHex(b.sign(msg)));
          expect(nodeCrypto.ed25519Verify(a.publicKey, msg, sig)).toBe(true);
          expect(nobleCrypto.ed25519Verify(a.publicKey, msg, sig)).toBe(true);
          const tampered = Uint8Array.from(msg.length > 0 ? msg : [0]);
          tampered[0]! ^= 0x80;
          expect(nodeCrypto.ed25519Verify(a.publicKey, tampered, sig)).toBe(false);
          expect(nobleCrypto.ed25519Verify(a.publicKey, tampered, sig)).toBe(false);
          expect(toHex(nodeCrypto.sha256(msg, seed))).toBe(toHex(nobleCrypto.sha256(msg, seed)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('agree on random (almost always invalid) signatures', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (pk, msg, sig) => {
          expect(nodeCrypto.ed25519Verify(pk, msg, sig)).toBe(nobleCrypto.ed25519Verify(pk, msg, sig));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('both reject a non-canonical S (S + L), as RFC 8032 §5.1.7 requires', () => {
    // L, the order of the base point, little-endian.
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const s = BigInt(`0x${toHex(RFC8032_1.signature.subarray(32).slice().reverse())}`);
    const sPlusL = (s + L).toString(16).padStart(64, '0');
    const malleated = new Uint8Array(64);
    malleated.set(RFC8032_1.signature.subarray(0, 32), 0);
    malleated.set(hex(sPlusL).reverse(), 32);
    expect(nodeCrypto.ed25519Verify(RFC8032_1.publicKey, RFC8032_1.message, malleated)).toBe(false);
    expect(nobleCrypto.ed25519Verify(RFC8032_1.publicKey, RFC8032_1.message, malleated)).toBe(false);
  });
});

describe('the node provider key cache', () => {
  it('keeps verifying correctly when more keys are used than it holds', () => {
    const crypto = createNodeCrypto({ keyCacheSize: 2 });
    const signers = [1, 2, 3, 4].map((n) => nodeCrypto.ed25519Signer(new Uint8Array(32).fill(n)));
    const msg = Uint8Array.of(1, 2, 3);
    for (let round = 0; round < 3; round++) {
      for (const [i, s] of signers.entries()) {
        expect(crypto.ed25519Verify(s.publicKey, msg, s.sign(msg))).toBe(true);
        // A cached key must never verify another key's signature.
        const other = signers[(i + 1) % signers.length]!;
        expect(crypto.ed25519Verify(s.publicKey, msg, other.sign(msg))).toBe(false);
      }
    }
  });

  it('treats a key given as a view into a larger buffer like the same key copied', () => {
    const signer = nodeCrypto.ed25519Signer(RFC8032_1.seed);
    const big = new Uint8Array(100);
    big.set(signer.publicKey, 40);
    const view = big.subarray(40, 72);
    const msg = Uint8Array.of(9);
    expect(nodeCrypto.ed25519Verify(view, msg, signer.sign(msg))).toBe(true);
  });
});
