/**
 * Ed25519 keys as Multikey values and as `did:key` identifiers.
 *
 * Specs: Controlled Identifiers v1.0 §2.2.2 Multikey (https://www.w3.org/TR/cid-1.0/#Multikey),
 * Data Integrity EdDSA Cryptosuites v1.0 §2.1.1 Multikey (https://www.w3.org/TR/vc-di-eddsa/#multikey),
 * The did:key Method v0.9 (https://w3c-ccg.github.io/did-key-spec/),
 * multicodec table (`ed25519-pub` 0xed, `ed25519-priv` 0x1300; https://github.com/multiformats/multicodec).
 */
import { cryptoError } from './crypto.errors.ts';
import type { CryptoProvider } from './crypto.ports.ts';
import { base58btcDecode, base58btcEncode } from './multibase.ts';

/** Varint of multicodec `ed25519-pub` (0xed). */
const ED25519_PUB_HEADER = [0xed, 0x01] as const;
/** Varint of multicodec `ed25519-priv` (0x1300). */
const ED25519_PRIV_HEADER = [0x80, 0x26] as const;

/** Every Ed25519 `publicKeyMultibase` starts with this. */
export const ED25519_MULTIKEY_PREFIX = 'z6Mk';

/**
 * Encode a 32-byte Ed25519 public key as `publicKeyMultibase`: `z` + base58btc(0xed 0x01 ‖ key).
 * Throws `CRYPTO_BAD_KEY` unless the key is 32 bytes.
 * See https://www.w3.org/TR/vc-di-eddsa/#multikey.
 */
export function encodePublicKeyMultibase(publicKey: Uint8Array): string {
  requireLength(publicKey, 32, { zh: '公钥', en: 'public key' });
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_PUB_HEADER, 0);
  bytes.set(publicKey, 2);
  return `z${base58btcEncode(bytes)}`;
}

/**
 * Decode an Ed25519 `publicKeyMultibase` to the 32-byte raw key. Throws `CRYPTO_BAD_MULTIKEY` when
 * the value is not `z` + base58btc(0xed 0x01 ‖ 32 bytes) (the spec requires an error for any other
 * header or length), `CRYPTO_BAD_MULTIBASE` when the base58 text itself is malformed.
 * See https://www.w3.org/TR/vc-di-eddsa/#multikey.
 */
export function decodePublicKeyMultibase(publicKeyMultibase: string): Uint8Array {
  if (typeof publicKeyMultibase !== 'string' || !publicKeyMultibase.startsWith(ED25519_MULTIKEY_PREFIX)) {
    throw badMultikey('publicKeyMultibase', 'z6Mk', publicKeyMultibase);
  }
  const bytes = base58btcDecode(publicKeyMultibase.slice(1));
  if (bytes.length !== 34 || bytes[0] !== ED25519_PUB_HEADER[0] || bytes[1] !== ED25519_PUB_HEADER[1]) {
    throw badMultikey('publicKeyMultibase', '0xed01 + 32 bytes', publicKeyMultibase);
  }
  return bytes.slice(2);
}

/**
 * Encode a 32-byte Ed25519 seed as `secretKeyMultibase`: `z` + base58btc(0x80 0x26 ‖ seed), which
 * starts `z3u2`. Throws `CRYPTO_BAD_KEY` unless the seed is 32 bytes.
 * See https://www.w3.org/TR/vc-di-eddsa/#multikey.
 */
export function encodeSecretKeyMultibase(seed: Uint8Array): string {
  requireLength(seed, 32, { zh: '种子', en: 'seed' });
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_PRIV_HEADER, 0);
  bytes.set(seed, 2);
  return `z${base58btcEncode(bytes)}`;
}

/** A decoded Ed25519 `secretKeyMultibase`. */
export interface DecodedSecretKey {
  /** The 32-byte seed (RFC 8032 §5.1.5 private key). */
  seed: Uint8Array;
  /** The public key stored next to the seed by the legacy 64-byte form, if present (unchecked). */
  embeddedPublicKey: Uint8Array | undefined;
}

/**
 * Decode an Ed25519 `secretKeyMultibase`: `z` + base58btc(0x80 0x26 ‖ seed), where the body is the
 * 32-byte seed or the older Digital Bazaar export form seed ‖ public key (64 bytes, used by the
 * 1EdTech test vector). Throws `CRYPTO_BAD_MULTIKEY` on any other header or length.
 * Use {@link importSecretKeyMultibase} to also check the embedded public key.
 */
