import ExcelJS from 'exceljs';
import { DomainError, decodeSpreadsheetText, type FieldIssue, parseCsv, type Text } from '../shared/index.ts';
import { isValidScore } from './assessment.rules.ts';

/**
 * Results files (成绩导入): CSV or XLSX, first sheet, one header row then one row per candidate.
 * Pure functions over bytes: no file system, so the parser runs in a browser too.
 */
export const resultsFileFormats = ['csv', 'xlsx'] as const;
export type ResultsFileFormat = (typeof resultsFileFormats)[number];

/** A file larger than this, or with more data rows, is refused whole (`ASSESSMENT_IMPORT_TOO_LARGE`). */
export const resultsImportLimits = { maxBytes: 5 * 1024 * 1024, maxRows: 20_000 } as const;

/** A bad cell or row of a results file, named by row (as a spreadsheet numbers it) and column. */
export interface ImportIssue extends FieldIssue {
  /** `row 7 · 理论成绩` */
  path: string;
  /** English. */
  message: string;
  messageZh: string;
  row: number;
  column: string;
}

export type ResultsColumn = 'registrationId' | 'learnerId' | 'name' | 'theory' | 'practical' | 'absent';

/** Column names: the Chinese one is the default (and names the column in issues); the others are accepted. */
export const resultsColumns: Record<ResultsColumn, { zh: string; en: string; aliases: string[] }> = {
  registrationId: { zh: '准考证号', en: 'registrationId', aliases: ['registration', 'registrationno'] },
  learnerId: { zh: '学习者编号', en: 'learnerId', aliases: ['考生编号', 'learner', 'learnerno'] },
  name: { zh: '姓名', en: 'name', aliases: [] },
  theory: { zh: '理论成绩', en: 'theory', aliases: ['理论', 'theoryscore'] },
  practical: { zh: '实操成绩', en: 'practical', aliases: ['实操', '技能成绩', 'practicalscore'] },
  absent: { zh: '缺考', en: 'absent', aliases: ['是否缺考'] },
};
const columnOrder: ResultsColumn[] = ['registrationId', 'learnerId', 'name', 'theory', 'practical', 'absent'];

/** One good row of a results file. */
export interface ResultsRow {
  row: number;
  registrationId: string | null;
  learnerId: string | null;
  absent: boolean;
  theory: number | null;
  practical: number | null;
}

export interface ParsedResults {
  /** Data rows read (blank rows skipped), good or bad. */
  count: number;
  rows: ResultsRow[];
  issues: ImportIssue[];
}

interface Sheet {
  rows: { row: number; cells: string[] }[];
}

/** The header cell of a template column: Chinese, then English. */
export function templateHeader(c: ResultsColumn): string {
  return `${resultsColumns[c].zh} / ${resultsColumns[c].en}`;
}

/**
 * Reads a results file and checks every row on its own (columns present, numbers 0–100 with one
 * decimal, 缺考 with no scores, no row twice). Throws only when the file as a whole is unusable
 * (too large, unreadable); bad rows come back as `issues`, all of them.
 */
