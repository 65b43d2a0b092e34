import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskNationalId, nationalIdCheckChar, parseNationalId } from './national-id.ts';

describe('national ID numbers', () => {
  it('accepts the GB 11643 example with its MOD 11-2 check character', () => {
    // The standard's worked example: 11010519491231002X.
    expect(parseNationalId('11010519491231002X')).toEqual({
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      birthYear: 1949,
      gender: 'F',
    });
    expect(parseNationalId('11010519491231002x')).toMatchObject({ normalized: '11010519491231002X' });
  });

  it('rejects a wrong check digit, a bad birth date and a bad shape', () => {
    expect(parseNationalId('110105194912310021')).toEqual({ problem: 'CHECK_DIGIT' });
    expect(parseNationalId('110105194902300021')).toEqual({ problem: 'BIRTH_DATE' });
    expect(parseNationalId('1101051949123100')).toEqual({ problem: 'SHAPE' });
    expect(parseNationalId('11010519491231002Y')).toEqual({ problem: 'SHAPE' });
  });

  it('detects every single-digit change (the point of MOD 11-2)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const base = '99010520030417123';
        const valid = base + nationalIdCheckChar(base);
        const digit = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + digit + valid.slice(pos + 1);
        const result = parseNationalId(changed);
        expect('problem' in result).toBe(true);
      }),
    );
  });

  it('masks all but the first four and last four characters', () => {
    expect(maskNationalId('330106200001011234')).toBe('3301**********1234');
  });
});
