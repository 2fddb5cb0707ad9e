import { expectedFileStem, fileStem } from '../../content/load.js';
import type { Detection } from '../../content/types.js';
import { lastCommand } from '../spl-text.js';
import type { Rule } from '../types.js';

/** The filter macro names a detection may use: from its name (contentctl) or from its file stem. */
export function filterMacroNames(d: Detection): string[] {
  const names = new Set<string>();
  if (d.name) names.add(expectedFileStem(d.name) + '_filter');
  names.add(fileStem(d.file.relPath) + '_filter');
  return [...names];
}

const CALL = /^`\s*([^`\s(]+)\s*`$/;

/**
 * Customers tune a detection through its filter macro, which only works when the macro is applied
 * to the final results: it must be the search's last command.
 */
export const filterMacroLastRule: Rule = {
  id: 'filter-macro-last',
  severity: 'error',
  description: 'The search ends with its filter macro `<file_stem>_filter` as the last command.',
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (!d.search.trim()) continue;
      const expected = filterMacroNames(d);
      const last = lastCommand(d.search);
      const lastName = last && CALL.exec(last.text)?.[1];
      if (lastName && expected.includes(lastName)) continue;
      const used = expected.some((name) => d.search.includes('`' + name + '`'));
      const wrapped = last && /^search\s+`[^`]+_filter`$/.test(last.text);
      const message = wrapped
        ? `the filter macro is wrapped in 'search' ('${abbreviate(last.text)}'), which expands to 'search search *' and looks for the word 'search': end the search with the macro call itself`
        : used
        ? `filter macro \`${expected[0]}\` is used but is not the last command (the search ends with '${abbreviate(last?.text ?? '')}')`
        : `the search does not end with its filter macro \`${expected[0]}\``;
      ctx.report({ file: d.file, path: ['search'], message, detection: d });
    }
  },
};

const abbreviate = (s: string) => (s.length > 60 ? s.slice(0, 57) + '...' : s);
