/**
 * search: "Use the search command to retrieve events from indexes or filter the results of a
 * previous search command in the pipeline." As the first command it reads the indexed events;
 * later it filters. Subsearch terms are run first and replaced by the terms they stand for.
 */
import { compileSearch } from '../match.js';
import { resolveSubsearches, hasSubsearch } from './lib/subsearch.js';
import type { CommandSpec } from './types.js';
import { parseSearchExpr } from '../../spl/search-expr.js';
import { joinParts, renderSearchExpr } from '../../spl/render.js';
import { keepFields } from '../../spl/output-fields.js';
import { searchNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { SearchExpr, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface SearchCommand extends CommandNodeBase {
  cmd: 'search';
  expr: SearchExpr | null;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    search: SearchCommand;
  }
}

const syntax: CommandSyntax<SearchCommand> = {
  cmd: 'search',
  parse: (r, base) => ({ ...base, cmd: 'search', expr: parseSearchExpr(r.s, r.ctx) }),
  render: (c) => joinParts('search', c.expr ? renderSearchExpr(c.expr) : undefined),
  children: (c) => (c.expr ? [searchNode(c.expr)] : []),
  outputFields: keepFields,
};

export const search: CommandSpec<SearchCommand> = {
  // Without subsearch terms it filters event by event; first in a pipeline it reads the events.
  streamable: (command) => !(command.expr && hasSubsearch(command.expr)),
  input: (command, ctx) => ctx.source.events(command),
  map(command) {
    if (!command.expr) return (event) => event;
    const matches = compileSearch(command.expr);
    return (event) => (matches(event) ? event : null);
  },
  operator: async function* (input, command, ctx) {
    const events = ctx.first ? ctx.source.events(command) : input;
    if (!command.expr) {
      yield* events;
      return;
    }
    const matches = compileSearch(await resolveSubsearches(command.expr, ctx));
    for await (const event of events) if (matches(event)) yield event;
  },
};

export const command = defineCommand<SearchCommand>({ names: ['search'], syntax, spec: search });
