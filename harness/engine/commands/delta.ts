/**
 * delta: "For each event where <field> is a number, the delta command computes the difference, in
 * search order, between the <field> value for the current event and the <field> value for the
 * previous event" into `delta(<field>)` or the AS name; `p=` "specifies how many results prior to
 * the current result to use for the comparison". The prior result is counted by position, and no
 * field is written when either value is not a number ("If <field> is not a numeric field, no
 * output field is generated").
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/delta
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Unsupported } from '../types.js';
import { isNumeric, mvValues, toNumber } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { streaming } from './lib/streaming.js';
import { optionNumber } from './lib/stream.js';
import { fieldAs, TOKEN_SYNTAX } from './lib/token-syntax.js';
import { defineCommand } from './types.js';

const numberOf = (v: unknown): number | undefined => {
  const vs = mvValues(v as never);
  return vs.length === 1 && isNumeric(vs[0]) ? toNumber(vs[0]) : undefined;
};

export const delta = streaming<GenericCommand>(
  (command) => {
    const { options, words } = readGenericArgs(command.args);
    const { field, as } = fieldAs(words);
    const p = Math.max(1, Math.trunc(optionNumber(options.p, 1)));
    const out = as ?? `delta(${field})`;
    const prior: Array<number | undefined> = [];
    return (event) => {
      const now = numberOf(event[field!]);
      const before = prior.length >= p ? prior[prior.length - p] : undefined;
      prior.push(now);
      if (prior.length > p) prior.shift();
      return now !== undefined && before !== undefined ? { ...event, [out]: now - before } : event;
    };
  },
  {
    options: ['p'],
    check(command): Unsupported[] {
      const { options, words } = readGenericArgs(command.args);
      const { field, rest } = fieldAs(words);
      const out: Unsupported[] = Object.keys(options)
        .filter((k) => k !== 'p')
        .map((k) => ({ kind: 'option', name: `delta:${k}` }));
      if (!field || rest.length) out.push({ kind: 'option', name: 'delta: expects <field> [AS <newfield>] [p=<int>]' });
      return out;
    },
  },
);

export const command = defineCommand<GenericCommand>({ names: ['delta'], syntax: TOKEN_SYNTAX, spec: delta });
