import type { IssuableStatusPurpose } from '../status-list/index.ts';
import type { JsonObject } from './credential.model.ts';
import type { KeyStatus } from './did-web.ts';

/** Seals secrets at rest (issuer key seeds); `db` implements it with AES-256-GCM under the master key. */
export interface SecretBox {
  seal(plain: Uint8Array): Uint8Array;
  open(sealed: Uint8Array): Uint8Array;
}

export const orgKinds = ['TEO', 'INSTITUTION', 'REGULATOR'] as const;
export type OrgKind = (typeof orgKinds)[number];

export interface IssuerKeyRecord {
  did: string;
  keyId: string;
  orgKind: OrgKind;
  orgCode: string;
  publicKey: Uint8Array;
  seedCipher: Uint8Array;
  status: KeyStatus;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface StatusListRecord {
  id: string;
  issuerDid: string;
  purpose: IssuableStatusPurpose;
  url: string;
  length: number;
  /** The status bits (1 = revoked / suspended), index 0 = most significant bit of byte 0. */
  bits: Uint8Array;
  /** Which indexes are taken. */
  allocated: Uint8Array;
  used: number;
  signedCredential: JsonObject | null;
  /** The bits changed since the list credential was last signed. */
  dirty: boolean;
  updatedAt: Date;
}

export const credentialStatuses = ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const;
export type CredentialStatus = (typeof credentialStatuses)[number];

export interface CredentialRecord {
  id: string;
  issuerDid: string;
  learnerId: string | null;
  certificateCode: string | null;
  level: number | null;
  certificateNumber: string | null;
  /** What the credential was issued for (e.g. `result:<id>`): unique, so never issued twice. */
  sourceKey: string | null;
  document: JsonObject;
  /** SHA-256 of the JCS form of the signed credential (what the transparency log records). */
  digest: Uint8Array;
  status: CredentialStatus;
  revocationListId: string | null;
  revocationIndex: number | null;
  suspensionListId: string | null;
  suspensionIndex: number | null;
  issuedAt: Date;
}

/** An event the transparency log records: an issuance or a status change of one credential. */
export interface LogEvent {
  kind: 'ISSUE' | 'REVOKE' | 'SUSPEND' | 'UNSUSPEND';
  credentialId: string;
  /** SHA-256 of the JCS form of the signed credential. */
  digest: Uint8Array;
  issuerDid: string;
  certificateCode: string | null;
  level: number | null;
  /** Why a status changed (null for an issuance). */
  reason: string | null;
  at: Date;
}

export interface CredentialStore {
  transaction<T>(fn: (tx: CredentialStore) => Promise<T>): Promise<T>;

  listKeys(did: string): Promise<IssuerKeyRecord[]>;
  listIssuers(): Promise<{ did: string; orgKind: OrgKind; orgCode: string }[]>;
  insertKey(key: IssuerKeyRecord): Promise<void>;
  retireActiveKey(did: string, at: Date): Promise<void>;

  /** A list of this issuer and purpose with free entries, locked for this transaction. */
  openStatusList(
    issuerDid: string,
    purpose: IssuableStatusPurpose,
    minFree: number,
  ): Promise<StatusListRecord | undefined>;
  findStatusList(idOrUrl: string): Promise<StatusListRecord | undefined>;
  lockStatusList(id: string): Promise<StatusListRecord | undefined>;
  insertStatusList(list: StatusListRecord): Promise<void>;
  saveStatusList(list: StatusListRecord): Promise<void>;
  insertStatusEntries(entries: { listId: string; index: number; credentialId: string }[]): Promise<void>;

  /**
   * Inserts the credentials. A `sourceKey` already taken (by a rerun or a concurrent process) fails
   * the insert with `ISSUANCE_ALREADY_ISSUED`, and with it the transaction.
   */
  insertCredentials(records: CredentialRecord[]): Promise<void>;
  /** Which of `keys` some stored credential was issued for. */
  findIssuedSourceKeys(keys: readonly string[]): Promise<Set<string>>;
  /** The credentials issued for these source keys. */
  findCredentialsBySourceKeys(keys: readonly string[]): Promise<CredentialRecord[]>;
  /**
   * Reserves `count` consecutive certificate-number serials under `prefix` and returns the first
   * (from 1), locking the prefix's counter until the transaction ends: a rolled-back batch leaves
   * no gap, two batches never share a number.
   */
  reserveSerials(prefix: string, count: number): Promise<number>;
  findCredential(id: string): Promise<CredentialRecord | undefined>;
  listCredentials(filter: {
    learnerId?: string;
    issuerDid?: string;
    limit?: number;
  }): Promise<CredentialRecord[]>;
  /** Every credential issued to a learner, oldest first (no limit: a learner holds a handful). */
  listCredentialsByLearner(learnerId: string): Promise<CredentialRecord[]>;
  updateCredentialStatus(
    id: string,
    from: CredentialStatus,
    to: CredentialStatus,
    reason: string,
    at: Date,
  ): Promise<void>;

  /**
   * Appends events to the transparency log within this same transaction, so that no credential
   * exists without its entry and no entry without its credential (the ledger implements it).
   */
  appendLog(events: LogEvent[]): Promise<void>;
}
