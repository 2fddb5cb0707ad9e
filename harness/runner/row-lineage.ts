/**
 * How a field of a search's rows comes to be, through the commands right after its reading
 * command: which commands pass each row on by itself (row-wise), which fields each may write, and
 * the name a field at some command had in the reading command's rows. Used where a requirement on
 * later rows is moved back onto the reading command (lookup-need.ts, join-narrowing.ts).
 */
import type { Command, CommandNodes } from '../spl/ast.js';
import { hasSubsearch } from '../engine/commands/lib/subsearch.js';
import { compileWildcard } from '../engine/match.js';
import { aggregationName, renameField } from '../spl/output-fields.js';

/** Commands that map each row to itself or nothing, with the fields each may write known (mayWrite). */
export function isRowWise(c: Command): boolean {
  switch (c.cmd) {
    case 'rename':
    case 'eval':
    case 'convert':
    case 'fields':
      return true;
    case 'search':
      return c.expr === null || !hasSubsearch(c.expr);
    case 'where':
      return true;
    default:
      return false;
  }
}

/** Whether a row-wise command may set, change or remove `field`. */
export function mayWrite(c: Command, field: string): boolean {
  switch (c.cmd) {
    case 'rename':
      return c.renames.some((r) => r.from !== r.to && (matchesPattern(r.from, field) || matchesPattern(r.to, field)));
    case 'eval':
      return c.assignments.some((a) => a.field === field || /[{*]/.test(a.field));
    case 'convert':
      return c.conversions.some((x) => matchesPattern(x.as && !x.field.includes('*') ? x.as : x.field, field));
    case 'fields':
      return c.remove ? c.fields.some((p) => matchesPattern(p, field)) : !c.fields.some((p) => matchesPattern(p, field));
    case 'search':
    case 'where':
      return false;
    default:
      return true;
  }
}

const matchesPattern = (pattern: string, field: string): boolean => (pattern.includes('*') ? compileWildcard(pattern, true)(field) : pattern === field);

/**
 * The name the field `name` at command `at` has in the first command's rows, followed back through
 * renames (`rename Processes.* as *`); undefined when a command between is not row-wise, may change
 * it otherwise, or a rename makes it ambiguous.
 */
export function fieldAtFirst(commands: Command[], at: number, name: string): string | undefined {
  let tracked = name;
  for (let i = at - 1; i >= 1; i--) {
    const c = commands[i];
    if (!isRowWise(c)) return undefined;
    if (c.cmd !== 'rename') {
      if (mayWrite(c, tracked)) return undefined;
      continue;
    }
    for (let k = c.renames.length - 1; k >= 0; k--) {
      const { from, to } = c.renames[k];
      if (from === to) continue;
      const source = renameSource(from, to, tracked);
      if (source === null) return undefined;
      if (source !== undefined) tracked = source;
      // Renamed away, with nothing renamed onto it: the field is gone after this rename.
      else if (renameField(tracked, from, to) !== undefined) return undefined;
    }
  }
  return tracked;
}

/** The field `rename from as to` makes into `name`: undefined when none, null when it cannot be told. */
function renameSource(from: string, to: string, name: string): string | undefined | null {
  const stars = (s: string) => s.split('*').length - 1;
  if (stars(to) === 0) return name !== to ? undefined : stars(from) === 0 ? from : null;
  if (stars(to) !== 1 || stars(from) !== 1) return null;
  const [prefix, suffix] = to.split('*');
  if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length < prefix.length + suffix.length) return undefined;
  return from.replace('*', name.slice(prefix.length, name.length - suffix.length));
}

/**
 * Whether `field` is a tstats by-field, so that each row (a group) holds one value of it that every
 * event of the group holds: never an aggregation's output, whose values are not one event's.
 */
export function isGroupKey(first: CommandNodes['tstats'], field: string): boolean {
  if (!first.by.includes(field)) return false;
  return first.aggregations.every((a) => a.evalArg === undefined || a.as !== undefined) && !first.aggregations.some((a) => aggregationName(a) === field);
}
