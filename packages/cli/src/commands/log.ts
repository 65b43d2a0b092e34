import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  type AuditReport,
  encodeBase64,
  noteVerifierFromKey,
  openCheckpoint,
  toHex,
  verifyConsistency,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import type { CommandContext, CommandOutput } from '../context.ts';

/**
 * `onex log audit`: the monitor. Replays the log, recomputes every root, checks every signed
 * checkpoint and every stored credential against it; exit 0 when clean, 1 with the first divergence.
 */
export async function logAudit(ctx: CommandContext, opts: { json?: boolean } = {}): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  const report = await platform.ledger.audit();
  const exitCode = report.ok ? 0 : 1;
  if (opts.json) return { text: JSON.stringify(report, null, 2), exitCode };
  return { text: auditText(report), exitCode };
}

/** The audit report for a person, in Chinese and English. */
export function auditText(r: AuditReport): string {
  const lines = [
    r.ok ? '日志一致 LOG CONSISTENT' : '日志有分歧 LOG DIVERGES',
    `  条目 entries        ${r.entries} (状态 state ${r.size})`,
    `  根哈希 root         ${r.root}`,
    `  检查点 checkpoints  ${r.checkpoints}`,
    `  凭证 credentials    ${r.credentials}`,
  ];
  if (r.firstDivergence) {
    const f = r.firstDivergence;
    lines.push(
      `首个分歧 first divergence: ${f.index === null ? '(无序号 no index)' : `#${f.index}`} [${f.code}]`,
      `  ${f.message.zh}`,
      `  ${f.message.en}`,
    );
    for (const g of r.findings.slice(1, 20)) {
      lines.push(
        `  - ${g.index === null ? '—' : `#${g.index}`} [${g.code}] ${g.message.zh} / ${g.message.en}`,
      );
    }
    if (r.findings.length > 20)
      lines.push(`  … ${r.findings.length - 20} more / 另有 ${r.findings.length - 20} 项`);
  }
  return lines.join('\n');
}

/**
 * `onex log verify-consistency <old> <new>`: both files are signed checkpoints; each must verify
 * with the log key (this instance's, or `--key`), and the newer must extend the older, checked with
 * a consistency proof from this instance's log (RFC 9162 §2.1.4.2). Exit 0 consistent, 1 not.
 */
export async function logVerifyConsistency(
  ctx: CommandContext,
  oldFile: string,
  newFile: string,
  opts: { key?: string; json?: boolean } = {},
): Promise<CommandOutput> {
  const [oldNote, newNote] = [await ctx.readInput(oldFile), await ctx.readInput(newFile)];
  const { platform } = await ctx.runtime();
  const vkey = opts.key ?? (await platform.ledger.verifierKey());
  const verifier = noteVerifierFromKey(nodeCrypto, vkey);
  const older = openCheckpoint(oldNote, verifier).checkpoint;
  const newer = openCheckpoint(newNote, verifier).checkpoint;
  let ok: boolean;
  let reason: { zh: string; en: string } | undefined;
  let proof: Uint8Array[] = [];
  if (newer.size < older.size) {
    ok = false;
    reason = { zh: '第二个检查点比第一个小', en: 'the second checkpoint is smaller than the first' };
  } else if (older.size === 0) {
    ok = true;
  } else {
    proof = await platform.ledger.consistencyProof(older.size, newer.size);
    const check = verifyConsistency(
      platform.ledger.hasher,
      older.size,
      newer.size,
      proof,
      older.rootHash,
      newer.rootHash,
    );
    ok = check.ok;
    if (!check.ok) reason = check.error.text;
  }
  const result = {
    consistent: ok,
    origin: older.origin,
    old: { size: older.size, root: toHex(older.rootHash) },
    new: { size: newer.size, root: toHex(newer.rootHash) },
    proof: proof.map(encodeBase64),
    ...(reason ? { reason } : {}),
  };
  if (opts.json) return { text: JSON.stringify(result, null, 2), exitCode: ok ? 0 : 1 };
  const lines = [
    ok ? '一致 CONSISTENT' : '不一致 INCONSISTENT',
    `  ${older.origin}: ${older.size} → ${newer.size} (${proof.length} 个证明哈希 proof hashes)`,
  ];
  if (reason) lines.push(`  ${reason.zh} / ${reason.en}`);
  return { text: lines.join('\n'), exitCode: ok ? 0 : 1 };
}

/**
 * `onex log export-tiles <dir>`: writes the log as a static C2SP tiled log (`checkpoint`,
 * `tile/<L>/…`, `tile/entries/…`) that any static file host can serve.
 */
export async function logExportTiles(ctx: CommandContext, dir: string): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  const root = resolve(dir);
  const made = new Set<string>();
  const r = await platform.ledger.exportTiles({
    async write(path, bytes) {
      const file = join(root, ...path.split('/'));
      const folder = dirname(file);
      if (!made.has(folder)) {
        await mkdir(folder, { recursive: true });
        made.add(folder);
      }
      await writeFile(file, bytes);
    },
  });
  return {
    text: [
      `已导出 EXPORTED ${root}`,
      `  树大小 tree size ${r.size}; 文件 files ${r.files}; 字节 bytes ${r.bytes}`,
      `  ${join(root, 'checkpoint')}`,
    ].join('\n'),
  };
}

/** `onex log checkpoint`: sign a checkpoint of the current tree (if it grew) and print it. */
export async function logCheckpoint(ctx: CommandContext): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  await platform.ledger.checkpoint();
  const latest = await platform.ledger.latestCheckpoint();
  return { text: (latest?.note ?? '').trimEnd() };
}
