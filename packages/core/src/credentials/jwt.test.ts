import { readFileSync } from 'node:fs';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64urlEncode, type Signer } from '../crypto/index.ts';
import { createOneXFixture, ISSUER_DID, type OneXFixture } from './bench-verify.ts';
import type { JsonObject } from './credential.model.ts';
import { isCompactJws, signVcJwt, verifyVcJwt } from './jwt.ts';

let fx: OneXFixture;
beforeAll(async () => {
  fx = await createOneXFixture();
});

const KID = `${ISSUER_DID}#key-1`;
const options = () => ({
  crypto: nodeCrypto,
  resolveKeyFromKid: (kid: string) => (kid === KID ? fx.signers.issuerKey1.publicKey : undefined),
});
const utf8 = new TextEncoder();
const b64 = (v: unknown) => base64urlEncode(utf8.encode(JSON.stringify(v)));

/** A JWS over arbitrary header and payload, for the cases signVcJwt would never produce. */
function rawJws(header: JsonObject, payload: JsonObject, signer: Signer): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${base64urlEncode(signer.sign(utf8.encode(input)))}`;
}

function claimsOf(credential: JsonObject): JsonObject {
  return {
    iss: ISSUER_DID,
    jti: credential['id'] as string,
    nbf: Math.floor(Date.parse(credential['validFrom'] as string) / 1000),
  };
}

describe('VC-JWT (EdDSA)', () => {
  it('signs and verifies the vc claim style with a kid', async () => {
    const credential = fx.credential();
    const jws = signVcJwt(credential, { signer: fx.signers.issuerKey1, kid: KID });
    expect(isCompactJws(jws)).toBe(true);
    const result = await verifyVcJwt(jws, options());
    expect(result.verified, result.message.en).toBe(true);
    expect(result.style).toBe('vc-claim');
    expect(result.kid).toBe(KID);
    expect(result.credential).toEqual(credential);
    expect(result.header).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: KID });
    expect(result.payload).toMatchObject(claimsOf(credential));
  });

  it('signs and verifies the VC-JOSE style (the credential is the payload) with an embedded jwk', async () => {
    const credential = fx.credential();
    const jws = signVcJwt(credential, { signer: fx.signers.issuerKey1, style: 'payload' });
    const result = await verifyVcJwt(jws, { crypto: nodeCrypto, resolveKeyFromKid: () => undefined });
    expect(result.verified, result.message.en).toBe(true);
    expect(result.style).toBe('payload');
    expect(result.credential).toEqual(credential);
    expect(result.publicKey).toEqual(fx.signers.issuerKey1.publicKey);
  });

  it('folds jti, iss and nbf back into a vc claim that omits them (VC-JWT 1.1 decoding)', async () => {
    const credential = fx.credential();
    const { id: _id, issuer: _issuer, validFrom: _validFrom, ...rest } = credential;
    const jws = rawJws(
      { alg: 'EdDSA', kid: KID },
      { ...claimsOf(credential), vc: rest },
      fx.signers.issuerKey1,
    );
    const result = await verifyVcJwt(jws, options());
    expect(result.verified, result.message.en).toBe(true);
    expect(result.credential?.['id']).toBe(credential['id']);
    expect(result.credential?.['issuer']).toBe(ISSUER_DID);
    expect(result.credential?.['validFrom']).toBe(credential['validFrom']);
  });

  it('rejects claims that disagree with the credential', async () => {
    const credential = fx.credential();
    for (const [what, claims] of [
      ['iss', { ...claimsOf(credential), iss: 'did:web:other.example' }],
      ['jti', { ...claimsOf(credential), jti: 'urn:uuid:other' }],
      ['nbf', { ...claimsOf(credential), nbf: 1 }],
      ['missing iss', { jti: credential['id'], nbf: claimsOf(credential)['nbf'] }],
      ['missing nbf', { iss: ISSUER_DID, jti: credential['id'] }],
      ['sub', { ...claimsOf(credential), sub: 'did:example:someone' }],
      ['exp', { ...claimsOf(credential), sub: 'did:example:learner', exp: 1 }],
    ] as const) {
      const vc: JsonObject = {
        ...credential,
        credentialSubject: { ...(credential['credentialSubject'] as JsonObject), id: 'did:example:learner' },
      };
      if (what === 'exp') vc['validUntil'] = '2030-01-01T00:00:00Z';
      const jws = rawJws(
        { alg: 'EdDSA', kid: KID },
        { sub: 'did:example:learner', ...(claims as JsonObject), vc },
        fx.signers.issuerKey1,
      );
      const result = await verifyVcJwt(jws, options());
      expect({ what, code: result.code }).toEqual({ what, code: 'JWT_CLAIMS_MISMATCH' });
      expect(result.message.en).toContain(what.replace('missing ', ''));
    }
  });

  it('reports RS256 (the vendored 1EdTech samples) as an unsupported algorithm, with the decoded credential', async () => {
    const sample = readFileSync(
      new URL(
        '../../../../../shared/vendor-data/1edtech-digital-credentials-public-validator/ob30/simple.jwt',
        import.meta.url,
      ),
      'utf8',
    ).trim();
    const result = await verifyVcJwt(sample, options());
    expect(result.code).toBe('JWT_UNSUPPORTED_ALG');
    expect(result.credential?.['type']).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
  });

  it('refuses forbidden headers, a bad typ, a private jwk and a missing key', async () => {
    const credential = fx.credential();
    const payload = { ...claimsOf(credential), vc: credential };
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(fx.signers.issuerKey1.publicKey) };
    for (const [what, header, code] of [
      ['crit header', { alg: 'EdDSA', kid: KID, crit: ['exp'] }, 'JWT_MALFORMED'],
      ['x5u header', { alg: 'EdDSA', kid: KID, x5u: 'https://x.example' }, 'JWT_MALFORMED'],
      ['typ', { alg: 'EdDSA', kid: KID, typ: 'JOSE' }, 'JWT_MALFORMED'],
      ['no key', { alg: 'EdDSA' }, 'JWT_MALFORMED'],
      ['private jwk', { alg: 'EdDSA', jwk: { ...jwk, d: 'AAAA' } }, 'JWT_KEY_UNRESOLVED'],
      ['RSA jwk', { alg: 'EdDSA', jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, 'JWT_KEY_UNRESOLVED'],
      ['unknown kid', { alg: 'EdDSA', kid: `${ISSUER_DID}#key-9` }, 'JWT_KEY_UNRESOLVED'],
      ['alg none', { alg: 'none', kid: KID }, 'JWT_UNSUPPORTED_ALG'],
    ] as const) {
      const result = await verifyVcJwt(
        rawJws(header as JsonObject, payload, fx.signers.issuerKey1),
        options(),
      );
      expect({ what, code: result.code }).toEqual({ what, code });
    }
  });

  it('accepts the non-standard alg name Ed25519', async () => {
    const credential = fx.credential();
    const jws = rawJws(
      { alg: 'Ed25519', kid: KID },
      { ...claimsOf(credential), vc: credential },
      fx.signers.issuerKey1,
    );
    expect((await verifyVcJwt(jws, options())).verified).toBe(true);
  });

  it('fails a changed payload, a signature by another key, and malformed compact forms', async () => {
    const jws = signVcJwt(fx.credential(), { signer: fx.signers.issuerKey1, kid: KID });
    const [h, , s] = jws.split('.') as [string, string, string];
    const other = signVcJwt(
      { ...fx.credential(), name: 'Forged' },
      { signer: fx.signers.issuerKey1, kid: KID },
    );
    const forged = `${h}.${other.split('.')[1]}.${s}`;
    expect((await verifyVcJwt(forged, options())).code).toBe('JWT_SIGNATURE_INVALID');
    const wrongKey = signVcJwt(fx.credential(), { signer: fx.signers.issuerKey0, kid: KID });
    expect((await verifyVcJwt(wrongKey, options())).code).toBe('JWT_SIGNATURE_INVALID');
    for (const bad of ['', 'a.b', 'a.b.c.d', `${h}.!!!.${s}`, `${h}.e30.${s}`, 42, null, `${jws}=`]) {
      const result = await verifyVcJwt(bad, options());
      expect(result.verified).toBe(false);
      expect(result.code).toMatch(/^JWT_/);
    }
  });
});
