import { basename } from 'node:path';
import { expectedFileStem } from '../../content/load.js';
import type { Rule } from '../types.js';
import { ruleInfo } from '../../report/rules.js';

/** ESCU derives file names from detection names, and the filter macro name from the same stem. */
export const fileNameRule: Rule = {
  ...ruleInfo('file-name'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (typeof d.raw.name !== 'string' || d.raw.name.trim() === '') continue;
      const expected = expectedFileStem(d.raw.name) + '.yml';
      const actual = basename(d.file.relPath);
      if (actual !== expected)
        ctx.report({ file: d.file, path: ['name'], message: `file is named ${actual}, expected ${expected} for name '${d.raw.name}'`, detection: d });
    }
  },
};
