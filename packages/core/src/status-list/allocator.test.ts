import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError, type Random } from '../shared/index.ts';
import { allocateIndex, randomBelow } from './allocator.ts';

/** Deterministic Random for tests: SHA-256 in counter mode over a seed. */
function seededRandom(seed: number): Random {
  let counter = 0;
  let pool = new Uint8Array(0);
  return {
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        if (pool.length === 0) {
          const block = new Uint8Array(8);
          new DataView(block.buffer).setUint32(0, seed);
          new DataView(block.buffer).setUint32(4, counter++);
          pool = sha256(block);
        }
        out[i] = pool[0]!;
        pool = pool.subarray(1);
      }
      return out;
    },
  };
}

/** A Random that always returns the same byte. */
const constantRandom = (byte: number): Random => ({ bytes: (n) => new Uint8Array(n).fill(byte) });

const LENGTH = 131_072;

describe('allocateIndex', () => {
  it('never returns a taken index and never repeats one', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 300 }), (seed, count) => {
        const random = seededRandom(seed);
        const taken = new Set<number>();
        for (let i = 0; i < count; i++) {
          const index = allocateIndex(random, (j) => taken.has(j), LENGTH);
          expect(taken.has(index)).toBe(false);
          expect(Number.isInteger(index) && index >= 0 && index < LENGTH).toBe(true);
          taken.add(index);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('spreads indexes over the whole list instead of issuing them in order', () => {
    const random = seededRandom(42);
    const taken = new Set<number>();
    const order: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const index = allocateIndex(random, (j) => taken.has(j), LENGTH);
      taken.add(index);
      order.push(index);
    }
    // About half of consecutive pairs go up, half go down (a counter would go up every time).
    const ups = order.slice(1).filter((v, i) => v > order[i]!).length;
    expect(ups).toBeGreaterThan(800);
    expect(ups).toBeLessThan(1200);
    // Every eighth of the list gets a share (expected 250 each).
    const buckets = new Array(8).fill(0);
    for (const index of order) buckets[Math.floor(index / (LENGTH / 8))]++;
    for (const n of buckets) expect(n).toBeGreaterThan(150);
    // The first indexes are not clustered at the start.
    expect(Math.min(...order.slice(0, 10))).toBeGreaterThan(0);
  });

  it('finds the last free index of a nearly full list by scanning', () => {
    const free = 77_777;
    const random = seededRandom(7);
    expect(allocateIndex(random, (i) => i !== free, LENGTH)).toBe(free);
  });

  it('throws STATUS_LIST_FULL when every index is taken', () => {
    try {
      allocateIndex(seededRandom(1), () => true, 1024);
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe('STATUS_LIST_FULL');
    }
  });

  it('terminates even with a Random stuck on one value', () => {
    const index = allocateIndex(constantRandom(0xff), (i) => i < 100, LENGTH);
    expect(index).toBeGreaterThanOrEqual(100);
  });
});

describe('randomBelow', () => {
  it('stays in range for any bound', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        const value = randomBelow(seededRandom(seed), n);
        expect(Number.isInteger(value) && value >= 0 && value < n).toBe(true);
      }),
    );
  });

  it('redraws values that would bias the result', () => {
    // n = 3 · 2^30: the top quarter of 32-bit values is rejected, so a first draw of 0xff… is
    // redrawn and the second (0x00…) gives 0.
    let call = 0;
    const random: Random = { bytes: (n) => new Uint8Array(n).fill(call++ === 0 ? 0xff : 0) };
    expect(randomBelow(random, 3 * 2 ** 30)).toBe(0);
    expect(call).toBe(2);
  });

  it('rejects a bound outside 1..2^32 with RANGE_ERROR', () => {
    for (const n of [0, -1, 1.5, 2 ** 32 + 1, Number.NaN]) {
      try {
        randomBelow(seededRandom(1), n);
        expect.unreachable();
      } catch (e) {
        expect(isDomainError(e) && e.code).toBe('RANGE_ERROR');
      }
    }
  });
});
