import { describe, expect, it } from 'vitest';
import { nobleCrypto } from '../crypto/index.ts';
import { createMerkleHasher, InMemoryTree, toHex } from '../merkle/index.ts';
import {
  encodeTileIndex,
  entriesPath,
  fullTileHash,
  newTiles,
  parseTilePath,
  partialTileWidth,
  readTile,
  TileError,
  tilePath,
} from './tiles.ts';

// The pure-JS provider, through crypto's index (core modules may not import each other's internals).
const testCrypto = nobleCrypto;

describe('tile paths (c2sp.org/tlog-tiles)', () => {
  it('encodes the index in 3-digit groups prefixed with x, as in the spec example', () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(5)).toBe('005');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(encodeTileIndex(1_000_000)).toBe('x001/x000/000');
  });

  it('writes tile and entry-bundle paths, with .p/<W> for partial tiles only', () => {
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 1, index: 17, width: 112 })).toBe('tile/1/017.p/112');
    expect(tilePath({ level: 63, index: 0, width: 1 })).toBe('tile/63/000.p/1');
    expect(entriesPath(1234067)).toBe('tile/entries/x001/x234/067');
    expect(entriesPath(273, 112)).toBe('tile/entries/273.p/112');
  });

  it('parses what it writes', () => {
    for (const t of [
      { level: 0, index: 1234067, width: 256 },
      { level: 2, index: 0, width: 1 },
      { level: 1, index: 1000, width: 255 },
    ]) {
      expect(parseTilePath(tilePath(t))).toEqual({ ...t, entries: false });
    }
    expect(parseTilePath('tile/entries/x001/x234/067.p/9')).toEqual({
      level: 0,
      index: 1234067,
      width: 9,
      entries: true,
    });
  });

  it.each([
    'tile/0/1234067',
    'tile/0/x001/234/067',
    'tile/00/000',
    'tile/64/000',
    'tile/0/x000/001',
    'tile/0/000.p/256',
    'tile/0/000.p/0',
    'tile/0/000.p/012',
    'tile/0/000/',
    '/tile/0/000',
  ])('rejects %s', (path) => {
    expect(() => parseTilePath(path)).toThrowError(TileError);
  });

  it('rejects impossible coordinates', () => {
    expect(() => tilePath({ level: 64, index: 0, width: 256 })).toThrowError(
      expect.objectContaining({ kind: 'TILE_BAD_COORDINATES' }),
    );
    expect(() => tilePath({ level: 0, index: 0, width: 257 })).toThrowError(TileError);
    expect(() => tilePath({ level: 0, index: -1, width: 1 })).toThrowError(TileError);
  });
});

describe('which tiles a tree has', () => {
  it('matches the spec example of a tree of 70,000 leaves', () => {
    const tiles = newTiles(0, 70_000);
    const at = (level: number) => tiles.filter((t) => t.level === level);
    expect(at(0).filter((t) => t.width === 256).length).toBe(273);
    expect(at(0).filter((t) => t.width !== 256)).toEqual([{ level: 0, index: 273, width: 112 }]);
    expect(at(1)).toEqual([
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
    ]);
    expect(at(2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(tiles.length).toBe(273 + 1 + 2 + 1);
    expect([0, 1, 2, 3].map((l) => partialTileWidth(l, 70_000))).toEqual([112, 17, 1, 0]);
  });

  it('matches the spec example of a tree of 256 leaves', () => {
    expect(newTiles(0, 256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
  });

  it('lists only the tiles that growth adds', () => {
    expect(newTiles(256, 256)).toEqual([]);
    expect(newTiles(250, 260)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 0, index: 1, width: 4 },
      { level: 1, index: 0, width: 1 },
    ]);
    const fullBefore = (size: number) => newTiles(0, size).filter((t) => t.width === 256);
    const grown = [...fullBefore(70_000), ...newTiles(70_000, 140_000).filter((t) => t.width === 256)];
    expect(grown.map((t) => tilePath(t)).sort()).toEqual(
      fullBefore(140_000)
        .map((t) => tilePath(t))
        .sort(),
    );
  });
});

describe('tile contents', () => {
  const h = createMerkleHasher(testCrypto);
  const tree = new InMemoryTree(h);
  const leaves = Array.from({ length: 256 * 3 + 5 }, (_, i) =>
    tree.appendData(new TextEncoder().encode(`entry ${i}`)),
  );

  it('holds the leaf hashes at level 0, full and partial', async () => {
    const full = await readTile(tree, { level: 0, index: 1, width: 256 });
    expect(full.length).toBe(8192);
    expect(toHex(full.subarray(0, 32))).toBe(toHex(leaves[256]!));
    const partial = await readTile(tree, { level: 0, index: 3, width: 5 });
    expect(toHex(partial)).toBe(leaves.slice(768).map(toHex).join(''));
  });

  it('holds the hashes of the full tiles below at level 1', async () => {
    const level1 = await readTile(tree, { level: 1, index: 0, width: 3 });
    for (let i = 0; i < 3; i++) {
      const below = await readTile(tree, { level: 0, index: i, width: 256 });
      expect(toHex(level1.subarray(32 * i, 32 * (i + 1)))).toBe(toHex(fullTileHash(h, below)));
    }
    expect(toHex(level1.subarray(0, 32))).toBe(toHex(tree.root(256)));
  });

  it('fails for a tile the tree does not have yet', async () => {
    await expect(readTile(tree, { level: 0, index: 3, width: 6 })).rejects.toMatchObject({
      code: 'NODE_UNAVAILABLE',
    });
    await expect(readTile(tree, { level: 1, index: 0, width: 4 })).rejects.toMatchObject({
      code: 'NODE_UNAVAILABLE',
    });
  });
});
