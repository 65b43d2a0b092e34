import { describe, expect, it } from 'vitest';
import type { ConsentGrant } from './employers.model.ts';
import {
  checkGrantTerms,
  consentState,
  coverage,
  DEFAULT_CONSENT_DAYS,
  employerProblems,
  isValidUscc,
  MAX_CONSENT_DAYS,
  maskName,
  usccCheckChar,
} from './employers.rules.ts';

const now = new Date('2026-09-01T08:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const mine = [
  { id: 'cred_1', certificateNumber: '1X-2601021-33-000001' },
  { id: 'cred_2', certificateNumber: '1X-2601022-33-000001' },
  { id: 'cred_3', certificateNumber: null },
];

const grant = (g: Partial<ConsentGrant>): ConsentGrant => ({
  id: 'consent_1',
  learnerId: 'lrn_1',
  employerId: 'emp_1',
  scope: 'ALL',
  credentialIds: [],
  purpose: '应聘前端开发岗位',
  revealIdentity: false,
  grantedBy: 'user_1',
  grantedAt: now,
  expiresAt: days(90),
  revokedAt: null,
  revokedBy: null,
  ...g,
});

describe('consent grant terms', () => {
  it('expires a grant after 90 days unless the learner chooses otherwise', () => {
    const checked = checkGrantTerms({ scope: 'ALL' }, now, mine);
    expect(checked).toEqual({ terms: { expiresAt: days(DEFAULT_CONSENT_DAYS), credentialIds: [] } });
  });

  it('accepts an expiry of exactly 365 days and refuses one a second later, naming body.expiresAt', () => {
    expect(checkGrantTerms({ scope: 'ALL', expiresAt: days(MAX_CONSENT_DAYS) }, now, mine)).toHaveProperty(
      'terms',
    );
    const late = new Date(days(MAX_CONSENT_DAYS).getTime() + 1000);
    expect(checkGrantTerms({ scope: 'ALL', expiresAt: late }, now, mine)).toEqual({
      problem: expect.objectContaining({ code: 'CONSENT_EXPIRY_TOO_LONG', path: 'body.expiresAt' }),
    });
  });

  it('refuses an expiry that is not in the future', () => {
    for (const expiresAt of [now, days(-1)])
      expect(checkGrantTerms({ scope: 'ALL', expiresAt }, now, mine)).toEqual({
        problem: expect.objectContaining({ code: 'CONSENT_EXPIRY_PASSED', path: 'body.expiresAt' }),
      });
  });

  it('resolves selected credentials by id or certificate number, once each, in order', () => {
    const checked = checkGrantTerms(
      { scope: 'SELECTED', credentialIds: ['cred_2', '1X-2601021-33-000001', 'cred_2'] },
      now,
      mine,
    );
    expect(checked).toEqual({ terms: { expiresAt: days(90), credentialIds: ['cred_2', 'cred_1'] } });
  });

  it('names the credential that is not the learner’s by its index', () => {
    const checked = checkGrantTerms({ scope: 'SELECTED', credentialIds: ['cred_1', 'cred_9'] }, now, mine);
    expect(checked).toEqual({
      problem: expect.objectContaining({
        code: 'CONSENT_NOT_LEARNERS_CREDENTIAL',
        path: 'body.credentialIds.1',
      }),
    });
  });

  it('asks a SELECTED grant to name credentials and an ALL grant to name none', () => {
    expect(checkGrantTerms({ scope: 'SELECTED', credentialIds: [] }, now, mine)).toEqual({
      problem: expect.objectContaining({ code: 'CONSENT_SCOPE_MISMATCH', path: 'body.credentialIds' }),
    });
    expect(checkGrantTerms({ scope: 'ALL', credentialIds: ['cred_1'] }, now, mine)).toEqual({
      problem: expect.objectContaining({ code: 'CONSENT_SCOPE_MISMATCH', path: 'body.credentialIds' }),
    });
  });
});

describe('consent state and coverage', () => {
  it('is active until it expires, and revoked whenever it was revoked', () => {
    const g = grant({});
    expect(consentState(g, now)).toBe('ACTIVE');
    expect(consentState(g, new Date(days(90).getTime() - 1))).toBe('ACTIVE');
    expect(consentState(g, days(90))).toBe('EXPIRED');
    expect(consentState(grant({ revokedAt: days(1) }), now)).toBe('REVOKED');
    expect(consentState(grant({ revokedAt: days(1) }), days(200))).toBe('REVOKED');
  });

  it('covers every credential under ALL and only the listed ones under SELECTED', () => {
    const ids = mine.map((c) => c.id);
    expect([...coverage([grant({})], now, ids).keys()]).toEqual(ids);
    const selected = grant({ id: 'consent_2', scope: 'SELECTED', credentialIds: ['cred_3'] });
    expect(coverage([selected], now, ids)).toEqual(new Map([['cred_3', ['consent_2']]]));
    expect(coverage([grant({}), selected], now, ids).get('cred_3')).toEqual(['consent_1', 'consent_2']);
  });

  it('covers nothing once every grant has expired or been revoked', () => {
    const ids = mine.map((c) => c.id);
    expect(coverage([grant({})], days(91), ids).size).toBe(0);
    expect(coverage([grant({ revokedAt: now })], now, ids).size).toBe(0);
  });
});

describe('disclosure', () => {
  it('masks a name to its surname, keeping common two-character surnames whole', () => {
    expect(maskName('张晓明')).toBe('张**');
    expect(maskName('李华')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('王')).toBe('*');
  });
});

describe('employers', () => {
  it('computes GB 32100-2015 check characters of real unified social credit codes', () => {
    expect(usccCheckChar('91330100799655058')).toBe('B');
    expect(isValidUscc('9144030071526726XG')).toBe(true);
    expect(isValidUscc('9144030071526726XH')).toBe(false);
    expect(isValidUscc('9144030071526726X')).toBe(false);
    expect(isValidUscc('9I44030071526726XG')).toBe(false);
  });

  it('names every bad field of a new employer', () => {
    expect(
      employerProblems({ code: 'emp 1', nameZh: ' ', nameEn: 'X', uscc: '91330100799655058A' }).map(
        (i) => i.path,
      ),
    ).toEqual(['body.code', 'body.nameZh', 'body.uscc']);
    expect(
      employerProblems({ code: 'EMP-0001', nameZh: '甲', nameEn: 'A', uscc: '91330100799655058B' }),
    ).toEqual([]);
  });
});
