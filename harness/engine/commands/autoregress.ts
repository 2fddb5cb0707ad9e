/**
 * autoregress: "Prepares your events for calculating the autoregression, or the moving average, by
 * copying one or more of the previous values for field into each event. The first few events will
 * lack the augmentation of prior values, since the prior values do not exist." `p=<int>` or
 * `p=<int>-<int>` (default 1) names the prior events; the copies go to `<field>_p<num>`, or to the
 * AS name when p is a single integer (AS with a range is "Invalid").
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/autoregress
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { FieldValue, Unsupported } from '../types.js';
import { readGenericArgs } from './lib/generic-args.js';
import { streaming } from './lib/streaming.js';
import { fieldAs, TOKEN_SYNTAX } from './lib/token-syntax.js';
import { defineCommand } from './types.js';

function lags(p: string | undefined): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(p ?? '1');
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from >= 1 && to >= from ? [from, to] : undefined;
}

export const autoregress = streaming<GenericCommand>(
  (command) => {
    const { options, words } = readGenericArgs(command.args);
    const { field, as } = fieldAs(words);
    const [from, to] = lags(options.p)!;
    const prior: Array<FieldValue | undefined> = [];
    return (event) => {
      const out = { ...event };
      for (let k = from; k <= to; k++) {
        const v = prior.length >= k ? prior[prior.length - k] : undefined;
        const name = from === to && as ? as : `${field}_p${k}`;
        if (v !== undefined) out[name] = v;
      }
      prior.push(event[field!]);
      if (prior.length > to) prior.shift();
      return out;
    };
  },
  {
    options: ['p'],
    check(command): Unsupported[] {
      const { options, words } = readGenericArgs(command.args);
      const { field, as, rest } = fieldAs(words);
      const out: Unsupported[] = Object.keys(options)
        .filter((k) => k !== 'p')
        .map((k) => ({ kind: 'option', name: `autoregress:${k}` }));
      const range = lags(options.p);
      if (!range) out.push({ kind: 'option', name: `autoregress:p=${options.p}` });
      else if (as && range[0] !== range[1]) out.push({ kind: 'option', name: 'autoregress: AS with a p range' });
      if (!field || rest.length) out.push({ kind: 'option', name: 'autoregress: expects <field> [AS <newfield>] [p=...]' });
      return out;
    },
  },
);

export const command = defineCommand<GenericCommand>({ names: ['autoregress'], syntax: TOKEN_SYNTAX, spec: autoregress });
