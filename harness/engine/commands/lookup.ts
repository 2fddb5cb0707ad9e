/**
 * lookup: "Use the lookup command to invoke field value lookups." Each event's input field values
 * (`<lookup-field> [AS <event-field>]`) are matched against the table (see engine/lookup.ts for
 * WILDCARD / CIDR / case / max_matches / min_matches); the matching rows' output columns are
 * written to the event, several matches as a multivalue field, and a multivalue input is looked
 * up value by value.
 * - "If the OUTPUT clause is specified, the output lookup fields overwrite existing fields": an
 *   event whose input has no match loses those fields.
 * - "If the OUTPUTNEW clause is specified, the lookup is not performed for events in which the
 *   output fields already exist": only missing output fields are filled.
 * - "If you do not specify OUTPUT or OUTPUTNEW, all fields in the lookup table that are not the
 *   match fields are used as output fields", with OUTPUT behaviour.
 * Empty cells write nothing. An event without an input field is passed unchanged.
 * A name the content has no table for may be a built-in external lookup (engine/lookups/): it is
 * called once per combination of input values, as Splunk calls the app's script.
 */
import type { LookupCommand } from '../../spl/ast.js';
import type { Event, Scalar } from '../types.js';
import { UnsupportedError } from '../types.js';
import { compileLookupMatcher } from '../lookup.js';
import { builtinLookup, externalMatcher, lookupBlocker } from '../lookups/index.js';
import { fromValues, mvValues, toText } from '../values.js';
import { streaming } from './lib/streaming.js';

export const lookup = streaming<LookupCommand>(
  (command, ctx) => {
    const table = ctx.source.lookup(command.lookup);
    const external = table ? undefined : builtinLookup(command.lookup);
    if (!table && (!external || external.unsupported)) throw new UnsupportedError([{ kind: 'lookup', name: lookupBlocker(command.lookup) }]);
    const lookupFields = command.inputs.map((i) => i.from);
    const matcher = table ? compileLookupMatcher(table, lookupFields) : externalMatcher(external!);
    const columns = table ? table.columns : external!.fields;
    const outputs = command.outputs.length
      ? command.outputs
      : columns.filter((c) => !lookupFields.includes(c)).map((c) => ({ from: c, to: c }));
    const outputNew = command.outputMode === 'OUTPUTNEW';

    return (event) => {
      const valueLists = command.inputs.map((i) => mvValues(event[i.to]).map((v) => toText(v) ?? ''));
      if (valueLists.some((l) => l.length === 0)) {
        return event;
      }
      const wanted = outputNew ? outputs.filter((o) => event[o.to] === undefined) : outputs;
      if (!wanted.length) {
        return event;
      }
      const collected = new Map<string, Scalar[]>(wanted.map((o) => [o.to, []]));
      for (const combo of combinations(valueLists)) {
        const inputs: Record<string, string> = {};
        lookupFields.forEach((f, i) => (inputs[f] = combo[i]));
        const rows = matcher.match(inputs);
        for (const row of rows)
          for (const o of wanted) {
            const cell = row[o.from];
            if (cell !== undefined && cell !== '') collected.get(o.to)!.push(cell);
          }
        for (let n = rows.length; n < matcher.minMatches; n++) for (const o of wanted) collected.get(o.to)!.push(matcher.defaultMatch);
      }
      const out: Event = { ...event };
      for (const o of wanted) {
        const value = fromValues(collected.get(o.to)!);
        if (value === undefined) delete out[o.to];
        else out[o.to] = value;
      }
      return out;
    };
  },
  {
    options: ['local', 'update', 'event_time_field'],
  },
);

function combinations(lists: string[][]): string[][] {
  let out: string[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((v) => [...prefix, v]));
  return out;
}
