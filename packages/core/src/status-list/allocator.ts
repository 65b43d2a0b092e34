/**
 * Picking the status list index of a new credential.
 *
 * Indexes are drawn uniformly at random so that a credential's position reveals neither its issue
 * order nor its neighbours: "implementers are advised to allocate status list entry indexes
 * randomly" (Bitstring Status List v1.0 §6.5 Decoy Values,
 * https://www.w3.org/TR/vc-bitstring-status-list/#decoy-values; §6.1 on the 131,072-entry floor).
 */
import type { Random } from '../shared/index.ts';
import { statusListError } from './status-list.errors.ts';

/** Random draws before falling back to a scan; at 90% occupancy 32 draws all fail with p ≈ 3%. */
export const ALLOCATE_RANDOM_ATTEMPTS = 32;

/**
 * A uniformly random integer in [0, n) from the `Random` port, by rejection sampling on 32 bits
 * (no modulo bias). Requires 1 ≤ n ≤ 2^32.
 */
export function randomBelow(random: Random, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 32) {
    throw statusListError(
      'RANGE_ERROR',
      { zh: `随机范围无效：${n}`, en: `Invalid random range: ${n}` },
      { n },
    );
  }
  // Values ≥ limit would make the low residues more likely; redraw them. A draw is rejected with
  // probability < 1/2, so 16 rounds fail with p < 2^-16; then accept the (tiny) bias rather than
  // loop on a broken Random.
  const limit = 2 ** 32 - (2 ** 32 % n);
  let value = 0;
  for (let round = 0; round < 16; round++) {
    const b = random.bytes(4);
    value = (b[0]! * 2 ** 24 + ((b[1]! << 16) | (b[2]! << 8) | b[3]!)) >>> 0;
    if (value < limit) break;
  }
  return value % n;
}

/**
 * Pick a free index in [0, length): up to `attempts` uniformly random draws, then a linear scan
 * (wrapping) from a random start, so that a nearly full list still terminates. Pure: `isTaken`
 * answers from the caller's state (a set, a bitmap, a database query already loaded).
 * Throws `STATUS_LIST_FULL` when every index is taken, `RANGE_ERROR` for a bad `length`.
 */
export function allocateIndex(
  random: Random,
  isTaken: (index: number) => boolean,
  length: number,
  attempts: number = ALLOCATE_RANDOM_ATTEMPTS,
): number {
  for (let i = 0; i < attempts; i++) {
    const index = randomBelow(random, length);
    if (!isTaken(index)) return index;
  }
  const start = randomBelow(random, length);
  for (let k = 0; k < length; k++) {
    const index = start + k < length ? start + k : start + k - length;
    if (!isTaken(index)) return index;
  }
  throw statusListError(
    'STATUS_LIST_FULL',
    {
      zh: `状态列表的 ${length} 个位置已全部占用，请新建列表`,
      en: `All ${length} entries of the status list are taken; open a new list`,
    },
    { length },
  );
}
