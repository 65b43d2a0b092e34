/** One CSV row with its line number as a spreadsheet shows it (1-based, where the row starts). */
export interface CsvRow {
  row: number;
  cells: string[];
}

/**
 * Upload bytes as text: UTF-8 (a byte-order mark is dropped), else GB 18030 (what Excel in China
 * saves CSV as); `undefined` when it is neither. Callers turn that into their own coded error.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes ("") and line breaks; CRLF or LF.
 * Returns the rows, or the line of a quoted field that is never closed.
 */
export function parseCsv(text: string): { rows: CsvRow[] } | { unclosedQuoteAt: number } {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRow = () => {
    cells.push(cell);
    rows.push({ row: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      start = line;
    } else cell += ch;
  }
  if (quoted) return { unclosedQuoteAt: start };
  if (cell !== '' || cells.length > 0) endRow();
  return { rows };
}
