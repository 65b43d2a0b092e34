import type { CryptoProvider } from '../crypto/index.ts';
import { bytesEqual, createMerkleHasher, type MerkleHasher, verifyConsistency } from '../merkle/index.ts';
import { type Clock, isDomainError } from '../shared/index.ts';
import { openCheckpoint, parseCheckpoint } from './checkpoint.ts';
import { type CosignatureSigner, cosignatureSigner, cosignCheckpoint } from './cosignature.ts';
import { ledgerError } from './ledger.errors.ts';
import type { WitnessStateStore } from './ledger.ports.ts';
import { formatSignatureLine, type NoteVerifier, noteVerifierFromKey, parseNote } from './note.ts';

/** Options of a {@link Witness}. */
export interface WitnessOptions {
  readonly crypto: CryptoProvider;
  readonly clock: Clock;
  /** The witness's key name, e.g. `jyt.zj.gov.cn/witness` (a provincial education department). */
  readonly name: string;
  /** The witness's 32-byte Ed25519 seed (used for cosignatures only). */
  readonly seed: Uint8Array;
  /** The logs it witnesses, by their Ed25519 verifier keys (key name = origin). */
  readonly logs: readonly string[];
  /** Where it keeps the last checkpoint it cosigned per log. */
  readonly state: WitnessStateStore;
  /**
   * Fetches the consistency proof between two sizes of a log (`GET /log/consistency?from=&to=`).
   * Hashes are raw 32-byte values.
   */
  consistencyProof(origin: string, from: number, to: number): Promise<Uint8Array[]>;
}

/** What a witness returns after cosigning. */
export interface Cosigned {
  readonly origin: string;
  readonly size: number;
  /** The checkpoint with the witness's cosignature added. */
  readonly note: string;
  /** The witness's signature line alone (`— <name> <base64>\n`), for `POST /log/cosignatures`. */
  readonly line: string;
}

/**
 * A witness (C2SP tlog-cosignature): another organization that cosigns a log's checkpoints only
 * after checking them. Before cosigning it verifies the log's signature, refuses a smaller tree
 * than the last it cosigned (rollback) or a different root at the same size (fork), and verifies a
 * consistency proof from its last size (RFC 9162 §2.1.4.2); then it remembers the new checkpoint.
 * A cosignature therefore states that the witness saw no split view of the log.
 * @see https://c2sp.org/tlog-cosignature
 * @see https://c2sp.org/tlog-witness
 */
export class Witness {
  readonly #signer: CosignatureSigner;
  readonly #logs = new Map<string, NoteVerifier>();
  readonly #h: MerkleHasher;

  /** @throws {NoteError} `NOTE_BAD_KEY`, `NOTE_KEY_ID_MISMATCH` for a bad name or log key. */
  constructor(private readonly options: WitnessOptions) {
    this.#signer = cosignatureSigner(options.crypto, options.name, options.seed, options.clock);
    for (const vkey of options.logs) {
      const v = noteVerifierFromKey(options.crypto, vkey);
      this.#logs.set(v.name, v);
    }
    this.#h = createMerkleHasher(options.crypto);
  }

  /** The witness's cosigner verifier key (type 0x04), to register with a log and give verifiers. */
  get verifierKey(): string {
    return this.#signer.verifierKey;
  }

  get name(): string {
    return this.#signer.name;
  }

  /**
   * Check a signed checkpoint and cosign it.
   * @throws {DomainError} `LEDGER_WITNESS_REFUSED` (with `details.reason`) when anything fails.
   */
  async cosign(signedCheckpoint: string): Promise<Cosigned> {
    let origin: string;
    try {
      origin = parseCheckpoint(parseNote(signedCheckpoint).text).origin;
    } catch (e) {
      throw refused('MALFORMED', '检查点格式错误', 'the checkpoint is malformed', e);
    }
    const log = this.#logs.get(origin);
    if (!log)
      throw refused('UNKNOWN_LOG', `未见证该日志：${origin}`, `this witness does not serve ${origin}`);
    let checkpoint: ReturnType<typeof openCheckpoint>['checkpoint'];
    try {
      checkpoint = openCheckpoint(signedCheckpoint, log).checkpoint;
    } catch (e) {
      throw refused('LOG_SIGNATURE', '日志签名无效', 'the log signature does not verify', e);
    }
    const last = await this.options.state.load(origin);
    if (last) {
      if (checkpoint.size < last.size) {
        throw refused(
          'ROLLBACK',
          `树变小了：${last.size} → ${checkpoint.size}`,
          `the tree shrank: ${last.size} → ${checkpoint.size}`,
        );
      }
      if (checkpoint.size === last.size) {
        if (!bytesEqual(checkpoint.rootHash, last.rootHash)) {
          throw refused(
            'FORK',
            '同一大小出现了不同的根哈希（分叉）',
            'a different root at the same size (a fork)',
          );
        }
      } else if (last.size > 0) {
        let proof: Uint8Array[];
        try {
          proof = await this.options.consistencyProof(origin, last.size, checkpoint.size);
        } catch (e) {
          throw refused(
            'PROOF_UNAVAILABLE',
            '无法获取一致性证明',
            'the consistency proof could not be fetched',
            e,
          );
        }
        const check = verifyConsistency(
          this.#h,
          last.size,
          checkpoint.size,
          proof,
          last.rootHash,
          checkpoint.rootHash,
        );
        if (!check.ok) {
          throw refused(
            'INCONSISTENT',
            '一致性证明不成立',
            'the consistency proof does not verify',
            check.error,
          );
        }
      }
    }
    const note = cosignCheckpoint(signedCheckpoint, this.#signer);
    const mine = parseNote(note).signatures.find(
      (s) => s.name === this.#signer.name && s.keyId === this.#signer.keyId >>> 0,
    )!;
    await this.options.state.save(origin, { size: checkpoint.size, rootHash: checkpoint.rootHash });
    return { origin, size: checkpoint.size, note, line: formatSignatureLine(mine) };
  }
}

function refused(reason: string, zh: string, en: string, cause?: unknown) {
  const detail = isDomainError(cause) ? { cause: cause.code, causeMessage: cause.text.en } : {};
  return ledgerError(
    'LEDGER_WITNESS_REFUSED',
    { zh: `见证者拒绝联署：${zh}`, en: `The witness refuses to cosign: ${en}` },
    { reason, ...detail },
  );
}

/** A witness state kept in memory (tests, a one-shot CLI run). */
export function memoryWitnessState(): WitnessStateStore {
  const map = new Map<string, { size: number; rootHash: Uint8Array }>();
  return {
    load: async (origin) => map.get(origin),
    save: async (origin, s) => {
      map.set(origin, { size: s.size, rootHash: s.rootHash.slice() });
    },
  };
}
