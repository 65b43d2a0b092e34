import { type CryptoProvider, type JsonValue, jcsBytes } from '../crypto/index.ts';
import {
  appendLeaves,
  bytesEqual,
  type CompactState,
  compactRoot,
  EMPTY_COMPACT_STATE,
  HASH_SIZE,
  type MerkleHasher,
  proveConsistency,
  type StoredNode,
  toHex,
  verifyConsistency,
} from '../merkle/index.ts';
import type { Text } from '../shared/index.ts';
import { openCheckpoint } from './checkpoint.ts';
import type {
  AuditFinding,
  AuditFindingCode,
  AuditReport,
  CheckpointRecord,
  LogEntryKind,
} from './ledger.model.ts';
import type { LedgerStore } from './ledger.ports.ts';
import { decodeBundle, decodeEntry } from './ledger.rules.ts';
import { ed25519NoteVerifier, type NoteVerifier } from './note.ts';
import { TileCache, TileTreeReader } from './tile-reader.ts';
import { TILE_HEIGHT, TILE_WIDTH } from './tiles.ts';

/** Findings kept in memory (the report shows the first 100, by index). */
const MAX_FINDINGS = 10_000;
const PAGE = 64;

interface CredentialTrace {
  issueIndex?: number;
  digest?: Uint8Array;
  changes: { kind: LogEntryKind; reason: string; index: number; digest: Uint8Array }[];
  seen?: boolean;
}

const statusAfter: Record<Exclude<LogEntryKind, 'ISSUE'>, string> = {
  REVOKE: 'REVOKED',
  SUSPEND: 'SUSPENDED',
  UNSUSPEND: 'ACTIVE',
};

/**
 * The monitor's replay (see `LedgerService.audit`): entries → leaf hashes → tree, compared with the
 * stored level-0 tiles (an edited or moved entry shows at its own index), the stored upper tiles,
 * the state row, every signed checkpoint and the stored credentials.
 */
