import type { Rule } from '../types.js';
import { rawTags } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** `tags.required_fields` tells users which fields their data must provide; a repeated or blank entry is a slip. */
export const requiredFieldsRule: Rule = {
  ...ruleInfo('required-fields'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      const tags = rawTags(d);
      const fields = tags.required_fields;
      if (fields === undefined) continue; // optional in the newer format
      if (!Array.isArray(fields)) continue; // wrong type: the schema rule reports it
      if (fields.length === 0) {
        ctx.report({ file: d.file, path: ['tags', 'required_fields'], message: 'required_fields is empty', detection: d });
        continue;
      }
      const seen = new Set<string>();
      fields.forEach((f, i) => {
        if (typeof f !== 'string') return;
        if (f.trim() === '') ctx.report({ file: d.file, path: ['tags', 'required_fields', i], message: 'required_fields has a blank entry', detection: d });
        else if (seen.has(f))
          ctx.report({ file: d.file, path: ['tags', 'required_fields', i], message: `required field '${f}' is listed twice`, detection: d });
        seen.add(f);
      });
    }
  },
};
