import { catalogDocumentSchema } from '@onex/contracts';
import { DomainError, type FieldIssue } from '@onex/core';
import type { CommandContext, CommandOutput } from '../context.ts';

export async function catalogList(ctx: CommandContext, opts: { json?: boolean }): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  const certs = await platform.catalog.listCertificates();
  if (opts.json) return { text: JSON.stringify(certs, null, 2) };
  const lines = certs.map(
    (c) =>
      `${c.code.padEnd(10)} ${c.nameZh} / ${c.nameEn}  [${c.status}] ${c.levels.map((l) => l.nameZh).join('·')}  — ${c.teo.nameZh}`,
  );
  return { text: `${lines.join('\n')}\n${certs.length} certificates / 张证书` };
}

export async function catalogShow(
  ctx: CommandContext,
  code: string,
  opts: { json?: boolean },
): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  const cert = await platform.catalog.getCertificate(code);
  const standards = await platform.catalog.listStandards(cert.id);
  if (opts.json) return { text: JSON.stringify({ ...cert, standards }, null, 2) };
  const lines = [
    `${cert.fullNameZh} (${cert.nameEn})`,
    `code ${cert.code} · batch ${cert.batch ?? '-'} · status ${cert.status} · domain ${cert.domain}`,
    `TEO 培训评价组织: ${cert.teo.nameZh} (${cert.teo.code}, ${cert.teo.status})`,
    `occupations 职业: ${cert.occupationCodes.join(', ')}`,
    ...cert.levels.map(
      (l) =>
        `  ${l.level} ${l.nameZh}/${l.nameEn}: ${l.nominalHours} h, pass ${JSON.stringify(l.passRule)}, majors ${l.targetMajors.join(' ')}`,
    ),
    `standards 标准: ${standards.map((s) => `v${s.version} ${s.status}`).join(', ') || '(none)'}`,
  ];
  return { text: lines.join('\n') };
}

export async function catalogExport(ctx: CommandContext): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  return { text: JSON.stringify(await platform.catalog.exportCatalog(), null, 2) };
}

/** Reads a catalog document, checks its shape with the wire schema, then imports it all or nothing. */
export async function catalogImport(ctx: CommandContext, file: string): Promise<CommandOutput> {
  const raw = await ctx.readInput(file);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: `${file} 不是有效的 JSON`, en: `${file} is not valid JSON: ${(e as Error).message}` },
      { issues: [{ path: file, message: (e as Error).message }] },
    );
  }
  const parsed = catalogDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.map((i) => ({
      path: i.path.join('.') || '(root)',
      message: i.message,
    }));
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        zh: `目录文件有 ${issues.length} 处错误，未导入任何内容`,
        en: `${issues.length} problem(s) in the catalog document; nothing imported`,
      },
      { issues },
    );
  }
  const { platform } = await ctx.runtime();
  const result = await platform.catalog.importCatalog(parsed.data);
  return {
    text: [
      `TEOs: ${result.teos.added.length} added, ${result.teos.skipped.length} already present`,
      `certificates: ${result.certificates.added.length} added, ${result.certificates.skipped.length} already present`,
    ].join('\n'),
  };
}
