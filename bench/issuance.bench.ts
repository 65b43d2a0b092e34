/**
 * `npm run bench -- issuance`: bulk issuance of an assessment session (issue: "from assessment to
 * certificate"). N passed results (default 100,000) become eddsa-rdfc-2022 certificates with
 * revocation and suspension status entries, transparency-log entries and persistence, through
 * `platform.issuance.issueSession` exactly as `onex issue session` runs it (worker-thread signing
 * pool, batches in one transaction each), on PGlite and on PostgreSQL (DATABASE_URL; set
 * ONEX_BENCH_ISSUANCE_PG=0 to skip). Target: certificates/s ≥ 5 × @digitalbazaar/vc signing alone
 * (same credential, same run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInstanceVerifier } from '../packages/api/src/verifier.ts';
import { nodeCrypto } from '../packages/core/src/crypto/node-provider.ts';
import type { JsonObject } from '../packages/core/src/index.ts';
import { openDatabase } from '../packages/db/src/database.ts';
import { openRuntime, type Runtime } from '../packages/db/src/runtime.ts';
import { testMasterKey } from '../packages/db/src/testing/index.ts';
import { seedPassedSession } from '../packages/db/src/testing/session-fixture.ts';
import type { BenchResult } from './run.ts';
import { referenceKey, referenceLoader, referenceSign, referenceVerify } from './support/reference-vc.ts';

const N = Number(process.env.ONEX_BENCH_ISSUANCE_N ?? 100_000);
const BATCH = 1000;
const baseUrl = 'https://onex.example';

const f = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

interface EngineRun {
  engine: string;
  seconds: number;
  perSecond: number;
  sample: JsonObject;
  seed: Uint8Array;
  publicKey: Uint8Array;
  verificationMethod: string;
  didDocument: JsonObject;
}

async function runOn(engine: string, where: { dataDir?: string; databaseUrl?: string }): Promise<EngineRun> {
  const runtime: Runtime = await openRuntime({
    ...where,
    masterKey: testMasterKey,
    baseUrl,
    signingThreads: availableParallelism(),
  });
  try {
    const { platform } = runtime;
    process.stderr.write(`  ${engine}: seeding a session of ${f(N)} passed results (untimed) …\n`);
    const sessionId = await seedPassedSession(platform, {
      count: N,
      prefix: 'BENCH',
      progress: (n) => {
        if (n % 20_000 === 0) process.stderr.write(`    … ${f(n)}\n`);
      },
    });
    process.stderr.write(`  ${engine}: issuing …\n`);
    let last = 0;
    const start = performance.now();
    const result = await platform.issuance.issueSession(sessionId, {
      batchSize: BATCH,
      onProgress: (p) => {
        if (p.done - last >= 20_000) {
          last = p.done;
          process.stderr.write(`    … ${f(p.done)}\n`);
        }
      },
    });
    const seconds = (performance.now() - start) / 1000;
    if (result.issued !== N) throw new Error(`issued ${result.issued}, want ${N}`);

    // Every certificate of a sample verifies with all checks, the log included.
    const verifier = createInstanceVerifier(platform, baseUrl);
    const session = await platform.assessment.getSession(sessionId);
    const passed = await platform.assessment.listPassedResults(session.id, { limit: 50 });
    const sample = (await platform.credentials.listForLearner(passed[0]!.learnerId))[0]!;
    for (const r of passed) {
      const [c] = await platform.credentials.listForLearner(r.learnerId);
      const v = await verifier.verifyCredential(c!.document);
      if (!v.verified)
        throw new Error(
          `a certificate does not verify: ${JSON.stringify(v.checks.filter((k) => k.status === 'failed'))}`,
        );
    }
    const active = await platform.credentials.activeSigner(sample.issuerDid);
    return {
      engine,
      seconds,
      perSecond: N / seconds,
      sample: sample.document,
      seed: active.seed,
      publicKey: nodeCrypto.ed25519PublicKey(active.seed),
      verificationMethod: active.verificationMethod,
      didDocument: (await platform.credentials.didDocument(sample.issuerDid))!,
    };
  } finally {
    await runtime.close();
  }
}

/** @digitalbazaar/vc signing alone, the same credential (its proof removed), best of 3 rounds. */
async function referenceRate(run: EngineRun): Promise<number> {
  const { proof: _proof, ...unsigned } = run.sample;
  const [did] = run.verificationMethod.split('#');
  const loader = referenceLoader({ [did!]: run.didDocument });
  const key = await referenceKey(run.seed, run.publicKey, run.verificationMethod);
  const signed = await referenceSign(unsigned as JsonObject, key, 'eddsa-rdfc-2022', loader);
  const check = await referenceVerify(signed, 'eddsa-rdfc-2022', loader);
  if (!check.verified)
    throw new Error(`the reference does not verify its own signature: ${String(check.error)}`);
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    for (let i = 0; i < 20; i++) await referenceSign(unsigned as JsonObject, key, 'eddsa-rdfc-2022', loader);
    best = Math.max(best, 20 / ((performance.now() - start) / 1000));
  }
  return best;
}

export async function run(): Promise<BenchResult> {
  const runs: EngineRun[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'onex-bench-issuance-'));
  try {
    runs.push(await runOn('PGlite', { dataDir: dir }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL;
  if (url && process.env.ONEX_BENCH_ISSUANCE_PG !== '0') {
    const { sql } = await import('kysely');
    const name = `onex_bench_issuance_${process.pid}`;
    const admin = await openDatabase({ url, poolSize: 1 });
    await sql.raw(`create database ${name}`).execute(admin.db);
    const u = new URL(url);
    u.pathname = `/${name}`;
    try {
      runs.push(await runOn('PostgreSQL', { databaseUrl: u.toString() }));
    } finally {
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    }
  }
  process.stderr.write('  @digitalbazaar/vc signing the same credential …\n');
  const reference = await referenceRate(runs[0]!);
  const rows: BenchResult['rows'] = [];
  for (const r of runs) {
    rows.push(
      {
        metric: `Bulk issuance on ${r.engine} (certificates/s)`,
        value: f(r.perSecond),
        note: `${f(N)} certificates in ${f(r.seconds, 1)} s; batches of ${f(BATCH)}, ${availableParallelism()} signing threads`,
      },
      {
        metric: `${r.engine} pipeline ÷ @digitalbazaar/vc signing alone`,
        value: `${(r.perSecond / reference).toFixed(1)} ×`,
        note: 'target ≥ 5 ×',
      },
    );
  }
  rows.push({
    metric: '@digitalbazaar/vc sign/s, eddsa-rdfc-2022 (signing alone)',
    value: f(reference),
    note: 'the same certificate, proof removed; best of 3 rounds of 20, one thread',
  });
  return {
    title: `Bulk issuance of one assessment session: ${f(N)} passed results → signed eddsa-rdfc-2022 OB 3.0 certificates with revocation and suspension entries, transparency-log entries and persistence (\`platform.issuance.issueSession\`, as \`onex issue session\` runs it), against @digitalbazaar/vc signing alone in the same run.`,
    rows,
    notes: [
      'Timed: only `issueSession` (reading the results, numbering, composing, status allocation, signing and digesting on the worker pool, storing credentials, status entries and log entries, one transaction per batch). Seeding the learners, registrations and scores is untimed.',
      'Before the figures are kept, 50 issued certificates are verified with every check (proof, trust list, catalog, status, log inclusion).',
      'The reference runs in one thread; OneX uses every core, which is part of what is measured (the issue asks that both cores sign).',
    ],
  };
}
