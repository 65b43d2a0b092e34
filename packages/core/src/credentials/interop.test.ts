/**
 * Interoperability with the reference implementation, @digitalbazaar/vc 7.3 with
 * @digitalbazaar/data-integrity and the eddsa-rdfc-2022 / eddsa-jcs-2022 cryptosuites: what OneX signs
 * verifies there, and what it signs verifies in OneX — credentials and presentations.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {
  createSignCryptosuite as createJcsSignSuite,
  createVerifyCryptosuite as createJcsVerifySuite,
} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as rdfcSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  didKeyFromPublicKey,
  didKeyVerificationMethodId,
  encodePublicKeyMultibase,
  encodeSecretKeyMultibase,
  resolveDidKey,
} from '../crypto/index.ts';
import { createOneXFixture, fixtureSeed, ISSUER_DID, type OneXFixture } from './bench-verify.ts';
import type { Cryptosuite, JsonObject } from './credential.model.ts';
import { signDataIntegrity } from './proof.ts';
import { documentLoader as contextLoader } from './rdfc/index.ts';

let fx: OneXFixture;
beforeAll(async () => {
  fx = await createOneXFixture();
});

const multikeyContext = 'https://w3id.org/security/multikey/v1';

/**
 * A documentLoader for @digitalbazaar/vc: contexts from OneX's offline registry, the fixture's
 * did:web documents, did:key documents, and verification methods (with the Multikey context) by id.
 */
function documentLoader(url: string) {
  const [base, fragment] = url.split('#') as [string, string | undefined];
  let doc: JsonObject | undefined = fx.didDocuments[base];
  if (doc === undefined && base.startsWith('did:key:')) doc = resolveDidKey(base) as unknown as JsonObject;
  if (doc !== undefined) {
    if (fragment === undefined) return Promise.resolve({ contextUrl: null, documentUrl: url, document: doc });
    const method = (doc['verificationMethod'] as JsonObject[]).find((m) => m['id'] === url);
    if (method !== undefined) {
      return Promise.resolve({
        contextUrl: null,
        documentUrl: url,
        document: { '@context': multikeyContext, ...method },
      });
    }
  }
  return contextLoader(url);
}

const dbSuite = (cryptosuite: Cryptosuite, signer?: unknown) =>
  new DataIntegrityProof({
    ...(signer ? { signer } : {}),
    cryptosuite:
      cryptosuite === 'eddsa-rdfc-2022' ? rdfcSuite : signer ? createJcsSignSuite() : createJcsVerifySuite(),
  });

async function dbKeyPair(id: string, controller: string, seed: Uint8Array) {
  const signer = fx.crypto.ed25519Signer(seed);
  return Ed25519Multikey.from({
    '@context': multikeyContext,
    type: 'Multikey',
    id,
    controller,
    publicKeyMultibase: encodePublicKeyMultibase(signer.publicKey),
    secretKeyMultibase: encodeSecretKeyMultibase(seed),
  });
}

// The credential carries a BitstringStatusListEntry; @digitalbazaar/vc insists on a status checker.
const checkStatus = async () => ({ verified: true });

