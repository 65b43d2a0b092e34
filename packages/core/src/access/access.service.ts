import type { CryptoProvider } from '../crypto/index.ts';
import { type Clock, DomainError, type IdGenerator, notFound, type Random } from '../shared/index.ts';
import type {
  ApiKey,
  AuditEntry,
  NewAuditEntry,
  Owner,
  Principal,
  Role,
  TargetKind,
} from './access.model.ts';
import { roleOrgKind } from './access.model.ts';
import type { AccessStore, AuditQuery } from './access.ports.ts';

/** API key secrets start with this, so a Bearer token is recognisable as one (and by secret scanners). */
export const API_KEY_PREFIX = 'onex_';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export interface AccessDeps {
  store: AccessStore;
  crypto: CryptoProvider;
  clock: Clock;
  ids: IdGenerator;
  random: Random;
}

/** API keys for machine clients, the audit log, and owner lookups for organization scoping. */
export class AccessService {
  constructor(private readonly deps: AccessDeps) {}

  private hash(secret: string): Uint8Array {
    return this.deps.crypto.sha256(new TextEncoder().encode(secret));
  }

  /**
   * Makes an API key for one organization and role. The secret (32 random bytes) is returned
   * once; only its SHA-256 is stored.
   */
  async createApiKey(input: {
    name: string;
    role: Role;
    orgId: string | null;
    createdBy: string;
  }): Promise<{ key: ApiKey; secret: string }> {
    const orgKind = roleOrgKind[input.role];
    if (orgKind === null || input.orgId === null)
      throw new DomainError(
        'VALIDATION_FAILED',
        { zh: 'API 密钥须属于一个机构', en: 'An API key belongs to an organization' },
        { issues: [{ path: 'body.orgId', message: 'required for this role' }] },
      );
    const secret = API_KEY_PREFIX + hex(this.deps.random.bytes(32));
    const key: ApiKey = {
      id: this.deps.ids.next('key'),
      name: input.name,
      prefix: secret.slice(0, API_KEY_PREFIX.length + 6),
      role: input.role,
      orgKind,
      orgId: input.orgId,
      createdBy: input.createdBy,
      createdAt: this.deps.clock.now(),
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.deps.store.insertApiKey(key, this.hash(secret));
    return { key, secret };
  }

  /** The principal of an API key secret, or `null` if it is unknown or revoked. */
  async authenticateApiKey(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(API_KEY_PREFIX)) return null;
    const key = await this.deps.store.findApiKeyByHash(this.hash(secret), this.deps.clock.now());
    if (!key || key.revokedAt) return null;
    return {
      via: 'api-key',
      actorId: key.id,
      role: key.role,
      orgKind: key.orgKind,
      orgId: key.orgId,
      learnerId: null,
    };
  }

  listApiKeys(orgId: string | null): Promise<ApiKey[]> {
    return this.deps.store.listApiKeys(orgId);
  }

  async getApiKey(id: string): Promise<ApiKey> {
    const key = await this.deps.store.getApiKey(id);
    if (!key) throw notFound('API key', id);
    return key;
  }

  /** Revokes a key (idempotent: revoking again keeps the first time). */
  async revokeApiKey(id: string): Promise<ApiKey> {
    const key = await this.deps.store.revokeApiKey(id, this.deps.clock.now());
    if (!key) throw notFound('API key', id);
    return key;
  }

  record(entry: Omit<NewAuditEntry, 'at'>): Promise<void> {
    return this.deps.store.appendAudit({ ...entry, at: this.deps.clock.now() });
  }

  listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.deps.store.listAudit(query);
  }

  ownerOf(kind: TargetKind, id: string): Promise<Owner | null> {
    return this.deps.store.ownerOf(kind, id);
  }
}
