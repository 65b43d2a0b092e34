/**
 * C2SP tiled transparency logs (https://c2sp.org/tlog-tiles): the Merkle tree served as static
 * "tiles" of 256 consecutive hashes. The tile at tile level L, index N holds the hashes of the
 * perfect subtrees at Merkle level 8·L with indexes N·256 … N·256 + W − 1: at level 0 the leaf
 * hashes, above that the roots of the full tiles below.
 *
 * Paths: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, with N written in 3-digit groups,
 * all but the last prefixed with `x` (1234067 → `x001/x234/067`).
 */
import { HASH_SIZE, type MerkleHasher, type NodeId, type TreeReader } from '../merkle/index.ts';
import { DomainError, type DomainErrorDetails } from '../shared/index.ts';

/** Tree levels per tile (a tile is a perfect subtree of height 8). */
export const TILE_HEIGHT = 8;
/** Hashes in a full tile. */
export const TILE_WIDTH = 256;
/** Largest tile level allowed in paths. */
export const MAX_TILE_LEVEL = 63;

/** Why a tile request is invalid. A closed list. */
export const tileErrorKinds = [
  /** Not a tile path of the spec (bad level, index groups, or width). */
  'TILE_BAD_PATH',
  /** Tile coordinates out of range (level > 63, width not 1…256, index not a safe integer). */
  'TILE_BAD_COORDINATES',
  /** The node source returned something other than 32-byte hashes. */
  'TILE_BAD_HASH',
] as const;

export type TileErrorKind = (typeof tileErrorKinds)[number];

/** The typed error of tiles. */
export class TileError extends DomainError<TileErrorKind> {
  constructor(kind: TileErrorKind, en: string, zh: string, details: DomainErrorDetails = {}) {
    super(kind, { zh, en }, details);
    this.name = 'TileError';
  }

  get kind(): TileErrorKind {
    return this.code;
  }
}

/** A tile: level L, index N, width W (256 for a full tile, 1…255 for a partial one). */
export interface TileRef {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

function checkTile(t: TileRef): void {
  if (
    !Number.isInteger(t.level) ||
    t.level < 0 ||
    t.level > MAX_TILE_LEVEL ||
    !Number.isSafeInteger(t.index) ||
    t.index < 0 ||
    !Number.isInteger(t.width) ||
    t.width < 1 ||
    t.width > TILE_WIDTH
  ) {
    throw new TileError(
      'TILE_BAD_COORDINATES',
      `bad tile ${JSON.stringify(t)}`,
      `无效的瓦片坐标 ${JSON.stringify(t)}`,
    );
  }
}

/** Encode a tile index as 3-digit path elements: 1234067 → `x001/x234/067`, 5 → `005`. */
export function encodeTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new TileError('TILE_BAD_COORDINATES', `bad tile index ${n}`, `无效的瓦片序号 ${n}`);
  }
  let s = String(n % 1000).padStart(3, '0');
  for (let rest = Math.floor(n / 1000); rest > 0; rest = Math.floor(rest / 1000)) {
    s = `x${String(rest % 1000).padStart(3, '0')}/${s}`;
  }
  return s;
}

