import type {
  Certificate,
  LevelCode,
  SkillRequirementInput,
  SkillStandardTree,
  WorkAreaInput,
} from '@onex/core';
import { Rng } from './rng.ts';
import {
  type AreaVocab,
  certificateAreas,
  type DomainPhrases,
  domainPhrases,
  genericAreas,
} from './standards.vocab.ts';

/**
 * A demo skill standard for one certificate (DOMAIN.md §3.3): per level, 3–6 work areas × 2–5
 * tasks × 2–6 requirements, each requirement with behaviour, condition, standard and result.
 * Higher levels take more areas, tasks and requirements, reach the advanced areas and aspects,
 * and ask for independent work (中级) or design, optimisation and coaching (高级).
 */

interface LevelShape {
  areas: readonly [number, number];
  /** How many of the (basic → advanced) areas, tasks and aspects the level draws from. */
  areaPool: number;
  tasks: readonly [number, number];
  taskPool: number;
  requirements: readonly [number, number];
  aspectPool: number;
}

export const levelShapes: Record<LevelCode, LevelShape> = {
  1: { areas: [3, 4], areaPool: 5, tasks: [2, 3], taskPool: 4, requirements: [2, 4], aspectPool: 4 },
  2: { areas: [4, 5], areaPool: 6, tasks: [3, 4], taskPool: 5, requirements: [3, 5], aspectPool: 5 },
  3: { areas: [5, 6], areaPool: 6, tasks: [4, 5], taskPool: 5, requirements: [4, 6], aspectPool: 6 },
};

const split = (p: string): [string, string] => {
  const [zh, en] = p.split('|');
  return [zh!, en ?? zh!];
};

const behaviours: Record<
  LevelCode,
  readonly ((t: string, a: string, ref: string, area: string) => string)[]
> = {
  1: [
    (t, a, ref) => `能在指导下，依据${ref}完成${t}的${a}`,
    (t, a) => `能按照操作规范，完成${t}的${a}`,
    (t, a, ref) => `能识读${ref}，完成${t}的基本${a}`,
  ],
  2: [
    (t, a, ref) => `能根据${ref}，独立完成${t}的${a}`,
    (t, a) => `能独立完成${t}的${a}，并分析和处理常见问题`,
    (t, a) => `能熟练完成${t}的${a}，并检查和纠正偏差`,
  ],
  3: [
    (t, a, _ref, area) => `能结合${area}的整体目标，统筹${t}的${a}，并指导他人实施`,
    (t, a) => `能针对复杂情况，设计和优化${t}的${a}方案`,
    (t, a) => `能评估${t}的${a}效果，提出改进措施并组织实施`,
  ],
};

function requirement(
  rng: Rng,
  level: LevelCode,
  phrases: DomainPhrases,
  areaZh: string,
  [taskZh, taskEn]: [string, string],
  aspect: string,
): SkillRequirementInput {
  const [aspectZh, aspectEn] = split(aspect);
  const ref = rng.pick(phrases.references);
  const env = rng.pick(phrases.environments);
  const norm = rng.pick(phrases.norms);
  const metrics = rng.indices(phrases.metrics.length, 2).map((i) => phrases.metrics[i]!);
  const output = rng.pick(phrases.outputs);
  const behaviour = rng.pick(behaviours[level])(taskZh, aspectZh, ref, areaZh);
  const condition =
    level === 1
      ? `在${env}中，依据${ref}，在指导下进行`
      : level === 2
        ? `在${env}中，依据${ref}，独立进行`
        : `在${env}中，面对复杂或非常规的工作情境`;
  const standard =
    level === 1
      ? `${metrics[0]}，符合${norm}`
      : level === 2
        ? `${metrics[0]}，${metrics[1]}，符合${norm}`
        : `${metrics[0]}，${metrics[1]}，方案科学合理，符合${norm}并有所改进`;
  const result =
    level === 3
      ? `完成${taskZh}的${aspectZh}，形成${output}及改进建议`
      : `完成${taskZh}的${aspectZh}，形成${output}`;
  return {
    titleZh: `${taskZh}${aspectZh}`,
    titleEn: `${taskEn}: ${aspectEn}`,
    behaviour,
    condition,
    standard,
    result,
  };
}

/** The tree of version 1 of a certificate's demo standard, for the levels it offers. */
export function demoStandardTree(
  seed: number,
  cert: Pick<Certificate, 'code' | 'nameZh' | 'nameEn' | 'domain' | 'levels'>,
): SkillStandardTree {
  const rng = new Rng(seed, 'standard', cert.code);
  const vocab: readonly AreaVocab[] = certificateAreas[cert.code] ?? genericAreas(cert.nameZh, cert.nameEn);
  const phrases = domainPhrases[cert.domain] ?? domainPhrases['IT']!;
  const levels = [...cert.levels].map((l) => l.level).sort((a, b) => a - b);
  return {
    titleZh: `${cert.nameZh}职业技能等级标准`,
    titleEn: `${cert.nameEn}: Vocational Skill Level Standard`,
    levels: levels.map((level) => {
      const shape = levelShapes[level];
      const areaIdx = rng.indices(Math.min(shape.areaPool, vocab.length), rng.int(...shape.areas));
      const areas: WorkAreaInput[] = areaIdx.map((ai) => {
        const av = vocab[ai]!;
        const [areaZh, areaEn] = split(av.area);
        const taskIdx = rng.indices(Math.min(shape.taskPool, av.tasks.length), rng.int(...shape.tasks));
        return {
          titleZh: areaZh,
          titleEn: areaEn,
          tasks: taskIdx.map((ti) => {
            const task = split(av.tasks[ti]!);
            const aspectIdx = rng.indices(
              Math.min(shape.aspectPool, phrases.aspects.length),
              rng.int(...shape.requirements),
            );
            return {
              titleZh: task[0],
              titleEn: task[1],
              requirements: aspectIdx.map((k) =>
                requirement(rng, level, phrases, areaZh, task, phrases.aspects[k]!),
              ),
            };
          }),
        };
      });
      return { level, areas };
    }),
  };
}
