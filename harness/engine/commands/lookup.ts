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
import type { Event, Scalar } from '../types.js';
import { UnsupportedError } from '../types.js';
import { compileLookupMatcher } from '../lookup.js';
import { builtinLookup, externalMatcher, lookupBlocker } from '../lookups/index.js';
import { fromValues, mvValues, toText } from '../values.js';
import { streaming } from './lib/streaming.js';
import { fail } from '../../spl/context.js';
import { renameList } from '../../spl/arg-parsers.js';
import { renderWord, renderOptions, joinParts } from '../../spl/render.js';
import { addFields, openFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { Options, FieldRename, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface LookupCommand extends CommandNodeBase {
  cmd: 'lookup';
  lookup: string;
  options: Options;
  inputs: FieldRename[]; // from = lookup field, to = event field (`AS`)
  outputMode: 'OUTPUT' | 'OUTPUTNEW' | null;
  outputs: FieldRename[]; // from = lookup field, to = event field
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    lookup: LookupCommand;
  }
}

/** `lookup [options] <lookup> <field> [AS <f>]... [OUTPUT|OUTPUTNEW <field> [AS <f>]...]`. */
const syntax: CommandSyntax<LookupCommand> = {
  cmd: 'lookup',
  lookups: (c) => [c.lookup],
  parse(r, base) {
    const options = r.options({});
    const lookupName = r.field('a lookup name');
    const inputs = renameList(r, ['output', 'outputnew']);
    let outputMode: 'OUTPUT' | 'OUTPUTNEW' | null = null;
    let outputs: FieldRename[] = [];
    if (r.isKeyword('output', 'outputnew')) {
      outputMode = r.next().raw.toUpperCase() as 'OUTPUT' | 'OUTPUTNEW';
      outputs = renameList(r, []);
    }
    r.expectEnd('lookup');
    if (inputs.length === 0) fail(`lookup ${lookupName} needs at least one input field`, base.span);
    return { ...base, cmd: 'lookup', lookup: lookupName, options, inputs, outputMode, outputs };
  },
  render(c) {
    const pairs = (rs: Array<{ from: string; to: string }>) =>
      rs.map((r) => (r.from === r.to ? renderWord(r.from) : `${renderWord(r.from)} as ${renderWord(r.to)}`)).join(', ');
    return joinParts(
      'lookup',
      ...renderOptions(c.options),
      renderWord(c.lookup),
      pairs(c.inputs),
      c.outputMode ?? undefined,
      c.outputMode ? pairs(c.outputs) : undefined,
    );
  },
  outputFields: (before, c) => (c.outputs.length ? addFields(before, ...c.outputs.map((o) => o.to)) : openFields(before)),
};

export const lookup = streaming<LookupCommand>(
  (command, ctx) => {
    const table = ctx.source.lookup(command.lookup);
    const external = table ? undefined : builtinLookup(command.lookup);
    if (!table && (!external || external.unsupported)) throw new UnsupportedError([{ kind: 'lookup', name: lookupBlocker(command.lookup) }]);
    const lookupFields = command.inputs.map((i) => i.from);
    const matcher = table ? compileLookupMatcher(table, lookupFields) : externalMatcher(external!);
    const columns = table ? table.columns : external!.fields;
    const outputs = command.outputs.length ? command.outputs : columns.filter((c) => !lookupFields.includes(c)).map((c) => ({ from: c, to: c }));
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

export const command = defineCommand<LookupCommand>({ names: ['lookup'], syntax, spec: lookup });
