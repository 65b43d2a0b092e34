import { describe, expect, it } from 'vitest';
import { buildStatusListEntry } from '../status-list/index.ts';
import { type AchievementCredentialInput, achievementId, composeAchievementCredential } from './compose.ts';
import type { JsonObject } from './credential.model.ts';
import { canonizeDetailed, canonizeReference } from './rdfc/index.ts';
import { checkCredentialShape } from './shape.ts';

const baseUrl = 'https://onex.example';
const input = (statusCount: 1 | 2): AchievementCredentialInput => ({
  id: 'urn:uuid:6f1c2a4e-3b9d-4c1e-9a7f-2d8e5b0c1a23',
  issuer: {
    id: 'did:web:onex.example:teos:TEO-0002',
    nameZh: '工业和信息化部教育与考试中心',
    nameEn: 'MIIT Education and Examination Centre',
  },
  baseUrl,
  certificate: {
    code: 'X-0102',
    nameZh: 'Web前端开发',
    nameEn: 'Web Front-End Development',
    fullNameZh: 'Web前端开发职业技能等级证书',
  },
  level: { level: 2, nameZh: '中级', nameEn: 'Intermediate' },
  standard: {
    id: 'std_1',
    version: 1,
    requirementCodes: [
      { code: '1.1.1', titleZh: '能使用 HTML5 语义化标签搭建页面结构' },
      { code: '1.1.2', titleZh: '能用 CSS3 "弹性布局" 实现响应式页面\\n' },
      { code: '2.3.4', titleZh: '能调试 JavaScript 🐞 交互' },
    ],
  },
  occupationCodes: ['4-04-05-01'],
  majorCodes: ['510203'],
  recipient: { identityHash: `sha256$${'ab'.repeat(32)}`, salt: 'c2FsdA' },
  scores: { theory: 82, practical: 91, total: null },
  validFrom: '2026-07-01T00:00:00Z',
  certificateNumber: '1X-2601022-44-000123',
  credentialStatus: (['revocation', 'suspension'] as const).slice(0, statusCount).map(
    (statusPurpose, i) =>
      buildStatusListEntry({
        listUrl: `${baseUrl}/status-lists/sl_${i}`,
        index: 4242 + i,
        statusPurpose,
      }) as unknown as JsonObject,
  ),
});

describe('composing an X certificate credential', () => {
  it('yields an Open Badges 3.0 AchievementCredential that passes the OB JSON Schema', () => {
    const vc = composeAchievementCredential(input(1));
    expect(checkCredentialShape(vc)).toMatchObject({ ok: true, profile: 'ob30-achievement' });
    const achievement = (vc.credentialSubject as JsonObject).achievement as JsonObject;
    expect(achievement.id).toBe(achievementId(baseUrl, 'X-0102', 2));
    expect(achievement.inLanguage).toBe('zh-CN');
    expect(achievement.related).toEqual([
      { id: `${achievementId(baseUrl, 'X-0102', 2)}/en`, type: ['Related'], inLanguage: 'en', version: '1' },
    ]);
    expect(JSON.stringify(vc)).not.toMatch(/\d{17}[\dX]/);
  });

  it('carries the requirement, occupation and major codes as alignments and both languages', () => {
    const vc = composeAchievementCredential(input(1));
    const achievement = (vc.credentialSubject as JsonObject).achievement as JsonObject;
    const codes = (achievement.alignment as JsonObject[]).map((a) => a.targetCode);
    expect(codes).toEqual(['X-0102@1', '1.1.1', '1.1.2', '2.3.4', '4-04-05-01', '510203']);
    expect(vc.name).toBe('Web前端开发职业技能等级证书（中级）');
    expect(vc.description).toMatch(
      /Web Front-End Development Vocational Skill Level Certificate \(Intermediate\)/,
    );
  });

  it('is canonicalized on the fast path, identically to jsonld + rdf-canonize', async () => {
    for (const n of [1, 2] as const) {
      const vc = composeAchievementCredential(input(n));
      const fast = await canonizeDetailed(vc);
      expect(fast.path).toBe('fast');
      expect(fast.nquads).toBe(await canonizeReference(vc));
    }
  });
});

describe('several status entries', () => {
  it('passes the shape check with revocation and suspension entries, each checked against CredentialStatus', () => {
    const vc = composeAchievementCredential(input(2));
    expect(checkCredentialShape(vc)).toMatchObject({ ok: true });
    const broken = {
      ...vc,
      credentialStatus: [(vc.credentialStatus as JsonObject[])[0]!, { statusPurpose: 'suspension' }],
    };
    const result = checkCredentialShape(broken);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.path)).toContain('/credentialStatus/1');
  });
});
