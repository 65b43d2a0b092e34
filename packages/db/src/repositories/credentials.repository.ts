import {
  type CredentialRecord,
  type CredentialStatus,
  type CredentialStore,
  DomainError,
  type IssuableStatusPurpose,
  type IssuerKeyRecord,
  type JsonObject,
  type LogEvent,
  type OrgKind,
  type StatusListRecord,
} from '@onex/core';
import type { Kysely, Selectable } from 'kysely';
import type { CredentialTable, DB, IssuerKeyTable, StatusListTable } from '../schema.ts';
import { LedgerRepository } from './ledger.repository.ts';
import { inTransaction } from './scope.ts';

/** Issuer keys, status lists and issued credentials. */
export class CredentialsRepository implements CredentialStore {
  constructor(private readonly db: Kysely<DB>) {}

  transaction<T>(fn: (tx: CredentialStore) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => new CredentialsRepository(trx), fn);
  }

  async listKeys(did: string): Promise<IssuerKeyRecord[]> {
    const rows = await this.db
      .selectFrom('issuer_key')
      .selectAll()
      .where('did', '=', did)
      .orderBy('created_at')
      .execute();
    return rows.map(toKey);
  }

  async listIssuers(): Promise<{ did: string; orgKind: OrgKind; orgCode: string }[]> {
    const rows = await this.db
      .selectFrom('issuer_key')
      .select(['did', 'org_kind', 'org_code'])
      .distinct()
      .orderBy('did')
      .execute();
    return rows.map((r) => ({ did: r.did, orgKind: r.org_kind as OrgKind, orgCode: r.org_code }));
  }

  async insertKey(k: IssuerKeyRecord): Promise<void> {
    await this.db
      .insertInto('issuer_key')
      .values({
        did: k.did,
        key_id: k.keyId,
        org_kind: k.orgKind,
        org_code: k.orgCode,
        public_key: k.publicKey,
        seed_cipher: k.seedCipher,
        status: k.status,
        created_at: k.createdAt,
        retired_at: k.retiredAt,
      })
      .execute();
  }

  async retireActiveKey(did: string, at: Date): Promise<void> {
    await this.db
      .updateTable('issuer_key')
      .set({ status: 'RETIRED', retired_at: at })
      .where('did', '=', did)
      .where('status', '=', 'ACTIVE')
      .execute();
  }

  async openStatusList(
    issuerDid: string,
    purpose: IssuableStatusPurpose,
    minFree: number,
  ): Promise<StatusListRecord | undefined> {
    const row = await this.db
      .selectFrom('status_list')
      .selectAll()
      .where('issuer_did', '=', issuerDid)
      .where('purpose', '=', purpose)
      .where((eb) => eb('used', '<=', eb(eb.ref('length'), '-', minFree)))
      .orderBy('updated_at')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    return row && toList(row);
  }

  async findStatusList(idOrUrl: string): Promise<StatusListRecord | undefined> {
    const row = await this.db
      .selectFrom('status_list')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrUrl), eb('url', '=', idOrUrl)]))
      .executeTakeFirst();
    return row && toList(row);
  }

  async lockStatusList(id: string): Promise<StatusListRecord | undefined> {
    const row = await this.db
      .selectFrom('status_list')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    return row && toList(row);
  }

  async insertStatusList(l: StatusListRecord): Promise<void> {
    await this.db
      .insertInto('status_list')
      .values({
        id: l.id,
        issuer_did: l.issuerDid,
        purpose: l.purpose,
        url: l.url,
        length: l.length,
        bits: l.bits,
        allocated: l.allocated,
        used: l.used,
        signed_credential: l.signedCredential ? JSON.stringify(l.signedCredential) : null,
        dirty: l.dirty,
        updated_at: l.updatedAt,
      })
      .execute();
  }

  async saveStatusList(l: StatusListRecord): Promise<void> {
    await this.db
      .updateTable('status_list')
      .set({
        bits: l.bits,
        allocated: l.allocated,
        used: l.used,
        signed_credential: l.signedCredential ? JSON.stringify(l.signedCredential) : null,
        dirty: l.dirty,
        updated_at: l.updatedAt,
      })
      .where('id', '=', l.id)
      .execute();
  }

  async insertStatusEntries(
    entries: { listId: string; index: number; credentialId: string }[],
  ): Promise<void> {
    for (let i = 0; i < entries.length; i += 5000) {
      await this.db
        .insertInto('status_list_entry')
        .values(
          entries
            .slice(i, i + 5000)
            .map((e) => ({ list_id: e.listId, idx: e.index, credential_id: e.credentialId })),
        )
        .execute();
    }
  }

  async insertCredentials(records: CredentialRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += 2000) {
      await this.insertSome(records.slice(i, i + 2000));
    }
  }

  private async insertSome(records: CredentialRecord[]): Promise<void> {
    try {
      await this.db
        .insertInto('credential')
        .values(
          records.map((r) => ({
            id: r.id,
            issuer_did: r.issuerDid,
            learner_id: r.learnerId,
            certificate_code: r.certificateCode,
            level: r.level,
            certificate_number: r.certificateNumber,
            source_key: r.sourceKey,
            document: JSON.stringify(r.document),
            digest: r.digest,
            status: r.status,
            revocation_list_id: r.revocationListId,
            revocation_index: r.revocationIndex,
            suspension_list_id: r.suspensionListId,
            suspension_index: r.suspensionIndex,
            issued_at: r.issuedAt,
          })),
        )
        .execute();
    } catch (e) {
      // 23505 unique_violation on credential_source_key: a rerun or another process was first.
      const err = e as { code?: string; constraint?: string; message?: string };
      if (
        err.code === '23505' &&
        (err.constraint === 'credential_source_key' || /credential_source_key/.test(err.message ?? ''))
      ) {
        throw new DomainError(
          'ISSUANCE_ALREADY_ISSUED',
          {
            zh: '其中有凭证已为同一来源签发过',
            en: 'A credential was already issued for one of these sources',
          },
          { sourceKeys: records.map((r) => r.sourceKey).filter((k) => k !== null) },
        );
      }
      throw e;
    }
  }

  async findIssuedSourceKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('credential')
      .select('source_key')
      .where('source_key', 'in', [...keys])
      .execute();
    return new Set(rows.map((r) => r.source_key!));
  }

  async findCredentialsBySourceKeys(keys: readonly string[]): Promise<CredentialRecord[]> {
    if (keys.length === 0) return [];
    const rows = await this.db
      .selectFrom('credential')
      .selectAll()
      .where('source_key', 'in', [...keys])
      .execute();
    return rows.map(toCredential);
  }

  async reserveSerials(prefix: string, count: number): Promise<number> {
    const row = await this.db
      .insertInto('certificate_serial')
      .values({ prefix, next_serial: count + 1 })
      .onConflict((oc) =>
        oc
          .column('prefix')
          .doUpdateSet((eb) => ({ next_serial: eb('certificate_serial.next_serial', '+', count) })),
      )
      .returning('next_serial')
      .executeTakeFirstOrThrow();
    return Number(row.next_serial) - count;
  }

  async findCredential(id: string): Promise<CredentialRecord | undefined> {
    const row = await this.db
      .selectFrom('credential')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', id), eb('certificate_number', '=', id)]))
      .executeTakeFirst();
    return row && toCredential(row);
  }

  async listCredentials(filter: {
    learnerId?: string;
    issuerDid?: string;
    limit?: number;
  }): Promise<CredentialRecord[]> {
    const rows = await this.db
      .selectFrom('credential')
      .selectAll()
      .$if(filter.learnerId !== undefined, (q) => q.where('learner_id', '=', filter.learnerId!))
      .$if(filter.issuerDid !== undefined, (q) => q.where('issuer_did', '=', filter.issuerDid!))
      .orderBy('issued_at')
      .orderBy('id')
      .limit(filter.limit ?? 100)
      .execute();
    return rows.map(toCredential);
  }

  async listCredentialsByLearner(learnerId: string): Promise<CredentialRecord[]> {
    // Uses the credential_learner index (0003).
    const rows = await this.db
      .selectFrom('credential')
      .selectAll()
      .where('learner_id', '=', learnerId)
      .orderBy('issued_at')
      .orderBy('id')
      .execute();
    return rows.map(toCredential);
  }

  async appendLog(events: LogEvent[]): Promise<void> {
    if (events.length === 0) return;
    await new LedgerRepository(this.db).append(events);
  }

  async updateCredentialStatus(
    id: string,
    from: CredentialStatus,
    to: CredentialStatus,
    reason: string,
    at: Date,
  ): Promise<void> {
    await this.db.updateTable('credential').set({ status: to }).where('id', '=', id).execute();
    await this.db
      .insertInto('credential_status_change')
      .values({ credential_id: id, from_status: from, to_status: to, reason, at })
      .execute();
  }
}

