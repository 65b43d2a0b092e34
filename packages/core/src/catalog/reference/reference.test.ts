import { describe, expect, it } from 'vitest';
import {
  checkReferenceData,
  findMajor,
  findMajorClass,
  findMajorGroup,
  findOccupation,
  findProvince,
  findReferenceTeo,
  isMajorCode,
  isOccupationCode,
  majorCatalog,
  majorLevelOf,
  occupations,
  provinces,
  type ReferenceData,
  referenceCertificates,
  referenceTeos,
} from './reference.ts';

const countBy = <T>(items: readonly T[], key: (t: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};

describe('provinces', () => {
  it('lists the 31 mainland province-level units with unique GB/T 2260 codes', () => {
    expect(provinces).toHaveLength(31);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(31);
    expect(findProvince('11')?.nameZh).toBe('北京市');
    expect(findProvince('44')?.nameEn).toBe('Guangdong');
    expect(findProvince('71')).toBeUndefined();
  });

  it('counts 22 provinces, 5 autonomous regions and 4 municipalities', () => {
    expect(countBy(provinces, (p) => p.kind)).toEqual({
      PROVINCE: 22,
      AUTONOMOUS_REGION: 5,
      MUNICIPALITY: 4,
    });
  });

  it('splits the provinces 11/8/12 into east, central and west as NBS does', () => {
    expect(countBy(provinces, (p) => p.region)).toEqual({ EAST: 11, CENTRAL: 8, WEST: 12 });
    const central = provinces.filter((p) => p.region === 'CENTRAL').map((p) => p.code);
    expect(central).toEqual(['14', '22', '23', '34', '36', '41', '42', '43']);
  });

  it('splits the provinces 10/6/12/3 in the four-region scheme with Liaoning, Jilin and Heilongjiang in the northeast', () => {
    expect(countBy(provinces, (p) => p.region4)).toEqual({ EAST: 10, CENTRAL: 6, WEST: 12, NORTHEAST: 3 });
    expect(provinces.filter((p) => p.region4 === 'NORTHEAST').map((p) => p.nameZh)).toEqual([
      '辽宁省',
      '吉林省',
      '黑龙江省',
    ]);
  });

  it('marks no province as synthetic', () => {
    expect(provinces.every((p) => !p.synthetic)).toBe(true);
  });
});

describe('major catalogue', () => {
  it('has the 19 major groups numbered 41 to 59 in catalogue order', () => {
    const { groups } = majorCatalog;
    expect(groups).toHaveLength(19);
    expect(groups.map((g) => g.code)).toEqual(Array.from({ length: 19 }, (_, i) => String(41 + i)));
    expect(findMajorGroup('41')?.nameZh).toBe('农林牧渔大类');
    expect(findMajorGroup('53')?.nameZh).toBe('财经商贸大类');
    expect(findMajorGroup('56')?.nameZh).toBe('新闻传播大类');
  });

  it('finds a group by its 中职 and 职业本科 codes as well', () => {
    expect(findMajorGroup('71')).toBe(findMajorGroup('51'));
    expect(findMajorGroup('31')).toBe(findMajorGroup('51'));
    expect(findMajorGroup('60')).toBeUndefined();
  });

  it('places 510203 软件技术 in class 5102 计算机类 of group 51 电子与信息', () => {
    const major = findMajor('510203');
    expect(major).toMatchObject({
      nameZh: '软件技术',
      classCode: '5102',
      groupCode: '51',
      level: 'HIGHER_VET_SHORT',
      catalogVersion: '2021',
      confidence: 'S',
      synthetic: false,
    });
    expect(findMajorClass('5102')?.nameZh).toBe('计算机类');
    expect(findMajorGroup('51')?.nameZh).toBe('电子与信息大类');
  });

  it('tags exactly the four majors DOMAIN.md confirms as sourced', () => {
    const sourced = majorCatalog.majors.filter((m) => m.confidence === 'S').map((m) => m.code);
    expect(sourced.sort()).toEqual(['410101', '510203', '530302', '560213']);
    expect(findMajor('560213')?.nameZh).toBe('融媒体技术与运营');
  });

  it('has enough majors for the demo, across all three levels', () => {
    expect(majorCatalog.majors.length).toBeGreaterThanOrEqual(25);
    const levels = countBy(majorCatalog.majors, (m) => m.level);
    expect(levels['SECONDARY_VET']).toBeGreaterThanOrEqual(3);
    expect(levels['VOCATIONAL_BACHELOR']).toBeGreaterThanOrEqual(2);
  });

  it('gives every major a code inside its class and group that fits its level range', () => {
    for (const m of majorCatalog.majors) {
      expect(m.code.startsWith(m.classCode), m.code).toBe(true);
      expect(m.classCode.startsWith(m.groupCode), m.code).toBe(true);
      expect(majorLevelOf(m.code), m.code).toBe(m.level);
      expect(findMajorClass(m.classCode), m.code).toBeDefined();
      expect(findMajorGroup(m.groupCode), m.code).toBeDefined();
    }
  });
});

describe('occupations', () => {
  it('belongs to the 2022 edition and holds about 20 to 30 occupations', () => {
    expect(occupations.edition).toBe(2022);
    expect(occupations.items.length).toBeGreaterThanOrEqual(20);
    expect(occupations.items.length).toBeLessThanOrEqual(30);
    expect(occupations.items.every((o) => o.edition === 2022)).toBe(true);
  });

  it('gives every occupation a unique code that matches D-DD-DD-DD', () => {
    for (const o of occupations.items) expect(o.code).toMatch(/^[1-8]-\d{2}-\d{2}-\d{2}$/);
    expect(new Set(occupations.items.map((o) => o.code)).size).toBe(occupations.items.length);
  });

  it('tags only the two pairs DOMAIN.md confirms as sourced, both digital', () => {
    const sourced = occupations.items.filter((o) => o.confidence === 'S');
    expect(sourced.map((o) => [o.code, o.nameZh, o.markers])).toEqual([
      ['4-04-04-02', '网络与信息安全管理员', ['S']],
      ['4-13-01-05', '全媒体运营师', ['S']],
    ]);
  });

  it('marks every occupation of uncertain code as synthetic', () => {
    for (const o of occupations.items.filter((x) => x.confidence === 'U'))
      expect(o.synthetic, o.code).toBe(true);
    expect(findOccupation('4-04-05-02')?.synthetic).toBe(true);
  });
});

describe('reference certificates', () => {
  const teoName = (teoCode: string) => findReferenceTeo(teoCode)?.nameZh ?? '';
  const shortName = (teoCode: string) => {
    const teo = findReferenceTeo(teoCode);
    return teo?.shortNameZh ?? teo?.nameZh ?? '';
  };

  it('lists 16 certificates: 6 in batch 1 from 5 TEOs and 10 in batch 2 from 10 TEOs', () => {
    expect(referenceCertificates).toHaveLength(16);
    const batch1 = referenceCertificates.filter((c) => c.batch === 1);
    const batch2 = referenceCertificates.filter((c) => c.batch === 2);
    expect(batch1).toHaveLength(6);
    expect(batch2).toHaveLength(10);
    expect(new Set(batch1.map((c) => c.teoCode)).size).toBe(5);
    expect(new Set(batch2.map((c) => c.teoCode)).size).toBe(10);
    expect(referenceTeos).toHaveLength(15);
  });

  it('assigns each certificate to the TEO that DOMAIN.md §3.1 names', () => {
    const byName = Object.fromEntries(referenceCertificates.map((c) => [c.nameZh, shortName(c.teoCode)]));
    expect(byName).toEqual({
      '建筑信息模型（BIM）': '廊坊市中科建筑产业化创新研究中心',
      Web前端开发: '工业和信息化部教育与考试中心',
      物流管理: '北京中物联物流采购培训中心',
      老年照护: '北京中福长者文化科技有限公司',
      汽车运用与维修: '北京中车行高新技术有限公司',
      智能新能源汽车: '北京中车行高新技术有限公司',
      电子商务数据分析: '北京博导前程',
      网店运营推广: '北京鸿科经纬',
      工业机器人操作与运维: '北京新奥时代',
      工业机器人应用编程: '北京赛育达',
      特殊焊接技术: '中船舰客教育科技',
      智能财税: '中联集团教育科技',
      母婴护理: '济南阳光大姐',
      传感网应用开发: '北京新大陆时代',
      失智老年人照护: '北京中民福祉',
      云计算平台运维与开发: '南京第五十五所技术开发有限公司',
    });
    for (const teo of referenceTeos) {
      if (teo.shortNameZh) expect(teo.nameZh.startsWith(teo.shortNameZh), teo.code).toBe(true);
    }
  });

  it('notes the association named next to the 老年照护 TEO', () => {
    const elderly = referenceCertificates.find((c) => c.nameZh === '老年照护');
    const teo = findReferenceTeo(elderly?.teoCode ?? '');
    expect(teoName(teo?.code ?? '')).toBe('北京中福长者文化科技有限公司');
    expect(teo?.notes).toContain('中国社会福利与养老服务协会');
  });

  it('gives every certificate the levels 1, 2, 3 named 初级, 中级, 高级', () => {
    for (const c of referenceCertificates) {
      expect(
        c.levels.map((l) => [l.level, l.nameZh, l.nameEn]),
        c.code,
      ).toEqual([
        [1, '初级', 'Elementary'],
        [2, '中级', 'Intermediate'],
        [3, '高级', 'Advanced'],
      ]);
      expect(c.fullNameZh).toBe(`${c.nameZh}职业技能等级证书`);
    }
  });

  it('copies the pilot-institution counts of the DOMAIN.md §3.1 table and leaves the missing ones null', () => {
    const pilots = Object.fromEntries(referenceCertificates.map((c) => [c.nameZh, c.pilotInstitutions]));
    expect(pilots['Web前端开发']).toBe(424);
    expect(pilots['网店运营推广']).toBe(570);
    expect(pilots['特殊焊接技术']).toBe(155);
    expect(pilots['失智老年人照护']).toBeNull();
    expect(pilots['云计算平台运维与开发']).toBeNull();
  });

  it('uses the synthetic catalogue code X-BBSS with the batch as its first two digits', () => {
    for (const c of referenceCertificates) {
      expect(c.code).toMatch(/^X-\d{4}$/);
      expect(Number(c.code.slice(2, 4)), c.code).toBe(c.batch);
      expect(c.syntheticFields).toContain('code');
    }
    expect(new Set(referenceCertificates.map((c) => c.code)).size).toBe(16);
  });

  it('gives at least one certificate a weighted-total pass rule and marks pass rules as synthetic', () => {
    const weighted = referenceCertificates.filter((c) =>
      c.levels.some((l) => l.passRule.totalMin !== undefined && l.passRule.weights !== undefined),
    );
    expect(weighted.length).toBeGreaterThanOrEqual(1);
    for (const c of weighted) expect(c.syntheticFields).toContain('levels.passRule');
  });
});

describe('cross references', () => {
  it('resolves every TEO, occupation and target major a certificate names', () => {
    for (const c of referenceCertificates) {
      expect(findReferenceTeo(c.teoCode), c.code).toBeDefined();
      for (const code of c.occupationCodes) expect(findOccupation(code), `${c.code} ${code}`).toBeDefined();
      for (const level of c.levels) {
        expect(level.targetMajors.length, c.code).toBeGreaterThan(0);
        for (const code of level.targetMajors) expect(findMajor(code), `${c.code} ${code}`).toBeDefined();
      }
    }
  });

  it('finds no problem in the shipped data', () => {
    const data: ReferenceData = {
      provinces,
      majorCatalog,
      occupations,
      teos: referenceTeos,
      certificates: referenceCertificates,
    };
    expect(checkReferenceData(data)).toEqual([]);
  });

  it('reports a dangling major, an unknown TEO and a duplicate code in an edited copy', () => {
    const [first, ...rest] = referenceCertificates;
    if (!first) throw new Error('no certificates');
    const [level1, ...levels] = first.levels;
    if (!level1) throw new Error('no levels');
    const broken = {
      ...first,
      teoCode: 'TEO-9999',
      levels: [{ ...level1, targetMajors: ['519999'] }, ...levels],
    };
    const data: ReferenceData = {
      provinces: [...provinces, provinces[0]!],
      majorCatalog,
      occupations,
      teos: referenceTeos,
      certificates: [broken, ...rest],
    };
    expect(checkReferenceData(data).map((i) => i.path)).toEqual([
      'provinces',
      'certificates.0.teoCode',
      'certificates.0.levels.0.targetMajors.0',
    ]);
  });

  it('uses only SYN-prefixed USCCs, which no real code can have because S is outside the GB 32100 alphabet', () => {
    for (const teo of referenceTeos) {
      expect(teo.uscc).toMatch(/^SYN[0-9A-Z]{15}$/);
      expect(teo.syntheticFields).toContain('uscc');
    }
  });
});

describe('code validators', () => {
  it('accepts well-formed major codes and checks the group range against the level', () => {
    expect(isMajorCode('510203')).toBe(true);
    expect(isMajorCode('510203', 'HIGHER_VET_SHORT')).toBe(true);
    expect(isMajorCode('710201', 'SECONDARY_VET')).toBe(true);
    expect(isMajorCode('310201', 'VOCATIONAL_BACHELOR')).toBe(true);
    expect(isMajorCode('510203', 'SECONDARY_VET')).toBe(false);
    expect(isMajorCode('710201', 'HIGHER_VET_SHORT')).toBe(false);
  });

  it('rejects major codes of the wrong length or outside every group range', () => {
    for (const bad of ['51020', '5102030', '910203', '401203', '601203', '200101', 'a10203', '']) {
      expect(isMajorCode(bad), bad).toBe(false);
    }
  });

  it('accepts well-formed occupation codes and rejects malformed ones', () => {
    expect(isOccupationCode('4-04-05-02')).toBe(true);
    expect(isOccupationCode('8-00-00-00')).toBe(true);
    for (const bad of [
      '4-04-05',
      'a-04-05-02',
      '9-04-05-02',
      '0-04-05-02',
      '4-04-05-02-01',
      '4-4-05-02',
      '',
    ]) {
      expect(isOccupationCode(bad), bad).toBe(false);
    }
  });
});
