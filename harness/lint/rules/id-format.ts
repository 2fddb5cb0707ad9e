import type { Rule } from '../types.js';
import { isObj } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Detections, stories and data sources are identified by a UUID. */
export const idFormatRule: Rule = {
  ...ruleInfo('id-format'),
  check(ctx) {
    for (const entry of ctx.files) {
      if (entry.kind === 'macro' || entry.kind === 'lookup' || !isObj(entry.file.data)) continue;
      const id = entry.file.data.id;
      if (typeof id === 'string' && !UUID.test(id.trim())) {
        ctx.report({ file: entry.file, path: ['id'], message: `id '${id}' is not a UUID`, detection: entry.detection });
      }
    }
  },
};
