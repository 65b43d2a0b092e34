import {
  type AuditReport,
  type CredentialRecord,
  type DomainError,
  decodeBundle,
  decodeEntry,
  EMPTY_COMPACT_STATE,
  encodeBundle,
  type JsonObject,
  logProofVerifier,
  type Platform,
  packBorder,
  planAppend,
  signDataIntegrity,
  TILE_WIDTH,
  verifyDataIntegrity,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { LedgerRepository, packSegment, unpackBundle } from '../src/repositories/ledger.repository.ts';
import { type TestEngine, testEngines } from '../src/testing/index.ts';
import { ISSUER, issueMany, ledgerPlatform } from './ledger-fixtures.ts';

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

/**
 * A log of 420 issuances in three batches with a signed checkpoint after the first two, and two
 * status changes, in a fresh database: each test then tampers with it the way an insider could.
 */
async function logged(engine: TestEngine) {
  const database = await engine.open();
  const { platform } = await ledgerPlatform(database);
  const recs = await issueMany(platform, 140, 140);
  await platform.ledger.checkpoint();
  recs.push(...(await issueMany(platform, 140, 140, 140)));
  await platform.ledger.checkpoint();
  recs.push(...(await issueMany(platform, 140, 140, 280)));
  await platform.credentials.changeStatus(recs[10]!.id, 'suspend', '复核中');
  await platform.credentials.changeStatus(recs[11]!.id, 'revoke', '作弊');
  const repo = new LedgerRepository(database.db);
  const indexOf = new Map<string, number>();
  for (const b of await repo.scanBundles(0, 100)) {
    decodeBundle(b.bytes).forEach((e, k) => {
      const entry = decodeEntry(e);
      if (entry.kind === 'ISSUE') indexOf.set(entry.credentialId, b.index * TILE_WIDTH + k);
    });
  }
  return { database, platform, recs, repo, indexOf };
}

const first = (r: AuditReport) =>
  r.firstDivergence && { code: r.firstDivergence.code, index: r.firstDivergence.index };

/** Rewrites a stored entry bundle with `edit` applied to its entries. */
async function editBundle(
  database: Database,
  repo: LedgerRepository,
  index: number,
  edit: (entries: Uint8Array[]) => Uint8Array[],
) {
  const [bundle] = await repo.readBundles([index]);
  const entries = edit(decodeBundle(bundle!).map((e) => e.slice()));
  await sql`update ledger_bundle set entries = decode(${b64(packSegment(encodeBundle(entries)))}, 'base64')
            where log_id = 1 and idx = ${index}`.execute(database.db);
}

describe.each(testEngines())('tampering with the log on $name', (engine) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('finds nothing wrong in a log that was only ever appended to', async () => {
    const t = await logged(engine);
    database = t.database;
    const report = await t.platform.ledger.audit();
    expect(report).toMatchObject({
      ok: true,
      entries: 422,
      size: 422,
      checkpoints: 2,
      credentials: 420,
      findings: [],
    });
  });

  it('names the entry of a credential whose stored JSON document was edited', async () => {
    const t = await logged(engine);
    database = t.database;
    const victim = t.recs[123]!;
    await sql`update credential set document = jsonb_set(document, '{name}', '"伪造的证书 forged"') where id = ${victim.id}`.execute(
      t.database.db,
    );
    const report = await t.platform.ledger.audit();
    expect(first(report)).toEqual({ code: 'CREDENTIAL_DIGEST_MISMATCH', index: t.indexOf.get(victim.id) });
    const stored = (await t.platform.credentials.getCredential(victim.id)).document;
    const verify = logProofVerifier({
      crypto: nodeCrypto,
      logVerifierKey: await t.platform.ledger.verifierKey(),
    });
    expect(verify(stored, await t.platform.ledger.proofForCredential(victim.id))).toMatchObject({
      status: 'failed',
      code: 'LOG_ENTRY_MISMATCH',
    });
  });

  it('names the entry of a changed credential re-signed with the issuer’s key, which verification rejects as not logged', async () => {
    const t = await logged(engine);
    database = t.database;
    const victim = t.recs[321]!;
    const resigned = await resign(t.platform, victim, { name: 'Web前端开发职业技能等级证书（高级）' });
    await sql`update credential set document = ${JSON.stringify(resigned)}::jsonb,
              digest = decode(${b64(t.platform.credentials.digest(resigned))}, 'base64') where id = ${victim.id}`.execute(
      t.database.db,
    );
    // The signature is genuine …
    const keys = await t.platform.credentials.didDocument(ISSUER);
    const publicKeyFor = async (vm: string) => {
      const method = (keys?.verificationMethod as JsonObject[] | undefined)?.find((m) => m.id === vm);
      const { decodePublicKeyMultibase } = await import('@onex/core');
      return method ? decodePublicKeyMultibase(method.publicKeyMultibase as string) : undefined;
    };
    expect((await verifyDataIntegrity(resigned, { crypto: nodeCrypto, publicKeyFor })).verified).toBe(true);
    // … but the log says it is not what was issued.
    const verify = logProofVerifier({
      crypto: nodeCrypto,
      logVerifierKey: await t.platform.ledger.verifierKey(),
    });
    expect(verify(resigned, await t.platform.ledger.proofForCredential(victim.id))).toMatchObject({
      status: 'failed',
      code: 'LOG_ENTRY_MISMATCH',
    });
    expect(first(await t.platform.ledger.audit())).toEqual({
      code: 'CREDENTIAL_DIGEST_MISMATCH',
      index: t.indexOf.get(victim.id),
    });
  });

  it('names the first index of a deleted entry bundle', async () => {
    const t = await logged(engine);
    database = t.database;
    await sql`delete from ledger_bundle where log_id = 1 and idx = 1`.execute(t.database.db);
    expect(first(await t.platform.ledger.audit())).toEqual({ code: 'ENTRY_MISSING', index: 256 });
  });

  it('names the first of two log entries swapped in storage', async () => {
    const t = await logged(engine);
    database = t.database;
    await editBundle(t.database, t.repo, 1, (entries) => {
      [entries[44], entries[45]] = [entries[45]!, entries[44]!];
      return entries;
    });
    const report = await t.platform.ledger.audit();
    expect(first(report)).toEqual({ code: 'LEAF_MISMATCH', index: 300 });
    expect(report.findings.filter((f) => f.code === 'LEAF_MISMATCH').map((f) => f.index)).toEqual([300, 301]);
  });

  it('catches an insider who rewrites an entry, its tiles and the state to match, by the signed checkpoints', async () => {
    const t = await logged(engine);
    database = t.database;
    const victim = t.recs[100]!;
    const at = t.indexOf.get(victim.id)!;
    // Make entry 100 record another digest, then recompute every tile and the state from the entries.
    await editBundle(t.database, t.repo, 0, (entries) => {
      const entry = entries[at]!;
      entry[20] = (entry[20] ?? 0) ^ 0xff;
      return entries;
    });
    const all = (await t.repo.scanBundles(0, 100)).flatMap((b) => decodeBundle(b.bytes));
    const plan = planAppend(t.platform.ledger.hasher, EMPTY_COMPACT_STATE, all);
    await sql`delete from ledger_tile where log_id = 1`.execute(t.database.db);
    for (const tile of plan.tiles) {
      await sql`insert into ledger_tile (log_id, level, idx, hashes) values (1, ${tile.level}, ${tile.index}, decode(${b64(tile.hashes)}, 'base64'))`.execute(
        t.database.db,
      );
    }
    await sql`update ledger_log set border = decode(${b64(packBorder(plan.state.border))}, 'base64') where id = 1`.execute(
      t.database.db,
    );

    const report = await t.platform.ledger.audit();
    expect(first(report)).toEqual({ code: 'CREDENTIAL_DIGEST_MISMATCH', index: at });
    expect(report.findings.filter((f) => f.code === 'CHECKPOINT_ROOT_MISMATCH').map((f) => f.range)).toEqual([
      [0, 140],
      [0, 280],
    ]);
    // And the log refuses to sign the rewritten tree, with or without tiles it read before.
    const refused = await t.platform.ledger.checkpoint().catch((e: unknown) => e);
    expect((refused as DomainError).code).toBe('LEDGER_INCONSISTENT');
    t.platform.ledger.cache.clear();
    expect(((await t.platform.ledger.checkpoint().catch((e: unknown) => e)) as DomainError).code).toBe(
      'LEDGER_INCONSISTENT',
    );
  });

  it('refuses to sign a checkpoint over an edited upper tile or state row, naming the range', async () => {
    const t = await logged(engine);
    database = t.database;
    // MTH(D[0:256]) lives in the level-1 tile; the consistency proof from the last checkpoint uses it.
    await sql`update ledger_tile set hashes = overlay(hashes placing '\\x00000000'::bytea from 1 for 4) where log_id = 1 and level = 1 and idx = 0`.execute(
      t.database.db,
    );
    t.platform.ledger.cache.clear();
    expect(((await t.platform.ledger.checkpoint().catch((e: unknown) => e)) as DomainError).code).toBe(
      'LEDGER_INCONSISTENT',
    );
    const report = await t.platform.ledger.audit();
    expect(report.firstDivergence).toMatchObject({ code: 'TILE_MISMATCH', index: 0, range: [0, 256] });

    const other = await logged(engine);
    try {
      await sql`update ledger_log set border = overlay(border placing '\\x00000000'::bytea from 1 for 4) where id = 1`.execute(
        other.database.db,
      );
      expect(((await other.platform.ledger.checkpoint().catch((e: unknown) => e)) as DomainError).code).toBe(
        'LEDGER_INCONSISTENT',
      );
      expect((await other.platform.ledger.audit()).firstDivergence?.code).toBe('STATE_MISMATCH');
    } finally {
      await other.database.close();
    }
  });

  it('serves no inclusion proof that verifies through an edited leaf hash, and names the leaf', async () => {
    const t = await logged(engine);
    database = t.database;
    await sql`update ledger_tile set hashes = overlay(hashes placing '\\x00000000'::bytea from 33 for 4) where log_id = 1 and level = 0 and idx = 0`.execute(
      t.database.db,
    );
    t.platform.ledger.cache.clear();
    const verify = logProofVerifier({
      crypto: nodeCrypto,
      logVerifierKey: await t.platform.ledger.verifierKey(),
    });
    const rec = t.recs[0]!;
    expect(verify(rec.document, await t.platform.ledger.proofForCredential(rec.id))).toMatchObject({
      status: 'failed',
      code: 'LOG_INCLUSION_INVALID',
    });
    expect(first(await t.platform.ledger.audit())).toEqual({ code: 'LEAF_MISMATCH', index: 1 });
  });

  it('refuses to append onto a hash tile cut short, and the issuance fails whole', async () => {
    const t = await logged(engine);
    database = t.database;
    const size = (await t.platform.ledger.state()).size;
    await sql`update ledger_tile set hashes = substring(hashes from 1 for length(hashes) - 32)
              where log_id = 1 and level = 0 and idx = ${Math.floor(size / TILE_WIDTH)}`.execute(
      t.database.db,
    );
    const e = await issueMany(t.platform, 1, 1, 900).catch((x: unknown) => x);
    expect((e as DomainError).code).toBe('LEDGER_STORAGE_CORRUPT');
    expect((await t.platform.ledger.state()).size).toBe(size);
    expect(await t.platform.credentials.listCredentials({ limit: 1000 })).toHaveLength(420);
  });

  it('names the entry of a deleted credential and of a status changed behind the log’s back', async () => {
    const t = await logged(engine);
    database = t.database;
    const gone = t.recs[400]!;
    const silently = t.recs[20]!;
    await sql`delete from credential where id = ${gone.id}`.execute(t.database.db);
    await sql`update credential set status = 'REVOKED' where id = ${silently.id}`.execute(t.database.db);
    await sql`insert into credential_status_change (credential_id, from_status, to_status, reason, at)
              values (${silently.id}, 'ACTIVE', 'REVOKED', 'quietly', now())`.execute(t.database.db);
    const report = await t.platform.ledger.audit();
    expect(first(report)).toEqual({ code: 'STATUS_MISMATCH', index: t.indexOf.get(silently.id) });
    expect(report.findings.map((f) => [f.code, f.index])).toEqual([
      ['STATUS_MISMATCH', t.indexOf.get(silently.id)],
      ['CREDENTIAL_MISSING', t.indexOf.get(gone.id)],
    ]);
  });
});

/** What an insider holding the issuer key can do: change a credential and sign it again. */
async function resign(platform: Platform, rec: CredentialRecord, change: JsonObject): Promise<JsonObject> {
  const { proof: _proof, ...rest } = rec.document;
  const signer = await platform.credentials.activeSigner(ISSUER);
  return signDataIntegrity(
    { ...rest, ...change },
    {
      cryptosuite: 'eddsa-jcs-2022',
      signer: signer.signer,
      verificationMethod: signer.verificationMethod,
      created: '2026-09-02T08:00:00Z',
      crypto: nodeCrypto,
    },
  );
}

// Keep the stored-bundle helpers honest: what the repository packs, it unpacks.
describe('stored entry bundles', () => {
  it('unpack to the C2SP bundle they were packed from, across appended segments', () => {
    const a = encodeBundle([new Uint8Array([1, 2]), new Uint8Array(300).fill(9)]);
    const b = encodeBundle([new Uint8Array([3])]);
    const stored = Buffer.concat([packSegment(a), packSegment(b)]);
    expect(b64(unpackBundle(stored))).toBe(b64(Buffer.concat([a, b])));
  });
});
