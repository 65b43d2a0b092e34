import { DomainError, type FieldIssue } from '../shared/index.ts';
import type {
  CertificateStatus,
  LevelCode,
  SkillNode,
  SkillStandardTree,
  SkillStandardWithNodes,
  StandardDiff,
  TeoStatus,
} from './catalog.model.ts';

/**
 * Allowed TEO status changes (DOMAIN.md §8.3). EXITED and REVOKED are final; sanctions
 * (WARNED, RECTIFYING) return to APPROVED once lifted.
 */
export const teoTransitions: Record<TeoStatus, readonly TeoStatus[]> = {
  APPLIED: ['APPROVED', 'REVOKED'],
  APPROVED: ['WARNED', 'RECTIFYING', 'EXITED', 'REVOKED'],
  WARNED: ['APPROVED', 'RECTIFYING', 'EXITED', 'REVOKED'],
  RECTIFYING: ['APPROVED', 'REVOKED'],
  EXITED: [],
  REVOKED: [],
};

export const certificateTransitions: Record<CertificateStatus, readonly CertificateStatus[]> = {
  DRAFT: ['PUBLIC_NOTICE', 'EXITED'],
  PUBLIC_NOTICE: ['ACTIVE', 'EXITED'],
  ACTIVE: ['SUSPENDED', 'RESTRICTED', 'EXITED'],
  SUSPENDED: ['ACTIVE', 'EXITED'],
  RESTRICTED: ['ACTIVE', 'EXITED'],
  EXITED: [],
};

/** A TEO in good standing may run assessments and issue certificates. */
export function isTeoInGoodStanding(status: TeoStatus): boolean {
  return status === 'APPROVED' || status === 'WARNED' || status === 'RECTIFYING';
}

export function assertTransition<S extends string>(
  table: Record<S, readonly S[]>,
  what: string,
  from: S,
  to: S,
): void {
  if (!table[from].includes(to)) {
    throw new DomainError(
      'CATALOG_INVALID_TRANSITION',
      {
        zh: `${what}状态不能从 ${from} 变为 ${to}`,
        en: `${what} cannot go from ${from} to ${to}`,
      },
      { from, to, allowed: table[from] },
    );
  }
}

/** Voluntary exit needs at least one year since approval (退出目录实施细则 Art. 4). */
export function assertVoluntaryExitAllowed(approvedAt: Date | null, now: Date): void {
  if (!approvedAt) {
    throw new DomainError('CATALOG_EXIT_TOO_EARLY', {
      zh: '尚未批准的培训评价组织不能自愿退出',
      en: 'A TEO that was never approved cannot exit voluntarily',
    });
  }
  const anniversary = new Date(approvedAt);
  anniversary.setUTCFullYear(anniversary.getUTCFullYear() + 1);
  if (now < anniversary) {
    throw new DomainError(
      'CATALOG_EXIT_TOO_EARLY',
      {
        zh: `批准满一年（${anniversary.toISOString().slice(0, 10)}）后方可自愿退出`,
        en: `Voluntary exit is allowed one year after approval, from ${anniversary.toISOString().slice(0, 10)}`,
      },
      { earliest: anniversary.toISOString() },
    );
  }
}

const codePattern = /^[1-9]\d*(\.[1-9]\d*){0,2}$/;

/**
 * Flattens a standard tree into nodes with dotted codes (1, 1.1, 1.1.1). A node may carry its own
 * code (kept across versions so a diff matches by code); otherwise its position gives it one.
 * Every problem is reported with its path; nothing is partially accepted.
 */
