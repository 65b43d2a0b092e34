import { describe, expect, it } from 'vitest';
import { proveConsistency, proveInclusion, toHex } from '../merkle/index.ts';
import { DomainError } from '../shared/index.ts';
import type { LogEntry } from './ledger.model.ts';
import { TestLog } from './test-log.ts';
import { InclusionProver, TileCache, TileTreeReader } from './tile-reader.ts';

const entry = (i: number): LogEntry => ({
  kind: 'ISSUE',
  credentialId: `urn:uuid:${i}`,
  digest: new Uint8Array(32).fill(i & 0xff),
  issuerDid: 'did:web:onex.example:teos:TEO-0002',
  certificateCode: null,
  level: null,
  reason: null,
  at: new Date(1_790_000_000_000 + i),
});

/** A log of `n` entries appended in uneven batches. */
function logOf(n: number): TestLog {
  const log = new TestLog();
  for (let i = 0; i < n; ) {
    const k = Math.min(n - i, 1 + ((i * 7919) % 1500));
    log.append(Array.from({ length: k }, (_, j) => entry(i + j)));
    i += k;
  }
  return log;
}

const hexes = (xs: readonly Uint8Array[]) => xs.map(toHex);

describe('reading the tree from stored tiles', () => {
  const log = logOf(70_000);

  it('gives the inclusion proofs of RFC 9162, cold and warm, for every kind of position', async () => {
    const cache = new TileCache();
    const prover = new InclusionProver(log.h, new TileTreeReader(log.h, log.store, cache), cache);
    const cases: [number, number][] = [
      [0, 1],
      [0, 2],
      [1, 2],
      [255, 256],
      [256, 257],
      [69_999, 70_000],
      [65_535, 65_536],
      [65_536, 70_000],
      [12_345, 70_000],
      [300, 301],
    ];
    for (let i = 0; i < 300; i++) {
      const size = 1 + ((i * 104_729) % 70_000);
      cases.push([(i * 7_919) % size, size]);
    }
    for (const [index, size] of cases) {
      const want = hexes(await proveInclusion(log.h, log.tree, index, size));
      expect(hexes(await prover.prove(index, size))).toEqual(want);
      expect(hexes(await prover.prove(index, size))).toEqual(want);
    }
  });

  it('answers a warm proof from the cache alone, without reading storage', async () => {
    const cache = new TileCache();
    const prover = new InclusionProver(log.h, new TileTreeReader(log.h, log.store, cache), cache);
    await prover.prove(4_242, 70_000);
    const reads = log.reads;
    const hits = cache.hits;
    await prover.prove(4_243, 70_000);
    await prover.prove(4_100, 70_000);
    expect(log.reads).toBe(reads);
    expect(cache.hits).toBeGreaterThan(hits);
  });

  it('gives the consistency proofs of RFC 9162', async () => {
    const reader = new TileTreeReader(log.h, log.store, new TileCache());
    for (const [a, b] of [
      [1, 70_000],
      [256, 257],
      [300, 65_536],
      [65_536, 70_000],
      [4_097, 69_999],
    ] as const) {
      expect(hexes(await proveConsistency(log.h, reader, a, b))).toEqual(
        hexes(await proveConsistency(log.h, log.tree, a, b)),
      );
    }
  });

  it('refuses to answer a node that the stored tiles do not hold', async () => {
    const small = logOf(300);
    const reader = new TileTreeReader(small.h, small.store, new TileCache());
    const e = await reader.getNodes([{ level: 0, index: 300 }]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('LEDGER_SIZE_OUT_OF_RANGE');
  });

  it('keeps at most its capacity of tiles, giving used tiles a second chance', async () => {
    const cache = new TileCache(2);
    const reader = new TileTreeReader(log.h, log.store, cache);
    await reader.getNodes([{ level: 0, index: 0 }]);
    await reader.getNodes([{ level: 0, index: 256 }]);
    await reader.getNodes([{ level: 0, index: 1 }]); // a hit: tile 0 is used
    await reader.getNodes([{ level: 0, index: 512 }]); // evicts tile 1, not the used tile 0
    expect(cache.size).toBe(2);
    const reads = log.reads;
    await reader.getNodes([{ level: 0, index: 2 }]);
    expect(log.reads).toBe(reads);
    await reader.getNodes([{ level: 0, index: 257 }]);
    expect(log.reads).toBe(reads + 1);
  });
});
