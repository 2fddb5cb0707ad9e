/**
 * mvcombine: "Takes a group of events that are identical except for the specified field, which
 * contains a single value, and combines those events into a single event. The specified field
 * becomes a multivalue field that contains all of the single values from the combined events."
 * Each combined result stands where its group's first result stood; its values keep the order of
 * the results. `delim=` only shapes the single-value text that `nomv` right after would show,
 * which the engine does not carry between commands: it is reported unsupported.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/mvcombine
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Scalar, Unsupported } from '../types.js';
import { fromValues, mvValues, toText } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { TOKEN_SYNTAX } from './lib/token-syntax.js';
import type { CommandSpec } from './types.js';
import { defineCommand } from './types.js';

export const mvcombine: CommandSpec<GenericCommand> = {
  options: ['delim'],
  check(command): Unsupported[] {
    const { options, words } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options).map((k) => ({ kind: 'option', name: `mvcombine:${k}` }));
    if (words.length !== 1) out.push({ kind: 'option', name: 'mvcombine: exactly one field' });
    else if (words[0].startsWith('_')) out.push({ kind: 'option', name: `mvcombine: internal field ${words[0]}` });
    return out;
  },
  operator: async function* (input, command) {
    const field = readGenericArgs(command.args).words[0];
    const groups = new Map<string, { event: Event; values: Scalar[] }>();
    for await (const event of input) {
      const rest = Object.keys(event)
        .filter((k) => k !== field)
        .sort()
        .map((k) => [k, mvValues(event[k]).map((v) => toText(v) ?? '')]);
      const key = JSON.stringify(rest);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { event, values: [] }));
      g.values.push(...mvValues(event[field]));
    }
    for (const { event, values } of groups.values()) {
      const out: Event = { ...event };
      const v = fromValues(values);
      if (v === undefined) delete out[field];
      else out[field] = v;
      yield out;
    }
  },
};

export const command = defineCommand<GenericCommand>({ names: ['mvcombine'], syntax: TOKEN_SYNTAX, spec: mvcombine });
