import {
  type CoverageReport,
  findMajor,
  type MappingInput,
  type Platform,
  type RequirementRef,
  referenceCatalogDocument,
} from '@onex/core';
import { buildCurriculum } from '../demo/curriculum.ts';
import { Rng } from '../demo/rng.ts';
import { demoStandardTree } from '../demo/standards.ts';

export interface CurriculumFixture {
  institutionId: string;
  programmeId: string;
  certificateCode: 'X-0102';
  level: 2;
  standardId: string;
  mappings: MappingInput[];
  coverage: CoverageReport;
}

/**
 * Which work areas of Web前端开发 a course of a 软件技术 plan teaches, and how much of each of their
 * requirements (a teacher's judgement written down; the worked example's starting point).
 */
const teaches: readonly { course: RegExp; area: RegExp; weight: number; kind: MappingInput['kind'] }[] = [
  { course: /网页设计基础/, area: /页面布局/, weight: 0.5, kind: 'EMBED' },
  { course: /网页设计基础/, area: /响应式/, weight: 0.3, kind: 'EMBED' },
  { course: /JavaScript 前端开发/, area: /JavaScript 交互/, weight: 0.6, kind: 'EMBED' },
  { course: /JavaScript 前端开发/, area: /页面布局/, weight: 0.3, kind: 'EMBED' },
  { course: /JavaScript 前端开发/, area: /前后端数据交互/, weight: 0.3, kind: 'EMBED' },
  { course: /Web 前端框架/, area: /前端框架应用/, weight: 0.6, kind: 'EMBED' },
  { course: /Web 前端框架/, area: /前端工程化/, weight: 0.2, kind: 'EMBED' },
  { course: /Web 应用开发/, area: /前后端数据交互/, weight: 0.3, kind: 'EMBED' },
  { course: /软件测试/, area: /前端工程化/, weight: 0.2, kind: 'EMBED' },
  { course: /移动应用开发/, area: /响应式/, weight: 0.3, kind: 'EMBED' },
  { course: /Git 版本控制/, area: /前端工程化/, weight: 0.2, kind: 'SUPPLEMENT' },
];

/** Mapping rows from the table above for the courses a plan has. */
export function webFrontEndMappings(
  courses: readonly { code: string; nameZh: string }[],
  requirements: readonly RequirementRef[],
  areaTitles: ReadonlyMap<string, string>,
): MappingInput[] {
  const out: MappingInput[] = [];
  for (const c of courses) {
    for (const r of requirements) {
      const area = areaTitles.get(r.code.split('.')[0]!) ?? '';
      const rule = teaches.find((t) => t.course.test(c.nameZh) && t.area.test(area));
      if (rule)
        out.push({ courseCode: c.code, requirementCode: r.code, kind: rule.kind, weight: rule.weight });
    }
  }
  return out;
}

/**
 * The worked example's setting on a fresh database: the national catalog, Web前端开发 (X-0102) with
 * its demo standard (seed 1, published), a synthetic 高职 institution with a 软件技术 (510203)
 * programme whose plan is the demo generator's (it keeps every rule of 教职成〔2019〕13号), and the
 * programme's courses mapped to the 中级 requirements by `webFrontEndMappings`.
 */
export async function seedCurriculumFixture(platform: Platform, suffix = '9001'): Promise<CurriculumFixture> {
  if (!(await platform.catalog.listCertificates()).some((c) => c.code === 'X-0102')) {
    await platform.catalog.importCatalog(referenceCatalogDocument());
  }
  const cert = await platform.catalog.getCertificate('X-0102');
  let standardId = (await platform.catalog.listStandards(cert.id))[0]?.id;
  if (!standardId) {
    const std = await platform.catalog.createStandardVersion(cert.id, demoStandardTree(1, cert));
    standardId = (await platform.catalog.publishStandard(std.id)).id;
  }
  const inst = await platform.programs.createInstitution({
    code: `SYN-44-${suffix}`,
    nameZh: '广州示例软件职业技术学院（示例）',
    nameEn: 'Guangzhou Example Software Polytechnic (demo)',
    type: 'HIGHER_VET',
    provinceCode: '44',
    urbanRural: 'URBAN',
    synthetic: true,
  });
  const major = findMajor('510203')!;
  const prog = await platform.programs.createProgramme(inst.id, {
    majorCode: major.code,
    cohortYear: 2026,
    hoursPerCredit: 16,
  });
  const plan = buildCurriculum(new Rng(7, 'worked-example'), major);
  const withCourses = await platform.programs.addCourses(
    prog.id,
    plan.map((c) => ({
      code: c.code,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      hours: c.hours,
      practiceHours: c.practiceHours,
      type: c.type,
      semester: c.semester,
    })),
  );
  const standard = await platform.catalog.getStandard(standardId);
  const areaTitles = new Map(
    standard.nodes.filter((n) => n.level === 2 && n.kind === 'AREA').map((n) => [n.code, n.titleZh]),
  );
  const before = await platform.curriculum.coverage(prog.id, 'X-0102', 2);
  const mappings = webFrontEndMappings(withCourses.courses, before.requirements, areaTitles);
  const coverage = await platform.curriculum.setMappings(prog.id, 'X-0102', 2, mappings);
  return {
    institutionId: inst.id,
    programmeId: prog.id,
    certificateCode: 'X-0102',
    level: 2,
    standardId,
    mappings,
    coverage,
  };
}
