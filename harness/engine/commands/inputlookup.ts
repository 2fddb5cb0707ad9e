/**
 * inputlookup: "Use the inputlookup command to search the contents of a lookup table." Rows come
 * in file order, every column a field (empty cells left out); `where <search>` filters them with
 * search semantics; `append=true` adds the rows after the incoming results instead of starting a
 * new result set; `max=N` keeps the first N rows; `start=N` skips the first N.
 */
import type { Event } from '../types.js';
import { UnsupportedError } from '../types.js';
import { compileSearch } from '../match.js';
import { optionFlag, optionNumber } from './lib/stream.js';
import { resolveSubsearches } from './lib/subsearch.js';
import type { CommandSpec } from './types.js';
import { parseSearchExpr } from '../../spl/search-expr.js';
import { renderWord, renderOptions, joinParts, renderSearchExpr } from '../../spl/render.js';
import { searchNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { Options, SearchExpr, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface InputlookupCommand extends CommandNodeBase {
  cmd: 'inputlookup';
  name: 'inputlookup';
  lookup: string;
  options: Options;
  where: SearchExpr | null;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    inputlookup: InputlookupCommand;
  }
}

/** `inputlookup [options] <lookup> [where <search>]`. */
const syntax: CommandSyntax<InputlookupCommand> = {
  cmd: 'inputlookup',
  lookups: (c) => [c.lookup],
  generating: true,
  parse(r, base) {
    const options = r.options({});
    const name = r.field('a lookup name');
    r.options(options);
    const where = r.eatKeyword('where') ? parseSearchExpr(r.s, r.ctx) : null;
    r.expectEnd('inputlookup');
    return { ...base, cmd: 'inputlookup', name: 'inputlookup', lookup: name, options, where };
  },
  render: (c) => joinParts('inputlookup', ...renderOptions(c.options), renderWord(c.lookup), c.where && `where ${renderSearchExpr(c.where)}`),
  children: (c) => (c.where ? [searchNode(c.where)] : []),
};

export const inputlookup: CommandSpec<InputlookupCommand> = {
  options: ['append', 'max', 'start', 'strict'],
  operator: async function* (input, command, ctx) {
    if (!ctx.first && optionFlag(command.options.append, false)) yield* input;
    const table = ctx.source.lookup(command.lookup);
    if (!table) throw new UnsupportedError([{ kind: 'lookup', name: command.lookup }]);
    const where = command.where ? compileSearch(await resolveSubsearches(command.where, ctx)) : undefined;
    const start = optionNumber(command.options.start, 0);
    const max = optionNumber(command.options.max, 1_000_000_000);
    let emitted = 0;
    for (let i = start; i < table.rows.length && emitted < max; i++) {
      const row: Event = {};
      for (const c of table.columns) if (table.rows[i][c] !== '' && table.rows[i][c] !== undefined) row[c] = table.rows[i][c];
      if (where && !where(row)) continue;
      emitted++;
      yield row;
    }
  },
};

export const command = defineCommand<InputlookupCommand>({ names: ['inputlookup'], syntax, spec: inputlookup });
