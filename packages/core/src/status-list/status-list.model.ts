/**
 * Bitstring Status List v1.0 data model: the `credentialStatus` entry and the status list
 * credential, and builders for the ones OneX issues.
 * https://www.w3.org/TR/vc-bitstring-status-list/#data-model
 */
import type { JsonValue } from '../crypto/index.ts';
import type { BitstringStatusList } from './bitstring.ts';
import { statusListError } from './status-list.errors.ts';

/** Status purposes with a meaning defined by the spec (§2.1 `statusPurpose`). */
export const statusPurposes = ['revocation', 'suspension', 'refresh', 'message'] as const;
/** A `statusPurpose` OneX understands when reading credentials from elsewhere. */
export type StatusPurpose = (typeof statusPurposes)[number];

/** The status purposes OneX issues: revocation (irreversible) and suspension (reversible). */
export const issuableStatusPurposes = ['revocation', 'suspension'] as const;
/** `revocation` or `suspension`. */
export type IssuableStatusPurpose = (typeof issuableStatusPurposes)[number];

/** `true` for the four purposes of {@link statusPurposes}. */
export function isStatusPurpose(value: unknown): value is StatusPurpose {
  return typeof value === 'string' && (statusPurposes as readonly string[]).includes(value);
}

/**
 * A `credentialStatus` entry as OneX issues it (statusSize 1, so no `statusMessage`).
 * https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry
 */
export interface BitstringStatusListEntry {
  /** `${listUrl}#${index}`; never the list URL itself. */
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: IssuableStatusPurpose;
  /** The index as a base-10 string (the spec and its test suite require a string). */
  statusListIndex: string;
  /** URL of the BitstringStatusListCredential. */
  statusListCredential: string;
}

/** The `credentialSubject` of a status list credential. */
export interface BitstringStatusListSubject {
  /** `${listUrl}#list` */
  id: string;
  type: 'BitstringStatusList';
  statusPurpose: IssuableStatusPurpose;
  /** `u` + base64url(GZIP(bitstring)). */
  encodedList: string;
  /** Suggested cache time in milliseconds. */
  ttl?: number;
}

/**
 * An unsigned BitstringStatusListCredential (VC Data Model 2.0), ready for a Data Integrity proof.
 * https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential
 */
export interface UnsignedBitstringStatusListCredential {
  '@context': ['https://www.w3.org/ns/credentials/v2'];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string | { id: string; [key: string]: JsonValue };
  validFrom: string;
  validUntil?: string;
  credentialSubject: BitstringStatusListSubject;
}

/** Input of {@link buildStatusListCredential}. */
export interface StatusListCredentialInput {
  /** Where the list credential is published; becomes its `id`. Absolute URL without fragment. */
  listUrl: string;
  /** The issuer's id (a DID or URL) or profile object with `id`. */
  issuer: string | { id: string; [key: string]: JsonValue };
  statusPurpose: IssuableStatusPurpose;
  /** The bitstring, or an `encodedList` already computed from it. */
  list: BitstringStatusList | string;
  /** From the `Clock` port; a Date is written as an ISO 8601 UTC time without milliseconds. */
  validFrom: Date | string;
  validUntil?: Date | string;
  /** Suggested cache time for verifiers, in milliseconds. */
  ttl?: number;
}

/**
 * Build the unsigned BitstringStatusListCredential of one list: `id` = listUrl, credentialSubject
 * `id` = `${listUrl}#list`, type `BitstringStatusList`, the status purpose and `encodedList`.
 * Throws `MALFORMED_VALUE_ERROR` for a list URL that is not an absolute URL without fragment.
 * https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential
 */
export function buildStatusListCredential(
  input: StatusListCredentialInput,
): UnsignedBitstringStatusListCredential {
  requireListUrl(input.listUrl);
  if (!(issuableStatusPurposes as readonly string[]).includes(input.statusPurpose)) {
    throw statusListError(
      'STATUS_UNSUPPORTED',
      {
        zh: `OneX 只签发 revocation 与 suspension 状态列表，不支持“${input.statusPurpose}”`,
        en: `OneX issues only revocation and suspension lists, not '${input.statusPurpose}'`,
      },
      { statusPurpose: input.statusPurpose },
    );
  }
  const encodedList = typeof input.list === 'string' ? input.list : input.list.encode();
  const credentialSubject: BitstringStatusListSubject = {
    id: `${input.listUrl}#list`,
    type: 'BitstringStatusList',
    statusPurpose: input.statusPurpose,
    encodedList,
  };
  if (input.ttl !== undefined) credentialSubject.ttl = input.ttl;
  const credential: UnsignedBitstringStatusListCredential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: input.listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: dateTime(input.validFrom),
    credentialSubject,
  };
  if (input.validUntil !== undefined) credential.validUntil = dateTime(input.validUntil);
  return credential;
}

/**
 * Build the `credentialStatus` entry of a credential at `index` of the list at `listUrl`:
 * `{ id: listUrl#index, type, statusPurpose, statusListIndex: "index", statusListCredential }`.
 * Throws `RANGE_ERROR` unless `index` is a non-negative safe integer (and below `length` when
 * given), `MALFORMED_VALUE_ERROR` for a bad list URL.
 * https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry
 */
export function buildStatusListEntry(input: {
  listUrl: string;
  index: number;
  statusPurpose: IssuableStatusPurpose;
  /** The list length, to check `index` against. */
  length?: number;
}): BitstringStatusListEntry {
  requireListUrl(input.listUrl);
  const { index } = input;
  if (!Number.isSafeInteger(index) || index < 0 || (input.length !== undefined && index >= input.length)) {
    throw statusListError(
      'RANGE_ERROR',
      { zh: `状态列表索引无效：${index}`, en: `Invalid status list index: ${index}` },
      { index, length: input.length },
    );
  }
  return {
    id: `${input.listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: input.statusPurpose,
    statusListIndex: String(index),
    statusListCredential: input.listUrl,
  };
}

function dateTime(value: Date | string): string {
  if (typeof value === 'string') return value;
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function requireListUrl(listUrl: string): void {
  let ok = typeof listUrl === 'string' && !listUrl.includes('#');
  if (ok) {
    try {
      new URL(listUrl);
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    throw statusListError(
      'MALFORMED_VALUE_ERROR',
      {
        zh: `状态列表地址必须是不含片段的绝对 URL：${String(listUrl)}`,
        en: `A status list URL must be an absolute URL without fragment: ${String(listUrl)}`,
      },
      { listUrl },
    );
  }
}
