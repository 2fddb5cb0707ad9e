/**
 * transpose: "Returns the specified number of rows (search results) as columns (list of field
 * values), such that each search row becomes a column." `transpose [int]` (default 5 rows);
 * `column_name=` names the column that lists the field names (default "column");
 * `header_field=` takes the column names from that field's values instead of "row 1", "row 2",
 * ...; `include_empty=false` leaves out fields that are empty in every transposed row (default
 * true). Fields whose names start with an underscore are internal and not transposed, as they are
 * not shown in a results table (the engine's reading; the page does not list them).
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/transpose
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { mvValues, toText } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { optionFlag } from './lib/stream.js';
import { TOKEN_SYNTAX } from './lib/token-syntax.js';
import type { CommandSpec } from './types.js';
import { defineCommand } from './types.js';

const OPTIONS = ['column_name', 'header_field', 'include_empty'];

export const transpose: CommandSpec<GenericCommand> = {
  options: OPTIONS,
  check(command): Unsupported[] {
    const { options, words } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options)
      .filter((k) => !OPTIONS.includes(k))
      .map((k) => ({ kind: 'option', name: `transpose:${k}` }));
    if (words.length > 1 || (words.length === 1 && !/^\d+$/.test(words[0]))) out.push({ kind: 'option', name: `transpose: ${words.join(' ')}` });
    return out;
  },
  operator: async function* (input, command) {
    const { options, words } = readGenericArgs(command.args);
    const limit = words.length ? Number(words[0]) : 5;
    const columnName = options.column_name ?? 'column';
    const header = options.header_field;
    const includeEmpty = optionFlag(options.include_empty, true);
    const rows: Event[] = [];
    for await (const e of input) if (rows.length < limit) rows.push(e);
    const names: string[] = [];
    for (const row of rows) for (const f of Object.keys(row)) if (!f.startsWith('_') && f !== header && !names.includes(f)) names.push(f);
    const columns = rows.map((row, i) => (header !== undefined ? (toText(mvValues(row[header])[0]) ?? `row ${i + 1}`) : `row ${i + 1}`));
    for (const f of names) {
      if (!includeEmpty && rows.every((row) => mvValues(row[f]).every((v) => (toText(v) ?? '') === ''))) continue;
      const out: Event = { [columnName]: f };
      rows.forEach((row, i) => {
        if (row[f] !== undefined) out[columns[i]] = row[f];
      });
      yield out;
    }
  },
};

export const command = defineCommand<GenericCommand>({ names: ['transpose'], syntax: TOKEN_SYNTAX, spec: transpose });