export function decodeSecretKeyMultibase(secretKeyMultibase: string): DecodedSecretKey {
  if (typeof secretKeyMultibase !== 'string' || !secretKeyMultibase.startsWith('z')) {
    throw badMultikey('secretKeyMultibase', 'z', '(redacted)');
  }
  const bytes = base58btcDecode(secretKeyMultibase.slice(1));
  if (
    (bytes.length !== 34 && bytes.length !== 66) ||
    bytes[0] !== ED25519_PRIV_HEADER[0] ||
    bytes[1] !== ED25519_PRIV_HEADER[1]
  ) {
    // Never echo secret material into an error.
    throw badMultikey('secretKeyMultibase', '0x8026 + 32 or 64 bytes', '(redacted)');
  }
  return {
    seed: bytes.slice(2, 34),
    embeddedPublicKey: bytes.length === 66 ? bytes.slice(34) : undefined,
  };
}

/** An Ed25519 key pair: the 32-byte seed and the 32-byte public key. */
export interface Ed25519KeyPair {
  seed: Uint8Array;
  publicKey: Uint8Array;
  /** `z6Mk…` */
  publicKeyMultibase: string;
}

/**
 * Import a `secretKeyMultibase` (32-byte or legacy 64-byte form), derive its public key and, for the
 * 64-byte form, check that the embedded public key matches. Throws `CRYPTO_BAD_MULTIKEY` on a
 * mismatch.
 */
export function importSecretKeyMultibase(crypto: CryptoProvider, secretKeyMultibase: string): Ed25519KeyPair {
  const { seed, embeddedPublicKey } = decodeSecretKeyMultibase(secretKeyMultibase);
  const publicKey = crypto.ed25519PublicKey(seed);
  if (embeddedPublicKey !== undefined && !bytesEqual(embeddedPublicKey, publicKey)) {
    throw cryptoError(
      'CRYPTO_BAD_MULTIKEY',
      {
        zh: 'secretKeyMultibase 中附带的公钥与种子推导出的公钥不一致',
        en: 'The public key embedded in secretKeyMultibase does not match the seed',
      },
      { field: 'secretKeyMultibase' },
    );
  }
  return { seed, publicKey, publicKeyMultibase: encodePublicKeyMultibase(publicKey) };
}

/** The did:key DID document of one Ed25519 key (https://w3c-ccg.github.io/did-key-spec/#document-creation-algorithm). */
export interface DidKeyDocument {
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'];
  id: string;
  verificationMethod: [MultikeyVerificationMethod];
  authentication: [string];
  assertionMethod: [string];
  capabilityInvocation: [string];
  capabilityDelegation: [string];
}

/** A `Multikey` verification method (https://www.w3.org/TR/cid-1.0/#Multikey). */
export interface MultikeyVerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

/**
 * The `did:key` of an Ed25519 public key: `did:key:` + publicKeyMultibase.
 * See https://w3c-ccg.github.io/did-key-spec/#format.
 */
export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  return `did:key:${encodePublicKeyMultibase(publicKey)}`;
}

/** The verification method id of an Ed25519 `did:key`: `did:key:z6Mk…#z6Mk…`. */
export function didKeyVerificationMethodId(publicKey: Uint8Array): string {
  const multibase = encodePublicKeyMultibase(publicKey);
  return `did:key:${multibase}#${multibase}`;
}

/**
 * Resolve an Ed25519 `did:key` (no fragment, query or path) to its DID document, offline.
 * The document has one `Multikey` verification method `did#z6Mk…`, referenced from
 * `authentication`, `assertionMethod`, `capabilityInvocation` and `capabilityDelegation`
 * (no X25519 `keyAgreement`: OneX does not encrypt). Throws `CRYPTO_BAD_DID` for anything that is
 * not `did:key:z6Mk…` with a valid Ed25519 key.
 * See https://w3c-ccg.github.io/did-key-spec/#document-creation-algorithm.
 */
export function resolveDidKey(did: string): DidKeyDocument {
  const publicKeyMultibase = parseDidKey(did);
  const vmId = `${did}#${publicKeyMultibase}`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: vmId, type: 'Multikey', controller: did, publicKeyMultibase }],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityInvocation: [vmId],
    capabilityDelegation: [vmId],
  };
}

/**
 * The raw Ed25519 public key of a `did:key`. Throws `CRYPTO_BAD_DID` as {@link resolveDidKey}.
 */
export function publicKeyFromDidKey(did: string): Uint8Array {
  return decodePublicKeyMultibase(parseDidKey(did));
}

