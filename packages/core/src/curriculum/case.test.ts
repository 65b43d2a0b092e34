import { describe, expect, it } from 'vitest';
import { flattenStandard, type SkillStandardTree, type SkillStandardWithNodes } from '../catalog/index.ts';
import { DomainError } from '../shared/index.ts';
import { parseCasePackage, toCasePackage } from './case.ts';

const tree: SkillStandardTree = {
  titleZh: 'Web前端开发职业技能等级标准',
  titleEn: 'Web Front-End Development: Vocational Skill Level Standard',
  levels: [1, 2].map((level) => ({
    level: level as 1 | 2,
    areas: [
      {
        titleZh: '页面布局与样式',
        titleEn: 'Page layout and styling',
        tasks: [
          {
            titleZh: 'Flex 弹性布局',
            requirements: [
              {
                titleZh: '能用 Flex 布局',
                titleEn: 'Flexbox',
                behaviour: '行为，含逗号',
                condition: '条件',
                standard: '标准\n两行',
                result: '结果',
              },
              { titleZh: '能调试布局', behaviour: 'b', condition: 'c', standard: 's', result: 'r' },
            ],
          },
        ],
      },
      {
        titleZh: '响应式设计',
        tasks: [
          {
            titleZh: '媒体查询',
            requirements: [{ titleZh: '断点', behaviour: '', condition: '', standard: '', result: '' }],
          },
        ],
      },
    ],
  })),
};
const standard: SkillStandardWithNodes = {
  id: 'std_1',
  certificateId: 'cert_1',
  version: 3,
  status: 'PUBLISHED',
  titleZh: tree.titleZh,
  titleEn: tree.titleEn,
  basedOnId: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  publishedAt: new Date('2026-02-01T00:00:00Z'),
  nodes: flattenStandard(tree),
};
const cert = {
  code: 'X-0102',
  nameZh: 'Web前端开发',
  teo: {
    id: 't',
    code: 'TEO-0002',
    nameZh: '工信部教育与考试中心',
    nameEn: 'x',
    status: 'APPROVED' as const,
  },
};

function issues(input: unknown): { code: string; paths: string[] } {
  try {
    parseCasePackage(input);
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, paths: (e.details.issues ?? []).map((i) => i.path) };
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('CASE 1.1', () => {
  it('exports a CFPackage whose items carry codes, types and isChildOf associations', () => {
    const pkg = toCasePackage(standard, cert);
    expect(pkg.CFDocument).toMatchObject({
      title: tree.titleZh,
      subject: ['X-0102'],
      adoptionStatus: 'Adopted',
      version: '3',
    });
    expect(pkg.CFItems).toHaveLength(2 + standard.nodes.length);
    expect(pkg.CFItems.find((i) => i.humanCodingScheme === '1.1.1')).toMatchObject({
      CFItemType: 'Skill Requirement',
      fullStatement: '能用 Flex 布局',
    });
    expect(pkg.CFAssociations.every((a) => a.associationType === 'isChildOf')).toBe(true);
    expect(new Set(pkg.CFItems.map((i) => i.identifier)).size).toBe(pkg.CFItems.length);
  });

  it('reads back every OneX field of every node through JSON text (lossless round trip)', () => {
    const back = parseCasePackage(JSON.parse(JSON.stringify(toCasePackage(standard, cert))));
    expect(back.certificateCode).toBe('X-0102');
    expect(back.adopted).toBe(true);
    expect(back.tree.titleEn).toBe(tree.titleEn);
    expect(back.nodes).toEqual(standard.nodes);
  });

  it('refuses a package that is not a CFPackage, naming the JSON paths', () => {
    expect(issues({ CFDocument: {} })).toEqual({
      code: 'CURRICULUM_CASE_MALFORMED',
      paths: ['CFDocument.identifier', 'CFDocument.title', 'CFItems', 'CFAssociations'],
    });
    expect(issues('not json').code).toBe('CURRICULUM_CASE_MALFORMED');
  });

  it('refuses dangling parents, unknown item types and requirements hung under an area', () => {
    const pkg = toCasePackage(standard, cert);
    const req = pkg.CFItems.findIndex((i) => i.humanCodingScheme === '1.1.1');
    const area = pkg.CFItems.find((i) => i.humanCodingScheme === '1' && i.extensions?.['onex'])!;
    const broken = structuredClone(pkg);
    broken.CFItems[req + 1]!.CFItemType = 'Widget';
    delete broken.CFItems[req + 1]!.extensions;
    const assoc = broken.CFAssociations.find(
      (a) => a.originNodeURI.identifier === broken.CFItems[req]!.identifier,
    )!;
    assoc.destinationNodeURI = { ...assoc.destinationNodeURI, identifier: area.identifier };
    const last = broken.CFAssociations.at(-1)!;
    last.destinationNodeURI = { ...last.destinationNodeURI, identifier: 'nope' };
    const got = issues(broken);
    expect(got.code).toBe('CURRICULUM_CASE_MALFORMED');
    expect(got.paths).toEqual(
      expect.arrayContaining([
        `CFItems.${req + 1}.CFItemType`,
        `CFItems.${req}`,
        `CFAssociations.${broken.CFAssociations.length - 1}.destinationNodeURI`,
      ]),
    );
  });
});
