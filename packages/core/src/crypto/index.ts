/**
 * Public surface of the crypto module: the `CryptoProvider` port, the browser (@noble) provider,
 * multibase, Ed25519 Multikey / did:key and JCS.
 *
 * The node:crypto provider is deliberately not exported here: import it as
 * `@onex/core/crypto/node-provider.ts` so that browser bundles never pull in `node:crypto`.
 */
export type { CryptoErrorCode } from './crypto.errors.ts';
export { cryptoErrorCodes } from './crypto.errors.ts';
export type { CryptoProvider, Signer } from './crypto.ports.ts';
export { type JsonValue, jcs, jcsBytes } from './jcs.ts';
export {
  base58btcDecode,
  base58btcEncode,
  base64urlDecode,
  base64urlEncode,
  decodeMultibase,
  encodeMultibase,
  MAX_BASE58_LENGTH,
  type MultibaseEncoding,
} from './multibase.ts';
export {
  type DecodedSecretKey,
  type DidKeyDocument,
  decodePublicKeyMultibase,
  decodeSecretKeyMultibase,
  didKeyFromPublicKey,
  didKeyVerificationMethodId,
  ED25519_MULTIKEY_PREFIX,
  type Ed25519KeyPair,
  encodePublicKeyMultibase,
  encodeSecretKeyMultibase,
  importSecretKeyMultibase,
  type MultikeyVerificationMethod,
  parseVerificationMethodId,
  publicKeyFromDidKey,
  resolveDidKey,
  type VerificationMethodRef,
} from './multikey.ts';
export { nobleCrypto } from './noble-provider.ts';
