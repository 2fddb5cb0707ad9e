/**
 * dedup: "Removes the events that contain an identical combination of values for the fields that
 * you specify." The first N events (default 1) of each combination are kept, in search order.
 * - "keepempty: If set to true, keeps every event where one or more of the specified fields is
 *   not present (null)"; by default such events are removed.
 * - "consecutive: If true, only remove events with duplicate combinations of values that are
 *   consecutive."
 * - sortby: "You can sort the fields, which determines which event is retained": the results are
 *   sorted (as `sort` does) before deduplication, and come out in that order.
 * Without sortby it streams, remembering only the combinations seen.
 */
import type { Event } from '../types.js';
import { mvValues, toText } from '../values.js';
import { optionFlag } from './lib/stream.js';
import { sortEvents } from './sort.js';
import type { CommandSpec } from './types.js';
import { fail } from '../../spl/context.js';
import { sortKey } from '../../spl/arg-parsers.js';
import { renderOptions, renderList, renderSortKey, joinParts } from '../../spl/render.js';
import { keepFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { Options, SortKey, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface DedupCommand extends CommandNodeBase {
  cmd: 'dedup';
  fields: string[];
  count: number;
  options: Options;
  sortby: SortKey[];
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    dedup: DedupCommand;
  }
}

/** `dedup [<N>] <fields> [keepevents=..] [consecutive=..] [sortby <keys>]`. */
const syntax: CommandSyntax<DedupCommand> = {
  cmd: 'dedup',
  parse(r, base) {
    let count = 1;
    const first = r.peek();
    if (first.kind === 'word' && /^\d+$/.test(first.raw)) count = Number(r.next().raw);
    const options = r.options({});
    const list = r.fieldList(['sortby']);
    r.options(options);
    const sortby: SortKey[] = [];
    if (r.eatKeyword('sortby')) {
      while (!r.atEnd()) {
        if (r.eatComma()) continue;
        sortby.push(sortKey(r));
      }
    }
    r.expectEnd('dedup');
    if (list.length === 0) fail('dedup needs at least one field', base.span);
    return { ...base, cmd: 'dedup', fields: list, count, options, sortby };
  },
  render: (c) =>
    joinParts(
      'dedup',
      c.count !== 1 && String(c.count),
      ...renderOptions(c.options),
      renderList(c.fields),
      c.sortby.length > 0 && `sortby ${c.sortby.map(renderSortKey).join(', ')}`,
    ),
  outputFields: keepFields,
};

export const dedup: CommandSpec<DedupCommand> = {
  options: ['keepempty', 'consecutive', 'keepevents'],
  check: (command) => (optionFlag(command.options.keepevents, false) ? [{ kind: 'option', name: 'dedup:keepevents' }] : []),
  operator: (input, command) => {
    if (!command.sortby.length) return dedupStream(input, command);
    const sorted = async function* () {
      const all: Event[] = [];
      for await (const e of input) all.push(e);
      yield* sortEvents(all, command.sortby);
    };
    return dedupStream(sorted(), command);
  },
};

async function* dedupStream(input: AsyncIterable<Event>, command: DedupCommand): AsyncIterable<Event> {
  const keepEmpty = optionFlag(command.options.keepempty, false);
  const consecutive = optionFlag(command.options.consecutive, false);
  const limit = Math.max(1, command.count || 1);
  const seen = new Map<string, number>();
  let previous: string | undefined;
  for await (const event of input) {
    const parts: string[] = [];
    let missing = false;
    for (const f of command.fields) {
      const vs = mvValues(event[f]);
      if (!vs.length) {
        missing = true;
        break;
      }
      parts.push(vs.map((v) => toText(v) ?? '').join('\n'));
    }
    if (missing) {
      if (keepEmpty) yield event;
      continue;
    }
    const key = JSON.stringify(parts);
    if (consecutive) {
      if (key !== previous) yield event;
      previous = key;
      continue;
    }
    const n = seen.get(key) ?? 0;
    if (n < limit) {
      seen.set(key, n + 1);
      yield event;
    }
  }
}

export const command = defineCommand<DedupCommand>({ names: ['dedup'], syntax, spec: dedup });