function suffix(width: number): string {
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/**
 * The path of a Merkle tree tile, relative to the log prefix: `tile/<L>/<N>[.p/<W>]`.
 * @throws {TileError} `TILE_BAD_COORDINATES`.
 * @see https://c2sp.org/tlog-tiles#merkle-tree
 */
export function tilePath(tile: TileRef): string {
  checkTile(tile);
  return `tile/${tile.level}/${encodeTileIndex(tile.index)}${suffix(tile.width)}`;
}

/**
 * The path of an entry bundle: `tile/entries/<N>[.p/<W>]`.
 * @throws {TileError} `TILE_BAD_COORDINATES`.
 * @see https://c2sp.org/tlog-tiles#log-entries
 */
export function entriesPath(index: number, width: number = TILE_WIDTH): string {
  checkTile({ level: 0, index, width });
  return `tile/entries/${encodeTileIndex(index)}${suffix(width)}`;
}

const PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/**
 * Parse a tile or entry-bundle path (relative to the log prefix). Rejects non-canonical forms
 * (a leading `x000/` group, leading zeros in L or W, W = 256 written as partial).
 * @throws {TileError} `TILE_BAD_PATH`.
 */
export function parseTilePath(path: string): TileRef & { readonly entries: boolean } {
  const m = PATH.exec(path);
  const bad = (): TileError =>
    new TileError('TILE_BAD_PATH', `not a tile path: ${path}`, `不是瓦片路径：${path}`);
  if (!m) throw bad();
  const groups = [
    ...(m[2] ?? '')
      .split('/')
      .filter(Boolean)
      .map((g) => g.slice(1)),
    m[3]!,
  ];
  if (groups.length > 1 && groups[0] === '000') throw bad();
  const index = Number(groups.join(''));
  const width = m[4] === undefined ? TILE_WIDTH : Number(m[4]);
  const entries = m[1] === 'entries';
  const level = entries ? 0 : Number(m[1]);
  // A full tile has no `.p/256` suffix; widths above 256 do not exist.
  if ((m[4] !== undefined && width >= TILE_WIDTH) || level > MAX_TILE_LEVEL || !Number.isSafeInteger(index))
    throw bad();
  return { level, index, width, entries };
}

/**
 * Width of the partial tile at `level` for a tree of `treeSize` leaves: floor(s / 256^L) mod 256
 * (0 = no partial tile at that level).
 */
export function partialTileWidth(level: number, treeSize: number): number {
  return Math.floor(treeSize / TILE_WIDTH ** level) % TILE_WIDTH;
}

/**
 * The tiles (full and partial, all levels) that exist for a tree of `newSize` leaves but not for
 * one of `oldSize` leaves: what a log publishes after growing (golang.org/x/mod/sumdb/tlog
 * `NewTiles`). `newTiles(0, size)` lists every tile of a tree. Requires `0 <= oldSize <= newSize`.
 */
export function newTiles(oldSize: number, newSize: number): TileRef[] {
  const tiles: TileRef[] = [];
  for (let level = 0; Math.floor(newSize / TILE_WIDTH ** level) > 0; level++) {
    const oldN = Math.floor(oldSize / TILE_WIDTH ** level);
    const newN = Math.floor(newSize / TILE_WIDTH ** level);
    if (oldN === newN) continue;
    for (let n = Math.floor(oldN / TILE_WIDTH); n < Math.floor(newN / TILE_WIDTH); n++) {
      tiles.push({ level, index: n, width: TILE_WIDTH });
    }
    const width = newN % TILE_WIDTH;
    if (width > 0) tiles.push({ level, index: Math.floor(newN / TILE_WIDTH), width });
  }
  return tiles;
}

/** The perfect-subtree nodes a tile holds, left to right. */
export function tileNodeIds(tile: TileRef): NodeId[] {
  checkTile(tile);
  const level = TILE_HEIGHT * tile.level;
  const first = tile.index * TILE_WIDTH;
  return Array.from({ length: tile.width }, (_, i) => ({ level, index: first + i }));
}

/**
 * The bytes of a tile: its W hashes concatenated (W × 32 bytes), read from the stored perfect
 * nodes in one {@link TreeReader.getNodes} call. Requires the nodes to be complete in the tree
 * (the reader rejects otherwise); serve partial tiles only for sizes of published checkpoints.
 * @throws {TileError} `TILE_BAD_COORDINATES`, `TILE_BAD_HASH`.
 * @see https://c2sp.org/tlog-tiles#merkle-tree
 */
export async function readTile(reader: TreeReader, tile: TileRef): Promise<Uint8Array> {
  const hashes = await reader.getNodes(tileNodeIds(tile));
  if (hashes.length !== tile.width || hashes.some((h) => h.length !== HASH_SIZE)) {
    throw new TileError('TILE_BAD_HASH', 'the node source returned a bad hash', '节点来源返回了无效的哈希');
  }
  const out = new Uint8Array(tile.width * HASH_SIZE);
  hashes.forEach((h, i) => {
    out.set(h, i * HASH_SIZE);
  });
  return out;
}

/**
 * The Merkle Tree Hash of a FULL tile's 256 hashes (the perfect subtree they are the bottom of),
 * i.e. the hash that appears in the tile one level up. Lets a client check a tile against its
 * parent tile.
 * @throws {TileError} `TILE_BAD_HASH` unless `tileBytes` is exactly 256 × 32 bytes.
 */
export function fullTileHash(h: MerkleHasher, tileBytes: Uint8Array): Uint8Array {
  if (tileBytes.length !== TILE_WIDTH * HASH_SIZE) {
    throw new TileError('TILE_BAD_HASH', 'a full tile has 8192 bytes', '完整瓦片应为 8192 字节');
  }
  let row = Array.from({ length: TILE_WIDTH }, (_, i) =>
    tileBytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE),
  );
  while (row.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(h.hashChildren(row[i]!, row[i + 1]!));
    row = next;
  }
  return row[0]!;
}
