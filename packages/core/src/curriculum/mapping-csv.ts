import {
  type CsvRow,
  DomainError,
  decodeSpreadsheetText,
  type FieldIssue,
  parseCsv,
  type Text,
} from '../shared/index.ts';
import { type MappingInput, type MappingKind, mappingKinds } from './curriculum.model.ts';
import { storedWeight } from './curriculum.rules.ts';

/**
 * Mapping files (课程与技能要求对应表): CSV, one header row, then one row per (course, requirement).
 * Headers are bilingual (`课程代码 / courseCode`); either language alone is accepted too. Pure
 * functions over bytes, so the parser runs in a browser as well.
 */
export type MappingColumn =
  | 'courseCode'
  | 'courseName'
  | 'requirementCode'
  | 'requirementTitle'
  | 'kind'
  | 'weight';

export const mappingColumns: Record<MappingColumn, { zh: string; en: string; required: boolean }> = {
  courseCode: { zh: '课程代码', en: 'courseCode', required: true },
  courseName: { zh: '课程名称', en: 'courseName', required: false },
  requirementCode: { zh: '要求代码', en: 'requirementCode', required: true },
  requirementTitle: { zh: '技能要求', en: 'requirementTitle', required: false },
  kind: { zh: '融通方式', en: 'kind', required: true },
  weight: { zh: '覆盖权重', en: 'weight', required: true },
};
const columnOrder: MappingColumn[] = [
  'courseCode',
  'courseName',
  'requirementCode',
  'requirementTitle',
  'kind',
  'weight',
];

/** Kinds by their Chinese names too (嵌入 / 替代 / 补充). */
export const mappingKindNames: Record<MappingKind, Text> = {
  EMBED: { zh: '嵌入', en: 'EMBED' },
  REPLACE: { zh: '替代', en: 'REPLACE' },
  SUPPLEMENT: { zh: '补充', en: 'SUPPLEMENT' },
};

export const mappingCsvLimits = { maxBytes: 2 * 1024 * 1024, maxRows: 20_000 } as const;

export function mappingHeader(c: MappingColumn): string {
  return `${mappingColumns[c].zh} / ${mappingColumns[c].en}`;
}

export interface MappingCsvRow {
  courseCode: string;
  courseName: string;
  requirementCode: string;
  requirementTitle: string;
  kind: MappingKind;
  weight: number;
}

