import {
  type InstitutionType,
  type Major,
  majorCatalog,
  type Province,
  provinces,
  type UrbanRural,
} from '@onex/core';
import { courseDomainOf } from './curriculum.ts';
import {
  type CourseDomain,
  chineseNumerals,
  type Industry,
  industries,
  type Place,
  provincePlaces,
  tradeNames,
} from './places.ts';
import { allocate, Rng } from './rng.ts';

/**
 * Where the demo's institutions are, what kind they are, how many learners each has, and (drawn
 * lazily, one at a time, while streaming) their names and majors. Priors (DOMAIN.md §6.4–6.5):
 * provinces weighted by vocational enrolment; 高职 ~55 %, 中职 ~35 %, 职业本科 ~10 %; about 70 %
 * urban, more rural in the west and among 中职; 高职 schools ~5× the size of a 中职 school.
 */

export interface InstitutionPlan {
  /** Position in the dataset (0-based); the institution's randomness derives from it. */
  index: number;
  provinceCode: string;
  /** Sequence within the province: the `0012` of `SYN-44-0012`. */
  seq: number;
  type: InstitutionType;
  urbanRural: UrbanRural;
  learners: number;
}

const typeShares: readonly (readonly [InstitutionType, number])[] = [
  ['HIGHER_VET', 55],
  ['SECONDARY_VET', 35],
  ['VOCATIONAL_UNDERGRAD', 10],
];

/** Relative size (students) of one institution of each type [U]. */
const typeSize: Partial<Record<InstitutionType, number>> = {
  SECONDARY_VET: 1,
  HIGHER_VET: 5,
  VOCATIONAL_UNDERGRAD: 7,
};

const ruralBase: Partial<Record<InstitutionType, number>> = {
  SECONDARY_VET: 0.42,
  HIGHER_VET: 0.2,
  VOCATIONAL_UNDERGRAD: 0.08,
};
const ruralByRegion: Record<Province['region'], number> = { EAST: -0.08, CENTRAL: 0.03, WEST: 0.12 };

const provinceByCode = new Map(provinces.map((p) => [p.code, p]));

/** The institutions of a dataset, in province order (GB/T 2260), with their learner counts. */
export function planInstitutions(seed: number, count: number, learners: number): InstitutionPlan[] {
  const weights = provinces.map((p) => provincePlaces[p.code]?.weight ?? 10);
  const perProvince = allocate(count, weights);
  const typeCounts = allocate(
    count,
    typeShares.map(([, w]) => w),
  );
  const types = new Rng(seed, 'types').shuffle(
    typeShares.flatMap(([t], i) => Array<InstitutionType>(typeCounts[i]!).fill(t)),
  );
  const plans: InstitutionPlan[] = [];
  const sizes: number[] = [];
  provinces.forEach((p, pi) => {
    for (let seq = 1; seq <= perProvince[pi]!; seq++) {
      const index = plans.length;
      const rng = new Rng(seed, 'plan', index);
      const type = types[index]!;
      const rural =
        (ruralBase[type] ?? 0.2) + ruralByRegion[p.region] + (p.kind === 'MUNICIPALITY' ? -0.1 : 0);
      plans.push({
        index,
        provinceCode: p.code,
        seq,
        type,
        urbanRural: rng.chance(Math.min(0.8, Math.max(0.02, rural))) ? 'RURAL' : 'URBAN',
        learners: 0,
      });
      sizes.push((typeSize[type] ?? 1) * Math.exp(rng.normal(0, 0.35)));
    }
  });
  const perInstitution = allocate(learners, sizes);
  for (const plan of plans) plan.learners = perInstitution[plan.index]!;
  return plans;
}

export interface InstitutionProfile {
  code: string;
  nameZh: string;
  nameEn: string;
  isDoubleHigh: boolean;
  hoursPerCredit: number;
  industry: Industry;
  majors: Major[];
}

/** Which catalogue levels each institution type offers (as core's ProgramsService enforces). */
const majorLevels: Partial<Record<InstitutionType, readonly (readonly [Major['level'], number])[]>> = {
  SECONDARY_VET: [['SECONDARY_VET', 1]],
  HIGHER_VET: [['HIGHER_VET_SHORT', 1]],
  VOCATIONAL_UNDERGRAD: [
    ['VOCATIONAL_BACHELOR', 3],
    ['HIGHER_VET_SHORT', 1],
  ],
};

/** Majors offered far more often than others (DOMAIN.md §6.1: 705 of 1,560 高职 offer 计算机应用技术). */
const popularity: Record<string, number> = {
  '510201': 2.5,
  '710201': 2,
  '530302': 1.8,
  '520201': 1.5,
  '720201': 1.5,
  '530701': 1.5,
  '730701': 1.5,
};

const westLeaning: readonly CourseDomain[] = ['agriculture', 'eldercare', 'childcare'];
const eastLeaning: readonly CourseDomain[] = ['computing', 'electronics', 'ecommerce', 'media'];

const demoMark = { zh: '（示例）', en: ' (demo)' };

/**
 * Name, code, credit rule and majors of one planned institution. Names are made unique against
 * `usedNames` (which the caller keeps for the whole dataset) and end in （示例）.
 */
