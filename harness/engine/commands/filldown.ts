/**
 * filldown: "Replaces null values with the last non-null value for a field or set of fields. If no
 * list of fields is given, the filldown command will be applied to all fields." Fields may be
 * written with wildcards. Without a list, "all fields" are those some earlier result carried.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/filldown
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { FieldValue } from '../types.js';
import { mvValues } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { streaming } from './lib/streaming.js';
import { fieldWords, TOKEN_SYNTAX } from './lib/token-syntax.js';
import { matchFieldNames } from './lib/wildcard.js';
import { defineCommand } from './types.js';

export const filldown = streaming<GenericCommand>((command) => {
  const patterns = fieldWords(readGenericArgs(command.args).words);
  const last = new Map<string, FieldValue>();
  return (event) => {
    const out = { ...event };
    for (const [f, v] of Object.entries(event)) {
      if (v !== undefined && mvValues(v).length && (!patterns.length || patterns.some((p) => matchFieldNames(p, [f]).length))) last.set(f, v);
    }
    for (const [f, v] of last) if (!mvValues(out[f]).length) out[f] = v;
    return out;
  };
});

export const command = defineCommand<GenericCommand>({ names: ['filldown'], syntax: TOKEN_SYNTAX, spec: filldown });
