import { nationalIdCheckChar, type Platform, type SkillStandardTree } from '@onex/core';

export interface AssessmentFixture {
  teoId: string;
  certificateId: string;
  certificateCode: string;
  /** Published version 1 (levels 1 and 2) and a draft version 2. */
  publishedStandardId: string;
  draftStandardId: string;
  pilotInstitutionId: string;
  otherInstitutionId: string;
  /** Students of the pilot institution. */
  students: string[];
  /** A student of the institution without a pilot authorization. */
  outsider: string;
  social: string[];
}

const requirement = (t: string) => ({
  titleZh: t,
  behaviour: '行为',
  condition: '条件',
  standard: '标准',
  result: '结果',
});
const tree: SkillStandardTree = {
  titleZh: '测评职业技能等级标准',
  titleEn: 'Assessment test skill standard',
  levels: [1, 2].map((level) => ({
    level: level as 1 | 2,
    areas: [{ titleZh: '领域', tasks: [{ titleZh: '任务', requirements: [requirement('要求')] }] }],
  })),
};

/**
 * An approved TEO with an active certificate (level 1: theory and practical ≥ 60; level 2: a
 * weighted total ≥ 80), its standard (v1 published, v2 draft), two institutions and learners.
 * `prefix` keeps codes unique when a test seeds twice.
 */
export async function seedAssessmentFixture(platform: Platform, prefix = 'AS'): Promise<AssessmentFixture> {
  const teo = await platform.catalog.applyTeo({
    code: `T-${prefix}`,
    nameZh: '测评培训评价组织',
    nameEn: 'Assessment test TEO',
    orgType: 'ENTERPRISE',
  });
  await platform.catalog.transitionTeo(teo.id, { to: 'APPROVED' });
  const cert = await platform.catalog.createCertificate({
    code: `X-${prefix}`,
    teoId: teo.id,
    nameZh: 'Web前端开发',
    nameEn: 'Web Front-End Development',
    domain: 'IT',
    occupationCodes: ['4-04-04-02'],
    levels: [1, 2, 3].map((level) => ({
      level: level as 1 | 2 | 3,
      nameZh: ['初级', '中级', '高级'][level - 1]!,
      nameEn: ['Elementary', 'Intermediate', 'Advanced'][level - 1]!,
      intendedStage: 'HIGHER_VET' as const,
      targetMajors: ['510203'],
      nominalHours: 64 * level,
      passRule:
        level === 2
          ? { totalMin: 80, weights: { theory: 0.3, practical: 0.7 } }
          : { theoryMin: 60, practicalMin: 60 },
      eqf: 3 + level,
    })),
  });
  await platform.catalog.transitionCertificate(cert.id, 'PUBLIC_NOTICE');
  await platform.catalog.transitionCertificate(cert.id, 'ACTIVE');
  const v1 = await platform.catalog.createStandardVersion(cert.id, tree);
  await platform.catalog.publishStandard(v1.id);
  const v2 = await platform.catalog.createStandardVersion(cert.id, tree, v1.id);
  const institution = (code: string, nameZh: string) =>
    platform.programs.createInstitution({
      code,
      nameZh,
      nameEn: code,
      type: 'HIGHER_VET',
      provinceCode: '33',
      urbanRural: 'URBAN',
    });
  const pilot = await institution(`I-${prefix}-P`, '试点职业技术学院');
  const other = await institution(`I-${prefix}-O`, '非试点职业技术学院');
  let serial = 0;
  const nationalId = () => {
    const first17 = `330106200${(serial++ % 10).toString()}0101${(100 + serial).toString().padStart(3, '0')}`;
    return first17 + nationalIdCheckChar(first17);
  };
  const learners = await platform.programs.registerLearners([
    ...['甲', '乙', '丙', '丁', '戊', '己'].map((n) => ({
      kind: 'STUDENT' as const,
      nameZh: `学生${n}`,
      nationalId: nationalId(),
      institutionId: pilot.id,
    })),
    { kind: 'STUDENT' as const, nameZh: '外校生', nationalId: nationalId(), institutionId: other.id },
    { kind: 'SOCIAL' as const, nameZh: '社会学员一', nationalId: nationalId(), provinceCode: '33' },
    { kind: 'SOCIAL' as const, nameZh: '社会学员二', nationalId: nationalId(), provinceCode: '33' },
  ]);
  return {
    teoId: teo.id,
    certificateId: cert.id,
    certificateCode: cert.code,
    publishedStandardId: v1.id,
    draftStandardId: v2.id,
    pilotInstitutionId: pilot.id,
    otherInstitutionId: other.id,
    students: learners.slice(0, 6).map((l) => l.id),
    outsider: learners[6]!.id,
    social: learners.slice(7).map((l) => l.id),
  };
}
