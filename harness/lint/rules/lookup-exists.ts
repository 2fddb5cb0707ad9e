import type { Content } from '../../content/types.js';
import { lookupReferences } from '../../spl/query.js';
import type { Rule } from '../types.js';
import { macroUses } from '../util.js';
import { BUILTIN_LOOKUPS } from '../data/builtin-lookups.js';
import { ruleInfo } from '../../report/rules.js';

/** Names a search may use for a lookup: its definition name, its file name (`foo.csv`), or an app's built-in table. */
function knownLookupNames(content: Content): Set<string> {
  const names = new Set<string>(BUILTIN_LOOKUPS);
  for (const l of content.lookups.values()) {
    names.add(l.name);
    if (l.filename) names.add(l.filename);
  }
  return names;
}

export const lookupExistsRule: Rule = {
  ...ruleInfo('lookup-exists'),
  check(ctx) {
    const known = knownLookupNames(ctx.content);
    for (const d of ctx.content.detections) {
      const texts = [
        { text: d.search, where: '' },
        ...macroUses(d, ctx.content.macros).flatMap((u) => (u.macro ? [{ text: u.macro.definition, where: ` (in macro \`${u.key}\`)` }] : [])),
      ];
      const reported = new Set<string>();
      for (const { text, where } of texts) {
        for (const ref of lookupReferences(text)) {
          if (known.has(ref.name) || reported.has(ref.name)) continue;
          reported.add(ref.name);
          ctx.report({ file: d.file, path: ['search'], message: `${ref.command} table '${ref.name}'${where} is not defined in lookups/`, detection: d });
        }
      }
    }
  },
};
