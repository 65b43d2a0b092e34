import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator, Random } from '@onex/core';

/** The real clock, ids and randomness, for production wiring (tests use core's fixed ones). */
export const systemClock: Clock = { now: () => new Date() };

export const systemRandom: Random = { bytes: (n) => new Uint8Array(randomBytes(n)) };

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * `prefix_` + a time-ordered part + 80 random bits (Crockford base32): sortable by creation,
 * unguessable, and safe to create in several processes at once.
 */
export function randomIds(clock: Clock = systemClock): IdGenerator {
  return {
    next(prefix) {
      let t = clock.now().getTime();
      let time = '';
      for (let i = 0; i < 9; i++) {
        time = alphabet[t % 32] + time;
        t = Math.floor(t / 32);
      }
      let rand = '';
      for (const b of randomBytes(16)) rand += alphabet[b % 32];
      return `${prefix}_${time}${rand}`;
    },
  };
}

/** Deterministic ids from a seed, for reproducible demo data. */
export function seededIds(seed: number): IdGenerator {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}_${seed.toString(36)}_${n.toString(36).padStart(6, '0')}`;
    },
  };
}
