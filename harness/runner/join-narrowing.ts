/**
 * Narrowing a join's main search by its subsearch's keys, for the shared scan (scan.ts).
 *
 * Splunk runs a subsearch before the search that holds it ("About subsearches", Search Manual), and
 * an inner `join` keeps a main result only when a subsearch result has the same value in every join
 * field (join.ts). So once the subsearch's rows are known, a main row whose join field holds none
 * of their values is dropped by the join whatever else it holds. When that field is carried
 * unchanged from the main search's reading command, where it is a field of the events (a leading
 * `search`) or a BY field of a tstats (each row a group with one value of it), the reading command
 * may require it too: `... where <its where> AND <field> IN (<the subsearch's values>)`. Its rows
 * are then the groups the join can keep, each exactly as before, and its raw-text pre-filter
 * (prefilter.ts) skips every event holding none of those values.
 *
 * Search's `IN` matches case-insensitively and with wildcards, the join exactly: the narrowed read
 * keeps more than the join does, never less. The join itself still runs over the narrowed rows.
 *
 * It pays when the main search's own filter requires nothing of the raw text beyond its data model
 * (`| tstats count from datamodel=Endpoint.Processes by Processes.process_guid | join process_guid
 * [...]`): its read would otherwise extract every event of the dataset. It costs a second read of
 * the file for the main search, unless the subsearch finds nothing, when the join keeps nothing.
 */
import type { Command, Pipeline, SearchExpr } from '../spl/ast.js';
import { optionText } from '../engine/commands/lib/stream.js';
import { mvValues, toText } from '../engine/values.js';
import type { Event } from '../engine/types.js';
import { readerNeed } from './prefilter.js';
import { fieldAtFirst, isGroupKey } from './row-lineage.js';

/** Values beyond which the narrowed read would be no cheaper than reading the dataset. */
export const MOST_JOIN_VALUES = 512;

/** A join whose main search may be narrowed: its fields, and each as the reading command names it. */
export interface JoinNarrowing {
  joinFields: string[];
  readFields: string[];
  /**
   * tstats `fillnull_value`: the value a group gets for a BY field its events lack. Such a group
   * the join may keep, but a read requiring the field drops its events: when the subsearch holds
   * that value, the main search is read whole.
   */
  fill?: string;
}

/**
 * Whether the main search of the inner join at `run.commands[cut]` (its commands before `cut`)
 * may be narrowed by the subsearch's values, and read later for it: when its reading command's
 * filter requires nothing of the raw text in `metas` (otherwise its read is already narrow) and
 * each join field is one of its rows' fields, unchanged through the commands between.
 */
export function joinNarrowing(run: Pipeline, cut: number, metas: Array<{ source: string; sourcetype: string }>): JoinNarrowing | undefined {
  const join = run.commands[cut];
  if (join?.cmd !== 'join' || join.fields.length === 0) return undefined;
  if ((optionText(join.options.type) ?? 'inner').toLowerCase() !== 'inner') return undefined;
  const first = run.commands[0];
  const unfiltered = withoutFilter(first);
  if (!unfiltered) return undefined;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!metas.every((meta) => same(readerNeed(first, meta), readerNeed(unfiltered, meta)))) return undefined;
  const readFields: string[] = [];
  for (const field of join.fields) {
    const read = fieldAtFirst(run.commands, cut, field);
    if (read === undefined || (first.cmd === 'tstats' && !isGroupKey(first, read))) return undefined;
    readFields.push(read);
  }
  const fill = first.cmd === 'tstats' ? optionText(first.options.fillnull_value) : undefined;
  return { joinFields: join.fields, readFields, fill };
}

/** Whether the main search may be read narrowed to these values of its join fields. */
export function narrowable(narrowing: JoinNarrowing, values: string[][]): boolean {
  return values.every((v) => v.length <= MOST_JOIN_VALUES && (narrowing.fill === undefined || !v.includes(narrowing.fill)));
}

/** The reading command without its filter, or undefined when it is not one this narrows. */
function withoutFilter(first: Command | undefined): Command | undefined {
  if (first?.cmd === 'search') return { ...first, expr: null };
  if (first?.cmd === 'tstats' && first.datamodel !== undefined) return { ...first, where: null };
  return undefined;
}

/** Every value of each join field among the subsearch's rows (each value of a multivalue field). */
export function joinValues(rows: Event[], fields: string[]): string[][] {
  return fields.map((f) => {
    const values = new Set<string>();
    for (const row of rows) for (const v of mvValues(row[f])) values.add(toText(v) ?? '');
    return [...values];
  });
}

/** The main search with its reading command required to hold one of `values[k]` in `readFields[k]`. */
export function narrowedMain(head: Pipeline, narrowing: JoinNarrowing, values: string[][]): Pipeline {
  const [first, ...rest] = head.commands;
  const span = first.span;
  const terms: SearchExpr[] = narrowing.readFields.map((field, k) => ({
    type: 'in',
    field,
    values: values[k].map((text) => ({ text, quoted: true })),
    span,
  }));
  const own = first.cmd === 'search' ? first.expr : first.cmd === 'tstats' ? first.where : null;
  // Flat, so that a top-level `nodename=` stays one (tstats reads its dataset from there).
  const expr: SearchExpr = { type: 'and', items: [...(own ? (own.type === 'and' ? own.items : [own]) : []), ...terms], span };
  const narrowed = first.cmd === 'search' ? { ...first, expr } : { ...first, where: expr };
  return { ...head, commands: [narrowed as Command, ...rest] };
}