describe('OneX → @digitalbazaar/vc', () => {
  for (const cryptosuite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
    it(`a OneX credential signed with ${cryptosuite} verifies with @digitalbazaar/vc`, async () => {
      const signed = await fx.sign(fx.credential(), { cryptosuite });
      const result = await vc.verifyCredential({
        credential: signed,
        suite: dbSuite(cryptosuite),
        documentLoader,
        checkStatus,
      });
      expect(result.verified, JSON.stringify(result.error ?? result.results)).toBe(true);
    });

    it(`a tampered OneX credential (${cryptosuite}) fails @digitalbazaar/vc too`, async () => {
      const signed = await fx.sign(fx.credential(), { cryptosuite });
      const result = await vc.verifyCredential({
        credential: { ...signed, name: 'Forged' },
        suite: dbSuite(cryptosuite),
        documentLoader,
        checkStatus,
      });
      expect(result.verified).toBe(false);
    });
  }

  it('a OneX presentation (eddsa-rdfc-2022, authentication, challenge, domain) verifies with @digitalbazaar/vc', async () => {
    const holderSeed = fixtureSeed(fx.crypto, 'holder');
    const holder = fx.crypto.ed25519Signer(holderSeed);
    const presentation: JsonObject = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: didKeyFromPublicKey(holder.publicKey),
      verifiableCredential: [await fx.sign(fx.credential(), { cryptosuite: 'eddsa-rdfc-2022' })],
    };
    const signed = await signDataIntegrity(presentation, {
      cryptosuite: 'eddsa-rdfc-2022',
      signer: holder,
      verificationMethod: didKeyVerificationMethodId(holder.publicKey),
      created: '2025-06-01T00:00:00Z',
      proofPurpose: 'authentication',
      challenge: 'c-123',
      domain: 'verifier.example',
      crypto: fx.crypto,
    });
    const result = await vc.verify({
      presentation: signed,
      challenge: 'c-123',
      domain: 'verifier.example',
      suite: dbSuite('eddsa-rdfc-2022'),
      documentLoader,
      checkStatus,
    });
    expect(result.verified, JSON.stringify(result.error ?? result.presentationResult)).toBe(true);
    const wrong = await vc.verify({
      presentation: signed,
      challenge: 'other',
      domain: 'verifier.example',
      suite: dbSuite('eddsa-rdfc-2022'),
      documentLoader,
      checkStatus,
    });
    expect(wrong.verified).toBe(false);
  });
});

describe('@digitalbazaar/vc → OneX', () => {
  for (const cryptosuite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
    it(`a credential @digitalbazaar/vc signs with ${cryptosuite} passes every OneX check`, async () => {
      const keyPair = await dbKeyPair(
        `${ISSUER_DID}#key-1`,
        ISSUER_DID,
        fixtureSeed(fx.crypto, 'TEO-0002/key-1'),
      );
      const signed = await vc.issue({
        credential: fx.credential(),
        suite: dbSuite(cryptosuite, keyPair.signer()),
        documentLoader,
      });
      expect((signed.proof as JsonObject)['cryptosuite']).toBe(cryptosuite);
      const result = await fx.verifier().verifyCredential(signed);
      expect(result.checks.filter((c) => c.status === 'failed')).toEqual([]);
      expect(result.verified).toBe(true);
    });
  }

  it('a presentation @digitalbazaar/vc signs verifies with OneX, and fails with the wrong challenge', async () => {
    const holderSeed = fixtureSeed(fx.crypto, 'holder');
    const holderKey = fx.crypto.ed25519Signer(holderSeed);
    const holderDid = didKeyFromPublicKey(holderKey.publicKey);
    const keyPair = await dbKeyPair(didKeyVerificationMethodId(holderKey.publicKey), holderDid, holderSeed);
    const presentation = vc.createPresentation({
      verifiableCredential: [await fx.sign(fx.credential())],
      holder: holderDid,
      version: 2.0,
    });
    const signed = await vc.signPresentation({
      presentation,
      suite: dbSuite('eddsa-rdfc-2022', keyPair.signer()),
      challenge: 'c-456',
      domain: 'verifier.example',
      documentLoader,
    });
    const verifier = fx.verifier();
    const result = await verifier.verifyPresentation(signed, {
      challenge: 'c-456',
      domain: 'verifier.example',
    });
    expect(result.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(result.verified).toBe(true);
    const wrong = await verifier.verifyPresentation(signed, {
      challenge: 'c-789',
      domain: 'verifier.example',
    });
    expect(wrong.verified).toBe(false);
    expect(wrong.checks.find((c) => c.name === 'proof')?.code).toBe('PROOF_CHALLENGE_MISMATCH');
  });
});
