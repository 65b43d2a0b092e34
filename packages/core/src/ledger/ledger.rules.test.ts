import { describe, expect, it } from 'vitest';
import { nobleCrypto } from '../crypto/index.ts';
import { createMerkleHasher, EMPTY_COMPACT_STATE, InMemoryTree, toHex } from '../merkle/index.ts';
import { DomainError } from '../shared/index.ts';
import type { LogEntry } from './ledger.model.ts';
import {
  decodeBundle,
  decodeEntry,
  encodeBundle,
  encodeEntries,
  encodeEntry,
  locateNode,
  originFor,
  planAppend,
  TileSubtree,
} from './ledger.rules.ts';

const h = createMerkleHasher(nobleCrypto);
const hex = (b: Uint8Array) => toHex(b);
const digest = new Uint8Array(32).map((_, i) => i);

const issue = (id: string, extra: Partial<LogEntry> = {}): LogEntry => ({
  kind: 'ISSUE',
  credentialId: id,
  digest,
  issuerDid: 'did:web:onex.example:teos:TEO-0002',
  certificateCode: 'X-0102',
  level: 2,
  reason: null,
  at: new Date('2026-09-01T08:00:00.123Z'),
  ...extra,
});

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'NOT_A_DOMAIN_ERROR';
  }
  return 'NO_ERROR';
};

describe('the log entry layout', () => {
  it('writes the documented binary layout, byte by byte', () => {
    const bytes = encodeEntry(issue('urn:uuid:1'));
    const at = new Date('2026-09-01T08:00:00.123Z').getTime();
    const u16 = (n: number) => [n >> 8, n & 0xff];
    const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
    const want = [
      0x01,
      0x01,
      ...[
        0,
        0,
        Math.floor(at / 2 ** 40),
        Math.floor(at / 2 ** 32) & 0xff,
        (at >>> 24) & 0xff,
        (at >>> 16) & 0xff,
        (at >>> 8) & 0xff,
        at & 0xff,
      ],
      ...digest,
      2,
      ...u16(10),
      ...ascii('urn:uuid:1'),
      ...u16(34),
      ...ascii('did:web:onex.example:teos:TEO-0002'),
      ...u16(6),
      ...ascii('X-0102'),
      0xff,
      0xff,
    ];
    expect(hex(bytes)).toBe(hex(Uint8Array.from(want)));
  });

  it('decodes what it encodes, for every kind, with and without optional fields', () => {
    const entries: LogEntry[] = [
      issue('a'),
      issue('b', { certificateCode: null, level: null }),
      issue('c', { kind: 'REVOKE', reason: '考试作弊 cheating' }),
      issue('d', { kind: 'SUSPEND', reason: 'under review' }),
      issue('e', { kind: 'UNSUSPEND', reason: '复核通过' }),
      issue('证书-001', { issuerDid: 'did:web:例子.cn' }),
    ];
    for (const e of entries) expect(decodeEntry(encodeEntry(e))).toEqual({ ...e, digest: e.digest });
  });

  it('gives one value exactly one encoding, whether encoded alone or in a batch', () => {
    const entries = [issue('a'), issue('b', { kind: 'REVOKE', reason: 'x' }), issue('证书')];
    const batch = encodeEntries(entries);
    expect(hex(batch.bundle)).toBe(hex(encodeBundle(entries.map(encodeEntry))));
    batch.entries.forEach((e, i) => {
      expect(hex(e)).toBe(hex(encodeEntry(entries[i]!)));
    });
    expect(batch.starts.at(-1)).toBe(batch.bundle.length);
  });

  it.each([
    ['a trailing byte', (b: Uint8Array) => Uint8Array.from([...b, 0])],
    ['another version', (b: Uint8Array) => Uint8Array.from([2, ...b.subarray(1)])],
    ['kind 0', (b: Uint8Array) => Uint8Array.from([1, 0, ...b.subarray(2)])],
    ['kind 5', (b: Uint8Array) => Uint8Array.from([1, 5, ...b.subarray(2)])],
    ['a truncated field', (b: Uint8Array) => b.subarray(0, b.length - 3)],
    ['too few bytes', (b: Uint8Array) => b.subarray(0, 20)],
  ])('refuses to decode %s', (_, mutate) => {
    expect(code(() => decodeEntry(mutate(encodeEntry(issue('urn:uuid:1')))))).toBe('LEDGER_ENTRY_MALFORMED');
  });

  it('refuses to decode invalid UTF-8 and a reason that does not fit the kind', () => {
    const bytes = encodeEntry(issue('ab'));
    const badUtf8 = bytes.slice();
    badUtf8[45] = 0xff;
    expect(code(() => decodeEntry(badUtf8))).toBe('LEDGER_ENTRY_MALFORMED');
    const revoked = encodeEntry(issue('ab', { kind: 'REVOKE', reason: 'r' }));
    const asIssue = revoked.slice();
    asIssue[1] = 1;
    expect(code(() => decodeEntry(asIssue))).toBe('LEDGER_ENTRY_MALFORMED');
  });

  it.each<[string, Partial<LogEntry>]>([
    ['a lone surrogate', { credentialId: 'a\uD800b' }],
    ['an empty credential id', { credentialId: '' }],
    ['an id longer than 1,024 bytes', { credentialId: 'x'.repeat(1025) }],
    ['a reason on an issuance', { reason: 'why' }],
    ['a status change without a reason', { kind: 'REVOKE' }],
    ['level 0', { level: 0 }],
    ['a 31-byte digest', { digest: new Uint8Array(31) }],
    ['a time before 1970', { at: new Date('1969-12-31T23:59:59Z') }],
    ['an unknown kind', { kind: 'DELETE' as LogEntry['kind'] }],
  ])('refuses to encode an entry with %s, naming the field', (_, extra) => {
    expect(code(() => encodeEntry(issue('urn:uuid:1', extra)))).toBe('LEDGER_ENTRY_INVALID');
    expect(code(() => encodeEntries([issue('ok'), issue('urn:uuid:1', extra)]))).toBe('LEDGER_ENTRY_INVALID');
  });
});

