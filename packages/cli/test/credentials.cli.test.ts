import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onexIn } from './run-onex.ts';

let home: string;

const onex = onexIn(() => home);

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'onex-cli-vc-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('onex issue and onex verify', () => {
  it('signs a credential, verifies it (exit 0), names a tampered one (exit 1) and refuses garbage (exit 2)', async () => {
    const unsigned = join(home, 'unsigned.json');
    writeFileSync(
      unsigned,
      JSON.stringify({
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'Web前端开发职业技能等级证书（初级）',
        credentialSubject: {
          type: ['AchievementSubject'],
          identifier: [
            {
              type: 'IdentityObject',
              identityType: 'nationalIdentityNumber',
              hashed: true,
              identityHash: 'sha256$00',
              salt: 's',
            },
          ],
          achievement: {
            id: 'https://onex.example/achievements/X-0102/1',
            type: ['Achievement'],
            name: 'Web前端开发职业技能等级证书（初级）',
            description: '初级',
            criteria: { narrative: '通过考核' },
          },
        },
      }),
    );
    const issued = await onex('issue', unsigned, '--cryptosuite', 'eddsa-jcs-2022');
    expect(issued.code).toBe(0);
    const signedFile = join(home, 'signed.json');
    writeFileSync(signedFile, issued.stdout);
    const vc = JSON.parse(issued.stdout);
    expect(vc.issuer).toBe('did:web:onex.example:teos:TEO-0002');

    const ok = await onex('verify', signedFile);
    expect(ok.stdout).toMatch(/已验证 VERIFIED/);
    expect(ok.stdout).toMatch(/✓ proof/);
    expect(ok.code).toBe(0);

    const tampered = join(home, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...vc, name: 'Web前端开发职业技能等级证书（高级）' }));
    const bad = await onex('verify', tampered);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✗ proof/);

    const garbage = join(home, 'garbage.txt');
    writeFileSync(garbage, 'this is not a credential');
    expect((await onex('verify', garbage)).code).toBe(2);
  });
});
