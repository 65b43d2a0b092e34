import {
  type CoverageReport,
  findMajor,
  type MappingInput,
  type Platform,
  referenceCatalogDocument,
} from '@onex/core';
import { buildCurriculum } from '../demo/curriculum.ts';
import { webFrontEndMappings } from '../demo/mappings.ts';
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

/** The teaching table lives with the demo, which seeds the same kind of mappings. */
export { webFrontEndMappings };

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
