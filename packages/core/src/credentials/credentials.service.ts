import type { CertificateWithTeo, Teo } from '../catalog/index.ts';
import { type CryptoProvider, type JsonValue, jcsBytes, type Signer } from '../crypto/index.ts';
import {
  type Clock,
  DomainError,
  type IdGenerator,
  invalid,
  notFound,
  type Random,
} from '../shared/index.ts';
import {
  allocateIndex,
  BitstringStatusList,
  buildStatusListCredential,
  buildStatusListEntry,
  type IssuableStatusPurpose,
  MIN_STATUS_LIST_LENGTH,
} from '../status-list/index.ts';
import { type BatchSigner, inThreadSigner, type SignedWithDigest } from './batch-signer.ts';
import { achievementId } from './compose.ts';
import type { Cryptosuite, JsonObject, TrustList, TrustListInstitution } from './credential.model.ts';
import { composeDidDocument, didWebFor } from './did-web.ts';
import type {
  CredentialRecord,
  CredentialStatus,
  CredentialStore,
  IssuerKeyRecord,
  OrgKind,
  SecretBox,
  StatusListRecord,
} from './issuance.ports.ts';
import { signDataIntegrity } from './proof.ts';
import { issuerIdOf } from './shape.ts';
import { composeTrustListCredential } from './trust-list.ts';

export interface CredentialsDeps {
  store: CredentialStore;
  box: SecretBox;
  crypto: CryptoProvider;
  clock: Clock;
  ids: IdGenerator;
  random: Random;
  /** Public base URL of this instance: DIDs, status lists and achievements live under it. */
  baseUrl: string;
  /** The catalog, for the trust list. */
  catalog: { listTeos(): Promise<Teo[]>; listCertificates(): Promise<CertificateWithTeo[]> };
  /**
   * Names of the institutions of this instance, for the trust list's `institutions` (those that
   * hold an issuer key). Without it the trust list names no institution.
   */
  institutions?: { find(code: string): Promise<{ nameZh: string; nameEn: string } | undefined> };
  /** Signs big batches (a worker-thread pool in the Node runtime); default: this thread. */
  batchSigner?: BatchSigner;
  /** Batches at least this big go to `batchSigner` (default 32). */
  poolThreshold?: number;
}

export interface IssueOptions {
  cryptosuite?: Cryptosuite;
  /** Add revocation and suspension entries (default true). */
  withStatus?: boolean;
  learnerId?: string | null;
  certificateCode?: string | null;
  level?: number | null;
  certificateNumber?: string | null;
  /** What the credential is issued for (e.g. `result:<id>`): a second issuance for it fails. */
  sourceKey?: string | null;
}

export type StatusAction = 'revoke' | 'suspend' | 'unsuspend';

export interface ActiveSigner {
  did: string;
  verificationMethod: string;
  signer: Signer;
  /** The key's seed, for a batch signer running in other threads of this process. */
  seed: Uint8Array;
}

const purposes: IssuableStatusPurpose[] = ['revocation', 'suspension'];

/**
 * Issuer identities (did:web with Multikey keys, rotation), issuing signed credentials with
 * Bitstring Status List entries, status changes, signed status lists and the regulator's trust list.
 */
export class CredentialsService {
  private readonly signers = new Map<string, ActiveSigner>();
  private readonly inThread: BatchSigner;

  constructor(private readonly deps: CredentialsDeps) {
    this.inThread = inThreadSigner(deps.crypto);
  }

  /** The did:web an organization of this instance has. */
  didOf(kind: OrgKind, code: string): string {
    const path = kind === 'REGULATOR' ? ['regulator'] : [kind === 'TEO' ? 'teos' : 'institutions', code];
    return didWebFor(this.deps.baseUrl, ...path);
  }

  /** Gives an organization its first Ed25519 key if it has none; returns its DID. Idempotent. */
  async ensureIssuer(kind: OrgKind, code: string): Promise<string> {
    const did = this.didOf(kind, code);
    await this.deps.store.transaction(async (tx) => {
      const keys = await tx.listKeys(did);
      if (keys.some((k) => k.status === 'ACTIVE')) return;
      await tx.insertKey(this.newKey(did, kind, code, `key-${keys.length + 1}`));
    });
    return did;
  }