describe('entry bundles (c2sp.org/tlog-tiles)', () => {
  it('reads back the entries of a bundle', () => {
    const entries = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(7)];
    const bundle = encodeBundle(entries);
    expect(bundle.length).toBe(6 + 303);
    expect(decodeBundle(bundle).map(hex)).toEqual(entries.map(hex));
  });

  it('refuses a truncated bundle', () => {
    const bundle = encodeBundle([new Uint8Array([1, 2, 3])]);
    expect(code(() => decodeBundle(bundle.subarray(0, 4)))).toBe('LEDGER_ENTRY_MALFORMED');
    expect(code(() => decodeBundle(bundle.subarray(0, 1)))).toBe('LEDGER_ENTRY_MALFORMED');
  });
});

describe('the append plan', () => {
  /** Apply plans to maps of tiles and bundles, checking that each segment starts where the stored data ends. */
  function store() {
    const tiles = new Map<string, Uint8Array>();
    const bundles = new Map<number, Uint8Array>();
    const join = (a: Uint8Array | undefined, b: Uint8Array) => {
      const out = new Uint8Array((a?.length ?? 0) + b.length);
      if (a) out.set(a);
      out.set(b, a?.length ?? 0);
      return out;
    };
    return {
      tiles,
      bundles,
      apply(plan: ReturnType<typeof planAppend>) {
        for (const t of plan.tiles) {
          const key = `${t.level}/${t.index}`;
          expect(tiles.get(key)?.length ?? 0).toBe(t.offset * 32);
          tiles.set(key, join(tiles.get(key), t.hashes));
        }
        for (const b of plan.bundles) {
          expect(decodeBundle(bundles.get(b.index) ?? new Uint8Array(0)).length).toBe(b.offset);
          bundles.set(b.index, join(bundles.get(b.index), b.bytes));
        }
      },
    };
  }

  it('stores exactly the tree levels 0, 8 and 16 of an in-memory tree, in tiles of 256, whatever the batch sizes', () => {
    const tree = new InMemoryTree(h);
    const s = store();
    let state = EMPTY_COMPACT_STATE;
    const sizes = [1, 255, 1, 700, 3000, 61_579, 1];
    let n = 0;
    for (const size of sizes) {
      const entries = Array.from({ length: size }, (_, i) => new TextEncoder().encode(`entry ${n + i}`));
      n += size;
      for (const e of entries) tree.appendData(e);
      const plan = planAppend(h, state, entries);
      s.apply(plan);
      state = plan.state;
      expect(hex(plan.result.root)).toBe(hex(tree.root(tree.size)));
    }
    expect(n).toBe(65_537);
    for (const [key, bytes] of s.tiles) {
      const [level, index] = key.split('/').map(Number) as [number, number];
      for (let p = 0; p < bytes.length / 32; p++) {
        expect(hex(bytes.subarray(p * 32, p * 32 + 32))).toBe(hex(tree.node(8 * level, index * 256 + p)!));
      }
    }
    // 256 full level-0 tiles + a partial one of 1; one full level-1 tile; a level-2 tile of 1.
    expect(s.tiles.get('0/256')!.length).toBe(32);
    expect(s.tiles.get('1/0')!.length).toBe(256 * 32);
    expect(s.tiles.has('1/1')).toBe(false);
    expect(s.tiles.get('2/0')!.length).toBe(32);
    // Bundles hold every entry in order.
    const replayed = [...s.bundles.keys()]
      .sort((a, b) => a - b)
      .flatMap((k) => decodeBundle(s.bundles.get(k)!));
    expect(replayed.length).toBe(n);
    expect(new TextDecoder().decode(replayed[65_536])).toBe('entry 65536');
  });
});

