/**
 * accum: "For each event where field is a number, the accum command calculates a running total or
 * sum of the numbers. The accumulated sum can be returned to either the same field, or a
 * newfield that you specify." An event whose field is not a number is passed on unchanged.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/accum
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Unsupported } from '../types.js';
import { isNumeric, mvValues, toNumber } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { streaming } from './lib/streaming.js';
import { fieldAs, TOKEN_SYNTAX } from './lib/token-syntax.js';
import { defineCommand } from './types.js';

export const accum = streaming<GenericCommand>(
  (command) => {
    const { field, as } = fieldAs(readGenericArgs(command.args).words);
    let total = 0;
    return (event) => {
      const vs = mvValues(event[field!]);
      if (vs.length !== 1 || !isNumeric(vs[0])) return event;
      total += toNumber(vs[0])!;
      return { ...event, [as ?? field!]: total };
    };
  },
  {
    check(command): Unsupported[] {
      const { field, rest } = fieldAs(readGenericArgs(command.args).words);
      return field && !rest.length ? [] : [{ kind: 'option', name: 'accum: expects <field> [AS <newfield>]' }];
    },
  },
);

export const command = defineCommand<GenericCommand>({ names: ['accum'], syntax: TOKEN_SYNTAX, spec: accum });
