import type { Rule } from '../types.js';
import { filterMacroNames } from './filter-macro-last.js';
import { ruleInfo } from '../../report/rules.js';

/** Missing definition: contentctl creates `search *` for it, which is fine to run but leaves no tuning hook. */
export const filterMacroDefinedRule: Rule = {
  ...ruleInfo('filter-macro-defined'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (!d.search.trim()) continue;
      const names = filterMacroNames(d);
      if (!names.some((n) => ctx.content.macros.has(n)))
        ctx.report({ file: d.file, path: ['search'], message: `filter macro \`${names[0]}\` is not defined in macros/ (it defaults to 'search *')`, detection: d });
    }
  },
};
