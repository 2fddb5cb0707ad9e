/**
 * addtotals: "computes the arithmetic sum of all numeric fields for each search result" into the
 * field named by `fieldname=` (default "Total"); with a field list only those fields (wildcards
 * allowed) are summed. `row=false` skips the per-row total; `col=true` adds a final result with
 * each column's sum (labelled through `labelfield=` / `label=`).
 */
import type { Event } from '../types.js';
import { isNumeric, mvValues, toNumber } from '../values.js';
import { matchFieldNames } from './lib/wildcard.js';
import { optionFlag, optionText } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { renderOptions, renderList, joinParts } from '../../spl/render.js';
import { defineCommand } from './types.js';
import type { Options, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface AddtotalsCommand extends CommandNodeBase {
  cmd: 'addtotals';
  options: Options;
  fields: string[];
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    addtotals: AddtotalsCommand;
  }
}

const syntax: CommandSyntax<AddtotalsCommand> = {
  cmd: 'addtotals',
  parse(r, base) {
    const options = r.options({});
    const list = r.fieldList();
    r.options(options);
    r.expectEnd('addtotals');
    return { ...base, cmd: 'addtotals', options, fields: list };
  },
  render: (c) => joinParts('addtotals', ...renderOptions(c.options), renderList(c.fields)),
};

export const addtotals: CommandSpec<AddtotalsCommand> = {
  options: ['row', 'col', 'fieldname', 'labelfield', 'label'],
  operator: async function* (input, command) {
    const row = optionFlag(command.options.row, true);
    const col = optionFlag(command.options.col, false);
    const fieldname = optionText(command.options.fieldname) ?? 'Total';
    const labelfield = optionText(command.options.labelfield);
    const label = optionText(command.options.label) ?? 'Total';
    const columnSums = new Map<string, number>();
    const selected = (event: Event) =>
      command.fields.length
        ? [...new Set(command.fields.flatMap((f) => matchFieldNames(f, Object.keys(event))))]
        : Object.keys(event).filter((k) => !k.startsWith('_'));
    for await (const event of input) {
      let total = 0;
      let any = false;
      for (const f of selected(event)) {
        if (f === fieldname) continue;
        const vs = mvValues(event[f]);
        if (vs.length !== 1 || !isNumeric(vs[0])) continue;
        const n = toNumber(vs[0])!;
        total += n;
        any = true;
        if (col) columnSums.set(f, (columnSums.get(f) ?? 0) + n);
      }
      yield row && any ? { ...event, [fieldname]: total } : event;
    }
    if (col) {
      const summary: Event = Object.fromEntries(columnSums);
      if (labelfield) summary[labelfield] = label;
      yield summary;
    }
  },
};

export const command = defineCommand<AddtotalsCommand>({ names: ['addtotals'], syntax, spec: addtotals });
