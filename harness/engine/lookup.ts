/**
 * CSV lookup tables: loading a content `Lookup` into a `LookupTable`, and matching event values
 * against its rows with the lookup definition's rules (transforms.conf semantics, as the ESCU
 * lookup YAML carries them):
 * - `match_type = WILDCARD(field)`: the lookup's values of that field are `*` patterns;
 *   `CIDR(field)`: they are address ranges an event's IP falls in. Several may be listed.
 * - `case_sensitive_match`: default true; false compares (and wildcard-matches) ignoring case.
 * - `max_matches`: "The maximum number of possible matches for each value input to the lookup
 *   table ... Splunk software uses the first <integer> entries, in file order." Default 100 for
 *   lookups without a time field.
 * - `min_matches` / `default_match`: "When min_matches is greater than 0 and Splunk software finds
 *   fewer than min_matches for any given input, it provides this default_match value one or more
 *   times until the minimum is reached."
 */
import { readFileSync } from 'node:fs';
import type { Content, Lookup } from '../content/types.js';
import type { LookupTable } from './types.js';
import { compileWildcard } from './match.js';
import { compileCidr } from './functions/cidr.js';

export const DEFAULT_MAX_MATCHES = 100;

// ---------------------------------------------------------------- CSV

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a header row. */
export function parseCsv(text: string): { columns: string[]; rows: Array<Record<string, string>> } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0] === ''));
  const columns = (nonEmpty.shift() ?? []).map((c) => c.trim());
  const rows = nonEmpty.map((r) => {
    const row: Record<string, string> = {};
    columns.forEach((c, j) => (row[c] = r[j] ?? ''));
    return row;
  });
  return { columns, rows };
}

/** Reads the lookup's CSV into a table; undefined when it has no CSV file. */
export function loadLookupTable(lookup: Lookup): LookupTable | undefined {
  if (!lookup.csvPath) return undefined;
  const { columns, rows } = parseCsv(readFileSync(lookup.csvPath, 'utf8'));
  return {
    name: lookup.name,
    columns,
    rows,
    matchType: lookup.match_type,
    caseSensitive: lookup.case_sensitive_match,
    minMatches: lookup.min_matches,
    maxMatches: lookup.max_matches,
    defaultMatch: lookup.default_match,
  };
}

/** The content lookup a search names: by its name, or by its CSV file name (`foo.csv`). */
export function findLookup(content: Content, name: string): Lookup | undefined {
  const direct = content.lookups.get(name);
  if (direct) return direct;
  for (const l of content.lookups.values()) if (l.filename === name || l.filename === `${name}.csv`) return l;
  return undefined;
}

/** A resolver for `EngineSource.lookup`, loading each table once. */
export function contentLookups(content: Content): (name: string) => LookupTable | undefined {
  const cache = new Map<string, LookupTable | undefined>();
  return (name) => {
    if (!cache.has(name)) {
      const l = findLookup(content, name);
      cache.set(name, l ? loadLookupTable(l) : undefined);
    }
    return cache.get(name);
  };
}

// ---------------------------------------------------------------- matching

/** `WILDCARD(a), CIDR(b)` → { a: 'WILDCARD', b: 'CIDR' }. */
export function parseMatchType(text: string | undefined): Map<string, 'WILDCARD' | 'CIDR'> {
  const out = new Map<string, 'WILDCARD' | 'CIDR'>();
  if (!text) return out;
  const re = /(WILDCARD|CIDR)\s*\(\s*([^)]+?)\s*\)/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) out.set(m[2], m[1].toUpperCase() as 'WILDCARD' | 'CIDR');
  return out;
}

type CellTest = (eventValue: string) => boolean;

export interface LookupMatcher {
  /** The rows matching one combination of input values (lookup field → event value text). */
  match(inputs: Record<string, string>): Array<Record<string, string>>;
  maxMatches: number;
  minMatches: number;
  defaultMatch: string;
}

/** Prepares the table for lookups on the given lookup fields. */
export function compileLookupMatcher(table: LookupTable, fields: string[]): LookupMatcher {
  const matchTypes = parseMatchType(table.matchType);
  const caseSensitive = table.caseSensitive ?? true;
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const exactFields = fields.filter((f) => !matchTypes.has(f));
  const patternFields = fields.filter((f) => matchTypes.has(f));

  // Exact fields go through a hash index; wildcard / CIDR cells are compiled once per row.
  const index = new Map<string, number[]>();
  const cellTests: CellTest[][] = [];
  table.rows.forEach((row, i) => {
    const key = JSON.stringify(exactFields.map((f) => fold(row[f] ?? '')));
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
    cellTests.push(
      patternFields.map((f) => {
        const cell = row[f] ?? '';
        if (matchTypes.get(f) === 'CIDR') {
          const inRange = compileCidr(cell);
          return inRange ? (v) => inRange(v) : (v) => v === cell;
        }
        const wildcard = compileWildcard(cell, caseSensitive);
        return caseSensitive ? wildcard : (v) => wildcard(v.toLowerCase());
      }),
    );
  });

  return {
    maxMatches: table.maxMatches ?? DEFAULT_MAX_MATCHES,
    minMatches: table.minMatches ?? 0,
    defaultMatch: table.defaultMatch ?? '',
    match(inputs) {
      const candidates = index.get(JSON.stringify(exactFields.map((f) => fold(inputs[f] ?? '')))) ?? [];
      const out: Array<Record<string, string>> = [];
      for (const i of candidates) {
        if (patternFields.every((f, j) => cellTests[i][j](inputs[f] ?? ''))) out.push(table.rows[i]);
        if (out.length >= (table.maxMatches ?? DEFAULT_MAX_MATCHES)) break;
      }
      return out;
    },
  };
}