export async function parseResultsFile(bytes: Uint8Array, format: ResultsFileFormat): Promise<ParsedResults> {
  if (bytes.byteLength > resultsImportLimits.maxBytes) {
    throw new DomainError(
      'ASSESSMENT_IMPORT_TOO_LARGE',
      {
        zh: `成绩文件超过 ${resultsImportLimits.maxBytes / 1024 / 1024} MB`,
        en: `The results file is larger than ${resultsImportLimits.maxBytes / 1024 / 1024} MB`,
      },
      { bytes: bytes.byteLength, maxBytes: resultsImportLimits.maxBytes },
    );
  }
  const sheet = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  const data = sheet.rows.slice(1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (data.length > resultsImportLimits.maxRows) {
    throw new DomainError(
      'ASSESSMENT_IMPORT_TOO_LARGE',
      {
        zh: `成绩文件超过 ${resultsImportLimits.maxRows} 行`,
        en: `The results file has more than ${resultsImportLimits.maxRows} rows`,
      },
      { rows: data.length, maxRows: resultsImportLimits.maxRows },
    );
  }
  return checkRows(sheet.rows[0], data);
}

function checkRows(header: Sheet['rows'][number] | undefined, data: Sheet['rows']): ParsedResults {
  const issues: ImportIssue[] = [];
  const at = new Map<ResultsColumn, number>();
  const headerRow = header?.row ?? 1;
  (header?.cells ?? []).forEach((cell, i) => {
    const c = columnOf(cell);
    if (!c) return;
    if (at.has(c)) {
      issues.push(issue(headerRow, c, { zh: '列重复', en: 'The column appears twice' }));
    } else at.set(c, i);
  });
  if (!at.has('registrationId') && !at.has('learnerId')) {
    issues.push(
      issue(headerRow, 'registrationId', {
        zh: '缺少“准考证号”列（或“学习者编号”列）',
        en: 'Missing column 准考证号 / registrationId (or 学习者编号 / learnerId)',
      }),
    );
  }
  for (const c of ['theory', 'practical'] as const) {
    if (!at.has(c)) {
      issues.push(
        issue(headerRow, c, {
          zh: `缺少“${resultsColumns[c].zh}”列`,
          en: `Missing column ${resultsColumns[c].zh} / ${resultsColumns[c].en}`,
        }),
      );
    }
  }
  if (issues.length > 0) return { count: data.length, rows: [], issues };

  const rows: ResultsRow[] = [];
  const seen = new Map<string, number>();
  for (const r of data) {
    const get = (c: ResultsColumn) => {
      const i = at.get(c);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const before = issues.length;
    const registrationId = get('registrationId') || null;
    const learnerId = get('learnerId') || null;
    if (!registrationId && !learnerId) {
      issues.push(issue(r.row, 'registrationId', { zh: '准考证号为空', en: 'The registration id is empty' }));
    }
    const absentText = get('absent');
    const absent = parseAbsent(absentText);
    if (absent === undefined) {
      issues.push(
        issue(r.row, 'absent', {
          zh: `无法识别“${absentText}”：缺考填“是”或留空`,
          en: `Cannot read "${absentText}": write 是/yes for absent, or leave it empty`,
        }),
      );
    }
    let theory: number | null = null;
    let practical: number | null = null;
    if (absent === true) {
      for (const c of ['theory', 'practical'] as const) {
        if (get(c) !== '') {
          issues.push(
            issue(r.row, c, {
              zh: '缺考的考生不应有成绩',
              en: 'An absent candidate has no score',
            }),
          );
        }
      }
    } else if (absent === false) {
      theory = readScore(r.row, 'theory', get('theory'), issues);
      practical = readScore(r.row, 'practical', get('practical'), issues);
    }
    const key = registrationId ? `r:${registrationId}` : `l:${learnerId}`;
    if (registrationId || learnerId) {
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push(
          issue(r.row, registrationId ? 'registrationId' : 'learnerId', {
            zh: `与第 ${first} 行重复`,
            en: `Duplicate of row ${first}`,
          }),
        );
      } else seen.set(key, r.row);
    }
    if (issues.length === before) {
      rows.push({ row: r.row, registrationId, learnerId, absent: absent === true, theory, practical });
    }
  }
  return { count: data.length, rows, issues };
}

function readScore(
  row: number,
  c: 'theory' | 'practical',
  text: string,
  issues: ImportIssue[],
): number | null {
  if (text === '') {
    issues.push(
      issue(row, c, {
        zh: `${resultsColumns[c].zh}为空（缺考请在“缺考”列填“是”）`,
        en: `The ${c} score is empty (mark an absent candidate in the 缺考 / absent column)`,
      }),
    );
    return null;
  }
  const normalized = text.replace(/[０-９．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normalized)) {
    issues.push(issue(row, c, { zh: `“${text}”不是数字`, en: `"${text}" is not a number` }));
    return null;
  }
  const x = Number(normalized);
  if (!isValidScore(x)) {
    issues.push(
      issue(row, c, {
        zh: `成绩 ${text} 超出范围（0–100，最多一位小数）`,
        en: `Score ${text} is out of range (0–100, at most one decimal)`,
      }),
    );
    return null;
  }
  return x;
}

const yes = new Set(['是', '缺考', 'y', 'yes', 'true', '1', '√', '✓', 'x']);
const no = new Set(['', '否', 'n', 'no', 'false', '0']);
function parseAbsent(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (yes.has(t)) return true;
  if (no.has(t)) return false;
  return undefined;
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-·.:：]/g, '');
function columnOf(header: string): ResultsColumn | undefined {
  const parts = header
    .split(/[/|\n（）()]/)
    .map(norm)
    .filter(Boolean);
  for (const c of columnOrder) {
    const names = [resultsColumns[c].zh, resultsColumns[c].en, ...resultsColumns[c].aliases].map(norm);
    if (parts.some((p) => names.includes(p))) return c;
  }
  return undefined;
}