  /** Retires the active key and makes a new one; the retired key stays in the DID document. */
  async rotateKey(did: string): Promise<JsonObject> {
    await this.deps.store.transaction(async (tx) => {
      const keys = await tx.listKeys(did);
      const active = keys.find((k) => k.status === 'ACTIVE');
      if (!active) throw notFound('签发者 issuer', did);
      await tx.retireActiveKey(did, this.deps.clock.now());
      await tx.insertKey(this.newKey(did, active.orgKind, active.orgCode, `key-${keys.length + 1}`));
    });
    this.signers.delete(did);
    return (await this.didDocument(did))!;
  }

  async didDocument(did: string): Promise<JsonObject | undefined> {
    const keys = await this.deps.store.listKeys(did);
    if (keys.length === 0) return undefined;
    return composeDidDocument(did, keys);
  }

  listIssuers() {
    return this.deps.store.listIssuers();
  }

  /** The signer of an issuer's active key, built once and reused (node:crypto KeyObject). */
  async activeSigner(did: string, store: CredentialStore = this.deps.store): Promise<ActiveSigner> {
    const cached = this.signers.get(did);
    if (cached) return cached;
    // Inside a transaction the caller passes its store: PGlite has one connection, so reading
    // through another would wait for the transaction that waits for it.
    const active = (await store.listKeys(did)).find((k) => k.status === 'ACTIVE');
    if (!active) {
      throw invalid('credential.issuer', {
        zh: `本平台没有该签发者的密钥：${did}`,
        en: `This platform holds no key for issuer ${did}`,
      });
    }
    const seed = this.deps.box.open(active.seedCipher);
    const signer = this.deps.crypto.ed25519Signer(seed);
    const entry = { did, verificationMethod: `${did}#${active.keyId}`, signer, seed };
    this.signers.set(did, entry);
    return entry;
  }

  /**
   * Signs a credential with its issuer's active key, after adding what is missing: an id, validFrom,
   * and (unless turned off) revocation and suspension status entries at random list positions.
   * The credential, its status entries and its digest are stored in one transaction.
   */
  async issue(unsigned: JsonObject, options: IssueOptions = {}): Promise<CredentialRecord> {
    const [record] = await this.issueMany([{ credential: unsigned, options }]);
    return record!;
  }

