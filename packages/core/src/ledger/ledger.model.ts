import type { Text } from '../shared/index.ts';

/**
 * The OneX transparency log: an append-only RFC 9162 Merkle tree of issuance and status events
 * (https://www.rfc-editor.org/rfc/rfc9162#section-2.1), signed C2SP checkpoints
 * (https://c2sp.org/tlog-checkpoint), witness cosignatures (https://c2sp.org/tlog-cosignature) and
 * static tiles (https://c2sp.org/tlog-tiles). See ARCHITECTURE.md §4.
 */

/** What an entry records. */
export const logEntryKinds = ['ISSUE', 'REVOKE', 'SUSPEND', 'UNSUSPEND'] as const;
export type LogEntryKind = (typeof logEntryKinds)[number];

/**
 * A decoded log entry (layout: `encodeEntry` in `ledger.rules.ts`). The leaf hash of the log is the
 * RFC 9162 leaf hash of the entry's bytes.
 */
export interface LogEntry {
  readonly kind: LogEntryKind;
  readonly credentialId: string;
  /** SHA-256 of the JCS form of the signed credential (32 bytes). */
  readonly digest: Uint8Array;
  readonly issuerDid: string;
  readonly certificateCode: string | null;
  readonly level: number | null;
  /** Why a status changed; null for an issuance. */
  readonly reason: string | null;
  /** When it happened, to the millisecond. */
  readonly at: Date;
}

/** The sequencer's state of one log: its size and the right border of its tree (`CompactState`). */
export interface LogState {
  readonly size: number;
  readonly border: readonly Uint8Array[];
}

/** The log's identity: origin (= key name) and its Ed25519 key, the seed sealed by the `SecretBox`. */
export interface LogKeyRecord {
  readonly origin: string;
  readonly publicKey: Uint8Array;
  readonly seedCipher: Uint8Array;
}

/** The log's state row. */
export interface LogRecord extends LogState {
  /** Null until the log is given its origin and key (`LedgerService.ensureLog`). */
  readonly key: LogKeyRecord | null;
}

/** A checkpoint the log signed (the note carries the log's signature only). */
export interface CheckpointRecord {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The signed note, as signed by the log. */
  readonly note: string;
  readonly createdAt: Date;
}

/** A witness the log accepts cosignatures from. */
export interface WitnessRecord {
  readonly name: string;
  /** The cosigner's verifier key (`name+keyid+base64(0x04 ‖ key)`). */
  readonly vkey: string;
  readonly addedAt: Date;
}

/** A verified cosignature line, stored with the checkpoint it signs. */
export interface CosignatureRecord {
  readonly size: number;
  readonly witness: string;
  /** The signature line, `— <name> <base64>\n`. */
  readonly line: string;
  readonly createdAt: Date;
}

/**
 * A proof that a credential was logged, for online answers (`GET /log/proof`) and for offline
 * bundles shipped with a credential. The verifier needs only `checkpoint`, `index`, `entry` and
 * `proof`; `size` and `leafHash` are for people and debugging.
 */
export interface LogProofBundle {
  /** The signed checkpoint note the proof leads to (with any witness cosignatures). */
  readonly checkpoint: string;
  /** The entry's index in the log. */
  readonly index: number;
  /** The entry bytes, standard base64: the client recomputes the leaf hash and reads the digest. */
  readonly entry: string;
  /** The inclusion proof, bottom-up, each hash standard base64 (RFC 9162 §2.1.3.1). */
  readonly proof: readonly string[];
  /** The checkpoint's tree size. */
  readonly size?: number;
  /** The entry's leaf hash, standard base64. */
  readonly leafHash?: string;
}

/** Kinds of divergence the monitor (`LedgerService.audit`) reports. */
export const auditFindingCodes = [
  /** The bundles have no entry at an index below the log's size (a row deleted). */
  'ENTRY_MISSING',
  /** Bytes at an index are not a log entry. */
  'ENTRY_MALFORMED',
  /** The entries go beyond the log's size (rows added outside the sequencer). */
  'ENTRY_EXTRA',
  /** An entry's leaf hash is not the one in the stored level-0 tile (entry edited or moved). */
  'LEAF_MISMATCH',
  /** A stored hash tile above level 0 differs from the one recomputed from the entries. */
  'TILE_MISMATCH',
  /** The sequencer's state row (size, border) differs from the recomputed tree. */
  'STATE_MISMATCH',
  /** A stored checkpoint does not verify with the log key, or is not well formed. */
  'CHECKPOINT_SIGNATURE',
  /** A stored checkpoint's root is not the root of the replayed entries at its size. */
  'CHECKPOINT_ROOT_MISMATCH',
  /** Two stored checkpoints fail a consistency proof from the stored tree. */
  'CHECKPOINT_INCONSISTENT',
  /** A stored credential's document no longer hashes to the digest its ISSUE entry recorded. */
  'CREDENTIAL_DIGEST_MISMATCH',
  /** A stored credential has no ISSUE entry in the log. */
  'CREDENTIAL_NOT_LOGGED',
  /** An ISSUE entry names a credential the database does not hold (deleted). */
  'CREDENTIAL_MISSING',
  /** A credential has two ISSUE entries. */
  'DUPLICATE_ISSUE',
  /** A credential's status or its history of status changes differs from its log entries. */
  'STATUS_MISMATCH',
] as const;
export type AuditFindingCode = (typeof auditFindingCodes)[number];

/** One divergence found by the audit. */
export interface AuditFinding {
  readonly code: AuditFindingCode;
  /** The first log index concerned; null when no entry is (e.g. a credential missing from the log). */
  readonly index: number | null;
  /**
   * For a finding that only bounds where the divergence is (a signed root, a hash tile, the state
   * row): the range of entries `[from, to)` it covers. Absent when `index` is the exact entry.
   */
  readonly range?: readonly [from: number, to: number];
  readonly credentialId?: string;
  readonly message: Text;
}

/** What the monitor found. */
export interface AuditReport {
  /** True when nothing diverges. */
  readonly ok: boolean;
  /** Entries replayed. */
  readonly entries: number;
  /** The log's size according to its state row. */
  readonly size: number;
  /** The root recomputed from the entries (hex). */
  readonly root: string;
  readonly checkpoints: number;
  readonly credentials: number;
  /**
   * The first divergence: the exact finding (one entry named) with the smallest index if there is
   * one, else the range finding that starts first; credential-only findings (no index) come last.
   */
  readonly firstDivergence: AuditFinding | null;
  /** Up to 100 findings, by index. */
  readonly findings: readonly AuditFinding[];
}

/** A stored credential as the audit checks it against the log. */
export interface AuditCredential {
  readonly id: string;
  /** The stored signed document (what its digest is recomputed from). */
  readonly document: unknown;
  /** The stored digest column. */
  readonly digest: Uint8Array;
  readonly status: 'ACTIVE' | 'SUSPENDED' | 'REVOKED';
  /** Its stored status changes, oldest first. */
  readonly changes: readonly { readonly to: string; readonly reason: string }[];
}
