import type { Rule } from '../types.js';
import { filterMacroNames } from './filter-macro-last.js';
import { ruleInfo } from '../../report/rules.js';

/**
 * A missing filter macro. security_content does not keep them: contentctl's build writes one
 * `<name>_filter` macro per detection with the definition `search *`, so with the default
 * `filter_macros: generated` a missing one is exactly that and nothing is reported. A repository
 * that keeps its own (`filter_macros: required`) is told which are missing.
 */
export const filterMacroDefinedRule: Rule = {
  ...ruleInfo('filter-macro-defined'),
  check(ctx) {
    if (ctx.filterMacros !== 'required') return;
    for (const d of ctx.content.detections) {
      if (!d.search.trim()) continue;
      const names = filterMacroNames(d);
      if (!names.some((n) => ctx.content.macros.has(n)))
        ctx.report({
          file: d.file,
          path: ['search'],
          message: `filter macro \`${names[0]}\` is not defined in macros/ (filter_macros: required)`,
          detection: d,
        });
    }
  },
};
