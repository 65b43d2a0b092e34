import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/index.ts';
import { buildResultsTemplate, parseResultsFile, resultsImportLimits } from './results-import.ts';

const csv = (text: string) => new TextEncoder().encode(text);

async function xlsx(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const codeOf = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return (e as DomainError).code;
};

describe('results files', () => {
  it('reads a CSV with Chinese headers, a BOM, quoted cells and a blank line', async () => {
    const parsed = await parseResultsFile(
      csv('\uFEFF准考证号,姓名,理论成绩,实操成绩,缺考\r\nreg_1,"张,三",85.5,90,\r\n\r\nreg_2,李四,,,是\r\n'),
      'csv',
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.count).toBe(2);
    expect(parsed.rows).toEqual([
      { row: 2, registrationId: 'reg_1', learnerId: null, absent: false, theory: 85.5, practical: 90 },
      { row: 4, registrationId: 'reg_2', learnerId: null, absent: true, theory: null, practical: null },
    ]);
  });

  it('accepts English headers and learner numbers instead of registration ids', async () => {
    const parsed = await parseResultsFile(
      csv('learnerId,theory,practical,absent\nlrn_1,60,60.5,no\n'),
      'csv',
    );
    expect(parsed.rows).toEqual([
      { row: 2, registrationId: null, learnerId: 'lrn_1', absent: false, theory: 60, practical: 60.5 },
    ]);
  });

  it('names every bad row by row and column, in Chinese and English', async () => {
    const parsed = await parseResultsFile(
      csv(
        [
          '准考证号,理论成绩,实操成绩,缺考',
          'reg_1,101,60,',
          'reg_2,abc,60.25,',
          'reg_3,70,80,是',
          'reg_1,70,80,',
          ',70,80,',
          'reg_4,,80,',
          'reg_5,70,80,maybe',
        ].join('\n'),
      ),
      'csv',
    );
    expect(parsed.rows).toEqual([]);
    expect(parsed.issues.map((i) => i.path)).toEqual([
      'row 2 · 理论成绩',
      'row 3 · 理论成绩',
      'row 3 · 实操成绩',
      'row 4 · 理论成绩',
      'row 4 · 实操成绩',
      'row 5 · 准考证号',
      'row 6 · 准考证号',
      'row 7 · 理论成绩',
      'row 8 · 缺考',
    ]);
    expect(parsed.issues[0]).toMatchObject({
      row: 2,
      column: '理论成绩',
      messageZh: expect.stringContaining('超出范围'),
    });
    expect(parsed.issues[1]!.message).toBe('"abc" is not a number');
    expect(parsed.issues[3]!.message).toBe('An absent candidate has no score');
    expect(parsed.issues[5]!.message).toBe('Duplicate of row 2');
  });

  it('reports missing columns on the header row and reads no data', async () => {
    const parsed = await parseResultsFile(csv('姓名,理论成绩\n张三,80\n'), 'csv');
    expect(parsed.rows).toEqual([]);
    expect(parsed.issues.map((i) => [i.path, i.message])).toEqual([
      ['row 1 · 准考证号', 'Missing column 准考证号 / registrationId (or 学习者编号 / learnerId)'],
      ['row 1 · 实操成绩', 'Missing column 实操成绩 / practical'],
    ]);
  });

  it('reads an XLSX workbook built with exceljs, numbers and text cells alike', async () => {
    const bytes = await xlsx([
      ['准考证号', '理论成绩', '实操成绩', '缺考'],
      ['reg_1', 78.5, '66', null],
      ['reg_2', null, null, '是'],
      ['reg_3', 120, 50, null],
    ]);
    const parsed = await parseResultsFile(bytes, 'xlsx');
    expect(parsed.rows.map((r) => [r.row, r.registrationId, r.theory, r.practical, r.absent])).toEqual([
      [2, 'reg_1', 78.5, 66, false],
      [3, 'reg_2', null, null, true],
    ]);
    expect(parsed.issues.map((i) => i.path)).toEqual(['row 4 · 理论成绩']);
  });

  it('reads its own bilingual templates back, in both formats', async () => {
    const rows = [{ registrationId: 'reg_1', learnerId: 'lrn_1', nameZh: '张三' }];
    for (const format of ['csv', 'xlsx'] as const) {
      const template = await buildResultsTemplate(format, rows);
      const parsed = await parseResultsFile(template, format);
      // The template leaves the scores blank: the one row is reported as missing both.
      expect(parsed.issues.map((i) => i.path)).toEqual(['row 2 · 理论成绩', 'row 2 · 实操成绩']);
    }
    const bytes = await buildResultsTemplate('csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split('\r\n')[0]).toBe(
      '准考证号 / registrationId,学习者编号 / learnerId,姓名 / name,理论成绩 / theory,实操成绩 / practical,缺考 / absent',
    );
  });

  it('reads a CSV saved in GB 18030 by Excel on Chinese Windows', async () => {
    // "准考证号,理论成绩,实操成绩\nreg_1,80,70\n" in GB 18030.
    const gb = Uint8Array.from([
      0xd7,
      0xbc,
      0xbf,
      0xbc,
      0xd6,
      0xa4,
      0xba,
      0xc5,
      0x2c,
      0xc0,
      0xed,
      0xc2,
      0xdb,
      0xb3,
      0xc9,
      0xbc,
      0xa8,
      0x2c,
      0xca,
      0xb5,
      0xb2,
      0xd9,
      0xb3,
      0xc9,
      0xbc,
      0xa8,
      0x0a,
      ...csv('reg_1,80,70\n'),
    ]);
    const parsed = await parseResultsFile(gb, 'csv');
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({ registrationId: 'reg_1', theory: 80, practical: 70 });
  });

  it('refuses an unreadable workbook, an unclosed quote and a file over the limits with coded errors', async () => {
    expect(await codeOf(parseResultsFile(csv('not a zip'), 'xlsx'))).toBe('ASSESSMENT_IMPORT_UNREADABLE');
    expect(await codeOf(parseResultsFile(csv('准考证号\n"reg_1\n'), 'csv'))).toBe(
      'ASSESSMENT_IMPORT_UNREADABLE',
    );
    const big = new Uint8Array(resultsImportLimits.maxBytes + 1);
    expect(await codeOf(parseResultsFile(big, 'csv'))).toBe('ASSESSMENT_IMPORT_TOO_LARGE');
    const many = `准考证号,理论成绩,实操成绩\n${'r,1,1\n'.repeat(resultsImportLimits.maxRows + 1)}`;
    expect(await codeOf(parseResultsFile(csv(many), 'csv'))).toBe('ASSESSMENT_IMPORT_TOO_LARGE');
  });
});
