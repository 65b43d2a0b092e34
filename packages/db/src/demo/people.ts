import { nationalIdCheckChar } from '@onex/core';
import type { Rng } from './rng.ts';

/**
 * Demo people: Chinese names from common surnames and given-name characters, and resident ID
 * numbers (GB 11643) that are well-formed (valid birth date, ISO 7064 MOD 11-2 check character)
 * yet can never belong to a real person.
 *
 * Why they can never be real: the first two digits of a resident ID number are the province part
 * of the GB/T 2260 administrative-division code, and GB/T 2260 assigns no code starting with 9
 * (mainland provinces are 11–65; 71, 81 and 82 are Taiwan, Hong Kong and Macao). The 2023-format
 * foreign permanent residence ID card does start with 9, but its next two digits are again a
 * GB/T 2260 province code, so it cannot start with 99 either. Every demo ID therefore starts
 * with `99`, which also makes demo rows easy to spot and to delete.
 */

/** Surnames with rough relative frequencies (per mille of the population) [U: approximate]. */
const surnames: readonly (readonly [string, number])[] = [
  ['王', 71],
  ['李', 70],
  ['张', 67],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 21],
  ['赵', 20],
  ['吴', 19],
  ['周', 18],
  ['徐', 13],
  ['孙', 13],
  ['马', 12],
  ['朱', 11],
  ['胡', 11],
  ['郭', 11],
  ['何', 10],
  ['林', 10],
  ['高', 10],
  ['罗', 9],
  ['郑', 8.5],
  ['梁', 8.4],
  ['谢', 7],
  ['宋', 6.8],
  ['唐', 6.5],
  ['许', 6],
  ['韩', 5.8],
  ['邓', 5.6],
  ['冯', 5.5],
  ['曹', 5],
  ['彭', 5],
  ['曾', 4.8],
  ['肖', 4.7],
  ['田', 4.6],
  ['董', 4.5],
  ['潘', 4.2],
  ['袁', 4.1],
  ['蔡', 4],
  ['蒋', 3.9],
  ['余', 3.8],
  ['于', 3.7],
  ['杜', 3.6],
  ['叶', 3.5],
  ['程', 3.4],
  ['魏', 3.3],
  ['苏', 3.2],
  ['吕', 3.1],
  ['丁', 3],
  ['任', 3],
  ['卢', 2.9],
  ['姚', 2.8],
  ['沈', 2.8],
  ['钟', 2.7],
  ['姜', 2.6],
  ['崔', 2.5],
  ['谭', 2.5],
  ['陆', 2.4],
  ['范', 2.3],
  ['汪', 2.2],
  ['廖', 2.2],
  ['石', 2.1],
  ['金', 2],
  ['韦', 2],
  ['贾', 2],
  ['夏', 1.9],
  ['付', 1.9],
  ['方', 1.8],
  ['邹', 1.7],
  ['熊', 1.7],
  ['白', 1.6],
  ['孟', 1.6],
  ['秦', 1.6],
  ['邱', 1.6],
  ['侯', 1.5],
  ['江', 1.5],
  ['尹', 1.5],
  ['薛', 1.4],
  ['闫', 1.4],
  ['段', 1.4],
  ['雷', 1.4],
  ['龙', 1.3],
  ['黎', 1.3],
  ['史', 1.3],
  ['陶', 1.3],
  ['贺', 1.2],
  ['毛', 1.2],
  ['郝', 1.2],
  ['顾', 1.2],
  ['龚', 1.2],
  ['邵', 1.1],
  ['万', 1.1],
  ['覃', 1.1],
  ['武', 1.1],
  ['钱', 1],
  ['戴', 1],
  ['严', 1],
  ['莫', 0.9],
  ['孔', 0.9],
  ['向', 0.9],
  ['常', 0.9],
  ['欧阳', 0.3],
  ['上官', 0.05],
];
const surnameTotal = surnames.reduce((s, [, w]) => s + w, 0);

const maleChars = [
  ...'伟强磊军洋勇杰涛明超俊浩宇轩博鹏辉鑫斌晨阳凯健帅翔龙瑞泽睿航锦皓铭哲奕峰毅恒昊然诚成旭坤林栋',
];
const femaleChars = [...'芳娜敏静丽婷雪颖琳欣怡雨萱涵晴璐佳悦琪瑶梦洁蕾倩雅彤诗妍婉慧丹霞薇莹月菲琳岚露蓉钰'];
const neutralChars = [...'子梓一思嘉家文安心若可语宇晨'];

/** A common-looking Chinese name for the given gender. */
export function chineseName(rng: Rng, gender: 'F' | 'M'): string {
  let r = rng.next() * surnameTotal;
  let surname = surnames[0]![0];
  for (const [s, w] of surnames) {
    r -= w;
    if (r < 0) {
      surname = s;
      break;
    }
  }
  const own = gender === 'M' ? maleChars : femaleChars;
  if (rng.chance(0.18)) return surname + rng.pick(own);
  const first = rng.chance(0.3) ? rng.pick(neutralChars) : rng.pick(own);
  return surname + first + rng.pick(own);
}

const dayMs = 86_400_000;
const epoch = Date.UTC(2000, 0, 1);

/** Day number (days since 2000-01-01) of a date. */
export function dayNumber(year: number, month = 1, day = 1): number {
  return Math.round((Date.UTC(year, month - 1, day) - epoch) / dayMs);
}

/** Learners per (area, sequence) block; `idCapacity` is the most learners one dataset can have. */
const areaSlots = 10_000;
const sequenceSlots = 500;
const dayResidues = 16;
const block = areaSlots * sequenceSlots;
export const idCapacity = block * dayResidues;

export interface SyntheticId {
  nationalId: string;
  birthYear: number;
  gender: 'F' | 'M';
}

/**
 * The ID number of the `n`-th learner of a dataset (0 ≤ n < idCapacity), unique by construction:
 * `n` is spread over the sequence number (its parity is the gender, odd = male), the four area
 * digits after `99` and the birth day modulo 16, so two learners never share all three.
 * The birth day is drawn from [fromDay, toDay] (day numbers, at least 32 days apart);
 * `salt` (any integer) shuffles the slots per dataset.
 */
export function syntheticNationalId(
  n: number,
  rng: Rng,
  range: { fromDay: number; toDay: number },
  gender: 'F' | 'M',
  salt: number,
): SyntheticId {
  if (!Number.isInteger(n) || n < 0 || n >= idCapacity)
    throw new RangeError(`learner number ${n} out of range`);
  const residue = Math.floor(n / block);
  const rest = n % block;
  // Multiplying by a number prime to the modulus permutes the slots: 293 ⊥ 500 and 7919 ⊥ 10,000.
  const s = Math.abs(Math.trunc(salt));
  const half = ((rest % sequenceSlots) * 293 + (s % sequenceSlots)) % sequenceSlots;
  const area = (Math.floor(rest / sequenceSlots) * 7919 + (s % areaSlots)) % areaSlots;
  const sequence = half * 2 + (gender === 'M' ? 1 : 0);
  let day = rng.int(range.fromDay, range.toDay);
  day = day - (((day % dayResidues) + dayResidues) % dayResidues) + residue;
  if (day > range.toDay) day -= dayResidues;
  if (day < range.fromDay) day += dayResidues;
  const date = new Date(epoch + day * dayMs);
  const y = date.getUTCFullYear();
  const ymd = `${y}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
  const first17 = `99${String(area).padStart(4, '0')}${ymd}${String(sequence).padStart(3, '0')}`;
  return { nationalId: first17 + nationalIdCheckChar(first17), birthYear: y, gender };
}
