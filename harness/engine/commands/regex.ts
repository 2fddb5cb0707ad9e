/**
 * regex: "Removes results that match or do not match the specified regular expression."
 * `regex field=<re>` keeps events whose field matches, `field!=<re>` those whose field does not;
 * without a field the regex runs on `_raw`. A multivalue field matches when any value does; an
 * event without the field never matches (so `!=` keeps it).
 */
import type { RegexCommand } from '../../spl/ast.js';
import { compileRegex } from '../regex.js';
import { mvValues, toText } from '../values.js';
import { streaming } from './lib/streaming.js';

export const regex = streaming<RegexCommand>((command) => {
  const re = compileRegex(command.regex);
  const field = command.field || '_raw';
  return (event) => {
    const hit = mvValues(event[field]).some((v) => re.test(toText(v) ?? ''));
    return hit !== command.negated ? event : null;
  };
});
