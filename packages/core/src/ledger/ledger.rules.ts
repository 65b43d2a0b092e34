/**
 * Pure rules of the OneX transparency log: the entry layout, C2SP entry bundles, the append plan
 * that turns entries into tile and bundle writes, and tile geometry for proofs.
 *
 * Storage follows C2SP tlog-tiles (https://c2sp.org/tlog-tiles): entries live in bundles of 256
 * (uint16 length-prefixed), and the tree in hash tiles of 256: the level-0 tile N holds the leaf
 * hashes N·256 … N·256+255, the level-L tile holds the hashes of the perfect subtrees at tree
 * level 8·L. The tree levels between are recomputed from a tile when read (`TileSubtree`).
 */

import type { LogEvent } from '../credentials/index.ts';
import {
  type AppendResult,
  appendLeaves,
  type CompactState,
  HASH_SIZE,
  type MerkleHasher,
  type NodeId,
} from '../merkle/index.ts';
import { ledgerError } from './ledger.errors.ts';
import { type LogEntry, type LogEntryKind, logEntryKinds } from './ledger.model.ts';
import { TILE_HEIGHT, TILE_WIDTH } from './tiles.ts';

// ---- entry layout ------------------------------------------------------------------------------

/** Version byte of the entry layout below. */
export const ENTRY_VERSION = 1;

/** Byte limits per string field; they keep every entry under the 65,535 bytes a bundle length prefix allows. */
export const ENTRY_LIMITS = {
  credentialId: 1024,
  issuerDid: 1024,
  certificateCode: 256,
  reason: 8192,
} as const;

const ABSENT = 0xffff;
const HEAD = 43; // version, kind, at, digest, level
const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The bytes of a log entry, a compact deterministic binary layout (all integers big-endian):
 *
 * | offset | size | field |
 * | --- | --- | --- |
 * | 0 | 1 | version = 0x01 |
 * | 1 | 1 | kind: 1 ISSUE, 2 REVOKE, 3 SUSPEND, 4 UNSUSPEND |
 * | 2 | 8 | at: milliseconds since 1970-01-01T00:00:00Z (unsigned) |
 * | 10 | 32 | digest: SHA-256 of the JCS (RFC 8785) form of the signed credential |
 * | 42 | 1 | certificate level, 0 = none |
 * | 43 | 2 + n | credential id: byte length n, then UTF-8 |
 * | … | 2 + n | issuer DID |
 * | … | 2 + n | certificate code, or the length 0xFFFF alone when there is none |
 * | … | 2 + n | reason (status changes only), or 0xFFFF alone for an issuance |
 *
 * One value has exactly one encoding (strings are well-formed Unicode, so UTF-8 is canonical), and
 * {@link decodeEntry} accepts only that encoding. The log's leaf hash is RFC 9162's
 * SHA-256(0x00 ‖ entry). About 140 bytes for a typical issuance.
 * @throws {DomainError} `LEDGER_ENTRY_INVALID`.
 */
export function encodeEntry(e: LogEntry): Uint8Array {
  const out = new Uint8Array(check(e));
  write(e, out, 0);
  return out;
}

/** Entries encoded together: one buffer in C2SP entry-bundle layout, and a view of each entry. */
export interface EncodedEntries {
  /** The entries, each prefixed with its big-endian uint16 length (https://c2sp.org/tlog-tiles#log-entries). */
  readonly bundle: Uint8Array;
  /** Each entry's bytes (views into `bundle`). */
  readonly entries: readonly Uint8Array[];
  /** `starts[i]`: offset of entry i's length prefix in `bundle`; `starts[n] = bundle.length`. */
  readonly starts: readonly number[];
}

/**
 * Encode many entries into one buffer laid out as a C2SP entry bundle: one allocation for the
 * batch and no object per entry, which is what keeps encoding cheap next to hashing.
 * @throws {DomainError} `LEDGER_ENTRY_INVALID`.
 */
export function encodeEntries(list: readonly LogEntry[]): EncodedEntries {
  const n = list.length;
  const starts: number[] = new Array(n + 1);
  let size = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = size;
    size += 2 + check(list[i]!);
  }
  starts[n] = size;
  const bundle = new Uint8Array(size);
  const entries: Uint8Array[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const at = starts[i]!;
    const length = starts[i + 1]! - at - 2;
    bundle[at] = length >>> 8;
    bundle[at + 1] = length & 0xff;
    write(list[i]!, bundle, at + 2);
    entries[i] = bundle.subarray(at + 2, at + 2 + length);
  }
  return { bundle, entries, starts };
}

