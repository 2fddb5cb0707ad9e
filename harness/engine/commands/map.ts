/**
 * map: "The map command is a looping operator that runs a search repeatedly for each input event
 * or result." `search="..."` (or a `[subsearch]`) is run once per input result with each
 * `$field$` replaced by that result's value of the field; "maxsearches: The maximum number of
 * searches to run" (default 10). A result lacking a field the search names runs no search.
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Unsupported } from '../types.js';
import { UnsupportedError } from '../types.js';
import { parseSearch, GENERIC_SYNTAX } from '../../spl/parse.js';
import { mvValues, toText } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { optionNumber } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { defineCommand } from './types.js';
import type { CommandSyntax } from '../../spl/grammar.js';

const syntax: CommandSyntax<GenericCommand> = {
  ...GENERIC_SYNTAX,
  templates(c) {
    // map runs a search per result: check it with its $field$ tokens filled by a sample value.
    const template = mapTemplate(c);
    if (template === undefined) return [];
    const { pipeline, errors } = parseSearch(template.replace(/\$[A-Za-z0-9_.]+\$/g, 'x'));
    return errors.length ? [] : [pipeline];
  },
};

/** The search a map command runs, `$field$` tokens still in it. */
export function mapTemplate(command: GenericCommand): string | undefined {
  const { options, words } = readGenericArgs(command.args);
  return options.search ?? words.find((w) => w.startsWith('['))?.replace(/^\[|\]$/g, '');
}

export const map: CommandSpec<GenericCommand> = {
  check(command) {
    const { options, words } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options)
      .filter((k) => k !== 'search' && k !== 'maxsearches')
      .map((k) => ({ kind: 'option', name: `map:${k}` }));
    if (options.search === undefined && !words.some((w) => w.startsWith('['))) out.push({ kind: 'option', name: 'map: saved search' });
    return out;
  },
  operator: async function* (input, command, ctx) {
    const { options } = readGenericArgs(command.args);
    const template = mapTemplate(command)!;
    const maxsearches = optionNumber(options.maxsearches, 10);
    let runs = 0;
    for await (const event of input) {
      if (runs >= maxsearches) break;
      let missing = false;
      const text = template.replace(/\$([A-Za-z0-9_.]+)\$/g, (_m, f: string) => {
        const v = mvValues(event[f]);
        if (!v.length) missing = true;
        return toText(v[0]) ?? '';
      });
      runs++;
      if (missing) continue;
      const { pipeline, errors } = parseSearch(text);
      if (errors.length) throw new Error(`map: cannot read search "${text}": ${errors[0].message}`);
      const missingFeatures = ctx.checkSupport(pipeline);
      if (missingFeatures.length) throw new UnsupportedError(missingFeatures);
      yield* ctx.runSubsearch(pipeline);
    }
  },
};

export const command = defineCommand<GenericCommand>({ names: ['map'], syntax, spec: map });
