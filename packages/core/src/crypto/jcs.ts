/**
 * JSON Canonicalization Scheme (JCS, RFC 8785, https://www.rfc-editor.org/rfc/rfc8785), the
 * canonicalization of the `eddsa-jcs-2022` cryptosuite (https://www.w3.org/TR/vc-di-eddsa/#eddsa-jcs-2022).
 */
import canonicalizeJson from 'canonicalize';
import { cryptoError } from './crypto.errors.ts';

/** A JSON value (RFC 8259). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Canonicalize a JSON value per RFC 8785 (sorted keys by UTF-16 code units, ECMAScript number
 * serialization, minimal string escaping).
 *
 * Throws `CRYPTO_NOT_JSON` (with `details.path`, e.g. `$.proof.created`) for anything JSON cannot
 * represent: `undefined` at the top level or in an array, functions, symbols, BigInt, NaN and
 * ±Infinity, strings with lone surrogates (RFC 8785 §3.2.2.2), cycles, and objects that are not
 * plain objects or arrays (Date, Map, class instances, typed arrays). Object properties whose value
 * is `undefined` are skipped, as `JSON.stringify` skips them, so an optional field left `undefined`
 * canonicalizes as if it were absent.
 */
export function jcs(value: unknown): string {
  assertJson(value, '$', new Set());
  let out: string | undefined;
  try {
    out = canonicalizeJson(value);
  } catch (e) {
    // Only lone surrogates can still fail here; the walk above rejected everything else.
    throw notJson('$', e instanceof Error ? e.message : String(e));
  }
  if (out === undefined) throw notJson('$', 'not a JSON value');
  return out;
}

const utf8 = new TextEncoder();

/** UTF-8 bytes of {@link jcs}: what `eddsa-jcs-2022` hashes (https://www.w3.org/TR/vc-di-eddsa/#hashing-eddsa-jcs-2022). */
export function jcsBytes(value: unknown): Uint8Array {
  return utf8.encode(jcs(value));
}

function assertJson(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw notJson(path, `${value} is not a JSON number`);
      return;
    case 'object': {
      if (value === null) return;
      if (ancestors.has(value)) throw notJson(path, 'cycle');
      const isArray = Array.isArray(value);
      if (!isArray) {
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          throw notJson(path, `a ${value.constructor?.name ?? 'non-plain'} object is not JSON`);
        }
      }
      ancestors.add(value);
      if (isArray) {
        for (let i = 0; i < value.length; i++) {
          if (value[i] === undefined) throw notJson(`${path}[${i}]`, 'undefined in an array');
          assertJson(value[i], `${path}[${i}]`, ancestors);
        }
      } else {
        if (Object.getOwnPropertySymbols(value).length > 0) throw notJson(path, 'symbol keys');
        for (const [k, v] of Object.entries(value)) {
          if (v !== undefined) assertJson(v, `${path}.${k}`, ancestors);
        }
      }
      ancestors.delete(value);
      return;
    }
    default:
      // undefined, function, symbol, bigint
      throw notJson(path, `${typeof value} is not JSON`);
  }
}

function notJson(path: string, reason: string) {
  return cryptoError(
    'CRYPTO_NOT_JSON',
    { zh: `不是 JSON 值（${path}：${reason}）`, en: `Not a JSON value (${path}: ${reason})` },
    { path, reason },
  );
}
