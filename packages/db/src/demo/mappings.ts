import type { CourseType, MappingInput, RequirementRef } from '@onex/core';
import type { Rng } from './rng.ts';

/**
 * Course ↔ skill requirement mappings (书证融通) a teacher might write down for a demo programme:
 * partial, with gaps, so coverage, gaps and the optimizer have something to show.
 */

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

const professional: readonly CourseType[] = ['PROFESSIONAL_FOUNDATION', 'PROFESSIONAL_CORE', 'ELECTIVE'];

/**
 * A demo programme's mappings to one level: for Web前端开发 (X-0102) the teaching table above, for
 * any other certificate (or a plan the table does not fit) a seeded draw: about two work areas in
 * three taught, each by one or two professional courses at 0.2–0.6 of each requirement, the rest
 * left as gaps. Then the course that teaches one area most becomes the course the certificate
 * replaces (REPLACE, weight 1 on that area: those requirements are covered), which the demo's
 * conversion rules exempt. Returns the rows and that course's code.
 */
export function demoMappings(
  rng: Rng,
  certificateCode: string,
  courses: readonly { code: string; nameZh: string; type: CourseType }[],
  requirements: readonly RequirementRef[],
  areaTitles: ReadonlyMap<string, string>,
): { mappings: MappingInput[]; replaced: string | undefined } {
  let mappings = certificateCode === 'X-0102' ? webFrontEndMappings(courses, requirements, areaTitles) : [];
  const pool = courses.filter((c) => professional.includes(c.type));
  if (mappings.length === 0 && pool.length > 0) {
    const areas = [...new Set(requirements.map((r) => r.code.split('.')[0]!))];
    for (const [i, area] of areas.entries()) {
      if (i >= 2 && rng.chance(0.35)) continue;
      const teachers = rng.indices(pool.length, Math.min(pool.length, rng.int(1, 2))).map((k) => pool[k]!);
      for (const course of teachers) {
        const weight = rng.pick([0.2, 0.3, 0.4, 0.5, 0.6]);
        for (const r of requirements.filter((q) => q.code.split('.')[0] === area)) {
          if (rng.chance(0.2)) continue;
          mappings.push({ courseCode: course.code, requirementCode: r.code, kind: 'EMBED', weight });
        }
      }
    }
  }
  // The course with the most weight in one area: the certificate replaces it there.
  const byCourseArea = new Map<string, number>();
  for (const m of mappings) {
    const key = `${m.courseCode}\u0000${m.requirementCode.split('.')[0]}`;
    byCourseArea.set(key, (byCourseArea.get(key) ?? 0) + m.weight);
  }
  const top = [...byCourseArea].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (!top) return { mappings, replaced: undefined };
  const [course, area] = top[0].split('\u0000') as [string, string];
  mappings = mappings.map((m) =>
    m.courseCode === course && m.requirementCode.split('.')[0] === area
      ? { ...m, kind: 'REPLACE' as const, weight: 1 }
      : m,
  );
  return { mappings, replaced: course };
}
