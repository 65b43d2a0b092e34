import type { Config } from '@onex/api';
import type { Runtime } from '@onex/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, type CertificateFixture, issueCertificates } from '../../api/test/certificate-fixtures.ts';
import { creditsApply, creditsShow } from '../src/commands/credits.ts';
import { type CommandContext, silentProgress } from '../src/context.ts';
import { exitFor } from '../src/errors.ts';

let f: CertificateFixture;
let ctx: CommandContext;

beforeAll(async () => {
  f = await issueCertificates();
  const runtime = { platform: f.platform, database: f.database } as unknown as Runtime;
  ctx = {
    config: () => ({ publicUrl: baseUrl }) as Config,
    runtime: async () => runtime,
    progress: silentProgress,
    readInput: async () => '',
    readBytes: async () => new Uint8Array(),
  };
  await f.platform.programs.createInstitution({
    code: 'I-CLI',
    nameZh: '命令行职业技术学院',
    nameEn: 'CLI Polytechnic',
    type: 'HIGHER_VET',
    provinceCode: '33',
    urbanRural: 'URBAN',
  });
  await f.platform.creditBank.defineRule({
    institution: 'I-CLI',
    certificateCode: 'X-0102',
    level: 1,
    credits: 4,
    effectiveFrom: '2020-01-01',
  });
});
afterAll(async () => {
  await f?.database.close();
});

describe('onex credits', () => {
  it('refuses to convert for a social learner without --institution, with a hint', async () => {
    await expect(creditsApply(ctx, f.learnerId, {})).rejects.toMatchObject({
      code: 'CREDIT_BANK_NO_INSTITUTION',
    });
    expect(exitFor.CREDIT_BANK_NO_INSTITUTION.hint).toContain('--institution');
  });

  it('applies the named institution’s rules and shows each transaction with its explanation', async () => {
    const out = await creditsApply(ctx, f.learnerId, { institution: 'I-CLI' });
    expect(out.text).toContain('新认定 recognised: 2');
    expect(out.text).toMatch(/CREDIT\s+\+4/);
    expect(out.text).toContain('has no conversion rule for X-0102 level 2');
    expect(out.text).toContain('余额 balance: 4');
    const shown = await creditsShow(ctx, f.learnerId, { json: true });
    const view = JSON.parse(shown.text);
    expect(view.balance).toBe(4);
    expect(view.transactions.map((t: { kind: string }) => t.kind)).toEqual([
      'ACCUMULATE',
      'ACCUMULATE',
      'CREDIT',
    ]);
    const text = await creditsShow(ctx, f.learnerId, {});
    expect(text.text).toContain('X_CERT');
    expect(text.text).toContain('credit substitution');
  });
});
