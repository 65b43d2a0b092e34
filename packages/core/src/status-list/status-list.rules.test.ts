import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/index.ts';
import { BitstringStatusList } from './bitstring.ts';
import { buildStatusListCredential, buildStatusListEntry } from './status-list.model.ts';
import {
  checkStatus,
  checkStatusWithList,
  parseStatusListCredential,
  parseStatusListIndex,
} from './status-list.rules.ts';

const vendor = (file: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      new URL(
        `../../../../../shared/vendor-data/1edtech-digital-credentials-public-validator/ob30/bit-string-list/${file}`,
        import.meta.url,
      ),
      'utf8',
    ),
  );

const testlist = vendor('testlist');
const revoked = vendor('credential-status-revoked.json');
const revokedEntry = revoked['credentialStatus'] as Record<string, unknown>;

const LIST_URL = 'https://onex.example.cn/status/3';

describe('checkStatus', () => {
  it('finds the 1EdTech revoked credential revoked (index 23, a JSON number)', () => {
    expect(revokedEntry['statusListIndex']).toBe(23);
    expect(checkStatus(revokedEntry, testlist)).toEqual({
      ok: true,
      status: true,
      statusPurpose: 'revocation',
      statusListIndex: 23,
    });
    const blankNodes = vendor('credential-status-revoked-blank-nodes.json');
    expect(checkStatus(blankNodes['credentialStatus'], testlist)).toMatchObject({ ok: true, status: true });
  });

  it('finds other indexes of the 1EdTech list not revoked, with the index as a string', () => {
    for (const statusListIndex of ['0', '22', '24', '131071']) {
      expect(checkStatus({ ...revokedEntry, statusListIndex }, testlist)).toMatchObject({
        ok: true,
        status: false,
      });
    }
  });

  it('reports STATUS_VERIFICATION_ERROR when the purposes differ', () => {
    const result = checkStatus({ ...revokedEntry, statusPurpose: 'suspension' }, testlist);
    expect(result.ok === false && result.problem.code).toBe('STATUS_VERIFICATION_ERROR');
  });

  it('reports RANGE_ERROR for an index past the end of the list', () => {
    const result = checkStatus({ ...revokedEntry, statusListIndex: '131072' }, testlist);
    expect(result.ok === false && result.problem.code).toBe('RANGE_ERROR');
  });

  it('reports MALFORMED_VALUE_ERROR for a malformed entry', () => {
    const cases: unknown[] = [
      null,
      'entry',
      [],
      { ...revokedEntry, type: 'StatusList2021Entry' },
      { ...revokedEntry, statusListIndex: '-1' },
      { ...revokedEntry, statusListIndex: -1 },
      { ...revokedEntry, statusListIndex: '1.5' },
      { ...revokedEntry, statusListIndex: 1.5 },
      { ...revokedEntry, statusListIndex: '0x17' },
      { ...revokedEntry, statusListIndex: ' 23' },
      { ...revokedEntry, statusListIndex: '' },
      { ...revokedEntry, statusListIndex: '99999999999999999999' },
      { ...revokedEntry, statusListIndex: undefined },
      { ...revokedEntry, statusPurpose: undefined },
      { ...revokedEntry, statusListCredential: 'not a url' },
      { ...revokedEntry, statusListCredential: undefined },
    ];
    for (const entry of cases) {
      const result = checkStatus(entry, testlist);
      expect(result.ok === false && result.problem.code, JSON.stringify(entry)).toBe('MALFORMED_VALUE_ERROR');
    }
  });

  it('reports STATUS_UNSUPPORTED for statusSize above 1 and unknown purposes', () => {
    for (const entry of [
      { ...revokedEntry, statusSize: 2 },
      { ...revokedEntry, statusPurpose: 'expiry' },
    ]) {
      const result = checkStatus(entry, testlist);
      expect(result.ok === false && result.problem.code).toBe('STATUS_UNSUPPORTED');
    }
    expect(checkStatus({ ...revokedEntry, statusSize: 1 }, testlist)).toMatchObject({
      ok: true,
      status: true,
    });
  });

  it('reports MALFORMED_VALUE_ERROR for a malformed list credential', () => {
    const subject = testlist['credentialSubject'] as Record<string, unknown>;
    const cases: unknown[] = [
      null,
      {},
      { ...testlist, type: ['VerifiableCredential'] },
      { ...testlist, credentialSubject: undefined },
      { ...testlist, credentialSubject: [subject, subject] },
      { ...testlist, credentialSubject: { ...subject, type: 'StatusList2021' } },
      { ...testlist, credentialSubject: { ...subject, statusPurpose: 7 } },
      { ...testlist, credentialSubject: { ...subject, statusPurpose: [] } },
      { ...testlist, credentialSubject: { ...subject, encodedList: undefined } },
      { ...testlist, credentialSubject: { ...subject, encodedList: 'uAAAA' } },
      { ...testlist, credentialSubject: { ...subject, encodedList: 'zAAAA' } },
    ];
    for (const list of cases) {
      const result = checkStatus(revokedEntry, list);
      expect(result.ok === false && result.problem.code, JSON.stringify(list).slice(0, 80)).toBe(
        'MALFORMED_VALUE_ERROR',
      );
    }
  });

  it('reports STATUS_LIST_LENGTH_ERROR for a list under 131,072 entries', () => {
    const subject = testlist['credentialSubject'] as Record<string, unknown>;
    const tiny = `u${Buffer.from(gzipSync(new Uint8Array(1000))).toString('base64url')}`;
    const result = checkStatus(revokedEntry, {
      ...testlist,
      credentialSubject: { ...subject, encodedList: tiny },
    });
    expect(result.ok === false && result.problem.code).toBe('STATUS_LIST_LENGTH_ERROR');
  });

  it('accepts a list with several purposes and a single-element credentialSubject array', () => {
    const subject = testlist['credentialSubject'] as Record<string, unknown>;
    const list = {
      ...testlist,
      credentialSubject: [{ ...subject, statusPurpose: ['suspension', 'revocation'] }],
    };
    expect(checkStatus(revokedEntry, list)).toMatchObject({ ok: true, status: true });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (entry, list) => {
        const result = checkStatus(entry, list);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...Object.keys(revokedEntry), 'statusSize'), fc.anything()),
        (patch) => {
          const result = checkStatus({ ...revokedEntry, ...patch }, testlist);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseStatusListCredential and checkStatusWithList', () => {
  it('decode a list once and check many entries against it', () => {
    const parsed = parseStatusListCredential(testlist);
    if (!parsed.ok) throw new Error(parsed.problem.text.en);
    expect(parsed.list.id).toBe('https://example.com/credentials/status/3');
    expect(parsed.list.statusPurposes).toEqual(['revocation']);
    const statuses = [22, 23, 24].map((i) =>
      checkStatusWithList({ ...revokedEntry, statusListIndex: String(i) }, parsed.list),
    );
    expect(statuses.map((s) => s.ok && s.status)).toEqual([false, true, false]);
  });
});

describe('parseStatusListIndex', () => {
  it('accepts base-10 strings and non-negative integer numbers only', () => {
    expect(parseStatusListIndex('0')).toBe(0);
    expect(parseStatusListIndex('94567')).toBe(94567);
    expect(parseStatusListIndex(23)).toBe(23);
    for (const value of ['-1', '+1', '1e3', '1.0', '', ' 1', '１', -1, 0.5, Number.NaN, 2 ** 53, null, {}]) {
      expect(parseStatusListIndex(value), String(value)).toBeUndefined();
    }
  });
});

describe('building status list credentials and entries', () => {
  it('builds an entry with a string index, and a list credential it checks against', () => {
    const list = BitstringStatusList.create();
    list.set(94_567, true);
    const entry = buildStatusListEntry({ listUrl: LIST_URL, index: 94_567, statusPurpose: 'revocation' });
    expect(entry).toEqual({
      id: `${LIST_URL}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: LIST_URL,
    });
    const credential = buildStatusListCredential({
      listUrl: LIST_URL,
      issuer: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
      statusPurpose: 'revocation',
      list,
      validFrom: new Date('2025-06-01T08:00:00.123Z'),
    });
    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: LIST_URL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
      validFrom: '2025-06-01T08:00:00Z',
      credentialSubject: {
        id: `${LIST_URL}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: list.encode(),
      },
    });
    expect(checkStatus(entry, credential)).toMatchObject({ ok: true, status: true, statusListIndex: 94_567 });
    expect(checkStatus({ ...entry, statusListIndex: '94566' }, credential)).toMatchObject({
      ok: true,
      status: false,
    });
  });

  it('adds validUntil and ttl only when given', () => {
    const credential = buildStatusListCredential({
      listUrl: LIST_URL,
      issuer: { id: 'https://onex.example.cn/issuers/1', type: ['Profile'], name: '某评价组织' },
      statusPurpose: 'suspension',
      list: BitstringStatusList.create().encode(),
      validFrom: '2025-06-01T00:00:00Z',
      validUntil: '2025-06-08T00:00:00Z',
      ttl: 300_000,
    });
    expect(credential.validUntil).toBe('2025-06-08T00:00:00Z');
    expect(credential.credentialSubject.ttl).toBe(300_000);
    expect(credential.credentialSubject.statusPurpose).toBe('suspension');
  });

  it('rejects bad list URLs, indexes and purposes with coded errors', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isDomainError(e) ? e.code : 'not a DomainError';
      }
      return undefined;
    };
    for (const listUrl of ['status/3', `${LIST_URL}#list`, '']) {
      expect(codeOf(() => buildStatusListEntry({ listUrl, index: 1, statusPurpose: 'revocation' }))).toBe(
        'MALFORMED_VALUE_ERROR',
      );
    }
    for (const index of [-1, 1.5, Number.NaN]) {
      expect(
        codeOf(() => buildStatusListEntry({ listUrl: LIST_URL, index, statusPurpose: 'revocation' })),
      ).toBe('RANGE_ERROR');
    }
    expect(
      codeOf(() =>
        buildStatusListEntry({
          listUrl: LIST_URL,
          index: 131_072,
          length: 131_072,
          statusPurpose: 'revocation',
        }),
      ),
    ).toBe('RANGE_ERROR');
    expect(
      codeOf(() =>
        buildStatusListCredential({
          listUrl: LIST_URL,
          issuer: 'did:example:1',
          statusPurpose: 'message' as 'revocation',
          list: 'u',
          validFrom: '2025-01-01T00:00:00Z',
        }),
      ),
    ).toBe('STATUS_UNSUPPORTED');
  });
});
