import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/index.ts';
import type { SkillStandardTree, SkillStandardWithNodes } from './catalog.model.ts';
import {
  assertTransition,
  assertVoluntaryExitAllowed,
  buildStandardTree,
  diffStandards,
  flattenStandard,
  teoTransitions,
} from './catalog.rules.ts';

const req = (t: string) => ({
  titleZh: t,
  behaviour: `能${t}`,
  condition: '给定环境',
  standard: '符合规范',
  result: '完成',
});
const tree: SkillStandardTree = {
  titleZh: 'Web前端开发职业技能等级标准',
  titleEn: 'Web front-end development skill standard',
  levels: [
    {
      level: 1,
      areas: [
        {
          titleZh: '静态网页开发',
          tasks: [{ titleZh: '页面布局', requirements: [req('使用 HTML 搭建结构'), req('使用 CSS 排版')] }],
        },
        { titleZh: '交互', tasks: [{ titleZh: '脚本', requirements: [req('编写 JavaScript')] }] },
      ],
    },
  ],
};

const version = (id: string, v: number, t: SkillStandardTree): SkillStandardWithNodes => ({
  id,
  certificateId: 'cert_1',
  version: v,
  status: 'PUBLISHED',
  titleZh: t.titleZh,
  titleEn: t.titleEn,
  basedOnId: null,
  createdAt: new Date(0),
  publishedAt: new Date(0),
  nodes: flattenStandard(t),
});

describe('skill standard trees', () => {
  it('numbers work areas, tasks and requirements 1, 1.1, 1.1.1 by position', () => {
    const nodes = flattenStandard(tree);
    expect(nodes.map((n) => `${n.kind}:${n.code}`)).toEqual([
      'AREA:1',
      'TASK:1.1',
      'REQUIREMENT:1.1.1',
      'REQUIREMENT:1.1.2',
      'AREA:2',
      'TASK:2.1',
      'REQUIREMENT:2.1.1',
    ]);
    expect(nodes[2]).toMatchObject({
      behaviour: '能使用 HTML 搭建结构',
      condition: '给定环境',
      standard: '符合规范',
      result: '完成',
    });
  });

  it('rebuilds the same tree from its flat nodes', () => {
    const rebuilt = buildStandardTree(version('s1', 1, tree));
    expect(flattenStandard(rebuilt)).toEqual(flattenStandard(tree));
  });

  it('reports every bad code, duplicate and empty branch with its path', () => {
    const bad: SkillStandardTree = {
      titleZh: 'x',
      titleEn: 'x',
      levels: [
        {
          level: 2,
          areas: [
            { code: '1', titleZh: 'a', tasks: [{ code: '2.1', titleZh: 't', requirements: [] }] },
            { code: '1', titleZh: 'b', tasks: [] },
          ],
        },
      ],
    };
    try {
      flattenStandard(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const paths = (e as DomainError).details.issues?.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'levels.0.areas.0.tasks.0.code',
          'levels.0.areas.0.tasks.0.requirements',
          'levels.0.areas.1.code',
          'levels.0.areas.1.tasks',
        ]),
      );
    }
  });
});

describe('comparing two versions', () => {
  it('lists added, removed and changed requirements by level and code', () => {
    const next: SkillStandardTree = structuredClone(tree);
    // Requirement 1.1.1 dropped, 1.1.2 keeps its code with a stricter standard, 2.1.2 is new.
    next.levels[0]!.areas[0]!.tasks[0]!.requirements = [
      { ...req('使用 CSS 排版'), code: '1.1.2', standard: '符合 W3C 规范' },
    ];
    next.levels[0]!.areas[1]!.tasks[0]!.requirements.push(req('调试脚本'));
    const diff = diffStandards(version('s1', 1, tree), version('s2', 2, next));
    expect(diff.added.map((n) => n.code)).toEqual(['2.1.2']);
    expect(diff.removed.map((n) => n.code)).toEqual(['1.1.1']);
    expect(diff.changed.map((c) => [c.code, c.fields])).toEqual([['1.1.2', ['standard']]]);
  });

  it('finds no change between a version and itself', () => {
    const diff = diffStandards(version('s1', 1, tree), version('s2', 2, tree));
    expect(diff).toMatchObject({ added: [], removed: [], changed: [] });
  });
});

describe('TEO lifecycle', () => {
  it('allows approval of an application and refuses to revive an exited TEO', () => {
    expect(() => assertTransition(teoTransitions, 'TEO', 'APPLIED', 'APPROVED')).not.toThrow();
    expect(() => assertTransition(teoTransitions, 'TEO', 'EXITED', 'APPROVED')).toThrow(
      expect.objectContaining({ code: 'CATALOG_INVALID_TRANSITION' }),
    );
  });

  it('allows voluntary exit only one year after approval', () => {
    const approved = new Date('2024-03-01T00:00:00Z');
    expect(() => assertVoluntaryExitAllowed(approved, new Date('2025-02-28T23:59:59Z'))).toThrow(
      expect.objectContaining({ code: 'CATALOG_EXIT_TOO_EARLY' }),
    );
    expect(() => assertVoluntaryExitAllowed(approved, new Date('2025-03-01T00:00:00Z'))).not.toThrow();
    expect(() => assertVoluntaryExitAllowed(null, new Date())).toThrow(
      expect.objectContaining({ code: 'CATALOG_EXIT_TOO_EARLY' }),
    );
  });
});