  /**
   * Issues several credentials in one transaction (all or none): ids, validFrom and status entries
   * are added here, then each issuer's documents are signed and digested by the batch signer (a
   * worker pool in the Node runtime), then credentials, status entries and log entries are stored.
   */
  async issueMany(
    items: { credential: JsonObject; options?: IssueOptions }[],
    within?: CredentialStore,
  ): Promise<CredentialRecord[]> {
    const now = this.deps.clock.now();
    // `within`: a transaction the caller already holds (bulk issuance reserves certificate numbers in it).
    const inTransaction = <T>(fn: (tx: CredentialStore) => Promise<T>) =>
      within ? fn(within) : this.deps.store.transaction(fn);
    return inTransaction(async (tx) => {
      const prepared: {
        doc: JsonObject;
        issuerDid: string;
        options: IssueOptions;
        placed: Partial<Record<IssuableStatusPurpose, { list: StatusListRecord; index: number }>>;
      }[] = [];
      const entries: { listId: string; index: number; credentialId: string }[] = [];
      const openLists = new Map<string, StatusListRecord>();
      for (const { credential, options = {} } of items) {
        const issuerDid = issuerIdOf(credential);
        if (!issuerDid)
          throw invalid('credential.issuer', { zh: '凭证缺少签发者', en: 'The credential has no issuer' });
        await this.activeSigner(issuerDid, tx);
        const doc: JsonObject = { ...credential };
        doc.id ??= `urn:uuid:${uuid(this.deps.random.bytes(16))}`;
        if (typeof doc.id !== 'string')
          throw invalid('credential.id', { zh: 'id 必须是字符串', en: 'id must be a string' });
        doc.validFrom ??= isoSeconds(now);
        const placed: Partial<Record<IssuableStatusPurpose, { list: StatusListRecord; index: number }>> = {};
        if (options.withStatus !== false) {
          const status: JsonObject[] = [];
          for (const purpose of purposes) {
            const key = `${issuerDid} ${purpose}`;
            let list = openLists.get(key);
            if (!list || list.used >= list.length) {
              list =
                (await tx.openStatusList(issuerDid, purpose, 1)) ??
                this.newStatusList(issuerDid, purpose, now);
              if (!(await tx.findStatusList(list.id))) await tx.insertStatusList(list);
              openLists.set(key, list);
            }
            const allocated = BitstringStatusList.fromBytes(list.allocated);
            const index = allocateIndex(this.deps.random, (i) => allocated.get(i), list.length);
            allocated.set(index, true);
            list.allocated = allocated.toBytes();
            list.used += 1;
            placed[purpose] = { list, index };
            entries.push({ listId: list.id, index, credentialId: doc.id });
            status.push(
              buildStatusListEntry({
                listUrl: list.url,
                index,
                statusPurpose: purpose,
                length: list.length,
              }) as unknown as JsonObject,
            );
          }
          const existing = doc.credentialStatus;
          doc.credentialStatus = [
            ...(Array.isArray(existing) ? existing : existing ? [existing] : []),
            ...status,
          ] as JsonValue;
        }
        prepared.push({ doc, issuerDid, options, placed });
      }

      // Sign per (issuer, cryptosuite), keeping the order of `items`.
      const signed: SignedWithDigest[] = new Array(prepared.length);
      const groups = new Map<string, number[]>();
      prepared.forEach((p, i) => {
        const key = `${p.issuerDid} ${p.options.cryptosuite ?? 'eddsa-rdfc-2022'}`;
        const group = groups.get(key);
        if (group) group.push(i);
        else groups.set(key, [i]);
      });
      for (const positions of groups.values()) {
        const first = prepared[positions[0]!]!;
        const active = await this.activeSigner(first.issuerDid, tx);
        const out = await this.batchSigner(positions.length).sign(
          positions.map((i) => prepared[i]!.doc),
          { seed: active.seed, verificationMethod: active.verificationMethod, signer: active.signer },
          { cryptosuite: first.options.cryptosuite ?? 'eddsa-rdfc-2022', created: isoSeconds(now) },
        );
        positions.forEach((i, k) => {
          signed[i] = out[k]!;
        });
      }

      const records: CredentialRecord[] = prepared.map(({ doc, issuerDid, options, placed }, i) => ({
        id: doc.id as string,
        issuerDid,
        learnerId: options.learnerId ?? null,
        certificateCode: options.certificateCode ?? null,
        level: options.level ?? null,
        certificateNumber: options.certificateNumber ?? null,
        sourceKey: options.sourceKey ?? null,
        document: signed[i]!.document,
        digest: signed[i]!.digest,
        status: 'ACTIVE',
        revocationListId: placed.revocation?.list.id ?? null,
        revocationIndex: placed.revocation?.index ?? null,
        suspensionListId: placed.suspension?.list.id ?? null,
        suspensionIndex: placed.suspension?.index ?? null,
        issuedAt: now,
      }));
      for (const list of openLists.values()) await tx.saveStatusList({ ...list, updatedAt: now });
      await tx.insertCredentials(records);
      await tx.insertStatusEntries(entries);
      await tx.appendLog(
        records.map((r) => ({
          kind: 'ISSUE' as const,
          credentialId: r.id,
          digest: r.digest,
          issuerDid: r.issuerDid,
          certificateCode: r.certificateCode,
          level: r.level,
          reason: null,
          at: now,
        })),
      );
      return records;
    });
  }

  /** The pool for big batches (when the runtime gives one), this thread for small ones. */
  private batchSigner(count: number): BatchSigner {
    return this.deps.batchSigner && count >= (this.deps.poolThreshold ?? 32)
      ? this.deps.batchSigner
      : this.inThread;
  }

  /** SHA-256 of the JCS form of a signed credential: what the transparency log records. */
  digest(signed: JsonObject): Uint8Array {
    return this.deps.crypto.sha256(jcsBytes(signed));
  }

  async getCredential(id: string): Promise<CredentialRecord> {
    const record = await this.deps.store.findCredential(id);
    if (!record) throw notFound('凭证 credential', id);
    return record;
  }

  listCredentials(filter: { learnerId?: string; issuerDid?: string; limit?: number }) {
    return this.deps.store.listCredentials(filter);
  }

  /** Every credential issued to a learner, oldest first, whatever its status. */
  listForLearner(learnerId: string): Promise<CredentialRecord[]> {
    return this.deps.store.listCredentialsByLearner(learnerId);
  }

