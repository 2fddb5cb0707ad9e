import { schemaProblems } from '../schema.js';
import type { Rule } from '../types.js';
import { ruleInfo } from '../../report/rules.js';

/** Keys the schema does not define: usually a misspelling (`data_sources` for `data_source`) that silently drops the value. */
export const unknownKeyRule: Rule = {
  ...ruleInfo('unknown-key'),
  check(ctx) {
    for (const entry of ctx.files) {
      for (const p of schemaProblems(entry)) {
        if (p.rule === 'unknown-key') ctx.report({ file: entry.file, path: p.path, atKey: true, message: p.message, detection: entry.detection });
      }
    }
  },
};
