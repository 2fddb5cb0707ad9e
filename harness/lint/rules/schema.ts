import { schemaProblems } from '../schema.js';
import type { Rule } from '../types.js';
import { ruleInfo } from '../../report/rules.js';

/** Every content file against its JSON Schema (schemas/*.schema.json): types, required keys, enumerations. */
export const schemaRule: Rule = {
  ...ruleInfo('schema'),
  check(ctx) {
    for (const entry of ctx.files) {
      // A file of only blanks or comments loads as nothing, and would otherwise pass unnoticed.
      if ((entry.file.data === undefined || entry.file.data === null) && entry.file.text.replace(/^\s*#.*$/gm, '').trim() === '') {
        ctx.report({ file: entry.file, message: `${entry.kind.replace('_', ' ')} file is empty` });
        continue;
      }
      for (const p of schemaProblems(entry)) {
        if (p.rule === 'schema') ctx.report({ file: entry.file, path: p.path, atKey: p.atKey, message: p.message, detection: entry.detection });
      }
    }
  },
};
