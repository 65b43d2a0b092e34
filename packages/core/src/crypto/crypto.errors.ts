import { DomainError, type DomainErrorDetails, type Text } from '../shared/index.ts';

/** Error codes of the crypto module. */
export const cryptoErrorCodes = [
  /** A multibase string has an unknown prefix, a character outside its alphabet, or a bad length. */
  'CRYPTO_BAD_MULTIBASE',
  /** A Multikey value does not hold an Ed25519 key (wrong multicodec header or key length). */
  'CRYPTO_BAD_MULTIKEY',
  /** A DID is not a well-formed Ed25519 `did:key`. */
  'CRYPTO_BAD_DID',
  /** A verification method id is neither a `did:key` key reference nor an absolute URL. */
  'CRYPTO_BAD_VERIFICATION_METHOD',
  /** Raw key material has the wrong length (an Ed25519 seed must be 32 bytes). */
  'CRYPTO_BAD_KEY',
  /** A value given to JCS is not JSON (undefined, a function, NaN, BigInt, a cycle, …). */
  'CRYPTO_NOT_JSON',
] as const;
/** One of {@link cryptoErrorCodes}. */
export type CryptoErrorCode = (typeof cryptoErrorCodes)[number];

/** Shorthand for the DomainError the crypto module throws. */
export function cryptoError(
  code: CryptoErrorCode,
  text: Text,
  details: DomainErrorDetails = {},
): DomainError<CryptoErrorCode> {
  return new DomainError(code, text, details);
}
