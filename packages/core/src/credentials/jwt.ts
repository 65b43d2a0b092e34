/**
 * VC-JWT with EdDSA: the "JSON Web Token Proof Format" of Open Badges 3.0
 * (https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof): a compact JWS (RFC 7515) whose payload carries
 * the credential in a `vc` claim (VC 1.1 JWT style) or is the credential itself (VC-JOSE style).
 *
 * OB 3.0 names RS256 as the minimum algorithm; OneX's `CryptoProvider` only does Ed25519, so OneX
 * verifies `EdDSA` (RFC 8037; also the non-standard `Ed25519`) and reports any other algorithm as
 * `JWT_UNSUPPORTED_ALG`. Verification never throws.
 */
import { base64urlDecode, base64urlEncode, type CryptoProvider, type Signer } from '../crypto/index.ts';
import type { Text } from '../shared/index.ts';
import type { JsonObject } from './credential.model.ts';
import type { VerificationCode } from './credentials.errors.ts';
import { isAbsoluteUri, isObject, issuerIdOf, parseDateTime, show, VC1_CONTEXT } from './shape.ts';

/** Longest compact JWS OneX reads (a CLR with many embedded credentials stays far below). */
export const MAX_JWS_LENGTH = 4 * 1024 * 1024;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** `true` when `value` looks like a compact JWS: three base64url parts separated by dots. */
export function isCompactJws(value: unknown): boolean {
  return typeof value === 'string' && value.length <= MAX_JWS_LENGTH && COMPACT_JWS.test(value);
}

/** Options of {@link verifyVcJwt}. */
export interface VerifyVcJwtOptions {
  crypto: CryptoProvider;
  /** The Ed25519 public key a `kid` (a DID URL or URL) dereferences to; `undefined` if none. */
  resolveKeyFromKid(kid: string): Promise<Uint8Array | undefined> | Uint8Array | undefined;
}

/** The outcome of verifying a VC-JWT; never an exception. */
export interface VcJwtResult {
  verified: boolean;
  code?: VerificationCode;
  message: Text;
  /** The credential, decoded (with VC-JWT claims folded back in for the `vc` claim style). */
  credential?: JsonObject;
  header?: JsonObject;
  payload?: JsonObject;
  style?: 'vc-claim' | 'payload';
  /** The `kid` the key came from, if any. */
  kid?: string;
  /** The Ed25519 key that verified the signature (from `kid` or `jwk`). */
  publicKey?: Uint8Array;
}

