#!/usr/bin/env tsx
import { readFile } from 'node:fs/promises';
import { ConfigError } from '@onex/api';
import { isDomainError } from '@onex/core';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import { catalogExport, catalogImport, catalogList, catalogShow } from './commands/catalog.ts';
import { bundle, issue, verify } from './commands/credentials.ts';
import { creditsApply, creditsShow } from './commands/credits.ts';
import { curriculumGaps, curriculumOptimize } from './commands/curriculum.ts';
import { dbMigrate } from './commands/db.ts';
import { demo, demoScales } from './commands/demo.ts';
import { issueSession } from './commands/issuance.ts';
import { learnerExport } from './commands/learner.ts';
import { logAudit, logCheckpoint, logExportTiles, logVerifyConsistency } from './commands/log.ts';
import { pdf } from './commands/pdf.ts';
import { serve } from './commands/serve.ts';
import { type CommandOutput, createContext, type ProgressSink } from './context.ts';
import { exitFor } from './errors.ts';

/** The only file that prints and exits: every command's handler returns its output. */
function barOnStderr(): ProgressSink {
  let bar: SingleBar | undefined;
  return {
    start(total, label) {
      if (!process.stderr.isTTY) {
        process.stderr.write(`${label}: 0/${total}\n`);
        return;
      }
      bar = new SingleBar({
        format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta}s`,
        stream: process.stderr,
      });
      bar.start(total, 0);
    },
    update(done) {
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

async function readInput(path: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  return readFile(path, 'utf8');
}

async function main(argv: string[]): Promise<number> {
  const ctx = createContext(barOnStderr(), readInput);
  let output: CommandOutput | undefined;
  let keepRunning = false;
  const program = new Command('onex')
    .description('OneX: the open platform for 1+X vocational skill level certificates (职业技能等级证书)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('serve')
    .description('run the API on http://127.0.0.1:3000 (embedded PGlite unless DATABASE_URL is set)')
    .action(async () => {
      const running = await serve(ctx);
      output = { text: running.text };
      keepRunning = true;
      const stop = async () => {
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('demo')
    .description('generate a deterministic demo dataset')
    .addOption(new Option('--scale <scale>', 'dataset size').choices(demoScales).default('small'))
    .option('--seed <n>', 'random seed', '1')
    .action(async (o: { scale: (typeof demoScales)[number]; seed: string }) => {
      output = await demo(ctx, { scale: o.scale, seed: o.seed });
    });

  const curriculum = program
    .command('curriculum')
    .description('书证融通: coverage of a programme against a certificate level, and the restructuring plan');
  curriculum
    .command('gaps <programme> <certificate> <level>')
    .description('coverage, uncovered requirements and hours needed (level 1 初级 / 2 中级 / 3 高级)')
    .option('--json', 'print the whole coverage report as JSON')
    .action(async (programme: string, certificate: string, level: string, o: { json?: boolean }) => {
      output = await curriculumGaps(ctx, programme, certificate, level, o);
    });
  curriculum
    .command('optimize <programme> <certificate> <level>')
    .description(
      'the modules that maximize coverage under the plan rules and an added-hours budget (MILP, HiGHS)',
    )
    .option('--budget <hours>', "most hours to add (default: the level's nominal hours)")
    .option('--candidates <file>', 'candidate modules as JSON (default: derived from the gaps)')
    .option('--method <method>', 'auto, milp or greedy', 'auto')
    .option('--json', 'print the plan as JSON')
    .action(
      async (
        programme: string,
        certificate: string,
        level: string,
        o: { budget?: string; candidates?: string; method?: string; json?: boolean },
      ) => {
        output = await curriculumOptimize(ctx, programme, certificate, level, o);
      },
    );
  const catalog = program.command('catalog').description('the national catalog of certificates and TEOs');
  catalog
    .command('list')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      output = await catalogList(ctx, o);
    });
  catalog
    .command('show <code>')
    .option('--json', 'print JSON')
    .action(async (code: string, o: { json?: boolean }) => {
      output = await catalogShow(ctx, code, o);
    });
  catalog
    .command('export')
    .description('print the catalog as one JSON document')
    .action(async () => {
      output = await catalogExport(ctx);
    });
  catalog
    .command('import <file>')
    .description('import a catalog JSON document (- for stdin); all or nothing')
    .action(async (file: string) => {
      output = await catalogImport(ctx, file);
    });

  program
    .command('verify <file>')
    .description(
      'verify a credential (JSON, VC-JWT or a certificate PDF; - for stdin): exit 0 verified, 1 not verified, 2 unusable input',
    )
    .option(
      '--bundle <file>',
      'verify offline from a bundle of DID documents, status lists and the trust list',
    )
    .option(
      '--witness <vkey>',
      'a witness you trust, by its cosigner key <name>+<keyid>+<base64> (repeatable)',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option(
      '--witnesses-required <k>',
      'how many of the --witness keys must have cosigned the log checkpoint',
    )
    .option('--require-logged', 'fail unless the credential is proven to be in the transparency log')
    .option('--log-key <vkey>', "pin the log's verifier key instead of trusting the bundle's")
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: Parameters<typeof verify>[2]) => {
      output = await verify(ctx, file, o);
    });
  program
    .command('bundle <credential>')
    .description(
      'print the offline verification bundle of an issued credential (by id or certificate number), for onex verify --bundle',
    )
    .action(async (id: string) => {
      output = await bundle(ctx, id);
    });
  program
    .command('pdf <credential>')
    .description(
      'write the printable bilingual certificate (PDF, signed credential attached) of an issued credential, by id or certificate number',
    )
    .option('-o, --output <file>', 'where to write it (default <certificate number>.pdf)')
    .action(async (id: string, o: { output?: string }) => {
      output = await pdf(ctx, id, o);
    });
  const credits = program.command('credits').description("a learner's credit bank account (学分银行)");
  credits
    .command('apply <learnerId>')
    .description(
      "withdraw revoked certificates, recognise newly issued ones (verified first) and convert them under the institution's rules",
    )
    .option('--institution <code>', "the converting institution (default: the learner's)")
    .option('--json', 'print the report as JSON')
    .action(async (learnerId: string, o: { institution?: string; json?: boolean }) => {
      output = await creditsApply(ctx, learnerId, o);
    });
  credits
    .command('show <learnerId>')
    .description('the account: outcomes, every transaction with its explanation, the balance')
    .option('--json', 'print the account as JSON')
    .action(async (learnerId: string, o: { json?: boolean }) => {
      output = await creditsShow(ctx, learnerId, o);
    });
  program
    .command('learner')
    .description("a learner's certificates (学习者证书)")
    .command('export <learnerId> <dir>')
    .description(
      "write each of a learner's credentials as <number>.json and <number>.pdf, and presentation.json (an unsigned VC 2.0 presentation of all of them)",
    )
    .action(async (learnerId: string, dir: string) => {
      output = await learnerExport(ctx, learnerId, dir);
    });
  program
    .command('issue <file> [session]')
    .description(
      "sign a credential (JSON; - for stdin) with its issuer's key and print it; `onex issue session <id>` issues every passed result of an assessment session, exactly once (a rerun finishes the rest)",
    )
    .addOption(
      new Option('--cryptosuite <suite>', 'Data Integrity cryptosuite').choices([
        'eddsa-rdfc-2022',
        'eddsa-jcs-2022',
      ]),
    )
    .option('--issuer <teoCode>', 'the TEO that signs (default ONEX_DEFAULT_ISSUER)')
    .action(
      async (
        file: string,
        session: string | undefined,
        o: { cryptosuite?: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022'; issuer?: string },
      ) => {
        output =
          file === 'session' && session !== undefined
            ? await issueSession(ctx, session, o)
            : await issue(ctx, file, o);
      },
    );

  const log = program
    .command('log')
    .description('the transparency log (透明日志): checkpoints, audit, static tiles');
  log
    .command('audit')
    .description(
      'replay the log and check it against its checkpoints and the stored credentials: exit 0 clean, 1 diverges',
    )
    .option('--json', 'print the report as JSON')
    .action(async (o: { json?: boolean }) => {
      output = await logAudit(ctx, o);
    });
  log
    .command('verify-consistency <old> <new>')
    .description(
      'check that checkpoint file <new> extends <old> (signed notes; - for stdin): exit 0 consistent, 1 not',
    )
    .option('--key <vkey>', "the log's verifier key (default: this instance's)")
    .option('--json', 'print the result as JSON')
    .action(async (oldFile: string, newFile: string, o: { key?: string; json?: boolean }) => {
      output = await logVerifyConsistency(ctx, oldFile, newFile, o);
    });
  log
    .command('export-tiles <dir>')
    .description(
      'write the log as static C2SP tiles (checkpoint, tile/…, tile/entries/…) for any static host',
    )
    .action(async (dir: string) => {
      output = await logExportTiles(ctx, dir);
    });
  log
    .command('checkpoint')
    .description('sign a checkpoint of the current tree (if it grew) and print it')
    .action(async () => {
      output = await logCheckpoint(ctx);
    });

  program
    .command('db')
    .description('database maintenance')
    .command('migrate')
    .description('apply pending migrations')
    .action(async () => {
      output = await dbMigrate(ctx);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    if (output) process.stdout.write(`${output.text}\n`);
    if (keepRunning) return -1;
    return output?.exitCode ?? 0;
  } catch (e) {
    return report(e);
  } finally {
    if (!keepRunning) await ctx.close();
  }
}

function report(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  if (isDomainError(e)) {
    const lines = [`error ${e.code}: ${e.text.en}`, `错误：${e.text.zh}`];
    for (const issue of e.details.issues ?? []) lines.push(`  - ${issue.path}: ${issue.message}`);
    const how = exitFor[e.code as keyof typeof exitFor];
    if (how) lines.push(`hint: ${how.hint}`);
    process.stderr.write(`${lines.join('\n')}\n`);
    return how?.exit ?? 1;
  }
  if (e instanceof ConfigError) {
    process.stderr.write(`error CONFIG: ${e.message}\nhint: see README.md, Configuration\n`);
    return 2;
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') {
    process.stderr.write(`error FILE_NOT_FOUND: ${err.message}\nhint: check the path\n`);
    return 2;
  }
  process.stderr.write(`error INTERNAL: ${err?.message ?? String(e)}\n`);
  return 70;
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exit(code);
});