export async function runAudit(deps: {
  store: LedgerStore;
  crypto: CryptoProvider;
  h: MerkleHasher;
}): Promise<AuditReport> {
  const { store, crypto, h } = deps;
  const findings: AuditFinding[] = [];
  const add = (
    code: AuditFindingCode,
    index: number | null,
    message: Text,
    credentialId?: string,
    range?: [number, number],
  ) => {
    if (findings.length < MAX_FINDINGS) {
      findings.push({
        code,
        index,
        message,
        ...(credentialId ? { credentialId } : {}),
        ...(range ? { range } : {}),
      });
    }
  };

  const log = await store.log();
  const checkpoints = (await store.listCheckpoints()).sort((a, b) => a.size - b.size);
  let verifier: NoteVerifier | undefined;
  if (log.key) verifier = ed25519NoteVerifier(crypto, log.key.origin, log.key.publicKey);
  for (const cp of checkpoints) checkSignature(cp, verifier, add);

  // ---- replay ----
  const traces = new Map<string, CredentialTrace>();
  let state: CompactState = EMPTY_COMPACT_STATE;
  let cpPos = 0;
  let lastGood = 0;
  const upper = new Map<number, { index: number; bytes: Uint8Array | undefined; reported: boolean }>();
  const atCheckpoints = () => {
    while (cpPos < checkpoints.length && checkpoints[cpPos]!.size === state.size) {
      const cp = checkpoints[cpPos++]!;
      const root = compactRoot(h, state);
      if (bytesEqual(root, cp.rootHash)) lastGood = cp.size;
      else {
        add(
          'CHECKPOINT_ROOT_MISMATCH',
          lastGood,
          {
            zh: `大小为 ${cp.size} 的已签名检查点的根哈希与重放的条目不符：第 ${lastGood} 到 ${cp.size - 1} 条之间有改动`,
            en: `The signed checkpoint of size ${cp.size} does not match the replayed entries: something in entries ${lastGood}–${cp.size - 1} changed`,
          },
          undefined,
          [lastGood, cp.size],
        );
      }
    }
  };
  const checkUpper = async (nodes: readonly StoredNode[]) => {
    for (const node of nodes) {
      if (node.level === 0 || node.level % TILE_HEIGHT !== 0) continue;
      const level = node.level / TILE_HEIGHT;
      const index = Math.floor(node.index / TILE_WIDTH);
      let tile = upper.get(level);
      if (!tile || tile.index !== index) {
        const [bytes] = await store.readTiles([{ level, index }]);
        tile = { index, bytes, reported: false };
        upper.set(level, tile);
      }
      const pos = node.index % TILE_WIDTH;
      const stored = tile.bytes?.subarray(pos * HASH_SIZE, (pos + 1) * HASH_SIZE);
      if (!tile.reported && (!stored || stored.length < HASH_SIZE || !bytesEqual(stored, node.hash))) {
        tile.reported = true;
        const first = node.index * 2 ** node.level;
        add(
          'TILE_MISMATCH',
          first,
          {
            zh: `第 ${level} 层哈希瓦片 ${index} 与由条目重算的不符（自第 ${first} 条起）`,
            en: `Hash tile ${index} at level ${level} differs from the one recomputed from the entries (from entry ${first})`,
          },
          undefined,
          [first, first + 2 ** node.level],
        );
      }
    }
  };
  atCheckpoints();

  let bundleIndex = 0;
  let partialSeen = false;
  let stopped = false;
  while (!stopped) {
    const bundles = await store.scanBundles(bundleIndex, PAGE);
    if (bundles.length === 0) break;
    const tiles = new Map((await store.scanTiles(0, bundleIndex, PAGE)).map((t) => [t.index, t.bytes]));
    for (const b of bundles) {
      const first = bundleIndex * TILE_WIDTH;
      if (b.index !== bundleIndex || partialSeen) {
        add('ENTRY_MISSING', partialSeen ? state.size : first, {
          zh: `第 ${partialSeen ? state.size : first} 条起的日志条目缺失（存储的条目包被删除或截短）`,
          en: `Log entries from ${partialSeen ? state.size : first} are missing (a stored entry bundle was deleted or cut)`,
        });
        stopped = true;
        break;
      }
      let entries: Uint8Array[];
      try {
        entries = decodeBundle(b.bytes);
      } catch {
        add('ENTRY_MALFORMED', first, {
          zh: `第 ${first} 条起的条目包无法解析`,
          en: `The entry bundle from entry ${first} cannot be read`,
        });
        stopped = true;
        break;
      }
      if (entries.length > TILE_WIDTH) entries = entries.slice(0, TILE_WIDTH);
      const tile = tiles.get(b.index);
      const leaves: Uint8Array[] = [];
      for (let k = 0; k < entries.length; k++) {
        const i = first + k;
        const bytes = entries[k]!;
        trace(traces, bytes, i, add);
        const leaf = h.hashLeaf(bytes);
        const stored = tile?.subarray(k * HASH_SIZE, (k + 1) * HASH_SIZE);
        if (!stored || stored.length < HASH_SIZE || !bytesEqual(stored, leaf)) {
          add('LEAF_MISMATCH', i, {
            zh: `第 ${i} 条的叶子哈希与存储的哈希瓦片不符：该条目被改动或移动`,
            en: `Entry ${i} does not hash to the leaf hash stored in its tile: the entry was edited or moved`,
          });
        }
        leaves.push(leaf);
      }
      // Append in pieces that end at checkpoint sizes, so each signed root is compared.
      let k = 0;
      while (k < leaves.length) {
        const next = checkpoints[cpPos]?.size;
        const take =
          next !== undefined && next > state.size && next < state.size + (leaves.length - k)
            ? next - state.size
            : leaves.length - k;
        const r = appendLeaves(h, state, leaves.slice(k, k + take));
        state = r.state;
        await checkUpper(r.newNodes);
        atCheckpoints();
        k += take;
      }
      if (entries.length < TILE_WIDTH) partialSeen = true;
      bundleIndex++;
    }
  }

  const replayed = state.size;
  if (replayed < log.size) {
    add('ENTRY_MISSING', replayed, {
      zh: `日志应有 ${log.size} 条，只能重放 ${replayed} 条`,
      en: `The log should hold ${log.size} entries; only ${replayed} could be replayed`,
    });
  } else if (replayed > log.size) {
    add('ENTRY_EXTRA', log.size, {
      zh: `日志状态为 ${log.size} 条，但存储了 ${replayed} 条`,
      en: `The log state says ${log.size} entries, but ${replayed} are stored`,
    });
  } else {
    const border = state.border;
    const mismatch = border.findIndex((b, j) => !log.border[j] || !bytesEqual(b, log.border[j]!));
    if (mismatch >= 0 || border.length !== log.border.length) {
      add(
        'STATE_MISMATCH',
        0,
        {
          zh: '序列器状态行（右边界哈希）与重放的树不符',
          en: 'The sequencer state row (right border hashes) differs from the replayed tree',
        },
        undefined,
        [0, replayed],
      );
    }
  }
  for (; cpPos < checkpoints.length; cpPos++) {
    const cp = checkpoints[cpPos]!;
    add(
      'CHECKPOINT_ROOT_MISMATCH',
      Math.min(replayed, cp.size),
      {
        zh: `已签名的检查点大小为 ${cp.size}，但只能重放 ${replayed} 条`,
        en: `A checkpoint of size ${cp.size} was signed, but only ${replayed} entries replay`,
      },
      undefined,
      [Math.min(replayed, cp.size), cp.size],
    );
  }

  // ---- each checkpoint against the next, by a consistency proof from the stored tiles ----
  const reader = new TileTreeReader(h, store, new TileCache(1024));
  for (let i = 0; i + 1 < checkpoints.length; i++) {
    const a = checkpoints[i]!;
    const b = checkpoints[i + 1]!;
    if (a.size === 0) continue;
    let ok: boolean;
    try {
      const proof = await proveConsistency(h, reader, a.size, b.size);
      ok = verifyConsistency(h, a.size, b.size, proof, a.rootHash, b.rootHash).ok;
    } catch {
      ok = false;
    }
    if (!ok) {
      add(
        'CHECKPOINT_INCONSISTENT',
        0,
        {
          zh: `大小为 ${a.size} 与 ${b.size} 的检查点之间的一致性证明不成立`,
          en: `The consistency proof between the checkpoints of sizes ${a.size} and ${b.size} fails`,
        },
        undefined,
        [0, b.size],
      );
    }
  }

  // ---- entries against stored credentials ----
  // After a gap the later entries are unknown: a credential then only checks against what replayed.
  const complete = !stopped && replayed === log.size;
  let credentials = 0;
  let after: string | null = null;
  for (;;) {
    const page = await store.auditCredentials(after, 500);
    if (page.length === 0) break;
    for (const c of page) {
      credentials++;
      const t = traces.get(c.id);
      if (!t || t.issueIndex === undefined || !t.digest) {
        if (!complete) continue;
        add(
          'CREDENTIAL_NOT_LOGGED',
          t?.changes[0]?.index ?? null,
          {
            zh: `凭证 ${c.id} 在日志中没有签发条目`,
            en: `Credential ${c.id} has no ISSUE entry in the log`,
          },
          c.id,
        );
        if (t) t.seen = true;
        continue;
      }
      t.seen = true;
      let digest: Uint8Array | undefined;
      try {
        digest = crypto.sha256(jcsBytes(c.document as JsonValue));
      } catch {
        digest = undefined;
      }
      if (!digest || !bytesEqual(digest, t.digest)) {
        add(
          'CREDENTIAL_DIGEST_MISMATCH',
          t.issueIndex,
          {
            zh: `凭证 ${c.id} 存储的文档与第 ${t.issueIndex} 条记录的摘要不符：文档在签发后被改动`,
            en: `The stored document of credential ${c.id} no longer matches the digest logged at entry ${t.issueIndex}: it was changed after issuance`,
          },
          c.id,
        );
      } else if (!bytesEqual(c.digest, t.digest)) {
        add(
          'CREDENTIAL_DIGEST_MISMATCH',
          t.issueIndex,
          {
            zh: `凭证 ${c.id} 存储的摘要与第 ${t.issueIndex} 条不符`,
            en: `The stored digest of credential ${c.id} differs from entry ${t.issueIndex}`,
          },
          c.id,
        );
      }
      const logged = t.changes;
      let bad: number | undefined;
      for (let j = 0; j < Math.max(logged.length, c.changes.length); j++) {
        const l = logged[j];
        const s = c.changes[j];
        if (
          !l ||
          !s ||
          statusAfter[l.kind as Exclude<LogEntryKind, 'ISSUE'>] !== s.to ||
          l.reason !== s.reason ||
          !bytesEqual(l.digest, t.digest)
        ) {
          bad = l?.index ?? t.issueIndex;
          break;
        }
      }
      const last = logged.at(-1);
      const expected = last ? statusAfter[last.kind as Exclude<LogEntryKind, 'ISSUE'>] : 'ACTIVE';
      if (bad === undefined && expected !== c.status) bad = last?.index ?? t.issueIndex;
      if (bad !== undefined && complete) {
        add(
          'STATUS_MISMATCH',
          bad,
          {
            zh: `凭证 ${c.id} 的状态或状态变更记录与日志（第 ${bad} 条）不符`,
            en: `The status or status history of credential ${c.id} differs from the log (entry ${bad})`,
          },
          c.id,
        );
      }
    }
    after = page.at(-1)!.id;
  }
  for (const [id, t] of traces) {
    if (t.seen) continue;
    const index = t.issueIndex ?? t.changes[0]?.index ?? null;
    add(
      t.issueIndex === undefined ? 'STATUS_MISMATCH' : 'CREDENTIAL_MISSING',
      index,
      {
        zh: `第 ${index} 条记录的凭证 ${id} 不在数据库中`,
        en: `Credential ${id} of entry ${index} is not in the database`,
      },
      id,
    );
  }

  findings.sort((a, b) => (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER));
  const exact = findings.find((f) => f.index !== null && f.range === undefined);
  return {
    ok: findings.length === 0,
    entries: replayed,
    size: log.size,
    root: toHex(compactRoot(h, state)),
    checkpoints: checkpoints.length,
    credentials,
    firstDivergence: exact ?? findings[0] ?? null,
    findings: findings.slice(0, 100),
  };
}