export function flattenStandard(tree: SkillStandardTree): SkillNode[] {
  const nodes: SkillNode[] = [];
  const issues: FieldIssue[] = [];
  const seenLevels = new Set<LevelCode>();
  let position = 0;
  const checkCode = (path: string, code: string, parent: string | null, depth: number) => {
    if (!codePattern.test(code) || code.split('.').length !== depth) {
      issues.push({ path: `${path}.code`, message: `"${code}" is not a level-${depth} code like 1.1.1` });
    } else if (parent !== null && !code.startsWith(`${parent}.`)) {
      issues.push({
        path: `${path}.code`,
        message: `"${code}" must start with its parent's code "${parent}."`,
      });
    }
  };
  tree.levels.forEach((lvl, li) => {
    if (seenLevels.has(lvl.level))
      issues.push({ path: `levels.${li}.level`, message: `level ${lvl.level} twice` });
    seenLevels.add(lvl.level);
    const seen = new Set<string>();
    const add = (path: string, node: SkillNode) => {
      if (seen.has(node.code)) issues.push({ path: `${path}.code`, message: `duplicate code ${node.code}` });
      seen.add(node.code);
      nodes.push(node);
    };
    if (lvl.areas.length === 0)
      issues.push({ path: `levels.${li}.areas`, message: 'a level needs a work area' });
    lvl.areas.forEach((area, ai) => {
      const aPath = `levels.${li}.areas.${ai}`;
      const aCode = area.code ?? String(ai + 1);
      checkCode(aPath, aCode, null, 1);
      add(aPath, blank(lvl.level, aCode, 'AREA', area.titleZh, area.titleEn, position++));
      if (area.tasks.length === 0)
        issues.push({ path: `${aPath}.tasks`, message: 'a work area needs a task' });
      area.tasks.forEach((task, ti) => {
        const tPath = `${aPath}.tasks.${ti}`;
        const tCode = task.code ?? `${aCode}.${ti + 1}`;
        checkCode(tPath, tCode, aCode, 2);
        add(tPath, blank(lvl.level, tCode, 'TASK', task.titleZh, task.titleEn, position++));
        if (task.requirements.length === 0) {
          issues.push({ path: `${tPath}.requirements`, message: 'a work task needs a skill requirement' });
        }
        task.requirements.forEach((req, ri) => {
          const rPath = `${tPath}.requirements.${ri}`;
          const rCode = req.code ?? `${tCode}.${ri + 1}`;
          checkCode(rPath, rCode, tCode, 3);
          add(rPath, {
            ...blank(lvl.level, rCode, 'REQUIREMENT', req.titleZh, req.titleEn, position++),
            behaviour: req.behaviour,
            condition: req.condition,
            standard: req.standard,
            result: req.result,
          });
        });
      });
    });
  });
  if (tree.levels.length === 0)
    issues.push({ path: 'levels', message: 'a standard needs at least one level' });
  if (issues.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: `技能标准有 ${issues.length} 处错误`, en: `The skill standard has ${issues.length} problem(s)` },
      { issues },
    );
  }
  return nodes;
}

function blank(
  level: LevelCode,
  code: string,
  kind: SkillNode['kind'],
  titleZh: string,
  titleEn: string | undefined,
  position: number,
): SkillNode {
  return {
    level,
    code,
    kind,
    titleZh,
    titleEn: titleEn ?? null,
    behaviour: null,
    condition: null,
    standard: null,
    result: null,
    position,
  };
}

const comparedFields = [
  'kind',
  'titleZh',
  'titleEn',
  'behaviour',
  'condition',
  'standard',
  'result',
] as const;

/** Compares two versions node by node, matching on (level, code). Order changes are not changes. */
export function diffStandards(from: SkillStandardWithNodes, to: SkillStandardWithNodes): StandardDiff {
  const key = (n: SkillNode) => `${n.level}/${n.code}`;
  const before = new Map(from.nodes.map((n) => [key(n), n]));
  const after = new Map(to.nodes.map((n) => [key(n), n]));
  const diff: StandardDiff = {
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    added: [],
    removed: [],
    changed: [],
  };
  for (const [k, n] of after) {
    const old = before.get(k);
    if (!old) {
      diff.added.push(n);
      continue;
    }
    const fields = comparedFields.filter((f) => old[f] !== n[f]);
    if (fields.length > 0) diff.changed.push({ level: n.level, code: n.code, fields, before: old, after: n });
  }
  for (const [k, n] of before) if (!after.has(k)) diff.removed.push(n);
  return diff;
}

/** Rebuilds the nested tree of a version from its flat nodes (ordered by position). */
export function buildStandardTree(standard: SkillStandardWithNodes): SkillStandardTree {
  const levels = new Map<LevelCode, SkillStandardTree['levels'][number]>();
  const nodes = [...standard.nodes].sort((a, b) => a.position - b.position);
  for (const n of nodes) {
    let lvl = levels.get(n.level);
    if (!lvl) {
      lvl = { level: n.level, areas: [] };
      levels.set(n.level, lvl);
    }
    const opt = n.titleEn === null ? {} : { titleEn: n.titleEn };
    if (n.kind === 'AREA') lvl.areas.push({ code: n.code, titleZh: n.titleZh, ...opt, tasks: [] });
    else if (n.kind === 'TASK')
      lvl.areas.at(-1)?.tasks.push({ code: n.code, titleZh: n.titleZh, ...opt, requirements: [] });
    else
      lvl.areas
        .at(-1)
        ?.tasks.at(-1)
        ?.requirements.push({
          code: n.code,
          titleZh: n.titleZh,
          ...opt,
          behaviour: n.behaviour ?? '',
          condition: n.condition ?? '',
          standard: n.standard ?? '',
          result: n.result ?? '',
        });
  }
  return {
    titleZh: standard.titleZh,
    titleEn: standard.titleEn,
    levels: [...levels.values()].sort((a, b) => a.level - b.level),
  };
}
