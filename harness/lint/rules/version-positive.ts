import type { Rule } from '../types.js';
import { isObj } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

export const versionPositiveRule: Rule = {
  ...ruleInfo('version-positive'),
  check(ctx) {
    for (const entry of ctx.files) {
      if (entry.kind === 'macro' || entry.kind === 'lookup' || !isObj(entry.file.data) || !('version' in entry.file.data)) continue;
      const v = entry.file.data.version;
      if (typeof v !== 'number') continue; // not an integer: the schema rule reports the type
      if (Number.isInteger(v) && v < 1)
        ctx.report({ file: entry.file, path: ['version'], message: `version ${v} is not a positive integer`, detection: entry.detection });
    }
  },
};