function toKey(r: Selectable<IssuerKeyTable>): IssuerKeyRecord {
  return {
    did: r.did,
    keyId: r.key_id,
    orgKind: r.org_kind as OrgKind,
    orgCode: r.org_code,
    publicKey: new Uint8Array(r.public_key),
    seedCipher: new Uint8Array(r.seed_cipher),
    status: r.status as IssuerKeyRecord['status'],
    createdAt: r.created_at,
    retiredAt: r.retired_at,
  };
}

function toList(r: Selectable<StatusListTable>): StatusListRecord {
  return {
    id: r.id,
    issuerDid: r.issuer_did,
    purpose: r.purpose as IssuableStatusPurpose,
    url: r.url,
    length: r.length,
    bits: new Uint8Array(r.bits),
    allocated: new Uint8Array(r.allocated),
    used: r.used,
    signedCredential: (r.signed_credential as JsonObject | null) ?? null,
    dirty: r.dirty,
    updatedAt: r.updated_at,
  };
}

function toCredential(r: Selectable<CredentialTable>): CredentialRecord {
  return {
    id: r.id,
    issuerDid: r.issuer_did,
    learnerId: r.learner_id,
    certificateCode: r.certificate_code,
    level: r.level,
    certificateNumber: r.certificate_number,
    sourceKey: r.source_key,
    document: r.document as JsonObject,
    digest: new Uint8Array(r.digest),
    status: r.status as CredentialStatus,
    revocationListId: r.revocation_list_id,
    revocationIndex: r.revocation_index,
    suspensionListId: r.suspension_list_id,
    suspensionIndex: r.suspension_index,
    issuedAt: r.issued_at,
  };
}
