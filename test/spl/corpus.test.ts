import { isDeepStrictEqual } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { describeShared, ESCU } from '../support/shared.js';
import { loadContent } from '../../harness/content/load.js';
import type { Content } from '../../harness/content/types.js';
import { parseSearch } from '../../harness/spl/parse.js';
import { renderPipeline } from '../../harness/spl/render.js';
import { checkDetectionSearches, type CheckedSearch } from '../../harness/spl/searches.js';

/**
 * ESCU searches that are malformed SPL as published, so a faithful parser must reject them.
 * Each entry names the file and the reason; the suite fails if one of them starts to parse
 * (the list can only shrink) or if any other detection fails.
 */
const KNOWN_MALFORMED: Record<string, string> = {
  // `relative_time(now(), "`window_macro`")` where the macro's definition is itself quoted
  // ("-70m@m"): after textual expansion the argument reads ""-70m@m"", not a string.
  'detections/endpoint/first_time_seen_child_process_of_zoom.yml': "unexpected '70m@m'",
};

/** The AST without positions and surface text (`raw`), which rendering normalises. */
const normal = (x: unknown): unknown =>
  JSON.parse(
    JSON.stringify(x, (k, v) =>
      (k === 'span' && v && typeof v === 'object' && 'start' in v) || (k === 'raw' && typeof v === 'string' && typeof x === 'object') ? undefined : v,
    ),
  );

describeShared('ESCU corpus: every search expands and parses', () => {
  let content: Content;
  /** Every non-deprecated detection's searches, expanded and parsed once for both tests. */
  let checked: Array<{ file: string; searches: CheckedSearch[] }>;
  beforeAll(() => {
    content = loadContent(ESCU);
    checked = content.detections.filter((d) => !d.deprecated).map((d) => ({ file: d.file.relPath, searches: checkDetectionSearches(d, content) }));
  }, 180_000);

  it('parses all 1,613 non-deprecated detections and their drilldown searches', () => {
    expect(checked.length).toBe(1613);
    const failures: string[] = [];
    let drilldowns = 0;
    for (const d of checked) {
      drilldowns += d.searches.length - 1;
      const errors = d.searches.flatMap((c) => c.errors.map((e) => `${d.file}:${e.line}:${e.column} ${c.search.label}: ${e.message}`));
      const known = KNOWN_MALFORMED[d.file];
      if (known) expect(errors.join('\n')).toContain(known);
      else failures.push(...errors);
    }
    expect(failures).toEqual([]);
    expect(drilldowns).toBeGreaterThan(2000);
  }, 60_000);

  it('round-trips: render(parse(search)) parses back to the same AST', () => {
    const mismatches: string[] = [];
    for (const d of checked) {
      if (KNOWN_MALFORMED[d.file]) continue;
      for (const c of d.searches) {
        const text = renderPipeline(c.compiled.pipeline);
        const again = parseSearch(text);
        if (again.errors.length > 0) mismatches.push(`${d.file} ${c.search.label}: ${again.errors[0].message} in ${text}`);
        else if (!isDeepStrictEqual(normal(again.pipeline), normal(c.compiled.pipeline))) {
          mismatches.push(`${d.file} ${c.search.label}: AST differs after ${text}`);
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  }, 120_000);
});
