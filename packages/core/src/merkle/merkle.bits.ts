/**
 * Bit arithmetic on tree sizes and indexes. JavaScript bitwise operators work on 32 bits, but
 * sizes and indexes may reach 2^53 - 1 (`Number.MAX_SAFE_INTEGER`), so every helper here splits
 * a number into its high and low 32-bit halves. Requires non-negative safe integers.
 * Internal to the merkle module (not exported from `index.ts`).
 */

const TWO_32 = 4294967296;

function popcount32(v: number): number {
  let x = v >>> 0;
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of bits needed to write `x` (Go `bits.Len64`); 0 for 0. */
export function bitLength(x: number): number {
  if (x < TWO_32) return 32 - Math.clz32(x);
  return 64 - Math.clz32(Math.floor(x / TWO_32));
}

/** Number of one bits of `x` (Go `bits.OnesCount64`). */
export function popcount(x: number): number {
  return popcount32(x >>> 0) + (x < TWO_32 ? 0 : popcount32(Math.floor(x / TWO_32)));
}

/** Number of trailing zero bits of `x` (Go `bits.TrailingZeros64`). Requires `x > 0`. */
export function trailingZeros(x: number): number {
  const lo = x >>> 0;
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  const hi = Math.floor(x / TWO_32) >>> 0;
  return 32 + 31 - Math.clz32(hi & -hi);
}

/** `a ^ b` for 53-bit values. */
export function xor(a: number, b: number): number {
  const hi = (Math.floor(a / TWO_32) ^ Math.floor(b / TWO_32)) >>> 0;
  const lo = ((a >>> 0) ^ (b >>> 0)) >>> 0;
  return hi * TWO_32 + lo;
}

/** `x >> k`. */
export function shiftRight(x: number, k: number): number {
  return k === 0 ? x : Math.floor(x / 2 ** k);
}

/** Bit `i` of `x` (0 or 1). */
export function bitAt(x: number, i: number): number {
  return Math.floor(x / 2 ** i) % 2;
}

/** True for a non-negative safe integer. */
export function isSize(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}
