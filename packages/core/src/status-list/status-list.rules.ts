/**
 * Checking a credential's status against its status list credential: the pure part of the
 * Bitstring Status List v1.0 validate algorithm (§3.2, steps 3 and 5–10).
 * https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm
 *
 * Not done here, by design: fetching the list (step 4, the caller's I/O: STATUS_RETRIEVAL_ERROR),
 * verifying its proof and validity period (step 4, the credentials module:
 * STATUS_VERIFICATION_ERROR), and checking that the list's issuer is trusted. These functions never
 * throw: every problem comes back as a coded {@link StatusProblem}.
 */
import type { DomainErrorDetails } from '../shared/index.ts';
import { isDomainError } from '../shared/index.ts';
import { BitstringStatusList, type DecodeOptions } from './bitstring.ts';
import { type StatusListErrorCode, type StatusProblem, statusListErrorCodes } from './status-list.errors.ts';
import { isStatusPurpose, type StatusPurpose } from './status-list.model.ts';

/** A success value or a coded problem; verification code branches on `ok`. */
export type StatusResult<T> = ({ ok: true } & T) | { ok: false; problem: StatusProblem };

/** A validated `credentialStatus` entry of type BitstringStatusListEntry. */
export interface ParsedStatusEntry {
  statusPurpose: StatusPurpose;
  /** The index as a number (parsed from the string, or taken from a JSON number). */
  statusListIndex: number;
  statusListCredential: string;
}

/** A status list credential whose `encodedList` has been decoded: cache it per list URL. */
export interface ParsedStatusListCredential {
  /** The list credential's `id`, if any. */
  id: string | undefined;
  /** The `statusPurpose` value(s) of its credentialSubject. */
  statusPurposes: string[];
  list: BitstringStatusList;
  /** credentialSubject.ttl in milliseconds, if given. */
  ttl: number | undefined;
}

/** The outcome of a status check. */
export interface StatusCheck {
  /** `true` when the bit is set: revoked for `revocation`, suspended for `suspension`. */
  status: boolean;
  statusPurpose: StatusPurpose;
  statusListIndex: number;
}

/**
 * Parse a `statusListIndex`: a base-10 string of digits (as the spec requires) or, leniently, a
 * non-negative integer JSON number (as the 1EdTech samples use). Returns `undefined` for anything
 * else, including negative, fractional and unsafe (> 2^53 − 1) values.
 * https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry
 */
