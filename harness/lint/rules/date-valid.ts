import type { Rule } from '../types.js';
import { isObj } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** Parses `YYYY-MM-DD` as a real calendar date (no 2024-02-30), or returns undefined. */
export function parseIsoDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}

export const dateValidRule: Rule = {
  ...ruleInfo('date-valid'),
  check(ctx) {
    // Compare calendar days in UTC, with a day of slack so authors east of UTC are not flagged.
    const tomorrow = Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth(), ctx.now.getUTCDate() + 1);
    for (const entry of ctx.files) {
      if (entry.kind === 'macro' || entry.kind === 'lookup' || !isObj(entry.file.data)) continue;
      const raw = entry.file.data.date;
      if (raw === undefined || raw === null) continue; // a missing date is the schema's to report
      const text = String(raw);
      const date = parseIsoDate(text);
      if (!date) ctx.report({ file: entry.file, path: ['date'], message: `date '${text}' is not a valid YYYY-MM-DD date`, detection: entry.detection });
      else if (date.getTime() > tomorrow)
        ctx.report({ file: entry.file, path: ['date'], message: `date ${text} is in the future`, detection: entry.detection });
    }
  },
};
