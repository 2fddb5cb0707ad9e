import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Rule } from '../types.js';
import { isObj } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** A lookup definition whose file is missing fails at search time ("lookup table ... does not exist"). */
export const lookupFileRule: Rule = {
  ...ruleInfo('lookup-file'),
  check(ctx) {
    for (const entry of ctx.files) {
      if (entry.kind !== 'lookup' || !isObj(entry.file.data)) continue;
      const filename = entry.file.data.filename;
      if (typeof filename !== 'string' || filename.trim() === '') continue;
      if (!existsSync(join(dirname(entry.file.path), filename)))
        ctx.report({ file: entry.file, path: ['filename'], message: `lookup file ${filename} does not exist in ${dirname(entry.file.relPath)}/` });
    }
  },
};