export function parseStatusListIndex(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !/^[0-9]{1,16}$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Validate a `credentialStatus` entry of type BitstringStatusListEntry. Problems:
 * `MALFORMED_VALUE_ERROR` (not an object, wrong type, missing or bad index or list URL),
 * `STATUS_UNSUPPORTED` (an unknown statusPurpose, statusSize other than 1).
 * https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry
 */
export function parseStatusEntry(entry: unknown): StatusResult<{ entry: ParsedStatusEntry }> {
  if (!isObject(entry))
    return fail('MALFORMED_VALUE_ERROR', 'credentialStatus 不是对象', 'credentialStatus is not an object');
  if (!hasType(entry['type'], 'BitstringStatusListEntry')) {
    return fail(
      'MALFORMED_VALUE_ERROR',
      'credentialStatus 的 type 不是 BitstringStatusListEntry',
      'credentialStatus type is not BitstringStatusListEntry',
      { type: entry['type'] },
    );
  }
  const purpose = entry['statusPurpose'];
  if (typeof purpose !== 'string' || purpose.length === 0) {
    return fail('MALFORMED_VALUE_ERROR', '缺少 statusPurpose', 'statusPurpose is missing', {
      statusPurpose: purpose,
    });
  }
  if (!isStatusPurpose(purpose)) {
    return fail(
      'STATUS_UNSUPPORTED',
      `不支持的 statusPurpose：${purpose}`,
      `Unsupported statusPurpose: ${purpose}`,
      {
        statusPurpose: purpose,
      },
    );
  }
  const statusListIndex = parseStatusListIndex(entry['statusListIndex']);
  if (statusListIndex === undefined) {
    return fail(
      'MALFORMED_VALUE_ERROR',
      'statusListIndex 必须是非负整数（十进制字符串）',
      'statusListIndex must be a non-negative integer (a base-10 string)',
      { statusListIndex: entry['statusListIndex'] },
    );
  }
  const statusListCredential = entry['statusListCredential'];
  if (typeof statusListCredential !== 'string' || !isAbsoluteUrl(statusListCredential)) {
    return fail(
      'MALFORMED_VALUE_ERROR',
      'statusListCredential 必须是 URL',
      'statusListCredential must be a URL',
      { statusListCredential },
    );
  }
  const statusSize = entry['statusSize'];
  if (statusSize !== undefined && statusSize !== 1) {
    return fail(
      'STATUS_UNSUPPORTED',
      `不支持 statusSize ${String(statusSize)}（仅支持 1）`,
      `statusSize ${String(statusSize)} is not supported (only 1)`,
      { statusSize },
    );
  }
  return { ok: true, entry: { statusPurpose: purpose, statusListIndex, statusListCredential } };
}

/**
 * Validate a BitstringStatusListCredential's shape and decode its `encodedList` (the costly step:
 * cache the result per list URL, for at most its `ttl`). Problems: `MALFORMED_VALUE_ERROR` (shape,
 * encodedList), `STATUS_LIST_LENGTH_ERROR` (under 131,072 entries, or over `maxBytes`).
 * Does not verify the proof.
 * https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential
 */
export function parseStatusListCredential(
  listCredential: unknown,
  options: DecodeOptions = {},
): StatusResult<{ list: ParsedStatusListCredential }> {
  if (!isObject(listCredential)) {
    return fail(
      'MALFORMED_VALUE_ERROR',
      '状态列表凭证不是对象',
      'The status list credential is not an object',
    );
  }
  if (!hasType(listCredential['type'], 'BitstringStatusListCredential')) {
    return fail(
      'MALFORMED_VALUE_ERROR',
      '凭证的 type 不含 BitstringStatusListCredential',
      'The credential type does not include BitstringStatusListCredential',
      { type: listCredential['type'] },
    );
  }
  let subject = listCredential['credentialSubject'];
  if (Array.isArray(subject) && subject.length === 1) subject = subject[0];
  if (!isObject(subject) || !hasType(subject['type'], 'BitstringStatusList')) {
    return fail(
      'MALFORMED_VALUE_ERROR',
      'credentialSubject 必须是一个 type 为 BitstringStatusList 的对象',
      'credentialSubject must be one object of type BitstringStatusList',
    );
  }
  const purposeValue = subject['statusPurpose'];
  const statusPurposes = typeof purposeValue === 'string' ? [purposeValue] : purposeValue;
  if (
    !Array.isArray(statusPurposes) ||
    statusPurposes.length === 0 ||
    !statusPurposes.every((p): p is string => typeof p === 'string' && p.length > 0)
  ) {
    return fail(
      'MALFORMED_VALUE_ERROR',
      '状态列表缺少 statusPurpose',
      'The status list has no valid statusPurpose',
      { statusPurpose: purposeValue },
    );
  }
  const encodedList = subject['encodedList'];
  if (typeof encodedList !== 'string') {
    return fail('MALFORMED_VALUE_ERROR', '状态列表缺少 encodedList', 'The status list has no encodedList');
  }
  const ttl = subject['ttl'];
  let list: BitstringStatusList;
  try {
    list = BitstringStatusList.decode(encodedList, options);
  } catch (e) {
    return fromError(e);
  }
  const id = listCredential['id'];
  return {
    ok: true,
    list: {
      id: typeof id === 'string' ? id : undefined,
      statusPurposes,
      list,
      ttl: typeof ttl === 'number' && Number.isFinite(ttl) && ttl >= 0 ? ttl : undefined,
    },
  };
}

/**
 * Check a `credentialStatus` entry against an already parsed (cached) status list: the entry's
 * purpose must be one of the list's (else `STATUS_VERIFICATION_ERROR`, step 5) and its index inside
 * the list (else `RANGE_ERROR`, step 10). Never throws.
 * https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm
 */
export function checkStatusWithList(
  entry: unknown,
  list: ParsedStatusListCredential,
): StatusResult<StatusCheck> {
  try {
    const parsed = parseStatusEntry(entry);
    if (!parsed.ok) return parsed;
    const { statusPurpose, statusListIndex } = parsed.entry;
    if (!list.statusPurposes.includes(statusPurpose)) {
      return fail(
        'STATUS_VERIFICATION_ERROR',
        `状态列表的用途（${list.statusPurposes.join('、')}）与条目的用途（${statusPurpose}）不符`,
        `The status list's purpose (${list.statusPurposes.join(', ')}) does not match the entry's (${statusPurpose})`,
        { entryPurpose: statusPurpose, listPurposes: list.statusPurposes },
      );
    }
    if (statusListIndex >= list.list.length) {
      return fail(
        'RANGE_ERROR',
        `statusListIndex ${statusListIndex} 超出状态列表范围（${list.list.length}）`,
        `statusListIndex ${statusListIndex} is outside the status list (${list.list.length} entries)`,
        { statusListIndex, length: list.list.length },
      );
    }
    return { ok: true, status: list.list.get(statusListIndex), statusPurpose, statusListIndex };
  } catch (e) {
    return fromError(e);
  }
}

/**
 * Check a `credentialStatus` entry against its (already fetched and proof-verified) status list
 * credential: parse the entry, decode the list, compare purposes, read the bit. Returns
 * `{ ok: true, status }` or `{ ok: false, problem }` with a spec error code; never throws.
 * To check many credentials against one list, parse the list once with
 * {@link parseStatusListCredential} and use {@link checkStatusWithList}.
 * https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm
 */
export function checkStatus(
  entry: unknown,
  listCredential: unknown,
  options: DecodeOptions = {},
): StatusResult<StatusCheck> {
  const parsedEntry = parseStatusEntry(entry);
  if (!parsedEntry.ok) return parsedEntry;
  const parsedList = parseStatusListCredential(listCredential, options);
  if (!parsedList.ok) return parsedList;
  return checkStatusWithList(entry, parsedList.list);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
  return value === type || (Array.isArray(value) && value.includes(type));
}

function isAbsoluteUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function fail(code: StatusListErrorCode, zh: string, en: string, details: DomainErrorDetails = {}) {
  return { ok: false as const, problem: { code, text: { zh, en }, details } };
}

function fromError(e: unknown): { ok: false; problem: StatusProblem } {
  if (isDomainError(e) && (statusListErrorCodes as readonly string[]).includes(e.code)) {
    return { ok: false, problem: { code: e.code as StatusListErrorCode, text: e.text, details: e.details } };
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    ok: false,
    problem: { code: 'MALFORMED_VALUE_ERROR', text: { zh: message, en: message }, details: {} },
  };
}