/** An issue at a row and column; the column is named in Chinese as in the default template. */
export function issue(row: number, column: ResultsColumn, text: Text): ImportIssue {
  const name = resultsColumns[column].zh;
  return { path: `row ${row} · ${name}`, message: text.en, messageZh: text.zh, row, column: name };
}

function unreadable(format: ResultsFileFormat, why: string): DomainError {
  return new DomainError(
    'ASSESSMENT_IMPORT_UNREADABLE',
    {
      zh: `无法读取 ${format.toUpperCase()} 文件：${why}`,
      en: `Cannot read the ${format.toUpperCase()} file: ${why}`,
    },
    { format },
  );
}

/** UTF-8 (with or without BOM); files saved by Excel on Chinese Windows are GB 18030, read as such. */
/** RFC 4180 CSV in UTF-8 or GB 18030 (`shared/csv.ts`), as a sheet of rows. */
export function readCsv(bytes: Uint8Array): Sheet {
  const text = decodeSpreadsheetText(bytes);
  if (text === undefined) throw unreadable('csv', 'not UTF-8 or GB 18030 text');
  const parsed = parseCsv(text);
  if ('unclosedQuoteAt' in parsed) {
    throw unreadable('csv', `a quoted field opened on line ${parsed.unclosedQuoteAt} is never closed`);
  }
  return { rows: parsed.rows };
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable('xlsx', 'not an XLSX (Office Open XML) workbook');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable('xlsx', 'the workbook has no sheet');
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ row: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { rows };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  if ('error' in v) return String(v.error);
  return '';
}

/** A prefilled row of the downloadable template. */
export interface TemplateRow {
  registrationId: string;
  learnerId: string;
  nameZh: string;
}

/**
 * The results template: a bilingual header row (Chinese / English) and, when given, one row per
 * registration with its ids and name, scores left blank. XLSX or CSV (UTF-8 with BOM, so Excel
 * shows the Chinese header).
 */
export async function buildResultsTemplate(
  format: ResultsFileFormat,
  rows: TemplateRow[] = [],
): Promise<Uint8Array> {
  const header = columnOrder.map(templateHeader);
  const body = rows.map((r) => [r.registrationId, r.learnerId, r.nameZh, '', '', '']);
  if (format === 'csv') {
    const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const text = [header, ...body].map((r) => r.map(quote).join(',')).join('\r\n');
    return new TextEncoder().encode(`\uFEFF${text}\r\n`);
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩 results');
  ws.addRow(header).font = { bold: true };
  for (const r of body) ws.addRow(r);
  ws.columns.forEach((col, i) => {
    col.width = i < 2 ? 28 : 18;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
