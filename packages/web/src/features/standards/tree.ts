import type { LevelCode, SkillNode, SkillStandardWithNodes, StandardTree } from './api.ts';

/**
 * The editor's model of a skill standard: the API's tree (level → work area → work task → skill
 * requirement) with every code written out. Codes stay as stored, so a version's diff against its
 * predecessor (matched on level and code) shows what was really changed, not a renumbering.
 */
export type Level = StandardTree['levels'][number];
export type Area = Level['areas'][number];
export type Task = Area['tasks'][number];
export type Requirement = Task['requirements'][number];
export type NodeKind = SkillNode['kind'] | 'LEVEL';

/** Where a node is in the tree: its level and, below the level, its code (`1`, `1.1`, `1.1.1`). */
export interface NodeRef {
  kind: NodeKind;
  level: LevelCode;
  code: string | null;
}

/** A node's key in the tree view: `2` for level 2, `2/1.3` for work task 1.3 of level 2. */
export const keyOf = (level: LevelCode, code?: string | null) => (code ? `${level}/${code}` : `${level}`);

export function parseKey(key: string): { level: LevelCode; code: string | null } {
  const [level, code] = key.split('/');
  return { level: Number(level) as LevelCode, code: code ?? null };
}

/** Rebuilds the nested tree of a version from its flat nodes (ordered by position, nested by code). */
export function treeOf(standard: SkillStandardWithNodes): StandardTree {
  const levels = new Map<LevelCode, Level>();
  const nodes = [...standard.nodes].sort((a, b) => a.position - b.position);
  const title = (n: SkillNode) => ({ titleZh: n.titleZh, ...(n.titleEn ? { titleEn: n.titleEn } : {}) });
  const parent = (code: string) => code.split('.').slice(0, -1).join('.');
  for (const n of nodes) {
    let level = levels.get(n.level);
    if (!level) {
      level = { level: n.level, areas: [] };
      levels.set(n.level, level);
    }
    if (n.kind === 'AREA') level.areas.push({ code: n.code, ...title(n), tasks: [] });
    else if (n.kind === 'TASK') {
      level.areas
        .find((a) => a.code === parent(n.code))
        ?.tasks.push({ code: n.code, ...title(n), requirements: [] });
    } else {
      const taskCode = parent(n.code);
      level.areas
        .find((a) => a.code === parent(taskCode))
        ?.tasks.find((t) => t.code === taskCode)
        ?.requirements.push({
          code: n.code,
          ...title(n),
          behaviour: n.behaviour ?? '',
          condition: n.condition ?? '',
          standard: n.standard ?? '',
          result: n.result ?? '',
        });
    }
  }
  return {
    titleZh: standard.titleZh,
    titleEn: standard.titleEn,
    levels: [...levels.values()].sort((a, b) => a.level - b.level),
  };
}

/**
 * The body sent to the API. An empty English title is left out (it is optional); every other
 * field goes as typed, so that the API, not the page, judges it and names what is wrong.
 */
export function bodyOf(tree: StandardTree): StandardTree {
  const en = <T extends { titleEn?: string | undefined }>(n: T): T => {
    const { titleEn, ...rest } = n;
    return (titleEn?.trim() ? { ...rest, titleEn } : rest) as T;
  };
  return {
    titleZh: tree.titleZh,
    titleEn: tree.titleEn,
    levels: tree.levels.map((l) => ({
      level: l.level,
      areas: l.areas.map((a) => ({
        ...en(a),
        tasks: a.tasks.map((t) => ({ ...en(t), requirements: t.requirements.map(en) })),
      })),
    })),
  };
}

/** The next free code under a parent: one past the largest last segment among its children. */
export function nextCode(siblings: { code?: string | undefined }[], parentCode: string | null): string {
  const last = siblings.map((s) => Number((s.code ?? '0').split('.').at(-1)) || 0);
  const n = Math.max(0, ...last) + 1;
  return parentCode ? `${parentCode}.${n}` : String(n);
}

export const emptyRequirement = (code: string): Requirement => ({
  code,
  titleZh: '',
  behaviour: '',
  condition: '',
  standard: '',
  result: '',
});

/** A fresh tree for a certificate's first version: one level, one area, task and (empty) requirement. */
export const starterTree = (titleZh: string, titleEn: string, level: LevelCode): StandardTree => ({
  titleZh,
  titleEn,
  levels: [
    {
      level,
      areas: [
        {
          code: '1',
          titleZh: '',
          tasks: [{ code: '1.1', titleZh: '', requirements: [emptyRequirement('1.1.1')] }],
        },
      ],
    },
  ],
});

/** The node a key names, with its kind. */
export function findNode(
  tree: StandardTree,
  key: string,
): { kind: NodeKind; level: Level; area?: Area; task?: Task; requirement?: Requirement } | null {
  const { level: lv, code } = parseKey(key);
  const level = tree.levels.find((l) => l.level === lv);
  if (!level) return null;
  if (!code) return { kind: 'LEVEL', level };
  const depth = code.split('.').length;
  const area = level.areas.find((a) => a.code === code.split('.')[0]);
  if (!area) return null;
  if (depth === 1) return { kind: 'AREA', level, area };
  const task = area.tasks.find((t) => t.code === code.split('.').slice(0, 2).join('.'));
  if (!task) return null;
  if (depth === 2) return { kind: 'TASK', level, area, task };
  const requirement = task.requirements.find((r) => r.code === code);
  return requirement ? { kind: 'REQUIREMENT', level, area, task, requirement } : null;
}

/** A changed copy of the tree: `edit` mutates the copy (the tree held in state is never touched). */
export function produce(tree: StandardTree, edit: (draft: StandardTree) => void): StandardTree {
  const copy = structuredClone(tree);
  edit(copy);
  return copy;
}

/** One problem the API named, placed on the node and field of the tree that was sent. */
export interface FieldError {
  /** The node's key, or '' for the standard itself (its titles, its list of levels). */
  key: string;
  /** The field (`titleZh`, `behaviour`, …, or a child list such as `tasks`), '' when none. */
  field: string;
  path: string;
  message: string;
}

/**
 * Places the issues of a VALIDATION_FAILED answer (`body.levels.0.areas.1.titleZh` from request
 * validation, `levels.0.areas.1.code` from the service's own checks) on the nodes of `sent`.
 */
export function placeIssues(sent: StandardTree, issues: { path: string; message: string }[]): FieldError[] {
  return issues.map(({ path, message }) => {
    const parts = path
      .replace(/^body\.?/, '')
      .split('.')
      .filter(Boolean);
    let key = '';
    let field = '';
    let i = 0;
    const index = () => Number(parts[i + 1]);
    let level: Level | undefined;
    let area: Area | undefined;
    let task: Task | undefined;
    while (i < parts.length) {
      const part = parts[i]!;
      const at = index();
      if (part === 'levels' && Number.isInteger(at) && sent.levels[at]) {
        level = sent.levels[at];
        key = keyOf(level.level);
      } else if (part === 'areas' && level && Number.isInteger(at) && level.areas[at]) {
        area = level.areas[at];
        key = keyOf(level.level, area.code);
      } else if (part === 'tasks' && level && area && Number.isInteger(at) && area.tasks[at]) {
        task = area.tasks[at];
        key = keyOf(level.level, task.code);
      } else if (part === 'requirements' && level && task && Number.isInteger(at) && task.requirements[at]) {
        key = keyOf(level.level, task.requirements[at].code);
      } else {
        field = part;
        break;
      }
      i += 2;
    }
    return { key, field, path, message };
  });
}