  /**
   * Revokes (final), suspends or unsuspends a credential, with a reason. The status list bit
   * changes in the same transaction; the list credential is re-signed when next served.
   */
  async changeStatus(credentialId: string, action: StatusAction, reason: string): Promise<CredentialRecord> {
    if (!reason.trim()) throw invalid('reason', { zh: '必须说明原因', en: 'A reason is required' });
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const record = await tx.findCredential(credentialId);
      if (!record) throw notFound('凭证 credential', credentialId);
      const next = nextStatus(record.status, action);
      const purpose: IssuableStatusPurpose = action === 'revoke' ? 'revocation' : 'suspension';
      const listId = purpose === 'revocation' ? record.revocationListId : record.suspensionListId;
      const index = purpose === 'revocation' ? record.revocationIndex : record.suspensionIndex;
      if (listId === null || index === null) {
        throw new DomainError('CREDENTIAL_NO_STATUS', {
          zh: '该凭证没有状态列表条目，无法更改状态',
          en: 'This credential has no status list entry; its status cannot change',
        });
      }
      const list = await tx.lockStatusList(listId);
      if (!list) throw notFound('状态列表 status list', listId);
      const bits = BitstringStatusList.fromBytes(list.bits);
      bits.set(index, action !== 'unsuspend');
      // Revoking a suspended credential also lifts the suspension bit: revocation is what holds.
      await tx.saveStatusList({ ...list, bits: bits.toBytes(), dirty: true, updatedAt: now });
      if (
        action === 'revoke' &&
        record.status === 'SUSPENDED' &&
        record.suspensionListId &&
        record.suspensionIndex !== null
      ) {
        const sl = await tx.lockStatusList(record.suspensionListId);
        if (sl) {
          const sbits = BitstringStatusList.fromBytes(sl.bits);
          sbits.set(record.suspensionIndex, false);
          await tx.saveStatusList({ ...sl, bits: sbits.toBytes(), dirty: true, updatedAt: now });
        }
      }
      await tx.updateCredentialStatus(record.id, record.status, next, reason, now);
      await tx.appendLog([
        {
          kind: action === 'revoke' ? 'REVOKE' : action === 'suspend' ? 'SUSPEND' : 'UNSUSPEND',
          credentialId: record.id,
          digest: record.digest,
          issuerDid: record.issuerDid,
          certificateCode: record.certificateCode,
          level: record.level,
          reason,
          at: now,
        },
      ]);
      return { ...record, status: next };
    });
  }

  /** The signed status list credential at `idOrUrl`, re-signed first if a bit changed since. */
  async statusListCredential(idOrUrl: string): Promise<JsonObject> {
    const existing = await this.deps.store.findStatusList(idOrUrl);
    if (!existing) throw notFound('状态列表 status list', idOrUrl);
    if (!existing.dirty && existing.signedCredential) return existing.signedCredential;
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const list = await tx.lockStatusList(existing.id);
      if (!list) throw notFound('状态列表 status list', idOrUrl);
      if (!list.dirty && list.signedCredential) return list.signedCredential;
      const signer = await this.activeSigner(list.issuerDid, tx);
      const unsigned = buildStatusListCredential({
        listUrl: list.url,
        issuer: list.issuerDid,
        statusPurpose: list.purpose,
        list: BitstringStatusList.fromBytes(list.bits),
        // Valid from the last change of its bits, not from this (lazy) signing: a verification
        // that started a moment before must not find the list "not yet valid".
        validFrom: list.updatedAt,
      }) as unknown as JsonObject;
      const signed = await signDataIntegrity(unsigned, {
        cryptosuite: 'eddsa-rdfc-2022',
        signer: signer.signer,
        verificationMethod: signer.verificationMethod,
        created: isoSeconds(now),
        crypto: this.deps.crypto,
      });
      await tx.saveStatusList({ ...list, signedCredential: signed, dirty: false, updatedAt: list.updatedAt });
      return signed;
    });
  }

  /**
   * The trust list the regulator signs: accredited TEOs (their DIDs and accreditation periods) and
   * the catalog's certificates with the achievement id of each level.
   */
  async trustList(): Promise<TrustList> {
    const [teos, certificates, institutions] = await Promise.all([
      this.deps.catalog.listTeos(),
      this.deps.catalog.listCertificates(),
      this.institutionIssuers(),
    ]);
    return {
      ...(institutions.length > 0 ? { institutions } : {}),
      issuedAt: isoSeconds(this.deps.clock.now()),
      issuers: teos
        .filter((t) => t.approvedAt)
        .map((t) => ({
          did: this.didOf('TEO', t.code),
          code: t.code,
          nameZh: t.nameZh,
          nameEn: t.nameEn,
          accreditedFrom: t.approvedAt!.toISOString(),
          accreditedUntil: t.exitedAt?.toISOString() ?? null,
        })),
      certificates: certificates.map((c) => ({
        code: c.code,
        teoCode: c.teo.code,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        achievements: c.levels.map((l) => ({
          level: l.level,
          id: achievementId(this.deps.baseUrl, c.code, l.level),
        })),
      })),
    };
  }

  /** The trust list as a credential signed by the regulator (eddsa-jcs-2022). */
  async signedTrustList(): Promise<JsonObject> {
    const regulatorDid = await this.ensureIssuer('REGULATOR', 'MOE');
    const signer = await this.activeSigner(regulatorDid);
    const trustList = await this.trustList();
    const unsigned = composeTrustListCredential({
      regulatorDid,
      listUrl: `${this.deps.baseUrl}/trust-list`,
      trustList,
      validFrom: trustList.issuedAt,
    });
    return signDataIntegrity(unsigned, {
      cryptosuite: 'eddsa-jcs-2022',
      signer: signer.signer,
      verificationMethod: signer.verificationMethod,
      created: trustList.issuedAt,
      crypto: this.deps.crypto,
    });
  }

  /** Institutions holding an issuer key here (they sign learner records), with their names. */
  private async institutionIssuers(): Promise<TrustListInstitution[]> {
    const finder = this.deps.institutions;
    if (finder === undefined) return [];
    const issuers = (await this.deps.store.listIssuers()).filter((i) => i.orgKind === 'INSTITUTION');
    const out: TrustListInstitution[] = [];
    for (const issuer of issuers) {
      const found = await finder.find(issuer.orgCode);
      if (found)
        out.push({ did: issuer.did, code: issuer.orgCode, nameZh: found.nameZh, nameEn: found.nameEn });
    }
    return out.sort((a, b) => a.code.localeCompare(b.code));
  }

  private newKey(did: string, orgKind: OrgKind, orgCode: string, keyId: string): IssuerKeyRecord {
    const seed = this.deps.random.bytes(32);
    return {
      did,
      keyId,
      orgKind,
      orgCode,
      publicKey: this.deps.crypto.ed25519PublicKey(seed),
      seedCipher: this.deps.box.seal(seed),
      status: 'ACTIVE',
      createdAt: this.deps.clock.now(),
      retiredAt: null,
    };
  }

  private newStatusList(issuerDid: string, purpose: IssuableStatusPurpose, now: Date): StatusListRecord {
    const id = this.deps.ids.next('sl');
    const empty = BitstringStatusList.create(MIN_STATUS_LIST_LENGTH).toBytes();
    return {
      id,
      issuerDid,
      purpose,
      url: `${this.deps.baseUrl}/status-lists/${id}`,
      length: MIN_STATUS_LIST_LENGTH,
      bits: empty,
      allocated: empty,
      used: 0,
      signedCredential: null,
      dirty: true,
      updatedAt: now,
    };
  }
}

function nextStatus(from: CredentialStatus, action: StatusAction): CredentialStatus {
  const to: CredentialStatus =
    action === 'revoke' ? 'REVOKED' : action === 'suspend' ? 'SUSPENDED' : 'ACTIVE';
  const allowed =
    (action === 'revoke' && from !== 'REVOKED') ||
    (action === 'suspend' && from === 'ACTIVE') ||
    (action === 'unsuspend' && from === 'SUSPENDED');
  if (!allowed) {
    throw new DomainError(
      from === 'REVOKED' ? 'CREDENTIAL_REVOKED' : 'CREDENTIAL_INVALID_STATUS_CHANGE',
      from === 'REVOKED'
        ? { zh: '凭证已撤销，撤销不可逆', en: 'The credential is revoked; revocation is final' }
        : { zh: `凭证状态为 ${from}，不能执行 ${action}`, en: `A ${from} credential cannot be ${action}ed` },
      { from, action },
    );
  }
  return to;
}

/** ISO 8601 UTC without milliseconds, as xsd:dateTime values in credentials are written. */
export function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

function uuid(b: Uint8Array): string {
  const bytes = Uint8Array.from(b);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
