import { createInstanceVerifier } from '@onex/api';
import {
  bundleSources,
  createVerifier,
  DomainError,
  type JsonObject,
  type VerificationResult,
  withDidKey,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import type { CommandContext, CommandOutput } from '../context.ts';

/**
 * `onex verify <file|->`: exit 0 verified, 1 not verified, 2 unusable input. With `--bundle` it
 * verifies fully offline from a bundle of DID documents, status lists and the trust list; without,
 * it uses this instance's own data.
 */
export async function verify(
  ctx: CommandContext,
  file: string,
  opts: { bundle?: string; json?: boolean },
): Promise<CommandOutput> {
  const input = (await ctx.readInput(file)).trim();
  let result: VerificationResult;
  if (opts.bundle) {
    const bundle = parseJson(await ctx.readInput(opts.bundle), opts.bundle);
    const verifier = createVerifier({
      crypto: nodeCrypto,
      sources: withDidKey(bundleSources(bundle as Parameters<typeof bundleSources>[0])),
      clock: { now: () => new Date() },
    });
    result = await verifier.verifyCredential(input);
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
