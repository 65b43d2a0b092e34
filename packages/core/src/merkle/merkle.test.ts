/// <reference types="vite/client" />
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import reference from '../../../../../shared/vendor-data/transparency-dev-merkle/rfc6962-reference-tree.json' with {
  type: 'json',
};
import {
  appendLeaves,
  borderNodes,
  compactRoot,
  consistencyPlan,
  createMerkleHasher,
  EMPTY_COMPACT_STATE,
  fromHex,
  InMemoryTree,
  inclusionPlan,
  inclusionProofSize,
  isMerkleError,
  type MerkleCheck,
  MerkleError,
  type MerkleHasher,
  proveConsistency,
  proveInclusion,
  rangeNodes,
  readRoot,
  rootFromConsistencyProof,
  rootFromInclusionProof,
  type StoredNode,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from './index.ts';
import { countingCrypto, testCrypto } from './test-provider.ts';

interface InclusionProbe {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ConsistencyProbe {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

// Vite's import.meta.glob reads the vendored probes at transform time, so the test needs no node:fs
// (core may not import it, ARCHITECTURE.md §2).
const inclusionProbes = import.meta.glob<InclusionProbe>(
  '../../../../../shared/vendor-data/transparency-dev-merkle/testdata/inclusion/**/*.json',
  { eager: true, import: 'default' },
);
const consistencyProbes = import.meta.glob<ConsistencyProbe>(
  '../../../../../shared/vendor-data/transparency-dev-merkle/testdata/consistency/**/*.json',
  { eager: true, import: 'default' },
);

const h = createMerkleHasher(testCrypto);
const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (proof: readonly Uint8Array[]): string[] => proof.map(toHex);
const probeName = (path: string): string => path.replace(/^.*testdata\//, '');

function expectOk(check: MerkleCheck): void {
  expect(check.ok ? 'ok' : `${check.error.kind}: ${check.error.message}`).toBe('ok');
}

function expectKind(check: MerkleCheck, kind: MerkleError['kind']): void {
  expect(check.ok ? 'ok' : check.error.kind).toBe(kind);
}

function referenceTree(): InMemoryTree {
  const tree = new InMemoryTree(h);
  for (const leaf of reference.leavesHex) tree.appendData(fromHex(leaf));
  return tree;
}

// An independent, naive RFC 9162 §2.1 implementation on leaf hash lists, to cross-check generation.
function naiveRoot(hasher: MerkleHasher, leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return hasher.emptyRoot();
  if (leaves.length === 1) return leaves[0]!;
  const k = 2 ** Math.floor(Math.log2(leaves.length - 1));
  return hasher.hashChildren(naiveRoot(hasher, leaves.slice(0, k)), naiveRoot(hasher, leaves.slice(k)));
}
function naivePath(hasher: MerkleHasher, m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = 2 ** Math.floor(Math.log2(leaves.length - 1));
  return m < k
    ? [...naivePath(hasher, m, leaves.slice(0, k)), naiveRoot(hasher, leaves.slice(k))]
    : [...naivePath(hasher, m - k, leaves.slice(k)), naiveRoot(hasher, leaves.slice(0, k))];
}
function naiveSubproof(
  hasher: MerkleHasher,
  m: number,
  leaves: readonly Uint8Array[],
  b: boolean,
): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [naiveRoot(hasher, leaves)];
  const k = 2 ** Math.floor(Math.log2(n - 1));
  return m <= k
    ? [...naiveSubproof(hasher, m, leaves.slice(0, k), b), naiveRoot(hasher, leaves.slice(k))]
    : [...naiveSubproof(hasher, m - k, leaves.slice(k), false), naiveRoot(hasher, leaves.slice(0, k))];
}

function flipBit(proof: readonly Uint8Array[], element: number, bit: number): Uint8Array[] {
  return proof.map((p, i) => {
    if (i !== element) return p;
    const q = p.slice();
    q[bit >> 3]! ^= 1 << (bit & 7);
    return q;
  });
}

describe('RFC 9162 hashing', () => {
  it('hashes the empty tree, the empty leaf and the transparency-dev hasher vectors', () => {
    const [empty, emptyLeaf, leaf, node] = reference.hasherVectors.map((v) => v.hex);
    expect(toHex(h.emptyRoot())).toBe(empty);
    expect(toHex(h.hashLeaf(new Uint8Array()))).toBe(emptyLeaf);
    expect(toHex(h.hashLeaf(ascii('L123456')))).toBe(leaf);
    expect(toHex(h.hashChildren(ascii('N123'), ascii('N456')))).toBe(node);
    expect(leaf).toBe('395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56');
    expect(node).toBe('aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb');
  });

  it('hashes 32-byte children through the reused buffer exactly like the generic path', () => {
    const a = h.hashLeaf(ascii('a'));
    const b = h.hashLeaf(ascii('b'));
    const generic = testCrypto.sha256(new Uint8Array([1]), a, b);
    expect(toHex(h.hashChildren(a, b))).toBe(toHex(generic));
    // The buffer is reused: a second call must not corrupt the first result.
    const first = h.hashChildren(a, b);
    h.hashChildren(b, a);
    expect(toHex(first)).toBe(toHex(generic));
  });

  it('gives the leaf hashes of the reference tree', () => {
    expect(reference.leavesHex.map((l) => toHex(h.hashLeaf(fromHex(l))))).toEqual(reference.leafHashesHex);
  });
});

describe('vendored transparency-dev inclusion probes', () => {
  const entries = Object.entries(inclusionProbes);

  it('finds every probe file', () => {
    expect(entries.length).toBe(98);
  });

  it.each(entries.map(([path, p]) => [probeName(path), p] as const))(
    '%s gives the expected outcome',
    (_, p) => {
      const check = verifyInclusion(
        h,
        p.leafIdx,
        p.treeSize,
        b64(p.leafHash),
        (p.proof ?? []).map(b64),
        b64(p.root),
      );
      expect(check.ok).toBe(!p.wantErr);
      if (!check.ok) expect(check.error).toBeInstanceOf(MerkleError);
    },
  );
});

describe('vendored transparency-dev consistency probes', () => {
  const entries = Object.entries(consistencyProbes);

  it('finds every probe file', () => {
    expect(entries.length).toBe(98);
  });

  it.each(entries.map(([path, p]) => [probeName(path), p] as const))(
    '%s gives the expected outcome',
    (_, p) => {
      const check = verifyConsistency(
        h,
        p.size1,
        p.size2,
        (p.proof ?? []).map(b64),
        b64(p.root1),
        b64(p.root2),
      );
      expect(check.ok).toBe(!p.wantErr);
    },
  );
});

describe('verification preconditions (transparency-dev proof/verify.go)', () => {
  const tree = referenceTree();
  const leaf = (i: number): Uint8Array => fromHex(reference.leafHashesHex[i]!);

  it('rejects an index at or beyond the tree size', () => {
    expectKind(verifyInclusion(h, 8, 8, leaf(0), [], tree.root()), 'INDEX_OUT_OF_RANGE');
    expectKind(verifyInclusion(h, 0, 0, leaf(0), [], h.emptyRoot()), 'INDEX_OUT_OF_RANGE');
    expectKind(verifyInclusion(h, -1, 8, leaf(0), [], tree.root()), 'INDEX_OUT_OF_RANGE');
  });

  it('rejects a leaf hash that is not 32 bytes', () => {
    expectKind(verifyInclusion(h, 0, 1, leaf(0).subarray(1), [], leaf(0)), 'BAD_HASH_LENGTH');
  });

  it('rejects a proof of the wrong length and a proof hash of the wrong length', async () => {
    const proof = await proveInclusion(h, tree, 3, 8);
    expectKind(verifyInclusion(h, 3, 8, leaf(3), proof.slice(1), tree.root()), 'WRONG_PROOF_SIZE');
    expectKind(verifyInclusion(h, 3, 8, leaf(3), [...proof, proof[0]!], tree.root()), 'WRONG_PROOF_SIZE');
    expectKind(
      verifyInclusion(h, 3, 8, leaf(3), [proof[0]!.subarray(1), ...proof.slice(1)], tree.root()),
      'BAD_HASH_LENGTH',
    );
  });

  it('reports both roots in hex on a root mismatch', async () => {
    const proof = await proveInclusion(h, tree, 3, 8);
    const check = verifyInclusion(h, 3, 8, leaf(3), proof, tree.root(7));
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error.kind).toBe('ROOT_MISMATCH');
    expect(check.error.expectedRoot).toBe(reference.rootsBySize['7']);
    expect(check.error.computedRoot).toBe(reference.rootsBySize['8']);
    expect(rootFromInclusionProof(h, 3, 8, leaf(3), proof)).toEqual(tree.root());
  });

  it('rejects a consistency proof from an empty tree', () => {
    expectKind(verifyConsistency(h, 0, 8, [], h.emptyRoot(), tree.root()), 'EMPTY_TREE');
    expectKind(verifyConsistency(h, 0, 0, [], h.emptyRoot(), h.emptyRoot()), 'EMPTY_TREE');
  });

  it('rejects a consistency proof whose second size is smaller', () => {
    expectKind(verifyConsistency(h, 5, 4, [], tree.root(5), tree.root(4)), 'SIZE_ORDER');
  });

  it('accepts equal sizes only with an empty proof and equal roots', () => {
    expectOk(verifyConsistency(h, 5, 5, [], tree.root(5), tree.root(5)));
    expectKind(verifyConsistency(h, 5, 5, [tree.root(5)], tree.root(5), tree.root(5)), 'WRONG_PROOF_SIZE');
    expectKind(verifyConsistency(h, 5, 5, [], tree.root(5), tree.root(6)), 'ROOT_MISMATCH');
  });

  it('rejects an empty consistency proof between different sizes', () => {
    expectKind(verifyConsistency(h, 4, 8, [], tree.root(4), tree.root(8)), 'WRONG_PROOF_SIZE');
  });

  it('tells a wrong first root from a wrong second root', async () => {
    const proof = await proveConsistency(h, tree, 3, 7);
    expect(toHex(rootFromConsistencyProof(h, 3, 7, proof, tree.root(3)))).toBe(reference.rootsBySize['7']);
    const first = verifyConsistency(h, 3, 7, proof, tree.root(2), tree.root(7));
    const second = verifyConsistency(h, 3, 7, proof, tree.root(3), tree.root(8));
    expect(first.ok || first.error.details['which']).toBe('first');
    expect(second.ok || second.error.details['which']).toBe('second');
  });

  it('throws typed errors from the root computations', () => {
    expect(() => rootFromConsistencyProof(h, 0, 1, [], h.emptyRoot())).toThrowError(MerkleError);
    try {
      rootFromInclusionProof(h, 9, 8, leaf(0), []);
    } catch (e) {
      expect(isMerkleError(e, 'INDEX_OUT_OF_RANGE')).toBe(true);
      expect((e as MerkleError).code).toBe('INDEX_OUT_OF_RANGE');
    }
  });

  it('rejects sizes that are not safe integers', () => {
    expectKind(verifyInclusion(h, 0, 2 ** 53, leaf(0), [], leaf(0)), 'INVALID_SIZE');
    expectKind(verifyConsistency(h, 1.5, 3, [], leaf(0), leaf(0)), 'INVALID_SIZE');
  });
});

describe('the CT reference tree (transparency-dev cmd/proofgen)', () => {
  const tree = referenceTree();

  it('has the published roots for sizes 0 to 8', async () => {
    for (let size = 0; size <= 8; size++) {
      expect(toHex(tree.root(size)), `size ${size}`).toBe(reference.rootsBySize[String(size) as '0']);
      expect(toHex(await readRoot(h, tree, size)), `size ${size}`).toBe(
        reference.rootsBySize[String(size) as '0'],
      );
    }
  });

  it('generates every published inclusion proof', async () => {
    for (const p of reference.inclusionProofsHex) {
      expect(hex(await proveInclusion(h, tree, p.leafIndex0, p.treeSize))).toEqual(p.proof);
    }
  });

  it('generates every published consistency proof', async () => {
    for (const p of reference.consistencyProofsHex) {
      expect(hex(await proveConsistency(h, tree, p.size1, p.size2))).toEqual(p.proof);
    }
  });

  it('generates, at every size and index up to 8, proofs equal to the RFC recursion that verify against the published roots', async () => {
    const leaves = reference.leafHashesHex.map(fromHex);
    const root = (n: number): Uint8Array => fromHex(reference.rootsBySize[String(n) as '0']);
    let inclusion = 0;
    let consistency = 0;
    for (let size = 1; size <= 8; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await proveInclusion(h, tree, index, size);
        expect(hex(proof)).toEqual(hex(naivePath(h, index, leaves.slice(0, size))));
        expectOk(verifyInclusion(h, index, size, leaves[index]!, proof, root(size)));
        inclusion++;
      }
      for (let size1 = 1; size1 <= size; size1++) {
        const proof = await proveConsistency(h, tree, size1, size);
        expect(hex(proof)).toEqual(
          size1 === size ? [] : hex(naiveSubproof(h, size1, leaves.slice(0, size), true)),
        );
        expectOk(verifyConsistency(h, size1, size, proof, root(size1), root(size)));
        consistency++;
      }
    }
    expect([inclusion, consistency]).toEqual([36, 36]);
  });
});

describe('proof generation', () => {
  const leaves = Array.from({ length: 300 }, (_, i) => h.hashLeaf(ascii(`entry ${i}`)));
  const tree = new InMemoryTree(h);
  for (const l of leaves) tree.append(l);

  it('matches the RFC recursion for every index and size up to 40', async () => {
    for (let size = 1; size <= 40; size++) {
      for (let i = 0; i < size; i++) {
        expect(hex(await proveInclusion(h, tree, i, size))).toEqual(
          hex(naivePath(h, i, leaves.slice(0, size))),
        );
        expect(hex(await proveConsistency(h, tree, i + 1, size))).toEqual(
          i + 1 === size ? [] : hex(naiveSubproof(h, i + 1, leaves.slice(0, size), true)),
        );
      }
      expect(toHex(tree.root(size))).toBe(toHex(naiveRoot(h, leaves.slice(0, size))));
    }
  });

  it('reads all nodes of a proof in one call, O(log n) of them', async () => {
    const calls: number[] = [];
    const reader = {
      getNodes: (ids: Parameters<InMemoryTree['getNodes']>[0]) => {
        calls.push(ids.length);
        return tree.getNodes(ids);
      },
    };
    await proveInclusion(h, reader, 123, 299);
    await proveConsistency(h, reader, 77, 299);
    expect(calls.length).toBe(2);
    expect(Math.max(...calls)).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(299)));
  });

  it('plans the ephemeral right-border node as several stored nodes', () => {
    // Leaf 0 of a 7-leaf tree: siblings leaf 1, node (1,1), and MTH(D[4:7]) = (1,2) ‖ (0,6).
    const plan = inclusionPlan(0, 7);
    expect(plan.nodes).toEqual([
      { level: 0, index: 1 },
      { level: 1, index: 1 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(plan.elements).toEqual([
      [0, 1],
      [1, 2],
      [2, 4],
    ]);
    expect(consistencyPlan(4, 4).nodes).toEqual([]);
    expect(inclusionProofSize(0, 7)).toBe(3);
  });

  it('decomposes ranges into perfect subtrees', () => {
    expect(borderNodes(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(rangeNodes(3, 13)).toEqual([
      { level: 0, index: 3 },
      { level: 2, index: 1 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(borderNodes(2 ** 40 + 1)).toEqual([
      { level: 40, index: 0 },
      { level: 0, index: 2 ** 40 },
    ]);
  });

  it('plans proofs for trees beyond 2^32 leaves', () => {
    const size = 2 ** 40 + 5;
    const plan = inclusionPlan(2 ** 35 + 7, size);
    expect(plan.elements.length).toBe(inclusionProofSize(2 ** 35 + 7, size));
    expect(consistencyPlan(2 ** 33 + 3, size).elements.length).toBeGreaterThan(0);
  });

  it('rejects proofs the tree cannot have', async () => {
    await expect(proveInclusion(h, tree, 300, 300)).rejects.toMatchObject({ code: 'INDEX_OUT_OF_RANGE' });
    await expect(proveConsistency(h, tree, 0, 10)).rejects.toMatchObject({ code: 'EMPTY_TREE' });
    await expect(proveConsistency(h, tree, 11, 10)).rejects.toMatchObject({ code: 'SIZE_ORDER' });
    await expect(proveInclusion(h, tree, 3, 301)).rejects.toMatchObject({ code: 'NODE_UNAVAILABLE' });
  });

  it('verifies generated proofs and rejects flipped bits (property, sizes up to 300)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 300 })
          .chain((size) =>
            fc.tuple(
              fc.constant(size),
              fc.integer({ min: 0, max: size - 1 }),
              fc.nat(),
              fc.integer({ min: 0, max: 255 }),
            ),
          ),
        async ([size, index, pick, bit]) => {
          const root = tree.root(size);
          const proof = await proveInclusion(h, tree, index, size);
          expectOk(verifyInclusion(h, index, size, leaves[index]!, proof, root));
          if (proof.length > 0) {
            const bad = flipBit(proof, pick % proof.length, bit);
            expect(verifyInclusion(h, index, size, leaves[index]!, bad, root).ok).toBe(false);
          }
          const badLeaf = flipBit([leaves[index]!], 0, bit)[0]!;
          expect(verifyInclusion(h, index, size, badLeaf, proof, root).ok).toBe(false);
          const badRoot = flipBit([root], 0, bit)[0]!;
          expect(verifyInclusion(h, index, size, leaves[index]!, proof, badRoot).ok).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('verifies generated consistency proofs and rejects flipped bits (property, sizes up to 300)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 300 })
          .chain((size2) =>
            fc.tuple(
              fc.integer({ min: 1, max: size2 }),
              fc.constant(size2),
              fc.nat(),
              fc.integer({ min: 0, max: 255 }),
            ),
          ),
        async ([size1, size2, pick, bit]) => {
          const root1 = tree.root(size1);
          const root2 = tree.root(size2);
          const proof = await proveConsistency(h, tree, size1, size2);
          expectOk(verifyConsistency(h, size1, size2, proof, root1, root2));
          if (proof.length > 0) {
            const bad = flipBit(proof, pick % proof.length, bit);
            expect(verifyConsistency(h, size1, size2, bad, root1, root2).ok).toBe(false);
          }
          expect(verifyConsistency(h, size1, size2, proof, flipBit([root1], 0, bit)[0]!, root2).ok).toBe(
            false,
          );
          expect(verifyConsistency(h, size1, size2, proof, root1, flipBit([root2], 0, bit)[0]!).ok).toBe(
            false,
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('appendLeaves (compact range)', () => {
  const byId = (a: StoredNode, b: StoredNode): number => a.level - b.level || a.index - b.index;
  const nodeKey = (n: StoredNode): string => `${n.level}/${n.index}/${toHex(n.hash)}`;

  it('gives the same root as the in-memory tree at every size, one leaf at a time', () => {
    const tree = new InMemoryTree(h);
    let state = EMPTY_COMPACT_STATE;
    const stored: StoredNode[] = [];
    expect(compactRoot(h, state)).toEqual(h.emptyRoot());
    for (let i = 0; i < 600; i++) {
      const leaf = h.hashLeaf(ascii(`leaf ${i}`));
      tree.append(leaf);
      const r = appendLeaves(h, state, [leaf]);
      state = r.state;
      stored.push(...r.newNodes);
      expect(toHex(r.root), `size ${i + 1}`).toBe(toHex(tree.root()));
      expect(state.size).toBe(i + 1);
    }
    expect(stored.map(nodeKey).sort()).toEqual([...tree.nodes()].map(nodeKey).sort());
  });

  it('gives the same roots and nodes for random batches (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 20 }), (batches) => {
        const tree = new InMemoryTree(h);
        let state = EMPTY_COMPACT_STATE;
        const stored: StoredNode[] = [];
        let n = 0;
        for (const count of batches) {
          const leaves = Array.from({ length: count }, () => h.hashLeaf(ascii(`x${n++}`)));
          for (const l of leaves) tree.append(l);
          const r = appendLeaves(h, state, leaves);
          state = r.state;
          stored.push(...r.newNodes);
          expect(toHex(r.root)).toBe(toHex(tree.root()));
          expect(state.border.map(toHex)).toEqual(
            borderNodes(state.size).map((id) => toHex(tree.node(id.level, id.index)!)),
          );
        }
        expect(stored.sort(byId).map(nodeKey)).toEqual([...tree.nodes()].sort(byId).map(nodeKey));
      }),
      { numRuns: 60 },
    );
  });

  it('costs one node hash per completed subtree, plus the root fold once when the root is read', () => {
    const n = 2 ** 17 + 12_345;
    const leaves = Array.from({ length: n }, (_, i) => {
      const l = new Uint8Array(32);
      new DataView(l.buffer).setUint32(0, i);
      return l;
    });
    const counting = countingCrypto();
    const ch = createMerkleHasher(counting);
    const before = counting.sha256Calls;
    const r = appendLeaves(ch, EMPTY_COMPACT_STATE, leaves);
    const ones = r.state.border.length;
    expect(counting.sha256Calls - before).toBe(n - ones);
    expect(r.newNodes.length).toBe(2 * n - ones);
    // The root is folded from the border on first read only.
    expect(toHex(r.root)).toBe(toHex(compactRoot(h, r.state)));
    expect(counting.sha256Calls - before).toBe(n - ones + (ones - 1));
    void r.root;
    expect(counting.sha256Calls - before).toBe(n - ones + (ones - 1));
  });

  it('does not modify the state it is given and rejects an inconsistent one', () => {
    const leaf = h.hashLeaf(ascii('a'));
    const one = appendLeaves(h, EMPTY_COMPACT_STATE, [leaf]).state;
    const border = one.border.slice();
    appendLeaves(h, one, [leaf, leaf, leaf]);
    expect(one.border).toEqual(border);
    expect(() => appendLeaves(h, { size: 3, border }, [leaf])).toThrowError(
      expect.objectContaining({ kind: 'BAD_BORDER' }),
    );
    expect(() => appendLeaves(h, one, [leaf.subarray(1)])).toThrowError(
      expect.objectContaining({ kind: 'BAD_HASH_LENGTH' }),
    );
  });
});
