import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { certificatePdfFor } from '@onex/api';
import type { CommandContext, CommandOutput } from '../context.ts';

/**
 * `onex pdf <credential-id|number> [-o file.pdf]`: writes the printable bilingual certificate,
 * with the signed credential attached (default file: `<certificate number>.pdf`).
 */
export async function pdf(
  ctx: CommandContext,
  id: string,
  opts: { output?: string },
): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  const made = await certificatePdfFor(platform, id, ctx.config().publicUrl);
  const file = resolve(opts.output ?? made.fileName);
  await writeFile(file, made.bytes);
  const kb = Math.ceil(made.bytes.length / 1024);
  return { text: `已写入证书 PDF：${file}（${kb} KB）\nWrote the certificate PDF: ${file} (${kb} KB)` };
}
