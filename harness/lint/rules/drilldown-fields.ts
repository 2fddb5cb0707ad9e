import { fieldAppears } from '../../spl/query.js';
import type { Rule } from '../types.js';
import { dollarTokens, isObj, searchWithMacroText } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** Tokens ES fills in itself when it opens a drilldown, not fields of the detection's results. */
const BUILTIN_TOKENS = new Set(['info_min_time', 'info_max_time', 'earliest', 'latest']);
const REQUIRED = ['name', 'search', 'earliest_offset', 'latest_offset'] as const;

/**
 * ESCU drilldowns (contentctl's Drilldown model): name, search, earliest_offset and latest_offset
 * are all given explicitly, and every `$field$` token they use is a field of the detection's results.
 */
export const drilldownFieldsRule: Rule = {
  ...ruleInfo('drilldown-fields'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      const drilldowns = d.raw.drilldown_searches;
      if (!Array.isArray(drilldowns)) continue;
      const searchText = searchWithMacroText(d, ctx.content.macros);
      drilldowns.forEach((dd, i) => {
        if (!isObj(dd)) return;
        const missing = REQUIRED.filter((k) => !(k in dd));
        if (missing.length) ctx.report({ file: d.file, path: ['drilldown_searches', i], message: `drilldown lacks ${missing.join(', ')}`, detection: d });
        for (const key of ['name', 'search'] as const) {
          const text = dd[key];
          if (typeof text !== 'string') continue;
          const unknown = [...new Set(dollarTokens(text).map((t) => t.name))].filter((t) => !BUILTIN_TOKENS.has(t) && !fieldAppears(t, searchText));
          if (unknown.length)
            ctx.report({
              file: d.file,
              path: ['drilldown_searches', i, key],
              message: `drilldown ${key} uses ${unknown.map((t) => `$${t}$`).join(', ')}, not a field of the search`,
              detection: d,
            });
        }
      });
    }
  },
};
