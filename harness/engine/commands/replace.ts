/**
 * replace: "Replaces field values with the values that you specify." Each `<value> WITH <new>`
 * matches a whole field value, `*` matching any run of characters; "Wildcards in the replacement
 * take the text the wildcards matched" in order. "IN <field-list>" limits it to those fields
 * (wildcards allowed); without it every field is considered. Matching is case-sensitive; the
 * first pair that matches a value wins.
 */
import type { ReplaceCommand } from '../../spl/ast.js';
import type { Event, Scalar } from '../types.js';
import { fromValues, mvValues, toText } from '../values.js';
import { matchFieldNames, substituteWildcards, wildcardRegex } from './lib/wildcard.js';
import { streaming } from './lib/streaming.js';

export const replace = streaming<ReplaceCommand>(
  (command) => {
    const pairs = command.replacements.map((r) => ({ re: wildcardRegex(r.from), to: r.to }));
    const rewrite = (v: Scalar): Scalar => {
      const text = toText(v) ?? '';
      for (const p of pairs) {
        const m = p.re.exec(text);
        if (m) return substituteWildcards(p.to, m.slice(1));
      }
      return v;
    };
    return (event) => {
      const names = command.fields.length
        ? [...new Set(command.fields.flatMap((f) => matchFieldNames(f, Object.keys(event))))]
        : Object.keys(event);
      let out: Event | undefined;
      for (const name of names) {
        const values = mvValues(event[name]);
        if (!values.length) continue;
        const next = values.map(rewrite);
        if (next.every((v, i) => v === values[i])) continue;
        out ??= { ...event };
        out[name] = fromValues(next);
      }
      return out ?? event;
    };
  },
  {
  },
);
