import type { Rule } from '../types.js';
import { isObj } from '../util.js';
import { macroKey } from '../../content/load.js';
import { ruleInfo } from '../../report/rules.js';

/**
 * Names are how content refers to content (stories by name, data sources by name, macros by call
 * name), so a second object with the same name makes those references ambiguous.
 */
export const nameUniqueRule: Rule = {
  ...ruleInfo('name-unique'),
  check(ctx) {
    const first = new Map<string, string>();
    for (const entry of ctx.files) {
      const data = entry.file.data;
      if (!isObj(data) || typeof data.name !== 'string' || data.name === '') continue;
      const name = entry.kind === 'macro' ? macroKey(data.name, Array.isArray(data.arguments) ? data.arguments.length : 0) : data.name;
      const key = `${entry.kind}\0${name}`;
      const seen = first.get(key);
      if (seen === undefined) first.set(key, entry.file.relPath);
      else
        ctx.report({
          file: entry.file,
          path: ['name'],
          message: `${entry.kind.replace('_', ' ')} name '${name}' is already used by ${seen}`,
          detection: entry.detection,
        });
    }
  },
};