function checkSignature(
  cp: CheckpointRecord,
  verifier: NoteVerifier | undefined,
  add: (
    code: AuditFindingCode,
    index: number | null,
    message: Text,
    credentialId?: string,
    range?: [number, number],
  ) => void,
): void {
  let ok = false;
  if (verifier) {
    try {
      const opened = openCheckpoint(cp.note, verifier);
      ok = opened.checkpoint.size === cp.size && bytesEqual(opened.checkpoint.rootHash, cp.rootHash);
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    add(
      'CHECKPOINT_SIGNATURE',
      0,
      {
        zh: `大小为 ${cp.size} 的检查点没有有效的日志签名`,
        en: `The checkpoint of size ${cp.size} has no valid log signature`,
      },
      undefined,
      [0, cp.size],
    );
  }
}

function trace(
  traces: Map<string, CredentialTrace>,
  bytes: Uint8Array,
  index: number,
  add: (code: AuditFindingCode, index: number | null, message: Text, credentialId?: string) => void,
): void {
  let entry: ReturnType<typeof decodeEntry>;
  try {
    entry = decodeEntry(bytes);
  } catch {
    add('ENTRY_MALFORMED', index, {
      zh: `第 ${index} 条不是有效的日志条目`,
      en: `Entry ${index} is not a valid log entry`,
    });
    return;
  }
  let t = traces.get(entry.credentialId);
  if (!t) {
    t = { changes: [] };
    traces.set(entry.credentialId, t);
  }
  if (entry.kind === 'ISSUE') {
    if (t.issueIndex !== undefined) {
      add(
        'DUPLICATE_ISSUE',
        index,
        {
          zh: `凭证 ${entry.credentialId} 在第 ${t.issueIndex} 条和第 ${index} 条被签发了两次`,
          en: `Credential ${entry.credentialId} is issued twice, at entries ${t.issueIndex} and ${index}`,
        },
        entry.credentialId,
      );
      return;
    }
    t.issueIndex = index;
    t.digest = entry.digest;
  } else {
    t.changes.push({ kind: entry.kind, reason: entry.reason ?? '', index, digest: entry.digest });
  }
}
