import type { Content, Detection } from '../content/types.js';
import { expectedFileStem, fileStem } from '../content/load.js';
import type { Event } from '../engine/types.js';
import { filterMacro, type MacroCall } from '../spl/query.js';

/**
 * The filter macro: every ESCU detection ends with `| \`<name>_filter\``, a macro that ships as
 * `search *` and that a site redefines to tune out known-benign results. Splunk's pipeline never
 * checks it; the runner does:
 * - it is present and is the last command (else tuning it would not touch the results);
 * - with its shipped definition `search *` the rows equal the rows without it;
 * - replaced by a filter that suppresses everything, the rows drop to zero — proof that it sits
 *   on the result path;
 * - a non-default definition in the content is reported with how many rows it removes.
 * The search without the filter is evaluated once; each filter variant runs over those rows.
 */

/** A filter that keeps nothing: `where false()` (Splunk: where keeps rows whose expression is true). */
export const SUPPRESS_ALL_FILTER = '| where false()';

export interface FilterLocation {
  /** The detection's search without its trailing filter call (undefined when there is no usable filter). */
  baseSearch?: string;
  /** The trailing macro call, as written. */
  call?: MacroCall;
  callText?: string;
  /** Why the filter check cannot run, or what is off about the filter. */
  problems: string[];
  /** The macro names the detection is expected to use (from its file stem and its name). */
  expected: string[];
}

export function locateFilter(detection: Detection): FilterLocation {
  // contentctl names the macro after the detection's name; ESCU files are named the same way.
  const expected = [...new Set([`${expectedFileStem(detection.name)}_filter`, `${fileStem(detection.file.relPath)}_filter`])];
  const filter = filterMacro(detection.search);
  if (!filter.call) return { problems: [`the search has no filter macro (expected \`${expected[0]}\` as its last command)`], expected };
  if (!filter.isLast) {
    return { problems: [`the filter macro \`${filter.call.name}\` is not the last command of the search, so tuning it does not act on the results`], expected };
  }
  const problems: string[] = [];
  if (!expected.includes(filter.call.name)) problems.push(`the filter macro is \`${filter.call.name}\`; expected \`${expected[0]}\``);
  return { baseSearch: filter.before, call: filter.call, callText: filter.callText, problems, expected };
}

/** The filter's definition as the content gives it, or undefined when it falls back to the default `search *`. */
export function filterDefinition(content: Content, call: MacroCall): string | undefined {
  return content.macros.get(call.key)?.definition;
}

const isDefaultFilter = (definition: string | undefined) => definition === undefined || /^\s*search\s+\*\s*$/i.test(definition);

export interface FilterOutcome {
  /** Failures (the filter does not behave as a filter). */
  problems: string[];
  /** Informational: what a tuned filter does. */
  notes: string[];
}

/** Judges the filter from the rows without it, with it as defined, and with the suppress-all variant. */
export function judgeFilter(definition: string | undefined, base: Event[], filtered: Event[], suppressed: Event[] | undefined): FilterOutcome {
  const problems: string[] = [];
  const notes: string[] = [];
  if (isDefaultFilter(definition)) {
    if (!sameRows(base, filtered)) {
      problems.push(
        `with the default filter \`search *\` the search returns ${filtered.length} rows, but ${base.length} without it; the default filter must not change the results`,
      );
    }
  } else {
    const removed = base.length - filtered.length;
    notes.push(`the filter macro is tuned (\`${definition!.trim()}\`): it removes ${removed} of ${base.length} rows`);
  }
  if (suppressed !== undefined && base.length > 0 && suppressed.length > 0) {
    problems.push(`a filter that suppresses everything still leaves ${suppressed.length} rows: the filter macro is not on the result path`);
  }
  return { problems, notes };
}

function sameRows(a: Event[], b: Event[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (stable(a[i]) !== stable(b[i])) return false;
  return true;
}

function stable(row: Event): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k]]),
  );
}
