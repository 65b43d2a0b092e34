import type { SecretBox } from '../credentials/index.ts';
import type { CryptoProvider } from '../crypto/index.ts';
import {
  bytesEqual,
  compactRoot,
  createMerkleHasher,
  HASH_SIZE,
  type MerkleHasher,
  proveConsistency,
  toHex,
  verifyConsistency,
} from '../merkle/index.ts';
import type { Clock, Random } from '../shared/index.ts';
import { runAudit } from './audit.ts';
import { signCheckpoint } from './checkpoint.ts';
import { cosignatureVerifierFromKey } from './cosignature.ts';
import { ledgerError } from './ledger.errors.ts';
import type {
  AuditReport,
  CheckpointRecord,
  LogProofBundle,
  LogRecord,
  WitnessRecord,
} from './ledger.model.ts';
import type { LedgerStore, TileSink } from './ledger.ports.ts';
import { decodeBundle, encodeBundle } from './ledger.rules.ts';
import {
  type Ed25519NoteSigner,
  ed25519NoteSigner,
  encodeBase64,
  formatNote,
  type NoteSignature,
  parseNote,
} from './note.ts';
import { InclusionProver, TileCache, TileTreeReader, tileWithin } from './tile-reader.ts';
import { entriesPath, newTiles, parseTilePath, TILE_WIDTH, tilePath } from './tiles.ts';

export interface LedgerDeps {
  store: LedgerStore;
  /** Seals the log's signing seed at rest (the same port as issuer keys). */
  box: SecretBox;
  crypto: CryptoProvider;
  clock: Clock;
  random: Random;
  /** The origin a new log is given (`originFor(baseUrl)`); an existing log keeps the one it has. */
  origin: string;
  /** Tiles kept in memory for proofs (default 4096, about 64 MiB when all are full). */
  tileCacheSize?: number;
}

/** The log's public identity. */
export interface LogIdentity {
  readonly origin: string;
  readonly publicKey: Uint8Array;
  /** The Ed25519 verifier key (`<origin>+<keyid>+<base64>`). */
  readonly verifierKey: string;
}

/**
 * The transparency log of an instance (ARCHITECTURE.md §4): signed checkpoints on a schedule and on
 * demand (never two inconsistent ones), inclusion and consistency proofs read from the stored tiles,
 * witness cosignatures, static export as C2SP tiles, and the monitor's audit. Entries are appended
 * by `CredentialStore.appendLog` in the transaction of the change they record.
 * @see https://c2sp.org/tlog-checkpoint
 * @see https://c2sp.org/tlog-tiles
 */
export class LedgerService {
  readonly hasher: MerkleHasher;
  readonly cache: TileCache;
  readonly #reader: TileTreeReader;
  readonly #prover: InclusionProver;
  #signer: Ed25519NoteSigner | undefined;
  #identity: LogIdentity | undefined;

  constructor(private readonly deps: LedgerDeps) {
    this.hasher = createMerkleHasher(deps.crypto);
    this.cache = new TileCache(deps.tileCacheSize ?? 4096);
    this.#reader = new TileTreeReader(this.hasher, deps.store, this.cache);
    this.#prover = new InclusionProver(this.hasher, this.#reader, this.cache);
  }

