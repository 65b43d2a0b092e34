/**
 * RFC 9162 Merkle tree (https://www.rfc-editor.org/rfc/rfc9162#section-2.1): hashing, proof
 * verification and generation, an in-memory tree and an O(log n) appender for ledgers.
 */
export {
  type AppendResult,
  appendLeaves,
  type CompactState,
  compactRoot,
  EMPTY_COMPACT_STATE,
} from './merkle.compact.ts';
export {
  isMerkleError,
  MerkleError,
  type MerkleErrorCode,
  type MerkleErrorDetails,
  type MerkleErrorKind,
  merkleErrorCodes,
  merkleErrorKinds,
} from './merkle.errors.ts';
export {
  bytesEqual,
  createMerkleHasher,
  fromHex,
  HASH_SIZE,
  type MerkleHasher,
  type Sha256Provider,
  toHex,
} from './merkle.hash.ts';
export { InMemoryTree } from './merkle.memory.ts';
export type { NodeId, StoredNode } from './merkle.model.ts';
export type { TreeReader } from './merkle.ports.ts';
export {
  inclusionProofSize,
  type MerkleCheck,
  rootFromConsistencyProof,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './merkle.proof.ts';
export {
  assembleProof,
  borderNodes,
  consistencyPlan,
  inclusionPlan,
  type ProofPlan,
  proveConsistency,
  proveInclusion,
  rangeNodes,
  readRoot,
  rootFromBorder,
} from './merkle.prove.ts';