/** Check an entry; returns its encoded size. @throws {DomainError} `LEDGER_ENTRY_INVALID`. */
function check(e: LogEntry): number {
  const kind = logEntryKinds.indexOf(e.kind) + 1;
  const at = e.at instanceof Date ? e.at.getTime() : Number.NaN;
  if (kind === 0)
    throw invalidEntry('kind', `unknown kind ${String(e.kind)}`, `未知的条目类型 ${String(e.kind)}`);
  if (!Number.isSafeInteger(at) || at < 0) throw invalidEntry('at', 'bad time', '时间无效');
  if (!(e.digest instanceof Uint8Array) || e.digest.length !== HASH_SIZE) {
    throw invalidEntry('digest', 'the digest must be 32 bytes', '摘要必须为 32 字节');
  }
  if (e.level !== null && (!Number.isInteger(e.level) || e.level < 1 || e.level > 255)) {
    throw invalidEntry('level', 'the level must be 1-255 or none', '等级必须为 1–255 或为空');
  }
  if ((e.kind === 'ISSUE') !== (e.reason === null)) {
    throw invalidEntry(
      'reason',
      'a status change needs a reason; an issuance has none',
      '状态变更必须有原因；签发不带原因',
    );
  }
  return (
    HEAD +
    8 +
    textLength('credentialId', e.credentialId, ENTRY_LIMITS.credentialId, false) +
    textLength('issuerDid', e.issuerDid, ENTRY_LIMITS.issuerDid, false) +
    textLength('certificateCode', e.certificateCode, ENTRY_LIMITS.certificateCode, true) +
    textLength('reason', e.reason, ENTRY_LIMITS.reason, true)
  );
}

/** Write a checked entry at `offset` of `out` (the layout above). */
function write(e: LogEntry, out: Uint8Array, offset: number): void {
  const at = e.at.getTime();
  out[offset] = ENTRY_VERSION;
  out[offset + 1] = logEntryKinds.indexOf(e.kind) + 1;
  const hi = Math.floor(at / 2 ** 32);
  const lo = at >>> 0;
  out[offset + 2] = hi >>> 24;
  out[offset + 3] = (hi >>> 16) & 0xff;
  out[offset + 4] = (hi >>> 8) & 0xff;
  out[offset + 5] = hi & 0xff;
  out[offset + 6] = lo >>> 24;
  out[offset + 7] = (lo >>> 16) & 0xff;
  out[offset + 8] = (lo >>> 8) & 0xff;
  out[offset + 9] = lo & 0xff;
  out.set(e.digest, offset + 10);
  out[offset + 42] = e.level ?? 0;
  let o = writeText(out, offset + HEAD, e.credentialId);
  o = writeText(out, o, e.issuerDid);
  o = writeText(out, o, e.certificateCode);
  writeText(out, o, e.reason);
}

const NON_ASCII = /[\u0080-\uffff]/;

/** The UTF-8 byte length of a field (its 2-byte length prefix not included), after checking it. */
function textLength(field: string, value: string | null, max: number, optional: boolean): number {
  if (value === null) {
    if (optional) return 0;
    throw invalidEntry(field, `${field} is required`, `${field} 不能为空`);
  }
  if (typeof value !== 'string' || (!optional && value.length === 0)) {
    throw invalidEntry(field, `${field} is not a valid string`, `${field} 不是有效的字符串`);
  }
  // Most fields (ids, DIDs, codes) are ASCII: their UTF-8 is the characters themselves.
  let n = value.length;
  if (NON_ASCII.test(value)) {
    if (LONE_SURROGATE.test(value)) {
      throw invalidEntry(field, `${field} is not well-formed Unicode`, `${field} 不是有效的 Unicode`);
    }
    n = encoder.encode(value).length;
  }
  if (n > max) throw invalidEntry(field, `${field} is longer than ${max} bytes`, `${field} 超过 ${max} 字节`);
  return n;
}

/** Writes a checked field: uint16 length (0xFFFF when absent), then UTF-8. Returns the next offset. */
function writeText(out: Uint8Array, at: number, value: string | null): number {
  if (value === null) {
    out[at] = 0xff;
    out[at + 1] = 0xff;
    return at + 2;
  }
  const n = encoder.encodeInto(value, out.subarray(at + 2)).written;
  const o = at + 2 + n;
  out[at] = n >>> 8;
  out[at + 1] = n & 0xff;
  return o;
}

