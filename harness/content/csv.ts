/** CSV as lookups ship it: read by the engine's lookups and checked by lint. */

/** A CSV the parser cannot read as its author meant: where, and why. */
export interface CsvProblem {
  /** 1-based line of the file where the problem starts. */
  line: number;
  message: string;
}

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a header row. A quote that is never
 * closed would make the rest of the file one field: that is reported as a problem at the line
 * where the quote opened (the rows before it are still returned).
 */
export function parseCsv(text: string): { columns: string[]; rows: Array<Record<string, string>>; problems: CsvProblem[] } {
  const records: string[][] = [];
  const problems: CsvProblem[] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
        line++;
      }
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (quoted) {
    const swallowed = line - quoteLine;
    problems.push({
      line: quoteLine,
      message: `unterminated quoted field: the quote opened here is never closed${swallowed ? `, so the ${swallowed} line(s) after it would be read as part of one field` : ''}`,
    });
    // Keep the rows before the broken one; the broken record is dropped, not guessed at.
    field = '';
    record = [];
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0] === ''));
  const columns = (nonEmpty.shift() ?? []).map((c) => c.trim());
  const rows = nonEmpty.map((r) => {
    const row: Record<string, string> = {};
    columns.forEach((c, j) => (row[c] = r[j] ?? ''));
    return row;
  });
  return { columns, rows, problems };
}
