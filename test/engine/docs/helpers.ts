/**
 * The documentation golden suite: cases written from Splunk's Search Reference, one per documented
 * example or stated rule, each citing its page and the sentence it follows. A case runs SPL in
 * process (usually `| makeresults | eval ...`) and compares the listed fields of each result row
 * as Splunk prints them: a number rendered as eval renders it, a multivalue as its values, a
 * missing field as null. Fields a case does not list are not compared (makeresults adds _time).
 */
import { describe, expect, it } from 'vitest';
import { run } from '../commands/helpers.js';
import { mvValues, toText } from '../../../harness/engine/values.js';
import type { Event, FieldValue } from '../../../harness/engine/types.js';

export type Cell = string | string[] | null;

export interface DocCase {
  /** The documentation sentence, example or table the case follows (quoted or closely paraphrased). */
  says: string;
  spl: string;
  events?: Event[];
  /** Expected rows, in order; each lists the fields it checks. */
  rows: Array<Record<string, Cell>>;
  /** Where the documentation contradicts itself or is wrong, what the case follows instead. */
  note?: string;
}

/** Splunk Enterprise 9.4 Search Reference, the version the suite is written from. */
export const REF = 'https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/';
export const FUNCTIONS = REF + 'evaluation-functions/';

/** Every page the suite covers, for the size report. */
export const pagesCovered = new Set<string>();

function printed(v: FieldValue | undefined): Cell {
  const vs = mvValues(v).map((x) => toText(x) ?? '');
  if (vs.length === 0) return null;
  return vs.length === 1 ? vs[0] : vs;
}

export function docPage(url: string, cases: DocCase[]): void {
  pagesCovered.add(url);
  describe(url, () => {
    it.each(cases.map((c, i) => [`${i + 1}. ${c.spl}`, c] as const))('%s', async (_name, c) => {
      const rows = await run(c.spl, { events: c.events });
      const got = rows.map((row, i) => Object.fromEntries(Object.keys(c.rows[i] ?? c.rows[0] ?? {}).map((f) => [f, printed(row[f])])));
      expect(got, c.says).toEqual(c.rows);
    });
  });
}

/** A case on `| makeresults | eval <assignments>` with one expected row. */
export function ev(says: string, assignments: string, row: Record<string, Cell>, note?: string): DocCase {
  return { says, spl: `| makeresults | eval ${assignments}`, rows: [row], note };
}

/** A case on the given events, `<spl>` run after them. */
export function on(says: string, events: Event[], spl: string, rows: Array<Record<string, Cell>>, note?: string): DocCase {
  return { says, spl: `* ${spl}`, events, rows, note };
}
