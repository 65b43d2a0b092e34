import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMerkleHasher, decodeBundle, memoryWitnessState, Witness } from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onexIn } from './run-onex.ts';

let home: string;

const onex = onexIn(() => home);

const credential = (n: number) => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: `Web前端开发职业技能等级证书（初级）#${n}`,
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://onex.example/achievements/X-0102/1',
      type: ['Achievement'],
      name: 'Web前端开发职业技能等级证书（初级）',
      description: '初级',
      criteria: { narrative: '通过考核' },
    },
  },
});

async function issue(n: number) {
  const file = join(home, `unsigned-${n}.json`);
  writeFileSync(file, JSON.stringify(credential(n)));
  const issued = await onex('issue', file, '--cryptosuite', 'eddsa-jcs-2022');
  expect(issued.code).toBe(0);
  return issued.stdout;
}

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'onex-cli-log-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('onex log', () => {
  it('signs checkpoints, checks their consistency, audits the log, exports static tiles and bundles a credential for offline verification', async () => {
    await issue(1);
    const first = await onex('log', 'checkpoint');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^onex\.example\/log\n1\n[A-Za-z0-9+/]{43}=\n\n— onex\.example\/log /);
    const oldFile = join(home, 'old.checkpoint');
    writeFileSync(oldFile, first.stdout);

    const signed = await issue(2);
    const newFile = join(home, 'new.checkpoint');
    writeFileSync(newFile, (await onex('log', 'checkpoint')).stdout);

    const consistent = await onex('log', 'verify-consistency', oldFile, newFile);
    expect(consistent.code).toBe(0);
    expect(consistent.stdout).toMatch(/一致 CONSISTENT/);
    expect(consistent.stdout).toMatch(/1 → 2/);
    const backwards = await onex('log', 'verify-consistency', newFile, oldFile);
    expect(backwards.code).toBe(1);
    expect(backwards.stdout).toMatch(/不一致 INCONSISTENT/);
    const forged = join(home, 'forged.checkpoint');
    writeFileSync(forged, readFileSync(newFile, 'utf8').replace(/\n2\n/, '\n3\n'));
    const bad = await onex('log', 'verify-consistency', oldFile, forged);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/NOTE_BAD_SIGNATURE/);

    const audit = await onex('log', 'audit');
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/日志一致 LOG CONSISTENT/);
    expect(audit.stdout).toMatch(/条目 entries {8}2/);

    const dir = join(home, 'static-log');
    const exported = await onex('log', 'export-tiles', dir);
    expect(exported.code).toBe(0);
    expect(readFileSync(join(dir, 'checkpoint'), 'utf8')).toMatch(/^onex\.example\/log\n2\n/);
    expect(existsSync(join(dir, 'tile', '0', '000.p', '2'))).toBe(true);
    expect(existsSync(join(dir, 'tile', 'entries', '000.p', '2'))).toBe(true);
    expect(existsSync(join(dir, 'tile', '0', '000.p', '1'))).toBe(true);

    // Served by a plain static HTTP server, the tiles alone rebuild the signed root.
    const server = createServer((req, res) => {
      const file = join(dir, decodeURIComponent(req.url ?? '/'));
      if (!file.startsWith(dir) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200).end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const fetched = async (path: string) =>
        new Uint8Array(await (await fetch(`${base}/${path}`)).arrayBuffer());
      const note = new TextDecoder().decode(await fetched('checkpoint'));
      const root = Buffer.from(note.split('\n')[2]!, 'base64');
      const h = createMerkleHasher(nodeCrypto);
      const entries = decodeBundle(await fetched('tile/entries/000.p/2'));
      const leaves = entries.map((e) => h.hashLeaf(e));
      const tile = await fetched('tile/0/000.p/2');
      expect(Buffer.from(tile)).toEqual(Buffer.concat(leaves));
      expect(Buffer.from(h.hashChildren(leaves[0]!, leaves[1]!))).toEqual(root);
    } finally {
      server.close();
    }

    // The verifier of this instance now also reports the credential as logged.
    const vc = join(home, 'signed.json');
    writeFileSync(vc, signed);
    const verified = await onex('verify', vc);
    expect(verified.stdout).toMatch(/✓ logged/);

    // And anyone verifies it offline from its bundle, proof of inclusion included.
    const id = JSON.parse(signed).id as string;
    const made = await onex('bundle', id);
    expect(made.code).toBe(0);
    const bundleFile = join(home, 'bundle.json');
    writeFileSync(bundleFile, made.stdout);
    const offline = await onex('verify', bundleFile, '--bundle', bundleFile, '--require-logged');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(/✓ logged/);
    // A witness the verifier requires never cosigned this log's checkpoints: not verified.
    const witness = new Witness({
      crypto: nodeCrypto,
      clock: { now: () => new Date() },
      name: 'jyt.zj.gov.cn/witness',
      seed: new Uint8Array(32).fill(3),
      logs: [],
      state: memoryWitnessState(),
      consistencyProof: async () => [],
    });
    const unwitnessed = await onex(
      'verify',
      bundleFile,
      '--bundle',
      bundleFile,
      '--witness',
      witness.verifierKey,
      '--witnesses-required',
      '1',
    );
    expect(unwitnessed.code).toBe(1);
    expect(unwitnessed.stdout).toMatch(/✗ logged .*\[LOG_CHECKPOINT_INVALID\]/);
    const impossible = await onex('verify', bundleFile, '--bundle', bundleFile, '--witnesses-required', '1');
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toMatch(/--witnesses-required/);
  }, 300_000);
});