  /** The log's origin and verifier key; gives the log its Ed25519 key on first use. */
  async identity(): Promise<LogIdentity> {
    if (this.#identity) return this.#identity;
    await this.signer();
    return this.#identity!;
  }

  /** The log's verifier key, as served at `GET /log/key`. */
  async verifierKey(): Promise<string> {
    return (await this.identity()).verifierKey;
  }

  /** The sequencer's state: size and right border. */
  state(): Promise<LogRecord> {
    return this.deps.store.log();
  }

  private async signer(): Promise<Ed25519NoteSigner> {
    if (this.#signer) return this.#signer;
    let log = await this.deps.store.log();
    if (!log.key) {
      log = await this.deps.store.transaction(async (tx) => {
        const locked = await tx.log(true);
        if (locked.key) return locked;
        const seed = this.deps.random.bytes(32);
        const key = {
          origin: this.deps.origin,
          publicKey: this.deps.crypto.ed25519PublicKey(seed),
          seedCipher: this.deps.box.seal(seed),
        };
        await tx.setKey(key, this.deps.clock.now());
        return { ...locked, key };
      });
    }
    const key = log.key!;
    const signer = ed25519NoteSigner(this.deps.crypto, key.origin, this.deps.box.open(key.seedCipher));
    if (!bytesEqual(signer.publicKey, key.publicKey)) {
      throw ledgerError('LEDGER_STORAGE_CORRUPT', {
        zh: '日志密钥与存储的公钥不符',
        en: 'The log key does not match its stored public key',
      });
    }
    this.#signer = signer;
    this.#identity = { origin: key.origin, publicKey: signer.publicKey, verifierKey: signer.verifierKey };
    return signer;
  }

  /**
   * Sign a checkpoint of the current tree and store it, unless the latest one already has this
   * size. Before signing, the current tree is checked against the latest stored checkpoint with a
   * consistency proof read from the stored tiles (RFC 9162 §2.1.4): a log must never sign two
   * inconsistent checkpoints. Serialized with appends by the state row lock.
   * @throws {DomainError} `LEDGER_INCONSISTENT` when the stored tree diverges from the signed history.
   * @see https://c2sp.org/tlog-checkpoint@v1.0.0
   */
  async checkpoint(): Promise<CheckpointRecord> {
    const signer = await this.signer();
    const origin = (await this.identity()).origin;
    return this.deps.store.transaction(async (tx) => {
      const log = await tx.log(true);
      const root = compactRoot(this.hasher, { size: log.size, border: log.border });
      const latest = await tx.latestCheckpoint();
      if (latest) {
        if (log.size === latest.size && bytesEqual(root, latest.rootHash)) return latest;
        if (log.size <= latest.size)
          throw this.inconsistent(latest, log.size, root, 'the tree is not larger');
        // A checkpoint of the empty tree is consistent with every tree.
        if (latest.size > 0) {
          const reader = new TileTreeReader(this.hasher, tx, this.cache);
          let ok = false;
          try {
            const proof = await proveConsistency(this.hasher, reader, latest.size, log.size);
            ok = verifyConsistency(this.hasher, latest.size, log.size, proof, latest.rootHash, root).ok;
          } catch {
            ok = false;
          }
          if (!ok) throw this.inconsistent(latest, log.size, root, 'the consistency proof fails');
        }
      }
      const note = signCheckpoint({ origin, size: log.size, rootHash: root, extensions: [] }, [signer]);
      const record: CheckpointRecord = {
        size: log.size,
        rootHash: root,
        note,
        createdAt: this.deps.clock.now(),
      };
      await tx.insertCheckpoint(record);
      return record;
    });
  }

  private inconsistent(latest: CheckpointRecord, size: number, root: Uint8Array, why: string) {
    return ledgerError(
      'LEDGER_INCONSISTENT',
      {
        zh: `当前的树（大小 ${size}）与已签名的检查点（大小 ${latest.size}）不一致，拒绝签名`,
        en: `The current tree (size ${size}) is not consistent with the signed checkpoint of size ${latest.size} (${why}); refusing to sign`,
      },
      { size, root: toHex(root), checkpointSize: latest.size, checkpointRoot: toHex(latest.rootHash) },
    );
  }

  /** The latest signed checkpoint with its witnesses' cosignatures, as served at `GET /log/checkpoint`; undefined if none. */
  async latestCheckpoint(): Promise<{ record: CheckpointRecord; note: string } | undefined> {
    const record = await this.deps.store.latestCheckpoint();
    if (!record) return undefined;
    return { record, note: await this.served(record) };
  }

  /** The latest checkpoint, signing the first one if the log has none yet. */
  async currentCheckpoint(): Promise<{ record: CheckpointRecord; note: string }> {
    return (await this.latestCheckpoint()) ?? this.withCosignatures(await this.checkpoint());
  }

  private async withCosignatures(record: CheckpointRecord) {
    return { record, note: await this.served(record) };
  }

  private async served(record: CheckpointRecord): Promise<string> {
    const cosignatures = await this.deps.store.listCosignatures(record.size);
    if (cosignatures.length === 0) return record.note;
    const note = parseNote(record.note);
    const extra: NoteSignature[] = cosignatures.flatMap(
      (c) => parseNote(`${note.text}\n${c.line}`).signatures,
    );
    return formatNote(note.text, [...note.signatures, ...extra]);
  }

  /**
   * The consistency proof between the trees of sizes `from` and `to` (RFC 9162 §2.1.4.1), read from
   * the stored tiles. Requires `0 < from <= to <= size`.
   * @throws {MerkleError} `EMPTY_TREE`, `SIZE_ORDER`; {@link DomainError} `LEDGER_SIZE_OUT_OF_RANGE`.
   */
  async consistencyProof(from: number, to: number): Promise<Uint8Array[]> {
    await this.requireSize(to);
    return proveConsistency(this.hasher, this.#reader, from, to);
  }

  /**
   * The inclusion proof of entry `index` in the tree of `size` entries, from the stored tiles; warm
   * tiles come from the in-memory cache (RFC 9162 §2.1.3.1).
   * @throws {MerkleError} `INDEX_OUT_OF_RANGE`; {@link DomainError} `LEDGER_SIZE_OUT_OF_RANGE`.
   */
  inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    return this.#prover.prove(index, size);
  }

  private async requireSize(size: number): Promise<void> {
    const log = await this.deps.store.log();
    if (!Number.isSafeInteger(size) || size > log.size) {
      throw ledgerError(
        'LEDGER_SIZE_OUT_OF_RANGE',
        {
          zh: `日志只有 ${log.size} 条，没有大小为 ${size} 的树`,
          en: `The log has ${log.size} entries; there is no tree of size ${size}`,
        },
        { size, logSize: log.size },
      );
    }
  }

  /** The bytes of entry `index`. @throws {DomainError} `LEDGER_ENTRY_NOT_FOUND`. */
  async entry(index: number): Promise<Uint8Array> {
    const [bundle] = await this.deps.store.readBundles([Math.floor(index / TILE_WIDTH)]);
    const entry =
      bundle && Number.isSafeInteger(index) && index >= 0
        ? decodeBundle(bundle)[index % TILE_WIDTH]
        : undefined;
    if (!entry) throw notLogged(`#${index}`);
    return entry.slice();
  }

  /**
   * The proof that a credential is logged: its ISSUE entry, the latest checkpoint (signed first if
   * the entry is newer than it) and the inclusion proof to it. Undefined when the log has no entry
   * for the credential.
   */
  async proofForCredential(credentialId: string): Promise<LogProofBundle | undefined> {
    const found = await this.deps.store.findIssueEntry(credentialId);
    if (!found) return undefined;
    return this.proofAt(found.index, found.entry);
  }

  /** The proof bundle of entry `index` to the latest checkpoint (signed first if it does not cover the entry). */
  async proofAt(index: number, entry?: Uint8Array): Promise<LogProofBundle> {
    const bytes = entry ?? (await this.entry(index));
    let current = await this.latestCheckpoint();
    if (!current || current.record.size <= index)
      current = await this.withCosignatures(await this.checkpoint());
    const proof = await this.inclusionProof(index, current.record.size);
    return {
      checkpoint: current.note,
      index,
      size: current.record.size,
      entry: encodeBase64(bytes),
      leafHash: encodeBase64(this.hasher.hashLeaf(bytes)),
      proof: proof.map(encodeBase64),
    };
  }

  listWitnesses(): Promise<WitnessRecord[]> {
    return this.deps.store.listWitnesses();
  }

  /**
   * Register a witness by its cosigner verifier key (type 0x04); its cosignatures are then accepted.
   * @throws {NoteError} `NOTE_BAD_KEY`, `NOTE_KEY_ID_MISMATCH`.
   */
  async addWitness(vkey: string): Promise<WitnessRecord> {
    const verifier = cosignatureVerifierFromKey(this.deps.crypto, vkey);
    const record = { name: verifier.name, vkey, addedAt: this.deps.clock.now() };
    await this.deps.store.putWitness(record);
    return record;
  }

  /**
   * Take witness cosignatures: `cosignature` is either signature lines (`— <name> <base64>`) for the
   * checkpoint of `size`, or a whole cosigned checkpoint note. Each line of a registered witness is
   * verified over the stored checkpoint of that size and stored; the log's own line is ignored.
   * Returns the checkpoint as now served.
   * @throws {DomainError} `LEDGER_UNKNOWN_WITNESS`, `LEDGER_COSIGNATURE_INVALID`, `LEDGER_NO_CHECKPOINT`;
   *   {@link NoteError} `NOTE_MALFORMED`.
   */
  async addCosignatures(
    cosignature: string,
    size?: number,
  ): Promise<{ size: number; note: string; witnesses: string[] }> {
    const whole = cosignature.includes('\n\n');
    let target = size;
    if (whole) target = Number(parseNote(cosignature).text.split('\n')[1]);
    if (target === undefined || !Number.isSafeInteger(target)) {
      throw ledgerError('LEDGER_NO_CHECKPOINT', {
        zh: '请指明联署的检查点大小',
        en: 'Say which checkpoint size is cosigned',
      });
    }
    const record = await this.deps.store.checkpointAt(target);
    if (!record) {
      throw ledgerError(
        'LEDGER_NO_CHECKPOINT',
        { zh: `没有大小为 ${target} 的检查点`, en: `No checkpoint of size ${target}` },
        { size: target },
      );
    }
    const text = parseNote(record.note).text;
    const signatures = whole
      ? parseNote(cosignature).signatures
      : parseNote(`${text}\n${cosignature.endsWith('\n') ? cosignature : `${cosignature}\n`}`).signatures;
    if (whole && parseNote(cosignature).text !== text) {
      throw ledgerError('LEDGER_COSIGNATURE_INVALID', {
        zh: '联署的检查点与本日志存储的不同',
        en: 'The cosigned checkpoint is not the one this log stored',
      });
    }
    const identity = await this.identity();
    const witnesses = new Map((await this.deps.store.listWitnesses()).map((w) => [w.name, w]));
    const bytes = new TextEncoder().encode(text);
    const accepted: string[] = [];
    const now = this.deps.clock.now();
    for (const sig of signatures) {
      if (sig.name === identity.origin) continue;
      const w = witnesses.get(sig.name);
      const verifier = w
        ? cosignatureVerifierFromKey(this.deps.crypto, w.vkey, { clock: this.deps.clock })
        : undefined;
      if (!verifier || verifier.keyId >>> 0 !== sig.keyId) {
        throw ledgerError(
          'LEDGER_UNKNOWN_WITNESS',
          {
            zh: `${sig.name} 不是本日志登记的见证者`,
            en: `${sig.name} is not a witness registered with this log`,
          },
          { witness: sig.name },
        );
      }
      if (!verifier.verify(bytes, sig.signature)) {
        throw ledgerError(
          'LEDGER_COSIGNATURE_INVALID',
          { zh: `${sig.name} 的联署签名无效`, en: `The cosignature of ${sig.name} does not verify` },
          { witness: sig.name, size: target },
        );
      }
      const line = formatNote(text, [sig]).slice(text.length + 1);
      await this.deps.store.putCosignature({ size: target, witness: sig.name, line, createdAt: now });
      accepted.push(sig.name);
    }
    return { size: target, note: await this.served(record), witnesses: accepted };
  }

  /**
   * Serve a tile or entry bundle by its C2SP path (`tile/<L>/<N>[.p/<W>]`, `tile/entries/<N>[.p/<W>]`).
   * Only what a signed checkpoint covers is served.
   * @throws {TileError} `TILE_BAD_PATH`; {@link DomainError} `LEDGER_SIZE_OUT_OF_RANGE`.
   * @see https://c2sp.org/tlog-tiles#apis
   */
  async tile(path: string): Promise<Uint8Array> {
    const t = parseTilePath(path);
    const latest = await this.deps.store.latestCheckpoint();
    const beyond = () =>
      ledgerError(
        'LEDGER_SIZE_OUT_OF_RANGE',
        { zh: `没有已签名的检查点覆盖 ${path}`, en: `No signed checkpoint covers ${path}` },
        { path },
      );
    if (!latest || !tileWithin(t.level, t.index, t.width, latest.size)) throw beyond();
    if (t.entries) {
      const [bundle] = await this.deps.store.readBundles([t.index]);
      const entries = bundle ? decodeBundle(bundle) : [];
      if (entries.length < t.width) throw beyond();
      return encodeBundle(entries.slice(0, t.width));
    }
    const [bytes] = await this.deps.store.readTiles([{ level: t.level, index: t.index }]);
    if (!bytes || bytes.length < t.width * HASH_SIZE) throw beyond();
    return bytes.slice(0, t.width * HASH_SIZE);
  }

  /**
   * Write the log as a static C2SP tiled log (https://c2sp.org/tlog-tiles): `checkpoint`, every
   * full tile and entry bundle, and the partial ones of every signed checkpoint's size, so any
   * static host serves proofs and checkpoints. Signs a checkpoint first if the log grew.
   */
  async exportTiles(sink: TileSink): Promise<{ size: number; files: number; bytes: number }> {
    const { record, note } = await this.withCosignatures(await this.checkpoint());
    const sizes = [
      ...new Set([...(await this.deps.store.listCheckpoints()).map((c) => c.size), record.size]),
    ];
    const wanted = new Map<string, { level: number; index: number; width: number; entries: boolean }>();
    for (const size of sizes) {
      for (const t of newTiles(0, size)) {
        if (t.width < TILE_WIDTH || size === record.size) wanted.set(tilePath(t), { ...t, entries: false });
        if (t.level === 0 && (t.width < TILE_WIDTH || size === record.size)) {
          wanted.set(entriesPath(t.index, t.width), { ...t, entries: true });
        }
      }
    }
    let files = 0;
    let bytes = 0;
    const put = async (path: string, data: Uint8Array) => {
      await sink.write(path, data);
      files++;
      bytes += data.length;
    };
    await put('checkpoint', new TextEncoder().encode(note));
    // Stream by level and in pages so that memory stays flat for large logs.
    const byLevel = new Map<string, { level: number; index: number; width: number; entries: boolean }[]>();
    for (const t of wanted.values()) {
      const k = t.entries ? 'entries' : String(t.level);
      const list = byLevel.get(k);
      if (list) list.push(t);
      else byLevel.set(k, [t]);
    }
    for (const [k, tiles] of byLevel) {
      tiles.sort((a, b) => a.index - b.index || a.width - b.width);
      const page = 256;
      for (let i = 0; i < tiles.length; i += page) {
        const chunk = tiles.slice(i, i + page);
        const indexes = [...new Set(chunk.map((t) => t.index))];
        const stored =
          k === 'entries'
            ? await this.deps.store.readBundles(indexes)
            : await this.deps.store.readTiles(indexes.map((index) => ({ level: Number(k), index })));
        const byIndex = new Map(indexes.map((index, j) => [index, stored[j]]));
        for (const t of chunk) {
          const data = byIndex.get(t.index);
          if (!data) throw corrupt(`${k}/${t.index}`);
          if (t.entries) {
            const entries = decodeBundle(data);
            if (entries.length < t.width) throw corrupt(`entries/${t.index}`);
            await put(entriesPath(t.index, t.width), encodeBundle(entries.slice(0, t.width)));
          } else {
            if (data.length < t.width * HASH_SIZE) throw corrupt(`${k}/${t.index}`);
            await put(tilePath(t), data.slice(0, t.width * HASH_SIZE));
          }
        }
      }
    }
    return { size: record.size, files, bytes };
  }

  /**
   * The monitor: replay the log from its entries, recompute every root, check every stored
   * checkpoint against the replayed tree and each against the next (consistency proof from the
   * stored tiles), and check every entry against the stored credentials. Reports the first
   * divergence by index. Reads storage directly (not the tile cache), in one snapshot, so it may
   * run while the log is being appended to.
   */
  audit(): Promise<AuditReport> {
    return this.deps.store.snapshot((store) => runAudit({ store, crypto: this.deps.crypto, h: this.hasher }));
  }
}

function notLogged(what: string) {
  return ledgerError(
    'LEDGER_ENTRY_NOT_FOUND',
    { zh: `透明日志中没有 ${what}`, en: `The transparency log has no entry ${what}` },
    { what },
  );
}

function corrupt(where: string) {
  return ledgerError(
    'LEDGER_STORAGE_CORRUPT',
    { zh: `日志存储缺少 ${where}`, en: `The log storage lacks ${where}` },
    { where },
  );
}
