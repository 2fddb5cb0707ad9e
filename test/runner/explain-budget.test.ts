import { afterEach, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { planTests } from '../../harness/runner/plan.js';
import { prepareTest, runTest, streamingSource } from '../../harness/runner/run.js';
import { EXPLAIN_FLOOR, EXTRACT_WEIGHT, explainBudget, explainTestMiss } from '../../harness/runner/explain-input.js';
import { prefilterOf } from '../../harness/runner/prefilter.js';
import { readDataset } from '../../harness/ingest/read.js';
import { normalizeFresh } from '../../harness/ingest/normalize.js';
import type { Event } from '../../harness/engine/types.js';
import { FIXTURE_MIRROR, SEED_TEXT, tempContent } from './helpers.js';

/**
 * The explanation's scan of the first command's input has a work budget (runner/explain-input.ts,
 * docs/RUNNER.md "Why no hit"): a small dataset is always scanned whole and explained exactly as
 * before; a scan that stops says which part of the input its counts are of, the counts are exact
 * over that part, and the nearest events still come from the whole input through the rows the
 * search itself read.
 */

let cleanup = () => {};
afterEach(() => cleanup());

const BROKEN = SEED_TEXT.replace('Processes.process="*-r:*"', 'Processes.process="*-x:*"');
const OPTS = { mirrors: [FIXTURE_MIRROR], offline: true };

function withSearch(search: string): string {
  return SEED_TEXT.replace(/^search: '.*'$/m, `search: '${search} | \`remote_process_instantiation_via_winrm_and_winrs_filter\`'`);
}

/** The test's explanation at a chosen budget, over the source the runner's search pass would use. */
async function setup(detection: string, noPrefilter = false) {
  const t = tempContent({ 'detections/endpoint/det.yml': detection });
  cleanup = t.cleanup;
  const content = loadContent(t.root);
  const [test] = planTests(content, content.detections).tests;
  const prepared = await prepareTest(content, test, { ...OPTS, noPrefilter });
  if ('done' in prepared) throw new Error(prepared.done.reasons.join('\n'));
  const files = prepared.files.map((f) => ({ ...f, keep: f.need === undefined ? undefined : prefilterOf(f.need)?.keep }));
  const source = await streamingSource(content, files);
  const miss = (budget?: number) =>
    explainTestMiss(content, prepared.search!, source, { files: prepared.files, bytes: prepared.bytes, inline: false, noPrefilter, budget });
  const explain = async (budget?: number) => (await miss(budget)).text;
  return { content, test, file: prepared.files[0], bytes: prepared.bytes, explain, miss };
}

it('the budget is half the input size, never under the floor', () => {
  expect(explainBudget(0)).toBe(EXPLAIN_FLOOR);
  expect(explainBudget(1000 * 2 ** 20)).toBe(500 * 2 ** 20);
});

it('a small dataset is scanned whole: the runner explains it as an unbounded scan does, naming no part', async () => {
  const s = await setup(BROKEN);
  const byDefault = await s.explain();
  expect(byDefault).toBe(await s.explain(Infinity));
  expect(byDefault).not.toMatch(/counts over the first/);
  expect(byDefault).toMatch(/predicates of command 1, over 34 Endpoint\.Processes events \(and 25 events not examined/);
  expect(byDefault).toMatch(/← no event satisfies this clause/);
  const r = await runTest(s.content, s.test, OPTS);
  expect(r.explanation).toBe(byDefault);
});

it('a scan cut at its budget counts exactly the events it read, and says which part they are', async () => {
  // Every event extracted (no pre-filter): each costs EXTRACT_WEIGHT times its raw length, so a
  // budget of the first 20 events' cost reads exactly those 20.
  const s = await setup(withSearch('EventCode=1 Image="*\\\\winrs.exe" CommandLine="*-x:*"'), true);
  const events: Event[] = [];
  for await (const e of normalizeFresh(readDataset(s.file.path, s.file.meta))) events.push(e);
  const first = events.slice(0, 20);
  const chars = first.reduce((n, e) => n + String(e._raw).length, 0);
  const x = await s.explain(EXTRACT_WEIGHT * chars);

  // Counted here by plain JavaScript over the same 20 events, not by the engine's matcher.
  const code1 = first.filter((e) => Number(e.EventCode) === 1).length;
  const winrs = first.filter((e) => /\\winrs\.exe$/i.test(String(e.Image ?? ''))).length;
  expect(code1).toBeGreaterThan(0);
  expect(winrs).toBeGreaterThan(0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  expect(x).toContain(
    [
      'predicates of command 1, over 20 events:',
      `  (counts over the first ${kb(chars)} of the ${kb(s.bytes)} input only: the explanation's scan stops at its budget, docs/RUNNER.md)`,
      `  ✓ EventCode=1  (${code1} of 20)`,
      `  ✓ Image="*\\\\winrs.exe"  (${winrs} of 20)`,
      '  ✗ CommandLine="*-x:*"  (0 of 20)   ← no event read satisfies this clause',
    ].join('\n'),
  );
  // Without a pre-filter the search itself read every event: the nearest are ranked over all 59.
  expect(x).toMatch(
    /nearest events, among those of that part and the 59 the search itself read from the whole input:\n {2}#1 satisfies 2 of 3; fails: CommandLine="\*-x:\*"/,
  );
});

it('a scan that reads almost nothing still names the nearest events, from the rows the search itself read', async () => {
  // The search's pre-filter keeps the winrs.exe -r: runs (its literal `-r:`), and no command line
  // ends in " zz": the scan's budget lets it read one event at most, none of them a winrs.exe run.
  const s = await setup(SEED_TEXT.replace('Processes.process="*-r:*"', 'Processes.process="*-r:* zz"'));
  const x = await s.explain(1);
  expect(x).toMatch(/\(counts over the first [\d.]+ kB of the 82\.4 kB input only: the explanation's scan stops at its budget/);
  expect(x).toMatch(/← no event read satisfies this clause/);
  expect(x).not.toMatch(/← no event satisfies this clause/);
  expect(x).toMatch(/nearest events, among those of that part and the \d+ the search itself read from the whole input:/);
  const first = x.slice(x.indexOf('#1 ')).split(/\n\s+#2 /)[0];
  expect(first).toMatch(/^#1 satisfies 1 of 2; fails: \(?Processes\.process="\*-r:\* zz"/);
  expect(first).toMatch(/Processes\.process_name = winrs\.exe/);
  expect(first).toMatch(/Processes\.process = .*winrs(\.exe)?"?\s+-r:/);
  // As near as the unbounded explanation's first (which of equally near events comes first
  // follows the order each was seen in, file order there).
  const whole = await s.explain(Infinity);
  expect(whole.slice(whole.indexOf('#1 ')).split('\n')[0]).toBe(first.split('\n')[0]);
});

it('the same budget gives the same explanation every time (work is counted, not timed)', async () => {
  const s = await setup(BROKEN);
  const budget = 20_000;
  const once = await s.explain(budget);
  expect(once).toMatch(/counts over the first/);
  expect(await s.explain(budget)).toBe(once);
});

it('a part of the input with no event for the data model says so of that part, and asks for no whole-file hint', async () => {
  // Budget 1: the first event is skipped on its raw text, and the scan stops at the second.
  const s = await setup(BROKEN);
  const { text, noInput } = await s.miss(1);
  expect(text).toMatch(/^command 1 had no input in the part of the input read: 0 Endpoint\.Processes events — none of the 1 events read map to it/m);
  expect(noInput).toBe(false);
});
