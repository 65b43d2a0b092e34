import {
  cosignatureVerifierFromKey,
  DomainError,
  decodeBundle,
  decodeEntry,
  entriesPath,
  fullTileHash,
  type LogEvent,
  logProofVerifier,
  memoryWitnessState,
  noteVerifierFromKey,
  openCheckpoint,
  type Platform,
  partialTileWidth,
  TILE_WIDTH,
  TileCache,
  TileTreeReader,
  tilePath,
  toHex,
  verifyConsistency,
  verifyInclusion,
  Witness,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { createRepositories, LedgerRepository } from '../src/repositories/index.ts';
import { createTestPlatform, testEngines } from '../src/testing/index.ts';
import { ISSUER, issueMany, ledgerPlatform } from './ledger-fixtures.ts';

const code = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  return e instanceof DomainError ? e.code : String(e);
};

const event = (i: number, at = new Date('2026-09-01T08:00:00Z')): LogEvent => ({
  kind: 'ISSUE',
  credentialId: `urn:uuid:synthetic-${i}`,
  digest: nodeCrypto.sha256(new TextEncoder().encode(String(i))),
  issuerDid: ISSUER,
  certificateCode: 'X-0102',
  level: 2,
  reason: null,
  at,
});

describe.each(testEngines())('the transparency log on $name', (engine) => {
  let database: Database;
  let platform: Platform;
  let clock: ReturnType<typeof createTestPlatform>['clock'];

  beforeAll(async () => {
    database = await engine.open();
    ({ platform, clock } = await ledgerPlatform(database));
  });
  afterAll(async () => {
    await database?.close();
  });

  it('logs every issuance and status change in the transaction of the change, and nothing for a refused one', async () => {
    const before = (await platform.ledger.state()).size;
    const recs = await issueMany(platform, 3, 3);
    await platform.credentials.changeStatus(recs[0]!.id, 'suspend', '复核中 under review');
    await platform.credentials.changeStatus(recs[0]!.id, 'unsuspend', 'cleared');
    await platform.credentials.changeStatus(recs[1]!.id, 'revoke', '考试作弊 cheating');
    expect((await platform.ledger.state()).size).toBe(before + 6);
    const entries = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => decodeEntry(await platform.ledger.entry(before + i))),
    );
    expect(entries.map((e) => [e.kind, e.credentialId, e.reason])).toEqual([
      ['ISSUE', recs[0]!.id, null],
      ['ISSUE', recs[1]!.id, null],
      ['ISSUE', recs[2]!.id, null],
      ['SUSPEND', recs[0]!.id, '复核中 under review'],
      ['UNSUSPEND', recs[0]!.id, 'cleared'],
      ['REVOKE', recs[1]!.id, '考试作弊 cheating'],
    ]);
    expect(toHex(entries[0]!.digest)).toBe(toHex(platform.credentials.digest(recs[0]!.document)));
    expect(entries[0]).toMatchObject({ issuerDid: ISSUER, certificateCode: 'X-0102', level: 2 });

    const refused = platform.credentials.issueMany([{ credential: { type: ['VerifiableCredential'] } }]);
    expect(await code(refused)).toBe('VALIDATION_FAILED');
    expect(await code(platform.credentials.changeStatus(recs[1]!.id, 'suspend', 'again'))).toBe(
      'CREDENTIAL_REVOKED',
    );
    expect((await platform.ledger.state()).size).toBe(before + 6);
    expect((await platform.ledger.audit()).ok).toBe(true);
  });

  it('rolls its entries back with a transaction that fails after appending', async () => {
    const before = (await platform.ledger.state()).size;
    const { credentials } = createRepositories(database.db);
    const failed = credentials.transaction(async (tx) => {
      await tx.appendLog([event(1)]);
      throw new Error('the issuance failed after logging');
    });
    expect(await code(failed)).toMatch(/failed after logging/);
    expect((await platform.ledger.state()).size).toBe(before);
    // The next append notices that the state it remembered was rolled back.
    await issueMany(platform, 2, 2, 100);
    expect((await platform.ledger.state()).size).toBe(before + 2);
    expect((await platform.ledger.audit()).ok).toBe(true);
  });

  it('proves a logged credential to a signed checkpoint, signing one first when the entry is newer', async () => {
    const [rec] = await issueMany(platform, 1, 1, 200);
    const bundle = await platform.ledger.proofForCredential(rec!.id);
    expect(bundle?.size).toBe((await platform.ledger.state()).size);
    const verify = logProofVerifier({
      crypto: nodeCrypto,
      logVerifierKey: await platform.ledger.verifierKey(),
    });
    expect(verify(rec!.document, bundle)).toMatchObject({ status: 'passed' });
    expect(await platform.ledger.proofForCredential('urn:uuid:not-issued')).toBeUndefined();
  });

  it('finds a credential’s entry among many batches issued at the same instant', async () => {
    const recs = await issueMany(platform, 60, 20, 300);
    for (const rec of [recs[0]!, recs[33]!, recs[59]!]) {
      const bundle = await platform.ledger.proofForCredential(rec.id);
      expect(decodeEntry(Buffer.from(bundle!.entry, 'base64')).credentialId).toBe(rec.id);
    }
  });

  it('serializes concurrent writers on the single sequencer row', async () => {
    const before = (await platform.ledger.state()).size;
    // On PostgreSQL these run on several pooled connections at once; each locks the state row.
    await Promise.all(Array.from({ length: 6 }, (_, k) => issueMany(platform, 15, 5, 1000 + 100 * k)));
    const repos = Array.from({ length: 3 }, () => createRepositories(database.db).credentials);
    const someId = (await platform.credentials.listCredentials({ limit: 1 }))[0]!.id;
    // Writers whose transactions fail after appending: their entries must vanish with them.
    await Promise.all(
      repos.map((r, k) =>
        r
          .transaction(async (tx) => {
            const rec = await tx.findCredential(someId);
            await tx.appendLog([
              {
                ...event(0),
                kind: 'SUSPEND',
                credentialId: rec!.id,
                digest: rec!.digest,
                reason: `probe ${k}`,
              },
            ]);
            throw new Error('rolled back on purpose');
          })
          .catch(() => undefined),
      ),
    );
    expect((await platform.ledger.state()).size).toBe(before + 90);
    const report = await platform.ledger.audit();
    expect(report.findings).toEqual([]);
    expect(report.entries).toBe(before + 90);
  });

  it('takes witness cosignatures, serves them on the checkpoint, and lets a verifier require them', async () => {
    const witness = new Witness({
      crypto: nodeCrypto,
      clock,
      name: 'jyt.zj.gov.cn/witness',
      seed: new Uint8Array(32).fill(3),
      logs: [await platform.ledger.verifierKey()],
      state: memoryWitnessState(),
      consistencyProof: (_origin, from, to) => platform.ledger.consistencyProof(from, to),
    });
    await platform.ledger.addWitness(witness.verifierKey);
    await platform.ledger.checkpoint();
    const first = await witness.cosign((await platform.ledger.latestCheckpoint())!.note);
    expect((await platform.ledger.addCosignatures(first.line, first.size)).witnesses).toEqual([
      'jyt.zj.gov.cn/witness',
    ]);

    const [rec] = await issueMany(platform, 1, 1, 400);
    await platform.ledger.checkpoint();
    const second = await witness.cosign((await platform.ledger.latestCheckpoint())!.note);
    await platform.ledger.addCosignatures(second.note);
    const served = (await platform.ledger.latestCheckpoint())!.note;
    const opened = openCheckpoint(
      served,
      noteVerifierFromKey(nodeCrypto, await platform.ledger.verifierKey()),
      {
        witnesses: [cosignatureVerifierFromKey(nodeCrypto, witness.verifierKey)],
        requiredWitnesses: 1,
      },
    );
    expect(opened.checkpoint.size).toBe(second.size);

    const strict = logProofVerifier({
      crypto: nodeCrypto,
      logVerifierKey: await platform.ledger.verifierKey(),
      witnesses: [witness.verifierKey],
      requiredWitnesses: 1,
    });
    expect(strict(rec!.document, await platform.ledger.proofForCredential(rec!.id))).toMatchObject({
      status: 'passed',
    });

    const stranger = new Witness({
      ...{ crypto: nodeCrypto, clock, state: memoryWitnessState() },
      name: 'stranger.example/w',
      seed: new Uint8Array(32).fill(4),
      logs: [await platform.ledger.verifierKey()],
      consistencyProof: () => Promise.resolve([]),
    });
    const strange = await stranger.cosign(served);
    expect(await code(platform.ledger.addCosignatures(strange.line, strange.size))).toBe(
      'LEDGER_UNKNOWN_WITNESS',
    );
    const [dash, name, value] = second.line.trimEnd().split(' ') as [string, string, string];
    const bytes = Buffer.from(value, 'base64');
    bytes[40]! ^= 1; // a bit of the Ed25519 signature
    const forged = `${dash} ${name} ${bytes.toString('base64')}\n`;
    expect(await code(platform.ledger.addCosignatures(forged, second.size))).toBe(
      'LEDGER_COSIGNATURE_INVALID',
    );
    expect(await code(platform.ledger.addCosignatures(second.line, 999_999))).toBe('LEDGER_NO_CHECKPOINT');
  });

  it('exports the log as static C2SP tiles from which a client verifies entries without the database', async () => {
    await issueMany(platform, 300, 150, 500);
    const files = new Map<string, Uint8Array>();
    const result = await platform.ledger.exportTiles({
      write: async (path, bytes) => void files.set(path, bytes.slice()),
    });
    const note = new TextDecoder().decode(files.get('checkpoint'));
    const { checkpoint } = openCheckpoint(
      note,
      noteVerifierFromKey(nodeCrypto, await platform.ledger.verifierKey()),
    );
    expect(checkpoint.size).toBe(result.size);
    const size = checkpoint.size;
    expect(size).toBeGreaterThan(TILE_WIDTH);

    // A static client: tiles by path for this checkpoint's size, nothing else.
    const widthAt = (level: number, index: number) =>
      index < Math.floor(size / TILE_WIDTH ** (level + 1)) ? TILE_WIDTH : partialTileWidth(level, size);
    const store = {
      readTiles: async (keys: readonly { level: number; index: number }[]) =>
        keys.map((k) => files.get(tilePath({ ...k, width: widthAt(k.level, k.index) }))),
    };
    const reader = new TileTreeReader(platform.ledger.hasher, store, new TileCache());
    const h = platform.ledger.hasher;
    for (const index of [0, 255, 256, size - 1, Math.floor(size / 2)]) {
      const n = Math.floor(index / TILE_WIDTH);
      const entries = decodeBundle(files.get(entriesPath(n, widthAt(0, n)))!);
      const leaf = h.hashLeaf(entries[index % TILE_WIDTH]!);
      const { proveInclusion } = await import('@onex/core');
      const proof = await proveInclusion(h, reader, index, size);
      expect(verifyInclusion(h, index, size, leaf, proof, checkpoint.rootHash).ok).toBe(true);
    }
    // A level-1 hash is the tree hash of the full level-0 tile below it (c2sp.org/tlog-tiles).
    expect(
      toHex(
        files.get('tile/1/000.p/1')?.subarray(0, 32) ??
          files.get(tilePath({ level: 1, index: 0, width: widthAt(1, 0) }))!.subarray(0, 32),
      ),
    ).toBe(toHex(fullTileHash(h, files.get('tile/0/000')!)));
    // Partial tiles of every signed checkpoint size are there too.
    for (const cp of await createRepositories(database.db).ledger.listCheckpoints()) {
      const w = partialTileWidth(0, cp.size);
      if (w > 0)
        expect(files.has(tilePath({ level: 0, index: Math.floor(cp.size / TILE_WIDTH), width: w }))).toBe(
          true,
        );
    }
    expect((await platform.ledger.audit()).ok).toBe(true);
  });

  it('stores 1,300 entries as 6 entry bundles and 7 hash tiles, not a row per entry, and proves each', async () => {
    const other = await engine.open();
    try {
      const repo = new LedgerRepository(other.db);
      for (let i = 0; i < 1300; i += 433) {
        await repo.append(
          Array.from({ length: Math.min(433, 1300 - i) }, (_, k) =>
            event(i + k, new Date(1_790_000_000_000 + i)),
          ),
        );
      }
      const count = async (table: 'ledger_bundle' | 'ledger_tile' | 'ledger_batch') =>
        Number(
          (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(other.db))
            .rows[0]!.n,
        );
      expect(await count('ledger_bundle')).toBe(6);
      expect(await count('ledger_tile')).toBe(7);
      expect(await count('ledger_batch')).toBe(4);
      const { platform: p } = createTestPlatform(other);
      const cp = await p.ledger.checkpoint();
      expect(cp.size).toBe(1300);
      for (const index of [0, 1, 255, 256, 433, 866, 1024, 1299]) {
        const bundle = await p.ledger.proofAt(index);
        const leaf = p.ledger.hasher.hashLeaf(Buffer.from(bundle.entry, 'base64'));
        const proof = bundle.proof.map((x) => new Uint8Array(Buffer.from(x, 'base64')));
        expect(verifyInclusion(p.ledger.hasher, index, 1300, leaf, proof, cp.rootHash).ok).toBe(true);
        expect(decodeEntry(Buffer.from(bundle.entry, 'base64')).credentialId).toBe(
          `urn:uuid:synthetic-${index}`,
        );
      }
      await repo.append(Array.from({ length: 700 }, (_, k) => event(1300 + k)));
      const later = await p.ledger.checkpoint();
      const proof = await p.ledger.consistencyProof(1300, 2000);
      expect(verifyConsistency(p.ledger.hasher, 1300, 2000, proof, cp.rootHash, later.rootHash).ok).toBe(
        true,
      );
      expect(await code(p.ledger.consistencyProof(1300, 2001))).toBe('LEDGER_SIZE_OUT_OF_RANGE');
      expect(await code(p.ledger.consistencyProof(0, 2000))).toBe('EMPTY_TREE');
    } finally {
      await other.close();
    }
  });
});
