import { createInstanceVerifier, extractCredentialFromPdf, isPdf, offlineBundleFor } from '@onex/api';
import {
  createOfflineVerifier,
  DomainError,
  type JsonObject,
  type OfflineBundle,
  type VerificationResult,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import type { CommandContext, CommandOutput } from '../context.ts';

/**
 * `onex verify <file|->`: exit 0 verified, 1 not verified, 2 unusable input. With `--bundle` it
 * verifies fully offline from a bundle of DID documents, status lists and the trust list; without,
 * it uses this instance's own data. A certificate PDF (`%PDF-`) is verified through the signed
 * credential attached to it; what the page prints is not checked.
 */
export async function verify(
  ctx: CommandContext,
  file: string,
  opts: {
    bundle?: string;
    json?: boolean;
    witness?: string[];
    witnessesRequired?: string;
    requireLogged?: boolean;
    logKey?: string;
  },
): Promise<CommandOutput> {
  const bytes = await ctx.readBytes(file);
  const input = isPdf(bytes)
    ? JSON.stringify(await extractCredentialFromPdf(bytes))
    : new TextDecoder().decode(bytes).trim();
  let result: VerificationResult;
  if (opts.bundle) {
    const bundle = parseJson(await ctx.readInput(opts.bundle), opts.bundle);
    if (!bundle || typeof bundle !== 'object' || Array.isArray(bundle)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        { zh: '验证包必须是 JSON 对象', en: 'The bundle must be a JSON object' },
        { issues: [{ path: opts.bundle, message: 'not a JSON object' }] },
      );
    }
    const verifier = createOfflineVerifier(bundle as OfflineBundle, {
      crypto: nodeCrypto,
      clock: { now: () => new Date() },
      witnesses: opts.witness ?? [],
      requiredWitnesses: witnessCount(opts.witnessesRequired, opts.witness?.length ?? 0),
      requireLogged: opts.requireLogged,
      logVerifierKey: opts.logKey,
    });
    // A bundle made by `onex bundle` carries its credential: `onex verify b.json --bundle b.json`.
    const parsed = tryJson(input);
    const subject =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'didDocuments' in parsed
        ? ((parsed as OfflineBundle).credential ?? input)
        : input;
    result = await verifier.verifyCredential(subject);
  } else {
    const runtime = await ctx.runtime();
    result = await createInstanceVerifier(runtime.platform, ctx.config().publicUrl).verifyCredential(input);
  }
  const exitCode = result.verified ? 0 : result.format === 'unknown' ? 2 : 1;
  if (opts.json) return { text: JSON.stringify(result, null, 2), exitCode };
  const mark = { passed: '✓', failed: '✗', skipped: '–' } as const;
  const lines = [
    result.verified
      ? '已验证 VERIFIED'
      : result.format === 'unknown'
        ? '无法识别的输入 UNUSABLE INPUT'
        : '未通过验证 NOT VERIFIED',
    ...result.checks.map(
      (c) =>
        `  ${mark[c.status]} ${c.name.padEnd(17)} ${c.message.zh} / ${c.message.en}${c.code ? ` [${c.code}]` : ''}`,
    ),
  ];
  return { text: lines.join('\n'), exitCode };
}

/** `onex issue <file|->`: signs a credential with its issuer's key (or the default TEO's) and prints it. */
export async function issue(
  ctx: CommandContext,
  file: string,
  opts: { cryptosuite?: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022'; issuer?: string },
): Promise<CommandOutput> {
  const credential = parseJson(await ctx.readInput(file), file);
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: '输入必须是 JSON 对象', en: 'The input must be a JSON object' },
      {
        issues: [{ path: file, message: 'not a JSON object' }],
      },
    );
  }
  const { platform } = await ctx.runtime();
  const doc = { ...(credential as JsonObject) };
  if (opts.issuer) doc.issuer = platform.credentials.didOf('TEO', opts.issuer);
  doc.issuer ??= await platform.credentials.ensureIssuer('TEO', ctx.config().defaultIssuerCode);
  const record = await platform.credentials.issue(doc, {
    cryptosuite: opts.cryptosuite ?? 'eddsa-rdfc-2022',
  });
  return { text: JSON.stringify(record.document, null, 2) };
}

/** `--witnesses-required k`: a whole number from 0 to the number of `--witness` keys. */
function witnessCount(value: string | undefined, named: number): number {
  if (value === undefined) return 0;
  const k = Number(value);
  if (!Number.isInteger(k) || k < 0 || k > named) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        zh: `--witnesses-required 必须是 0 到 ${named}（给出的 --witness 数）之间的整数`,
        en: `--witnesses-required must be a whole number from 0 to ${named} (the number of --witness keys)`,
      },
      { issues: [{ path: '--witnesses-required', message: `not in 0..${named}: ${value}` }] },
    );
  }
  return k;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `onex bundle <id|number>`: the offline verification bundle of an issued credential. */
export async function bundle(ctx: CommandContext, id: string): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  return { text: JSON.stringify(await offlineBundleFor(platform, id), null, 2) };
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: `${where} 不是有效的 JSON`, en: `${where} is not valid JSON` },
      {
        issues: [{ path: where, message: (e as Error).message }],
      },
    );
  }
}
