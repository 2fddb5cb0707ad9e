import type { Aggregation, Command, Pipeline } from '../spl/ast.js';
import { escapeRegExp } from './spl-text.js';

/**
 * Which fields a search's results can carry, worked out from its parsed pipeline.
 *
 * Events come in with any fields, so the set starts "open" (anything may be there). Transforming
 * commands close it: after `stats … by a b` only the group-by fields and the aggregation outputs
 * remain (Splunk: "the stats command … returns a table of results" of those fields), after
 * `table a b` only those columns. Later commands add (eval, rex, lookup OUTPUT), rename or remove
 * fields. Any command this analysis does not model re-opens the set, so a conclusion "field x
 * cannot be in the results" is only drawn when every step is understood.
 */
export interface OutputFields {
  /** False when the results may carry fields not listed (the analysis knows only part of them). */
  closed: boolean;
  fields: Set<string>;
}

/** Splunk's default output name of an aggregation without `as`: `count`, `values(process)`, `count(eval(...))` unnamed. */
function aggregationName(a: Aggregation): string | undefined {
  if (a.as) return a.as;
  if (a.evalArg) return undefined; // Splunk names it after the expression text: not needed here
  return a.field ? `${a.func}(${a.field})` : a.func;
}

/** `rename a* as b*`: one wildcard on each side maps the matched part. */
function renameField(name: string, from: string, to: string): string | undefined {
  const star = from.indexOf('*');
  if (star < 0) return name === from ? to : undefined;
  const [prefix, suffix] = [from.slice(0, star), from.slice(star + 1)];
  if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length < prefix.length + suffix.length) return undefined;
  const middle = name.slice(prefix.length, name.length - suffix.length);
  return to.includes('*') ? to.replace('*', middle) : to;
}

const hasWildcard = (fields: string[]) => fields.some((f) => f.includes('*'));

/** Named capture groups of a regex: `(?<user>…)` and `(?P<user>…)`. */
function captureNames(regex: string): string[] {
  return [...regex.matchAll(/\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]);
}

function step(state: OutputFields, c: Command): OutputFields {
  const add = (...names: string[]) => ({ closed: state.closed, fields: new Set([...state.fields, ...names]) });
  const open = (): OutputFields => ({ closed: false, fields: new Set(state.fields) });
  switch (c.cmd) {
    case 'search':
    case 'where':
    case 'regex':
    case 'dedup':
    case 'sort':
    case 'head':
    case 'outputlookup':
    case 'makemv':
    case 'replace':
      return state;
    case 'eval':
      return add(...c.assignments.map((a) => a.field));
    case 'stats': {
      const outputs = c.aggregations.map(aggregationName);
      if (c.name !== 'stats') return outputs.every(Boolean) ? add(...(outputs as string[])) : open(); // eventstats, streamstats keep every field
      if (!outputs.every(Boolean) || hasWildcard(c.by) || c.aggregations.some((a) => a.field?.includes('*') || a.as?.includes('*'))) return { closed: false, fields: new Set([...c.by, ...outputs.filter(Boolean)] as string[]) };
      return { closed: true, fields: new Set([...c.by, ...(outputs as string[])]) };
    }
    case 'tstats': {
      const outputs = c.aggregations.map(aggregationName);
      const closed = outputs.every(Boolean) && !hasWildcard(c.by) && !c.aggregations.some((a) => a.field?.includes('*') || a.as?.includes('*'));
      return { closed, fields: new Set([...c.by, ...(outputs.filter(Boolean) as string[])]) };
    }
    case 'fields': {
      if (hasWildcard(c.fields)) {
        if (c.remove || !state.closed) return state.closed ? state : open();
        const patterns = c.fields.map((f) => new RegExp(`^${f.split('*').map(escapeRegExp).join('.*')}$`));
        return { closed: true, fields: new Set([...state.fields].filter((f) => patterns.some((p) => p.test(f)))) };
      }
      if (c.remove) return { closed: state.closed, fields: new Set([...state.fields].filter((f) => !c.fields.includes(f))) };
      return { closed: true, fields: new Set(c.fields) };
    }
    case 'rename': {
      if (!state.closed) return { closed: false, fields: new Set([...state.fields, ...c.renames.filter((r) => !r.to.includes('*')).map((r) => r.to)]) };
      const fields = new Set<string>();
      for (const f of state.fields) {
        let name = f;
        for (const r of c.renames) {
          const renamed = renameField(name, r.from, r.to);
          if (renamed !== undefined) {
            name = renamed;
            break;
          }
        }
        fields.add(name);
      }
      return { closed: true, fields };
    }
    case 'rex':
      return c.mode === 'sed' ? state : add(...captureNames(c.regex));
    case 'lookup':
      return c.outputs.length ? add(...c.outputs.map((o) => o.to)) : open();
    case 'convert':
      return add(...c.conversions.map((v) => v.as ?? v.field));
    case 'bin':
      return add(c.as ?? c.field);
    case 'mvexpand':
    case 'fillnull':
      return c.cmd === 'fillnull' ? add(...c.fields) : state;
    default:
      // inputlookup, spath, join, append, transaction, timechart, iplocation, xmlkv, foreach,
      // fromjson, makeresults, addtotals, generic…: fields this analysis cannot list.
      return open();
  }
}

/** The output fields of a pipeline (subsearches are not followed: join/append re-open the set). */
export function outputFields(pipeline: Pipeline): OutputFields {
  let state: OutputFields = { closed: false, fields: new Set() };
  for (const c of pipeline.commands) state = step(state, c);
  return state;
}
