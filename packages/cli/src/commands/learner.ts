import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { certificateFileName, certificatePdfFor, learnerPresentation } from '@onex/api';
import type { CommandContext, CommandOutput } from '../context.ts';

/**
 * `onex learner export <learnerId> <dir>`: for each of the learner's credentials `<number>.json`
 * (the signed credential) and `<number>.pdf` (the certificate), plus `presentation.json`, an
 * UNSIGNED VC 2.0 VerifiablePresentation of all of them (learners hold no keys yet).
 */
export async function learnerExport(
  ctx: CommandContext,
  learnerId: string,
  dir: string,
): Promise<CommandOutput> {
  const { platform } = await ctx.runtime();
  const { learner, records, presentation } = await learnerPresentation(platform, learnerId);
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const record of records) {
    const base = certificateFileName(record).replace(/\.pdf$/, '');
    await writeFile(join(folder, `${base}.json`), `${JSON.stringify(record.document, null, 2)}\n`);
    const made = await certificatePdfFor(platform, record.id, ctx.config().publicUrl);
    await writeFile(join(folder, `${base}.pdf`), made.bytes);
    written.push(`${base}.json`, `${base}.pdf`);
  }
  await writeFile(join(folder, 'presentation.json'), `${JSON.stringify(presentation, null, 2)}\n`);
  written.push('presentation.json');
  return {
    text: [
      `已导出 ${learner.nameZh} 的 ${records.length} 份证书到 ${folder}`,
      `Exported ${records.length} credential(s) of learner ${learner.id} to ${folder}`,
      ...written.map((f) => `  ${f}`),
    ].join('\n'),
  };
}