/** The only JOSE headers OB 3.0 allows ("No other JOSE headers are allowed"). */
const ALLOWED_HEADERS = new Set(['alg', 'kid', 'jwk', 'typ']);
const TYP_VALUES = new Set(['JWT', 'vc+jwt', 'vc-ld+jwt', 'application/vc+jwt']);

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function decodeJsonPart(part: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(utf8Decoder.decode(base64urlDecode(part)));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function failure(
  code: VerificationCode,
  zh: string,
  en: string,
  extra: Partial<VcJwtResult> = {},
): VcJwtResult {
  return { verified: false, code, message: { zh, en }, ...extra };
}

/** The 32-byte key of a public OKP/Ed25519 JWK (RFC 8037), or undefined. */
function publicKeyFromJwk(jwk: unknown): Uint8Array | undefined {
  if (!isObject(jwk) || jwk['kty'] !== 'OKP' || jwk['crv'] !== 'Ed25519' || jwk['d'] !== undefined) {
    return undefined;
  }
  if (typeof jwk['x'] !== 'string') return undefined;
  try {
    const x = base64urlDecode(jwk['x']);
    return x.length === 32 ? x : undefined;
  } catch {
    return undefined;
  }
}

/** The seconds of an xsd:dateTime, as JWT NumericDate compares them. */
function seconds(dateTime: unknown): number | undefined {
  const ms = parseDateTime(dateTime);
  return ms === undefined ? undefined : Math.floor(ms / 1000);
}

function isoFromSeconds(s: number): string {
  return new Date(s * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * Check the registered claims against the credential (OB 3.0: `iss` = issuer.id, `jti` = id,
 * `nbf` = validFrom, `sub` = credentialSubject.id, `exp` = validUntil) and, for the `vc` claim
 * style, fold claims back into the credential where it omits them (VC-JWT 1.1 decoding).
 */
function reconcileClaims(
  payload: JsonObject,
  vc: JsonObject,
  style: 'vc-claim' | 'payload',
): { credential: JsonObject } | { problem: string } {
  const credential: JsonObject = { ...vc };
  const strict = style === 'vc-claim';
  const v1 = Array.isArray(vc['@context'])
    ? vc['@context'][0] === VC1_CONTEXT
    : vc['@context'] === VC1_CONTEXT;
  const fromKey = v1 ? 'issuanceDate' : 'validFrom';
  const untilKey = v1 ? 'expirationDate' : 'validUntil';

  const { iss, jti, nbf, sub, exp } = payload;
  // iss ↔ issuer
  const issuerId = issuerIdOf(vc);
  if (iss !== undefined && typeof iss !== 'string') return { problem: 'iss must be a string' };
  if (strict && iss === undefined) return { problem: 'the iss claim is required' };
  if (iss !== undefined) {
    if (vc['issuer'] === undefined) credential['issuer'] = iss;
    else if (issuerId !== iss) return { problem: 'iss does not equal issuer.id' };
  }
  // jti ↔ id
  if (jti !== undefined && typeof jti !== 'string') return { problem: 'jti must be a string' };
  if (jti !== undefined) {
    if (vc['id'] === undefined) credential['id'] = jti;
    else if (vc['id'] !== jti) return { problem: 'jti does not equal id' };
  } else if (strict && vc['id'] !== undefined) return { problem: 'the jti claim is required' };
  // nbf ↔ validFrom (issuanceDate)
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf)))
    return { problem: 'nbf must be a number' };
  if (strict && nbf === undefined) return { problem: 'the nbf claim is required' };
  if (nbf !== undefined) {
    if (vc[fromKey] === undefined) credential[fromKey] = isoFromSeconds(nbf);
    else if (seconds(vc[fromKey]) !== nbf) return { problem: `nbf does not equal ${fromKey}` };
  }
  // exp ↔ validUntil (expirationDate)
  if (exp !== undefined && (typeof exp !== 'number' || !Number.isFinite(exp)))
    return { problem: 'exp must be a number' };
  if (exp !== undefined) {
    if (vc[untilKey] === undefined) credential[untilKey] = isoFromSeconds(exp);
    else if (seconds(vc[untilKey]) !== exp) return { problem: `exp does not equal ${untilKey}` };
  } else if (strict && vc[untilKey] !== undefined)
    return { problem: `the exp claim is required with ${untilKey}` };
  // sub ↔ credentialSubject.id
  if (sub !== undefined && typeof sub !== 'string') return { problem: 'sub must be a string' };
  const subject = vc['credentialSubject'];
  if (sub !== undefined) {
    if (isObject(subject)) {
      if (subject['id'] === undefined) credential['credentialSubject'] = { ...subject, id: sub };
      else if (subject['id'] !== sub) return { problem: 'sub does not equal credentialSubject.id' };
    } else if (subject === undefined && strict) {
      credential['credentialSubject'] = { id: sub };
    }
  } else if (strict && isObject(subject) && subject['id'] !== undefined) {
    return { problem: 'the sub claim is required' };
  }
  return { credential };
}

/**
 * Verify a VC-JWT: a compact JWS with header `alg` EdDSA (or `Ed25519`), a `kid` (DID URL or URL)
 * or a public `jwk` (OKP/Ed25519, never `d`), `typ` JWT if present and no other header; payload
 * with the credential in `vc` or as the payload itself; the registered claims consistent with the
 * credential; the Ed25519 signature over `header.payload`. Never throws.
 * https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof
 */
