import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCsv } from '../../content/csv.js';
import { ruleInfo } from '../../report/rules.js';
import type { Rule } from '../types.js';
import { isObj } from '../util.js';

/**
 * A CSV lookup whose quote is never closed reads as one endless field: every row after it
 * vanishes from the table without a word. Reported at the CSV's line, on the lookup's YAML.
 */
export const lookupCsvRule: Rule = {
  ...ruleInfo('lookup-csv'),
  check(ctx) {
    for (const entry of ctx.files) {
      if (entry.kind !== 'lookup' || !isObj(entry.file.data)) continue;
      const filename = entry.file.data.filename;
      if (typeof filename !== 'string' || !/\.csv$/i.test(filename.trim())) continue;
      const path = join(dirname(entry.file.path), filename.trim());
      if (!existsSync(path)) continue; // lookup-file reports it
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      for (const p of parseCsv(text).problems) {
        ctx.report({ file: entry.file, path: ['filename'], message: `${dirname(entry.file.relPath)}/${filename.trim()}:${p.line}: ${p.message}` });
      }
    }
  },
};