function invalidEntry(field: string, en: string, zh: string) {
  return ledgerError(
    'LEDGER_ENTRY_INVALID',
    { zh: `日志条目无效：${zh}`, en: `Invalid log entry: ${en}` },
    { issues: [{ path: field, message: en }] },
  );
}

function malformed(en: string, zh: string) {
  return ledgerError('LEDGER_ENTRY_MALFORMED', {
    zh: `日志条目格式错误：${zh}`,
    en: `Malformed log entry: ${en}`,
  });
}

/**
 * Decode entry bytes, accepting only the canonical layout of {@link encodeEntry}.
 * @throws {DomainError} `LEDGER_ENTRY_MALFORMED`.
 */
export function decodeEntry(bytes: Uint8Array): LogEntry {
  if (bytes.length < HEAD + 8) throw malformed('too short', '太短');
  if (bytes[0] !== ENTRY_VERSION) throw malformed(`unknown version ${bytes[0]}`, `未知版本 ${bytes[0]}`);
  const kind: LogEntryKind | undefined = logEntryKinds[bytes[1]! - 1];
  if (!kind) throw malformed(`unknown kind ${bytes[1]}`, `未知类型 ${bytes[1]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = view.getUint32(2) * 2 ** 32 + view.getUint32(6);
  if (!Number.isSafeInteger(at)) throw malformed('bad time', '时间无效');
  const digest = bytes.slice(10, 42);
  const level = bytes[42]!;
  let o = HEAD;
  const field = (optional: boolean): string | null => {
    if (o + 2 > bytes.length) throw malformed('truncated', '被截断');
    const n = view.getUint16(o);
    o += 2;
    if (n === ABSENT) {
      if (!optional) throw malformed('a required field is absent', '缺少必填字段');
      return null;
    }
    if (o + n > bytes.length) throw malformed('truncated', '被截断');
    let s: string;
    try {
      s = strictUtf8.decode(bytes.subarray(o, o + n));
    } catch {
      throw malformed('not UTF-8', '不是 UTF-8');
    }
    o += n;
    return s;
  };
  const credentialId = field(false)!;
  const issuerDid = field(false)!;
  const certificateCode = field(true);
  const reason = field(true);
  if (o !== bytes.length) throw malformed('trailing bytes', '末尾有多余字节');
  if (credentialId.length === 0 || issuerDid.length === 0) throw malformed('empty id', '标识为空');
  if ((kind === 'ISSUE') !== (reason === null))
    throw malformed('reason does not fit the kind', '原因与类型不符');
  return {
    kind,
    credentialId,
    digest,
    issuerDid,
    certificateCode,
    level: level === 0 ? null : level,
    reason,
    at: new Date(at),
  };
}

/** The entry of a credential event (`CredentialStore.appendLog`). */
export function entryOfEvent(e: LogEvent): LogEntry {
  return {
    kind: e.kind,
    credentialId: e.credentialId,
    digest: e.digest,
    issuerDid: e.issuerDid,
    certificateCode: e.certificateCode,
    level: e.level,
    reason: e.reason,
    at: e.at,
  };
}

// ---- entry bundles (https://c2sp.org/tlog-tiles#log-entries) -------------------------------------

/** Concatenate entries as a C2SP entry bundle: each prefixed with its big-endian uint16 length. */
export function encodeBundle(entries: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const e of entries) {
    if (e.length > 0xffff)
      throw invalidEntry('entry', 'an entry is longer than 65,535 bytes', '条目超过 65535 字节');
    size += 2 + e.length;
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const e of entries) {
    out[o] = e.length >>> 8;
    out[o + 1] = e.length & 0xff;
    out.set(e, o + 2);
    o += 2 + e.length;
  }
  return out;
}

/**
 * Split a C2SP entry bundle into its entries (views into `bundle`).
 * @throws {DomainError} `LEDGER_ENTRY_MALFORMED` for a truncated bundle.
 */
export function decodeBundle(bundle: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < bundle.length) {
    if (o + 2 > bundle.length) throw malformed('truncated entry bundle', '条目包被截断');
    const n = (bundle[o]! << 8) | bundle[o + 1]!;
    if (o + 2 + n > bundle.length) throw malformed('truncated entry bundle', '条目包被截断');
    out.push(bundle.subarray(o + 2, o + 2 + n));
    o += 2 + n;
  }
  return out;
}

// ---- the append plan ------------------------------------------------------------------------------

/** New hashes for one hash tile: `offset` hashes are already stored, `hashes` (k × 32 bytes) follow them. */
export interface TileSegment {
  readonly level: number;
  readonly index: number;
  readonly offset: number;
  readonly hashes: Uint8Array;
}

/** New entries for one entry bundle: `offset` entries are already stored, `count` follow, as `bytes`. */
export interface BundleSegment {
  readonly index: number;
  readonly offset: number;
  readonly count: number;
  readonly bytes: Uint8Array;
}

/** What appending entries writes: the new state, and the tile and bundle segments to store. */
export interface AppendPlan {
  /** Index of the first new entry (the size before). */
  readonly first: number;
  readonly state: CompactState;
  readonly leafHashes: readonly Uint8Array[];
  readonly tiles: readonly TileSegment[];
  readonly bundles: readonly BundleSegment[];
  /** The Merkle result (its `root` is computed on first read). */
  readonly result: AppendResult;
}

/**
 * Plan the append of `entries` to the log in `state`: leaf hashes, the new compact state, and the
 * hashes each tile and the entries each bundle gains. Every node hash is computed exactly once
 * (amortized one per leaf, `appendLeaves`); only nodes at tree levels 0, 8, 16 … are stored.
 * @throws {MerkleError} from `appendLeaves` for a bad state.
 * @see https://c2sp.org/tlog-tiles#merkle-tree
 */
export function planAppend(
  h: MerkleHasher,
  state: CompactState,
  input: EncodedEntries | readonly Uint8Array[],
): AppendPlan {
  const batch = isEncoded(input) ? input : bundleOf(input);
  const entries = batch.entries;
  const leafHashes = entries.map((e) => h.hashLeaf(e));
  const result = appendLeaves(h, state, leafHashes);
  const tiles: { level: number; index: number; offset: number; parts: Uint8Array[] }[] = [];
  // Nodes come in creation order; at one level their indexes only grow, so a tile's new nodes are consecutive.
  const open = new Map<number, (typeof tiles)[number]>();
  for (const node of result.newNodes) {
    if (node.level % TILE_HEIGHT !== 0) continue;
    const level = node.level / TILE_HEIGHT;
    const index = Math.floor(node.index / TILE_WIDTH);
    let current = open.get(level);
    if (!current || current.index !== index) {
      current = { level, index, offset: node.index % TILE_WIDTH, parts: [] };
      open.set(level, current);
      tiles.push(current);
    }
    current.parts.push(node.hash);
  }
  const bundles: BundleSegment[] = [];
  for (let i = 0; i < entries.length; ) {
    const position = state.size + i;
    const index = Math.floor(position / TILE_WIDTH);
    const offset = position % TILE_WIDTH;
    const count = Math.min(TILE_WIDTH - offset, entries.length - i);
    bundles.push({
      index,
      offset,
      count,
      bytes: batch.bundle.subarray(batch.starts[i]!, batch.starts[i + count]!),
    });
    i += count;
  }
  return {
    first: state.size,
    state: result.state,
    leafHashes,
    result,
    bundles,
    tiles: tiles.map((t) => ({ level: t.level, index: t.index, offset: t.offset, hashes: concat(t.parts) })),
  };
}

function isEncoded(x: EncodedEntries | readonly Uint8Array[]): x is EncodedEntries {
  return !Array.isArray(x);
}

/** The batch form of separately encoded entries. */
function bundleOf(entries: readonly Uint8Array[]): EncodedEntries {
  const bundle = encodeBundle(entries);
  const starts: number[] = [0];
  for (const e of entries) starts.push(starts.at(-1)! + 2 + e.length);
  return { bundle, starts, entries: entries.map((_, i) => bundle.subarray(starts[i]! + 2, starts[i + 1]!)) };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.length * HASH_SIZE);
  parts.forEach((p, i) => {
    out.set(p, i * HASH_SIZE);
  });
  return out;
}

/** The border hashes concatenated (the state row's storage form). */
export function packBorder(border: readonly Uint8Array[]): Uint8Array {
  return concat(border);
}

/**
 * The border hashes of a packed border.
 * @throws {DomainError} `LEDGER_STORAGE_CORRUPT` unless it is a whole number of hashes.
 */
export function unpackBorder(bytes: Uint8Array): Uint8Array[] {
  if (bytes.length % HASH_SIZE !== 0) {
    throw ledgerError('LEDGER_STORAGE_CORRUPT', {
      zh: '日志状态的边界哈希长度错误',
      en: 'The log state border has a bad length',
    });
  }
  return Array.from({ length: bytes.length / HASH_SIZE }, (_, i) =>
    bytes.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE),
  );
}

// ---- reading the tree from tiles ------------------------------------------------------------------

/** A tile by level and index (the width is what is stored). */
export interface TileKey {
  readonly level: number;
  readonly index: number;
}

/** Where a perfect-subtree node is found: in which tile, at which height inside it, which position. */
export interface NodeLocation extends TileKey {
  /** Height inside the tile, 0 … 7 (0 = the tile's own hashes). */
  readonly sublevel: number;
  readonly position: number;
  /** How many hashes the tile must hold for the node to be complete: (position + 1) · 2^sublevel. */
  readonly needs: number;
}

/** The tile that holds node (level, index) of the tree (C2SP tlog-tiles geometry). */
export function locateNode(id: NodeId): NodeLocation {
  const level = Math.floor(id.level / TILE_HEIGHT);
  const sublevel = id.level % TILE_HEIGHT;
  const span = TILE_WIDTH >> sublevel; // nodes of this height per tile
  const position = id.index % span;
  return { level, index: Math.floor(id.index / span), sublevel, position, needs: (position + 1) << sublevel };
}

/**
 * The perfect subtrees inside one (full or partial) tile: its own W hashes and, above them, every
 * complete node up to height 7, computed once (about W hashes). A full tile never changes, so a
 * reader keeps these in a cache and answers proof nodes without hashing.
 */
export class TileSubtree {
  /** `levels[s]`: the complete nodes at height s inside the tile, 32 bytes each. */
  readonly levels: Uint8Array[];

  constructor(h: MerkleHasher, hashes: Uint8Array) {
    if (hashes.length % HASH_SIZE !== 0 || hashes.length > TILE_WIDTH * HASH_SIZE) {
      throw ledgerError('LEDGER_STORAGE_CORRUPT', {
        zh: '哈希瓦片长度错误',
        en: 'A hash tile has a bad length',
      });
    }
    this.levels = [hashes];
    for (let s = 1; s < TILE_HEIGHT; s++) {
      const below = this.levels[s - 1]!;
      const n = Math.floor(below.length / (2 * HASH_SIZE));
      if (n === 0) break;
      const row = new Uint8Array(n * HASH_SIZE);
      for (let p = 0; p < n; p++) {
        const left = below.subarray(2 * p * HASH_SIZE, (2 * p + 1) * HASH_SIZE);
        const right = below.subarray((2 * p + 1) * HASH_SIZE, (2 * p + 2) * HASH_SIZE);
        row.set(h.hashChildren(left, right), p * HASH_SIZE);
      }
      this.levels.push(row);
    }
  }

  /** Hashes the tile holds (its width). */
  get width(): number {
    return this.levels[0]!.length / HASH_SIZE;
  }

  /** The node at height `sublevel`, position `position`, or undefined if not complete in this tile. */
  node(sublevel: number, position: number): Uint8Array | undefined {
    const row = this.levels[sublevel];
    if (!row || (position + 1) * HASH_SIZE > row.length) return undefined;
    return row.subarray(position * HASH_SIZE, (position + 1) * HASH_SIZE);
  }

  /** Bytes held by this object (for cache accounting). */
  get bytes(): number {
    return this.levels.reduce((n, l) => n + l.length, 0);
  }
}

// ---- identities -------------------------------------------------------------------------------

/**
 * The log's origin (= its key name) for an instance at `baseUrl`: the URL prefix the log is served
 * under (`<baseUrl>/log`, so `<prefix>/checkpoint` is `GET /log/checkpoint`), without the scheme,
 * as C2SP tlog-tiles recommends (e.g. `https://onex.example` → `onex.example/log`).
 * @see https://c2sp.org/tlog-tiles#parameters
 */
export function originFor(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}/log`;
}

/** The 4-byte lookup key of an entry (the first bytes of its digest) kept per batch to find it fast. */
export function lookupKey(digest: Uint8Array): Uint8Array {
  return digest.subarray(0, 4);
}
