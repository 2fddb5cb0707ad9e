import type { Rule } from '../types.js';
import { isObj } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** Ids are the identity ES and contentctl key content on; two objects with one id overwrite each other. */
export const idUniqueRule: Rule = {
  ...ruleInfo('id-unique'),
  check(ctx) {
    const first = new Map<string, string>();
    for (const entry of ctx.files) {
      if (entry.kind === 'macro' || entry.kind === 'lookup' || !isObj(entry.file.data)) continue;
      const id = entry.file.data.id;
      if (typeof id !== 'string' || id === '') continue;
      const key = id.trim().toLowerCase();
      const seen = first.get(key);
      if (seen === undefined) first.set(key, entry.file.relPath);
      else ctx.report({ file: entry.file, path: ['id'], message: `id ${id} is already used by ${seen}`, detection: entry.detection });
    }
  },
};