export async function verifyVcJwt(compact: unknown, options: VerifyVcJwtOptions): Promise<VcJwtResult> {
  try {
    if (typeof compact !== 'string' || !isCompactJws(compact)) {
      return failure(
        'JWT_MALFORMED',
        '不是紧凑 JWS（三段 base64url）',
        'Not a compact JWS (three base64url parts)',
      );
    }
    const [h, p, s] = compact.split('.') as [string, string, string];
    const header = decodeJsonPart(h);
    const payload = decodeJsonPart(p);
    if (header === undefined || payload === undefined) {
      return failure(
        'JWT_MALFORMED',
        'JWS 头部或载荷不是 JSON 对象',
        'The JWS header or payload is not a JSON object',
      );
    }
    const extraHeader = Object.keys(header).find((k) => !ALLOWED_HEADERS.has(k));
    if (extraHeader !== undefined) {
      return failure(
        'JWT_MALFORMED',
        `不允许的 JOSE 头部：${extraHeader.slice(0, 40)}`,
        `JOSE header not allowed: ${extraHeader.slice(0, 40)}`,
        { header, payload },
      );
    }
    if (header['typ'] !== undefined && !TYP_VALUES.has(header['typ'] as string)) {
      return failure('JWT_MALFORMED', 'typ 必须是 JWT', 'typ must be JWT', { header, payload });
    }
    // The credential: a `vc` claim (VC 1.1 JWT) or the payload itself (VC-JOSE).
    let style: 'vc-claim' | 'payload';
    let vc: JsonObject;
    if (isObject(payload['vc'])) {
      style = 'vc-claim';
      vc = payload['vc'];
    } else if (payload['@context'] !== undefined && payload['type'] !== undefined) {
      style = 'payload';
      const {
        iss: _iss,
        jti: _jti,
        nbf: _nbf,
        sub: _sub,
        exp: _exp,
        iat: _iat,
        aud: _aud,
        ...rest
      } = payload;
      vc = rest;
    } else {
      return failure('JWT_MALFORMED', '载荷中没有凭证', 'The payload carries no credential', {
        header,
        payload,
      });
    }
    const claims = reconcileClaims(payload, vc, style);
    if ('problem' in claims) {
      return failure(
        'JWT_CLAIMS_MISMATCH',
        `JWT 声明与凭证不一致：${claims.problem}`,
        `The JWT claims disagree with the credential: ${claims.problem}`,
        { header, payload, style, credential: vc },
      );
    }
    const credential = claims.credential;
    const alg = header['alg'];
    if (alg !== 'EdDSA' && alg !== 'Ed25519') {
      return failure(
        'JWT_UNSUPPORTED_ALG',
        `不支持的 JWS 算法：${show(alg, 40)}（OneX 只验证 EdDSA）`,
        `Unsupported JWS algorithm: ${show(alg, 40)} (OneX verifies EdDSA only)`,
        { header, payload, style, credential },
      );
    }
    // The key: a kid (dereferenced) or an embedded public jwk.
    const kid = header['kid'];
    const jwk = header['jwk'];
    if (kid === undefined && jwk === undefined) {
      return failure('JWT_MALFORMED', 'JWS 头部需要 kid 或 jwk', 'The JWS header needs a kid or a jwk', {
        header,
        payload,
        credential,
        style,
      });
    }
    let publicKey: Uint8Array | undefined;
    if (jwk !== undefined) {
      publicKey = publicKeyFromJwk(jwk);
      if (publicKey === undefined) {
        return failure(
          'JWT_KEY_UNRESOLVED',
          'jwk 必须是不含私钥（d）的 OKP/Ed25519 公钥',
          'The jwk must be a public OKP/Ed25519 key (no d)',
          { header, payload, credential, style },
        );
      }
    }
    if (kid !== undefined) {
      if (!isAbsoluteUri(kid)) {
        return failure('JWT_MALFORMED', 'kid 必须是 URI', 'kid must be a URI', {
          header,
          payload,
          credential,
          style,
        });
      }
      let resolved: Uint8Array | undefined;
      try {
        resolved = await options.resolveKeyFromKid(kid);
      } catch {
        resolved = undefined;
      }
      if (!(resolved instanceof Uint8Array) || resolved.length !== 32) {
        return failure(
          'JWT_KEY_UNRESOLVED',
          `kid 无法解析为 Ed25519 公钥：${kid.slice(0, 200)}`,
          `The kid does not resolve to an Ed25519 key: ${kid.slice(0, 200)}`,
          {
            header,
            payload,
            credential,
            style,
          },
        );
      }
      if (publicKey !== undefined && !sameBytes(publicKey, resolved)) {
        return failure(
          'JWT_KEY_UNRESOLVED',
          'jwk 与 kid 指向的公钥不同',
          'The jwk and the kid name different keys',
          {
            header,
            payload,
            credential,
            style,
          },
        );
      }
      publicKey = resolved;
    }
    let signature: Uint8Array;
    try {
      signature = base64urlDecode(s);
    } catch {
      signature = new Uint8Array(0);
    }
    const signingInput = utf8.encode(`${h}.${p}`);
    if (
      publicKey === undefined ||
      signature.length !== 64 ||
      !options.crypto.ed25519Verify(publicKey, signingInput, signature)
    ) {
      return failure('JWT_SIGNATURE_INVALID', 'JWS 签名无效', 'The JWS signature does not verify', {
        header,
        payload,
        credential,
        style,
        ...(typeof kid === 'string' ? { kid } : {}),
      });
    }
    return {
      verified: true,
      message: { zh: 'VC-JWT 签名有效（EdDSA）', en: 'The VC-JWT signature verifies (EdDSA)' },
      credential,
      header,
      payload,
      style,
      ...(typeof kid === 'string' ? { kid } : {}),
      publicKey,
    };
  } catch (e) {
    const message = show(e, 300);
    return failure('INTERNAL_ERROR', `内部错误：${message}`, `Internal error: ${message}`);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Options of {@link signVcJwt}. */
export interface SignVcJwtOptions {
  signer: Signer;
  /** A DID URL / URL of the key; omit to embed the public key as `jwk` instead. */
  kid?: string;
  /** `vc-claim` (default): `{ iss, jti, nbf, sub, exp?, vc }`; `payload`: the credential is the payload. */
  style?: 'vc-claim' | 'payload';
}

/**
 * Sign a credential as a VC-JWT with EdDSA (tests and interop; OneX issues Data Integrity proofs).
 * The claims follow OB 3.0: `iss` = issuer id, `jti` = id, `nbf` = validFrom (issuanceDate),
 * `sub` = credentialSubject.id, `exp` = validUntil.
 */
export function signVcJwt(credential: JsonObject, options: SignVcJwtOptions): string {
  const header: JsonObject = { alg: 'EdDSA', typ: 'JWT' };
  if (options.kid !== undefined) header['kid'] = options.kid;
  else header['jwk'] = { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(options.signer.publicKey) };
  const claims: JsonObject = {};
  const issuer = issuerIdOf(credential);
  if (issuer !== undefined) claims['iss'] = issuer;
  if (typeof credential['id'] === 'string') claims['jti'] = credential['id'];
  const from = seconds(credential['validFrom'] ?? credential['issuanceDate']);
  if (from !== undefined) claims['nbf'] = from;
  const subject = credential['credentialSubject'];
  if (isObject(subject) && typeof subject['id'] === 'string') claims['sub'] = subject['id'];
  const until = seconds(credential['validUntil'] ?? credential['expirationDate']);
  if (until !== undefined) claims['exp'] = until;
  const payload = options.style === 'payload' ? { ...credential, ...claims } : { ...claims, vc: credential };
  const encode = (value: unknown) => base64urlEncode(utf8.encode(JSON.stringify(value)));
  const signingInput = `${encode(header)}.${encode(payload)}`;
  return `${signingInput}.${base64urlEncode(options.signer.sign(utf8.encode(signingInput)))}`;
}
