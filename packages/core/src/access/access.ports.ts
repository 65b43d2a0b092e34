import type { ApiKey, AuditEntry, NewAuditEntry, Owner, TargetKind } from './access.model.ts';

export interface AuditQuery {
  orgId?: string | undefined;
  /** The cursor: the last id of the previous page, in the order asked for. */
  afterId?: number | undefined;
  limit: number;
  /** Oldest first (default) or newest first. */
  order?: 'asc' | 'desc' | undefined;
  /** Only this actor (account id, API key id or `admin-token`). */
  actorId?: string | undefined;
  /** Only actions containing this text, ignoring case. */
  action?: string | undefined;
  /** Only targets containing this text, ignoring case. */
  target?: string | undefined;
  /** Only entries at or after this time. */
  from?: Date | undefined;
  /** Only entries before this time. */
  to?: Date | undefined;
}

/** Storage of API keys and the audit log, and owner lookups for organization scoping. */
export interface AccessStore {
  insertApiKey(key: ApiKey, hash: Uint8Array): Promise<void>;
  /** The key with this secret hash, revoked or not; stamps `lastUsedAt`. */
  findApiKeyByHash(hash: Uint8Array, at: Date): Promise<ApiKey | null>;
  listApiKeys(orgId: string | null): Promise<ApiKey[]>;
  getApiKey(id: string): Promise<ApiKey | null>;
  revokeApiKey(id: string, at: Date): Promise<ApiKey | null>;
  appendAudit(entry: NewAuditEntry): Promise<void>;
  listAudit(query: AuditQuery): Promise<AuditEntry[]>;
  /** Who owns the record of `kind` with this id (or code); `null` when there is no such record. */
  ownerOf(kind: TargetKind, id: string): Promise<Owner | null>;
}