/** Writes mappings as CSV (UTF-8 with BOM, so Excel opens the Chinese right; CRLF). */
export function formatMappingCsv(rows: readonly MappingCsvRow[]): string {
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [columnOrder.map(mappingHeader).map(q).join(',')];
  for (const r of rows) {
    lines.push(
      [r.courseCode, r.courseName, r.requirementCode, r.requirementTitle, r.kind, String(r.weight)]
        .map(q)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export interface MappingCsvRefs {
  /** Course codes of the programme. */
  courses: ReadonlySet<string>;
  /** Requirement codes of the target level. */
  requirements: ReadonlySet<string>;
}

/**
 * Reads a mapping file and checks every row against the programme's courses and the level's
 * requirements: unknown course, unknown requirement code, kind, weight in (0, 1], a pair twice.
 * Every bad cell is reported (`row 7 · 要求代码`) and then the whole file is refused
 * (`CURRICULUM_IMPORT_INVALID`); an unreadable file is `CURRICULUM_IMPORT_UNREADABLE`.
 */
export function parseMappingCsv(bytes: Uint8Array, refs: MappingCsvRefs): MappingInput[] {
  if (bytes.length > mappingCsvLimits.maxBytes)
    throw unreadable(`larger than ${mappingCsvLimits.maxBytes} bytes`);
  const rows = readCsvBytes(bytes).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const head = rows.shift();
  if (!head) throw unreadable('the file is empty');
  const at = new Map<MappingColumn, number>();
  head.cells.forEach((cell, i) => {
    const c = columnOf(cell);
    if (c && !at.has(c)) at.set(c, i);
  });
  const missing = (Object.keys(mappingColumns) as MappingColumn[]).filter(
    (c) => mappingColumns[c].required && !at.has(c),
  );
  if (missing.length > 0) throw unreadable(`the header lacks ${missing.map(mappingHeader).join(', ')}`);
  if (rows.length > mappingCsvLimits.maxRows) throw unreadable(`more than ${mappingCsvLimits.maxRows} rows`);
  const issues: FieldIssue[] = [];
  const out: MappingInput[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const get = (c: MappingColumn) => (cells[at.get(c)!] ?? '').trim();
    const bad = (c: MappingColumn, text: Text) =>
      issues.push({ path: `row ${row} · ${mappingColumns[c].zh}`, message: `${text.en} / ${text.zh}` });
    const courseCode = get('courseCode');
    const requirementCode = get('requirementCode');
    const kindText = get('kind');
    const weightText = get('weight');
    let ok = true;
    if (!refs.courses.has(courseCode)) {
      ok = false;
      bad('courseCode', {
        zh: courseCode ? `本专业没有课程 ${courseCode}` : '缺少课程代码',
        en: courseCode ? `unknown course ${courseCode} in this programme` : 'no course code',
      });
    }
    if (!refs.requirements.has(requirementCode)) {
      ok = false;
      bad('requirementCode', {
        zh: requirementCode ? `该等级标准没有技能要求 ${requirementCode}` : '缺少要求代码',
        en: requirementCode
          ? `unknown requirement code ${requirementCode} at this level`
          : 'no requirement code',
      });
    }
    const kind = kindOf(kindText);
    if (!kind) {
      ok = false;
      bad('kind', {
        zh: `融通方式应为 嵌入/替代/补充（EMBED/REPLACE/SUPPLEMENT），而不是“${kindText}”`,
        en: `kind must be EMBED, REPLACE or SUPPLEMENT (嵌入/替代/补充), not "${kindText}"`,
      });
    }
    // Kept to the millionth, as the database stores it (numeric(7, 6)).
    const raw = /^\d+(\.\d+)?$/.test(weightText) ? Number(weightText) : Number.NaN;
    const weight = storedWeight(raw);
    if (!(raw > 0 && raw <= 1 && weight > 0)) {
      ok = false;
      bad('weight', {
        zh: `覆盖权重应在 (0, 1] 之间（至少 0.000001），而不是“${weightText}”`,
        en: `weight must be in (0, 1] (at least 0.000001), not "${weightText}"`,
      });
    }
    const key = `${courseCode}\u0000${requirementCode}`;
    const first = seen.get(key);
    if (ok && first !== undefined) {
      ok = false;
      bad('requirementCode', {
        zh: `课程 ${courseCode} 与要求 ${requirementCode} 已在第 ${first} 行对应`,
        en: `course ${courseCode} is already mapped to ${requirementCode} on row ${first}`,
      });
    }
    if (!ok) continue;
    seen.set(key, row);
    out.push({ courseCode, requirementCode, kind: kind!, weight });
  }
  if (issues.length > 0) {
    throw new DomainError(
      'CURRICULUM_IMPORT_INVALID',
      {
        zh: `对应表有 ${issues.length} 处错误，未写入任何内容`,
        en: `The mapping file has ${issues.length} problem(s); nothing was written`,
      },
      { issues },
    );
  }
  return out;
}

function columnOf(header: string): MappingColumn | undefined {
  const parts = header
    .replace(/^\uFEFF/, '')
    .split('/')
    .map((p) => p.trim().toLowerCase());
  return columnOrder.find((c) =>
    parts.some((p) => p === mappingColumns[c].zh || p === mappingColumns[c].en.toLowerCase()),
  );
}

function kindOf(s: string): MappingKind | undefined {
  const t = s.trim();
  return mappingKinds.find((k) => k === t.toUpperCase() || mappingKindNames[k].zh === t);
}

function unreadable(why: string): DomainError {
  return new DomainError(
    'CURRICULUM_IMPORT_UNREADABLE',
    { zh: `无法读取对应表：${why}`, en: `Cannot read the mapping file: ${why}` },
    { reason: why },
  );
}

/** UTF-8 (BOM or not), else GB 18030 as Excel on Chinese Windows saves. */
/** RFC 4180 CSV in UTF-8 or GB 18030 (`shared/csv.ts`). */
function readCsvBytes(bytes: Uint8Array): CsvRow[] {
  const text = decodeSpreadsheetText(bytes);
  if (text === undefined) throw unreadable('not UTF-8 or GB 18030 text');
  const parsed = parseCsv(text);
  if ('unclosedQuoteAt' in parsed) {
    throw unreadable(`a quoted field opened on line ${parsed.unclosedQuoteAt} is never closed`);
  }
  return parsed.rows;
}
