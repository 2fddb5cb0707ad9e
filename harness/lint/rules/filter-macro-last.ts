import { expectedFileStem, fileStem } from '../../content/load.js';
import type { Detection } from '../../content/types.js';
import { filterMacro, macroCalls } from '../../spl/query.js';
import type { Rule } from '../types.js';
import { ruleInfo } from '../../report/rules.js';

/** The filter macro names a detection may use: from its name (contentctl) or from its file stem. */
export function filterMacroNames(d: Detection): string[] {
  const names = new Set<string>();
  if (d.name) names.add(expectedFileStem(d.name) + '_filter');
  names.add(fileStem(d.file.relPath) + '_filter');
  return [...names];
}

/**
 * Customers tune a detection through its filter macro, which only works when the macro is applied
 * to the final results: it must be the search's last command.
 */
export const filterMacroLastRule: Rule = {
  ...ruleInfo('filter-macro-last'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (!d.search.trim()) continue;
      const expected = filterMacroNames(d);
      const filter = filterMacro(d.search);
      if (filter.isLast && filter.call && expected.includes(filter.call.name)) continue;
      const last = filter.lastCommand ?? '';
      const used = macroCalls(d.search).some((c) => expected.includes(c.name));
      const message = filter.wrappedInSearch
        ? `the filter macro is wrapped in 'search' ('${abbreviate(last)}'), which expands to 'search search *' and looks for the word 'search': end the search with the macro call itself`
        : used
          ? `filter macro \`${expected[0]}\` is used but is not the last command (the search ends with '${abbreviate(last)}')`
          : `the search does not end with its filter macro \`${expected[0]}\``;
      ctx.report({ file: d.file, path: ['search'], message, detection: d });
    }
  },
};

const abbreviate = (s: string) => (s.length > 60 ? s.slice(0, 57) + '...' : s);
