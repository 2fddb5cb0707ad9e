/**
 * Which fields a search's results can carry, worked out from its parsed pipeline.
 *
 * Events come in with any fields, so the set starts "open" (anything may be there). Transforming
 * commands close it: after `stats … by a b` only the group-by fields and the aggregation outputs
 * remain (Splunk: "the stats command … returns a table of results" of those fields), after
 * `table a b` only those columns. Later commands add (eval, rex, lookup OUTPUT), rename or remove
 * fields. Each command states its own effect (`outputFields` in its module); a command that
 * states none re-opens the set, so a conclusion "field x cannot be in the results" is only drawn
 * when every step is understood.
 */
import type { Aggregation, Pipeline } from './ast.js';
import { syntaxOf, type OutputFields } from './grammar.js';

export type { OutputFields };

/** Splunk's default output name of an aggregation without `as`: `count`, `values(process)`, `count(eval(...))` unnamed. */
export function aggregationName(a: Aggregation): string | undefined {
  if (a.as) return a.as;
  if (a.evalArg) return undefined; // Splunk names it after the expression text: not needed here
  return a.field ? `${a.func}(${a.field})` : a.func;
}

/** `rename a* as b*`: one wildcard on each side maps the matched part. */
export function renameField(name: string, from: string, to: string): string | undefined {
  const star = from.indexOf('*');
  if (star < 0) return name === from ? to : undefined;
  const [prefix, suffix] = [from.slice(0, star), from.slice(star + 1)];
  if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length < prefix.length + suffix.length) return undefined;
  const middle = name.slice(prefix.length, name.length - suffix.length);
  return to.includes('*') ? to.replace('*', middle) : to;
}

export const hasWildcardField = (fields: string[]) => fields.some((f) => f.includes('*'));

/** Named capture groups of a regex: `(?<user>…)` and `(?P<user>…)`. */
export function captureNames(regex: string): string[] {
  return [...regex.matchAll(/\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]);
}

/** The command leaves the set as it is (filters, sorts, in-place changes). */
export const keepFields = (before: OutputFields): OutputFields => before;

/** The command adds these fields. */
export const addFields = (before: OutputFields, ...names: string[]): OutputFields => ({ closed: before.closed, fields: new Set([...before.fields, ...names]) });

/** The command may add fields this analysis cannot list. */
export const openFields = (before: OutputFields): OutputFields => ({ closed: false, fields: new Set(before.fields) });

/** The output fields of a pipeline (subsearches are not followed: join/append re-open the set). */
export function outputFields(pipeline: Pipeline): OutputFields {
  let state: OutputFields = { closed: false, fields: new Set() };
  for (const c of pipeline.commands) {
    const step = syntaxOf(c)?.outputFields;
    state = step ? step(state, c) : openFields(state);
  }
  return state;
}
