/**
 * Time, ids and randomness come through these ports so that tests are deterministic
 * (ARCHITECTURE.md §6). Production wiring lives in `api/server.ts` and `cli/main.ts`.
 */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique id with a readable prefix, e.g. `teo_…`. */
  next(prefix: string): string;
}

export interface Random {
  /** `n` cryptographically strong random bytes (or seeded bytes in tests). */
  bytes(n: number): Uint8Array;
}

export const fixedClock = (iso: string): Clock => {
  const t = new Date(iso).getTime();
  return { now: () => new Date(t) };
};

/** A clock tests can move forward. */
export function manualClock(iso: string): Clock & { advance(ms: number): void; set(iso: string): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    set(next) {
      t = new Date(next).getTime();
    },
  };
}

/** Sequential ids for tests: `teo_000001`, … */
export function sequentialIds(): IdGenerator {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}_${String(n).padStart(6, '0')}`;
    },
  };
}