/** A parsed verification method id (the `verificationMethod` of a Data Integrity proof). */
export type VerificationMethodRef =
  | {
      kind: 'did:key';
      /** The full id, `did:key:z6Mk…#z6Mk…`. */
      id: string;
      did: string;
      publicKeyMultibase: string;
      /** The 32-byte raw Ed25519 public key. */
      publicKey: Uint8Array;
    }
  | {
      /** Any other DID method or an HTTP(S) URL: the key must be found by dereferencing `controller`. */
      kind: 'url';
      id: string;
      /** The id without its fragment (a DID or a URL). */
      controller: string;
      /** The fragment without `#`, if any. */
      fragment: string | undefined;
    };

/**
 * Parse the `verificationMethod` of a proof. For `did:key` the key comes from the id itself: the
 * fragment must equal the DID's multibase key (did:key §3.1.2). Other ids must be a DID
 * (`did:<method>:<id>`) or an absolute URL. Throws `CRYPTO_BAD_DID` for a malformed `did:key`,
 * `CRYPTO_BAD_VERIFICATION_METHOD` for anything else that is malformed.
 * See https://www.w3.org/TR/vc-data-integrity/#retrieve-verification-method.
 */
export function parseVerificationMethodId(id: string): VerificationMethodRef {
  if (typeof id !== 'string' || id.length === 0) {
    throw cryptoError(
      'CRYPTO_BAD_VERIFICATION_METHOD',
      { zh: '验证方法标识为空', en: 'Empty verification method id' },
      { id },
    );
  }
  const hash = id.indexOf('#');
  const controller = hash < 0 ? id : id.slice(0, hash);
  const fragment = hash < 0 ? undefined : id.slice(hash + 1);
  if (controller.startsWith('did:key:')) {
    const publicKeyMultibase = parseDidKey(controller);
    if (fragment !== publicKeyMultibase) {
      throw cryptoError(
        'CRYPTO_BAD_DID',
        {
          zh: 'did:key 验证方法的片段必须与密钥的 multibase 值一致',
          en: 'The fragment of a did:key verification method must equal its multibase key',
        },
        { id },
      );
    }
    return {
      kind: 'did:key',
      id,
      did: controller,
      publicKeyMultibase,
      publicKey: decodePublicKeyMultibase(publicKeyMultibase),
    };
  }
  const valid = controller.startsWith('did:') ? DID_PATTERN.test(controller) : isAbsoluteUrl(controller);
  if (!valid) {
    throw cryptoError(
      'CRYPTO_BAD_VERIFICATION_METHOD',
      {
        zh: `验证方法标识既不是 DID 也不是绝对 URL：${id}`,
        en: `Verification method id is neither a DID nor an absolute URL: ${id}`,
      },
      { id },
    );
  }
  return { kind: 'url', id, controller, fragment };
}

/** DID syntax, https://www.w3.org/TR/did-1.0/#did-syntax (method-specific id simplified). */
const DID_PATTERN = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-]$/;

function isAbsoluteUrl(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Returns the `z6Mk…` part of an Ed25519 did:key, validated. */
function parseDidKey(did: string): string {
  if (typeof did !== 'string' || !did.startsWith('did:key:')) {
    throw badDid(did, 'not a did:key');
  }
  const publicKeyMultibase = did.slice('did:key:'.length);
  if (!/^z[1-9A-HJ-NP-Za-km-z]+$/.test(publicKeyMultibase)) {
    // Also rejects a fragment, query, path or version segment (`did:key:1:…` is not supported).
    throw badDid(did, 'not did:key:z…');
  }
  try {
    decodePublicKeyMultibase(publicKeyMultibase);
  } catch {
    throw badDid(did, 'not an Ed25519 Multikey');
  }
  return publicKeyMultibase;
}

function badDid(did: unknown, reason: string) {
  return cryptoError(
    'CRYPTO_BAD_DID',
    {
      zh: `不是有效的 Ed25519 did:key：${String(did)}`,
      en: `Not a valid Ed25519 did:key (${reason}): ${String(did)}`,
    },
    { did, reason },
  );
}

function badMultikey(field: string, expected: string, value: unknown) {
  return cryptoError(
    'CRYPTO_BAD_MULTIKEY',
    {
      zh: `${field} 不是 Ed25519 Multikey（应为 ${expected}）`,
      en: `${field} is not an Ed25519 Multikey (expected ${expected})`,
    },
    { field, expected, value },
  );
}

function requireLength(bytes: Uint8Array, length: number, what: { zh: string; en: string }): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw cryptoError(
      'CRYPTO_BAD_KEY',
      { zh: `Ed25519 ${what.zh}必须为 ${length} 字节`, en: `An Ed25519 ${what.en} must be ${length} bytes` },
      { what: what.en, expected: length, actual: bytes instanceof Uint8Array ? bytes.length : undefined },
    );
  }
}

/** Constant-time comparison is unnecessary here (public keys), a plain loop is enough. */
function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
