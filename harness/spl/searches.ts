/**
 * The searches of one detection that must parse: its `search` and each drilldown search.
 * A drilldown refers to the detection's search as `%original_detection_search%` and to result
 * fields as `$field$` tokens (filled in by Splunk when an analyst clicks); here the former is
 * substituted and each token becomes a same-length placeholder word (`$dest$` → `_dest_`), so
 * offsets still line up with the text as written.
 */
import type { Content, Detection } from '../content/types.js';
import { compileDetectionSearch, valuePositioner, type CompileError, type Compiled } from './index.js';
import { offsetAt } from './position.js';

const ORIGINAL_SEARCH_TOKEN = '%original_detection_search%';

export interface DetectionSearch {
  /** `search` or `drilldown 1`, `drilldown 2`, ... */
  label: string;
  text: string;
  /** YAML path of the value the text came from. */
  path: Array<string | number>;
  /** Where text[i] was written: in the detection's `search` (`original`) or in this value. */
  locate(offset: number): { inOriginal: boolean; offset: number };
}

/** `$field$` tokens → `_field_`: same length, one bare word in every SPL context. */
export const fillTokens = (text: string): string => text.replace(/\$([A-Za-z0-9_.:{}]+)\$/g, (_m, name: string) => `_${name}_`);

export function detectionSearches(d: Detection): DetectionSearch[] {
  const out: DetectionSearch[] = [{ label: 'search', text: d.search, path: ['search'], locate: (offset) => ({ inOriginal: true, offset }) }];
  const drilldowns = d.raw.drilldown_searches;
  if (!Array.isArray(drilldowns)) return out;
  drilldowns.forEach((dd, i) => {
    const value = dd && typeof dd === 'object' ? (dd as Record<string, unknown>).search : undefined;
    if (typeof value !== 'string') return;
    // Tokens are filled in the drilldown's own text only: the detection's search is used as is.
    const raw = fillTokens(value);
    const at = raw.indexOf(ORIGINAL_SEARCH_TOKEN);
    const text = at < 0 ? raw : raw.slice(0, at) + d.search + raw.slice(at + ORIGINAL_SEARCH_TOKEN.length);
    const shift = d.search.length - ORIGINAL_SEARCH_TOKEN.length;
    out.push({
      label: `drilldown ${i + 1}`,
      text,
      path: ['drilldown_searches', i, 'search'],
      locate(offset) {
        if (at < 0 || offset < at) return { inOriginal: false, offset };
        if (offset < at + d.search.length) return { inOriginal: true, offset: offset - at };
        return { inOriginal: false, offset: offset - shift };
      },
    });
  });
  return out;
}

export interface CheckedSearch {
  search: DetectionSearch;
  compiled: Compiled;
  /** Errors with line/column in the detection's file. */
  errors: CompileError[];
}

/** Expands and parses every search of a detection; errors are positioned in its YAML file. */
export function checkDetectionSearches(d: Detection, content: Content): CheckedSearch[] {
  // Positions in the YAML file cost a position-keeping parse: only work them out on errors.
  let inSearchCache: ReturnType<typeof valuePositioner> | undefined;
  const inSearch = (offset: number) => (inSearchCache ??= valuePositioner(d.search, d.file, ['search']))(offset);
  return detectionSearches(d).map((s) => {
    const compiled = compileDetectionSearch(s.text, content);
    if (compiled.errors.length === 0) return { search: s, compiled, errors: [] };
    const own =
      s.label === 'search'
        ? inSearch
        : valuePositioner(String((d.raw.drilldown_searches as Array<Record<string, unknown>>)[s.path[1] as number].search), d.file, s.path);
    // compileDetectionSearch gave positions in s.text; recompute them in the file.
    const errors = compiled.errors.map((e) => {
      const offset = offsetAt(s.text, e.line, e.column);
      const where = s.locate(offset);
      const pos = where.inOriginal ? inSearch(where.offset) : own(where.offset);
      return { ...e, line: pos.line, column: pos.column };
    });
    return { search: s, compiled, errors };
  });
}
