/**
 * The reference implementation OneX is measured and checked against: @digitalbazaar/vc with the
 * eddsa-rdfc-2022 / eddsa-jcs-2022 cryptosuites, over an offline document loader (the npm
 * contexts, the DID v1 context, and the DID documents a test supplies).
 */

import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { createSignCryptosuite, createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as rdfcSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import didContext from '@digitalcredentials/did-context';
import { documentLoader as contextLoader } from '../../packages/core/src/credentials/rdfc/index.ts';
import {
  encodePublicKeyMultibase,
  encodeSecretKeyMultibase,
  type JsonObject,
} from '../../packages/core/src/index.ts';

export type ReferenceSuite = 'eddsa-rdfc-2022' | 'eddsa-jcs-2022';

// eddsa-jcs-2022 comes as separate sign and verify cryptosuites; rdfc as one.
const signSuites = { 'eddsa-rdfc-2022': () => rdfcSuite, 'eddsa-jcs-2022': () => createSignCryptosuite() };
const verifySuites = {
  'eddsa-rdfc-2022': () => rdfcSuite,
  'eddsa-jcs-2022': () => createVerifyCryptosuite(),
};

/** A jsonld document loader that serves contexts and the given DID documents (and their keys by fragment). */
export function referenceLoader(didDocuments: Record<string, JsonObject>) {
  return async (url: string) => {
    if (url === didContext.CONTEXT_URL)
      return { contextUrl: null, documentUrl: url, document: didContext.CONTEXT };
    const [did, fragment] = url.split('#');
    const doc = did ? didDocuments[did] : undefined;
    if (doc) {
      if (!fragment) return { contextUrl: null, documentUrl: url, document: doc };
      const vm = (doc.verificationMethod as JsonObject[]).find((m) => m.id === url);
      if (vm)
        return {
          contextUrl: null,
          documentUrl: url,
          document: { '@context': 'https://w3id.org/security/multikey/v1', ...vm },
        };
    }
    return contextLoader(url);
  };
}

export async function referenceKey(seed: Uint8Array, publicKey: Uint8Array, verificationMethod: string) {
  const [controller] = verificationMethod.split('#');
  return Ed25519Multikey.from({
    id: verificationMethod,
    controller,
    publicKeyMultibase: encodePublicKeyMultibase(publicKey),
    secretKeyMultibase: encodeSecretKeyMultibase(seed),
  });
}

export async function referenceSign(
  credential: JsonObject,
  key: Awaited<ReturnType<typeof referenceKey>>,
  suite: ReferenceSuite,
  documentLoader: ReturnType<typeof referenceLoader>,
  date?: string,
): Promise<JsonObject> {
  const proof = new DataIntegrityProof({
    signer: key.signer(),
    cryptosuite: signSuites[suite](),
    ...(date ? { date } : {}),
  });
  return vc.issue({ credential: structuredClone(credential), suite: proof, documentLoader });
}

export async function referenceVerify(
  credential: JsonObject,
  suite: ReferenceSuite,
  documentLoader: ReturnType<typeof referenceLoader>,
): Promise<{ verified: boolean; error?: unknown }> {
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: verifySuites[suite]() }),
    documentLoader,
    checkStatus: async () => ({ verified: true }),
  });
}
