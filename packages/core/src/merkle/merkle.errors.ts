import { DomainError, type DomainErrorDetails } from '../shared/index.ts';

/**
 * Why a Merkle operation failed. A closed list: callers (and the API's error table) switch on it.
 *
 * Verification preconditions follow transparency-dev/merkle `proof/verify.go`
 * (https://github.com/transparency-dev/merkle/blob/main/proof/verify.go) as STANDARDS.md §6 states them.
 */
export const merkleErrorKinds = [
  /** `index >= size` (or the index is not a non-negative safe integer). */
  'INDEX_OUT_OF_RANGE',
  /** The proof does not have the number of hashes the sizes imply (includes a non-empty proof for equal sizes, an empty one otherwise). */
  'WRONG_PROOF_SIZE',
  /** The root computed from the proof differs from the expected one. */
  'ROOT_MISMATCH',
  /** A leaf hash or proof hash is not 32 bytes. */
  'BAD_HASH_LENGTH',
  /** `size2 < size1` in a consistency proof. */
  'SIZE_ORDER',
  /** A consistency proof from the empty tree (`size1 == 0`), which proves nothing. */
  'EMPTY_TREE',
  /** A tree size that is not a non-negative safe integer. */
  'INVALID_SIZE',
  /** A compact-range state whose border does not match its size. */
  'BAD_BORDER',
  /** A `TreeReader` did not return a hash for a requested node. */
  'NODE_UNAVAILABLE',
] as const;

export type MerkleErrorKind = (typeof merkleErrorKinds)[number];

/** Details of a {@link MerkleError}; roots are lowercase hex. */
export interface MerkleErrorDetails extends DomainErrorDetails {
  expectedRoot?: string;
  computedRoot?: string;
}

/**
 * The typed error of the Merkle module. `kind` (= `code`) is stable; for `ROOT_MISMATCH` the
 * expected and computed roots are given in hex.
 */
export class MerkleError extends DomainError<MerkleErrorKind> {
  readonly expectedRoot: string | undefined;
  readonly computedRoot: string | undefined;

  constructor(kind: MerkleErrorKind, en: string, zh: string, details: MerkleErrorDetails = {}) {
    super(kind, { zh, en }, details);
    this.name = 'MerkleError';
    this.expectedRoot = details.expectedRoot;
    this.computedRoot = details.computedRoot;
  }

  /** Same as `code`: the reason, from {@link merkleErrorKinds}. */
  get kind(): MerkleErrorKind {
    return this.code;
  }
}

/** True if `e` is a {@link MerkleError}, optionally of the given kind. */
export function isMerkleError(e: unknown, kind?: MerkleErrorKind): e is MerkleError {
  return e instanceof MerkleError && (kind === undefined || e.kind === kind);
}

/** Alias of {@link merkleErrorKinds} under the `xErrorCodes` name the other modules use (`core/src/errors.ts`). */
export const merkleErrorCodes = merkleErrorKinds;
/** Alias of {@link MerkleErrorKind}. */
export type MerkleErrorCode = MerkleErrorKind;

/** Requires `size` to be a valid tree size (a safe non-negative integer). */
export function requireSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new MerkleError(
      'INVALID_SIZE',
      `${what} ${size} is not a valid tree size`,
      `${what} ${size} 不是有效的树大小`,
    );
  }
}

/**
 * Requires two sizes a consistency proof can connect: both valid, size1 ≤ size2, size1 > 0
 * (a proof from the empty tree is meaningless, as transparency-dev/merkle states).
 */
export function requireConsistencySizes(size1: number, size2: number): void {
  requireSize(size1, 'size1');
  requireSize(size2, 'size2');
  if (size2 < size1) {
    throw new MerkleError(
      'SIZE_ORDER',
      `size2 (${size2}) < size1 (${size1})`,
      `第二个树大小 (${size2}) 小于第一个 (${size1})`,
      {
        size1,
        size2,
      },
    );
  }
  if (size1 === 0) {
    throw new MerkleError(
      'EMPTY_TREE',
      'a consistency proof from the empty tree is meaningless',
      '从空树出发的一致性证明没有意义',
      { size1, size2 },
    );
  }
}