describe('tile geometry', () => {
  it('locates a node in the tile of its level, at its height inside the tile', () => {
    expect(locateNode({ level: 0, index: 300 })).toEqual({
      level: 0,
      index: 1,
      sublevel: 0,
      position: 44,
      needs: 45,
    });
    expect(locateNode({ level: 3, index: 40 })).toEqual({
      level: 0,
      index: 1,
      sublevel: 3,
      position: 8,
      needs: 72,
    });
    expect(locateNode({ level: 8, index: 5 })).toEqual({
      level: 1,
      index: 0,
      sublevel: 0,
      position: 5,
      needs: 6,
    });
    expect(locateNode({ level: 17, index: 3 })).toEqual({
      level: 2,
      index: 0,
      sublevel: 1,
      position: 3,
      needs: 8,
    });
  });

  it('recomputes the levels inside a tile, complete nodes only', () => {
    const tree = new InMemoryTree(h);
    for (let i = 0; i < 300; i++) tree.appendData(new Uint8Array([i & 0xff, i >> 8]));
    const leaves = new Uint8Array(44 * 32);
    for (let i = 0; i < 44; i++) leaves.set(tree.node(0, 256 + i)!, i * 32);
    const sub = new TileSubtree(h, leaves);
    expect(sub.width).toBe(44);
    expect(hex(sub.node(2, 10)!)).toBe(hex(tree.node(2, 64 + 10)!));
    expect(hex(sub.node(5, 0)!)).toBe(hex(tree.node(5, 8)!));
    expect(sub.node(2, 11)).toBeUndefined();
    expect(sub.node(6, 0)).toBeUndefined();
  });
});

describe('the log origin', () => {
  it('is the URL prefix the log is served under, without the scheme', () => {
    expect(originFor('https://onex.example')).toBe('onex.example/log');
    expect(originFor('http://127.0.0.1:3000/')).toBe('127.0.0.1:3000/log');
    expect(originFor('https://edu.example.cn/onex/')).toBe('edu.example.cn/onex/log');
  });
});
