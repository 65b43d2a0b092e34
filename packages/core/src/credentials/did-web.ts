import { encodePublicKeyMultibase } from '../crypto/index.ts';
import type { JsonObject } from './credential.model.ts';

/**
 * The did:web of an organization on this OneX instance
 * (https://w3c-ccg.github.io/did-method-web/): the host (a port is percent-encoded) and path
 * segments joined by colons, e.g. `did:web:onex.example:teos:TEO-0002`.
 */
export function didWebFor(baseUrl: string, ...path: string[]): string {
  const url = new URL(baseUrl);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  return ['did:web', host, ...path.map(encodeURIComponent)].join(':');
}

/** Where a did:web document lives: `https://host/path/did.json` (or `/.well-known/did.json`). */
export function didWebDocumentUrl(did: string, scheme: 'https' | 'http' = 'https'): string {
  const parts = did.split(':');
  if (parts[0] !== 'did' || parts[1] !== 'web' || !parts[2]) throw new Error(`not a did:web: ${did}`);
  const host = decodeURIComponent(parts[2]);
  const path = parts.slice(3).map(decodeURIComponent);
  return `${scheme}://${host}/${path.length > 0 ? `${path.join('/')}/did.json` : '.well-known/did.json'}`;
}

export const keyStatuses = ['ACTIVE', 'RETIRED', 'REVOKED'] as const;
export type KeyStatus = (typeof keyStatuses)[number];

export interface PublishedKey {
  /** The fragment, e.g. `key-1`. */
  keyId: string;
  publicKey: Uint8Array;
  status: KeyStatus;
}

/**
 * A DID document with one Multikey verification method per key. Retired keys stay listed (and
 * authorised for assertions) so that certificates signed before a rotation still verify; a revoked
 * (compromised) key is left out, so what it signed no longer verifies.
 */
export function composeDidDocument(did: string, keys: PublishedKey[], name?: string): JsonObject {
  const listed = keys.filter((k) => k.status !== 'REVOKED');
  const ids = listed.map((k) => `${did}#${k.keyId}`);
  const active = listed.filter((k) => k.status === 'ACTIVE').map((k) => `${did}#${k.keyId}`);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    ...(name ? { alsoKnownAs: [] } : {}),
    verificationMethod: listed.map((k) => ({
      id: `${did}#${k.keyId}`,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: encodePublicKeyMultibase(k.publicKey),
    })),
    assertionMethod: ids,
    authentication: active,
  };
}
