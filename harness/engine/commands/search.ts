/**
 * search: "Use the search command to retrieve events from indexes or filter the results of a
 * previous search command in the pipeline." As the first command it reads the indexed events;
 * later it filters. Subsearch terms are run first and replaced by the terms they stand for.
 */
import type { SearchCommand } from '../../spl/ast.js';
import { compileSearch } from '../match.js';
import { resolveSubsearches } from './lib/subsearch.js';
import type { CommandSpec } from './types.js';
import { hasSubsearch } from './lib/subsearch.js';

export const search: CommandSpec<SearchCommand> = {
  // Without subsearch terms it filters event by event; first in a pipeline it reads the events.
  streamable: (command) => !(command.expr && hasSubsearch(command.expr)),
  input: (_command, ctx) => ctx.source.events(),
  map(command) {
    if (!command.expr) return (event) => event;
    const matches = compileSearch(command.expr);
    return (event) => (matches(event) ? event : null);
  },
  operator: async function* (input, command, ctx) {
    const events = ctx.first ? ctx.source.events() : input;
    if (!command.expr) {
      yield* events;
      return;
    }
    const matches = compileSearch(await resolveSubsearches(command.expr, ctx));
    for await (const event of events) if (matches(event)) yield event;
  },
};
