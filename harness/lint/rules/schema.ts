import { schemaProblems } from '../schema.js';
import type { Rule } from '../types.js';

/** Every content file against its JSON Schema (schemas/*.schema.json): types, required keys, enumerations. */
export const schemaRule: Rule = {
  id: 'schema',
  severity: 'error',
  description: 'Content files match their JSON Schema (types, required keys, allowed values).',
  check(ctx) {
    for (const entry of ctx.files) {
      for (const p of schemaProblems(entry)) {
        if (p.rule === 'schema') ctx.report({ file: entry.file, path: p.path, atKey: p.atKey, message: p.message, detection: entry.detection });
      }
    }
  },
};