export function profileInstitution(
  seed: number,
  plan: InstitutionPlan,
  majorsPerInstitution: readonly [number, number],
  usedNames: Set<string>,
): InstitutionProfile {
  const rng = new Rng(seed, 'inst', plan.index);
  const province = provinceByCode.get(plan.provinceCode)!;
  const places = provincePlaces[plan.provinceCode] ?? {
    weight: 10,
    short: [province.nameZh, province.nameEn] as Place,
    cities: [[province.nameZh, province.nameEn] as Place],
    counties: [[province.nameZh, province.nameEn] as Place],
  };
  const industry = rng.pick(industries);
  let nameZh = '';
  let nameEn = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    [nameZh, nameEn] = institutionName(rng, plan, places, industry);
    if (!usedNames.has(nameZh)) break;
  }
  if (usedNames.has(nameZh)) {
    nameZh = `${nameZh}${plan.seq}`;
    nameEn = `${nameEn} ${plan.seq}`;
  }
  usedNames.add(nameZh);

  const options = (majorLevels[plan.type] ?? [['HIGHER_VET_SHORT', 1]]).flatMap(([level, w]) =>
    majorCatalog.majors.filter((m) => m.level === level).map((m) => ({ m, w })),
  );
  const weight = ({ m, w }: { m: Major; w: number }) => {
    const domain = courseDomainOf(m);
    let x = w * (popularity[m.code] ?? 1);
    if (industry.leansTo.includes(domain)) x *= 4;
    if (province.region === 'WEST' && westLeaning.includes(domain)) x *= 1.8;
    if (province.region === 'EAST' && eastLeaning.includes(domain)) x *= 1.3;
    return x;
  };
  const k = Math.min(options.length, rng.int(majorsPerInstitution[0], majorsPerInstitution[1]));
  const majors = rng
    .weightedSample(options, k, weight)
    .map((o) => o.m)
    .sort((a, b) => a.code.localeCompare(b.code));

  return {
    code: `SYN-${plan.provinceCode}-${String(plan.seq).padStart(4, '0')}`,
    nameZh: nameZh + demoMark.zh,
    nameEn: nameEn + demoMark.en,
    isDoubleHigh: plan.type === 'HIGHER_VET' && plan.urbanRural === 'URBAN' && rng.chance(0.12),
    hoursPerCredit: rng.int(16, 18),
    industry,
    majors,
  };
}

function institutionName(
  rng: Rng,
  plan: InstitutionPlan,
  places: { short: Place; cities: readonly Place[]; counties: readonly Place[] },
  industry: Industry,
): [string, string] {
  const city = rng.pick(places.cities);
  const county = rng.pick(places.counties);
  const trade = rng.pick(tradeNames);
  const [prov, provEn] = places.short;
  switch (plan.type) {
    case 'SECONDARY_VET':
    case 'TECHNICAL_SCHOOL': {
      if (plan.urbanRural === 'RURAL') {
        return rng.pick<[string, string]>([
          [`${county[0]}职业教育中心`, `${county[1]} Vocational Education Centre`],
          [`${county[0]}职业高级中学`, `${county[1]} Vocational High School`],
          [`${county[0]}${industry.zh}职业学校`, `${county[1]} ${industry.en} Vocational School`],
          [`${county[0]}${trade[0]}职业学校`, `${county[1]} ${trade[1]} Vocational School`],
        ]);
      }
      const n = rng.int(1, chineseNumerals.length);
      return rng.pick<[string, string]>([
        [`${city[0]}${industry.zh}中等专业学校`, `${city[1]} ${industry.en} Secondary Vocational School`],
        [`${city[0]}${trade[0]}职业学校`, `${city[1]} ${trade[1]} Vocational School`],
        [`${city[0]}第${chineseNumerals[n - 1]}职业高级中学`, `${city[1]} No. ${n} Vocational High School`],
        [
          `${city[0]}${trade[0]}${industry.zh}职业学校`,
          `${city[1]} ${trade[1]} ${industry.en} Vocational School`,
        ],
      ]);
    }
    case 'HIGHER_VET':
      return rng.pick<[string, string]>([
        [
          `${city[0]}${industry.zh}职业技术学院`,
          `${city[1]} ${industry.en} Vocational and Technical College`,
        ],
        [`${city[0]}${trade[0]}职业学院`, `${city[1]} ${trade[1]} Vocational College`],
        [`${prov}${industry.zh}职业技术学院`, `${provEn} ${industry.en} Vocational and Technical College`],
        [
          `${prov}${trade[0]}${industry.zh}职业学院`,
          `${provEn} ${trade[1]} ${industry.en} Vocational College`,
        ],
      ]);
    default:
      return rng.pick<[string, string]>([
        [`${prov}${industry.zh}职业技术大学`, `${provEn} ${industry.en} Vocational University of Technology`],
        [`${city[0]}${trade[0]}职业技术大学`, `${city[1]} ${trade[1]} Vocational University of Technology`],
        [`${prov}${trade[0]}职业大学`, `${provEn} ${trade[1]} Vocational University`],
      ]);
  }
}
