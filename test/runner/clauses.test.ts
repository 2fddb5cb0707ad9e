import { afterEach, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTest } from '../../harness/runner/run.js';
import { aggregateCoverage } from '../../harness/runner/clauses.js';
import { renderSarif } from '../../harness/report/sarif.js';
import { renderPretty } from '../../harness/report/pretty.js';
import { FIXTURE_MIRROR, SEED_TEXT, tempContent } from './helpers.js';

let cleanup = () => {};
afterEach(() => cleanup());

const UNSEEN = 'Processes.process="*-never-seen:*"';

/** The seed with its search edited, run with --coverage over the seed's fixture. */
async function covered(edit: (yaml: string) => string, files: Record<string, string> = {}) {
  const yaml = edit(SEED_TEXT);
  const t = tempContent({ 'detections/endpoint/det.yml': yaml, ...files });
  cleanup = t.cleanup;
  const content = loadContent(t.root);
  const [test] = planTests(content, content.detections).tests;
  const r = await runTest(content, test, { mirrors: [FIXTURE_MIRROR], offline: true, coverage: true });
  return { r, yaml };
}

/** 1-based line and column of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

it('an OR branch no event reaches is reported unexercised, at its line and column in the YAML', async () => {
  const { r, yaml } = await covered((y) => y.replace('OR Processes.process="*-remote:*")', `OR Processes.process="*-remote:*" OR ${UNSEEN})`));
  expect(r.status).toBe('passed');
  const c = r.coverage!;
  const unexercised = c.unexercised.map((l) => l.text);
  // The fixture runs winrs with -r: only; the long form and the added branch see no event.
  expect(unexercised).toEqual(['Processes.process="*-remote:*"', UNSEEN]);
  expect(c.exercised.map((l) => l.text)).toEqual(['Processes.process_name=winrs.exe', 'Processes.original_file_name=winrs.exe', 'Processes.process="*-r:*"']);
  const leaf = c.unexercised[1];
  expect({ line: leaf.line, column: leaf.column }).toEqual(positionOf(yaml, UNSEEN));
  expect(leaf.command).toBe(1);

  // Pretty lists the unexercised leaves under the test; SARIF has a note at the leaf's line.
  const report = { command: 'test' as const, summary: { total: 1, passed: 1, failed: 0, unsupported: 0, skipped: 0, errors: 0, duration_ms: 0 }, results: [r] };
  expect(renderPretty(report, { color: false })).toContain('clause coverage: 3 of 5 leaves exercised');
  expect(renderPretty(report, { color: false })).toContain(`unexercised ${r.file}:${leaf.line}:${leaf.column}  ${UNSEEN}`);
  const sarif = JSON.parse(renderSarif(report));
  const notes = sarif.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === 'test-clause-unexercised');
  expect(notes).toHaveLength(2);
  expect(notes[1].level).toBe('note');
  expect(notes[1].locations[0].physicalLocation.region).toEqual({ startLine: leaf.line, startColumn: leaf.column });
});

it('where predicates, IN values and case() arms: each is a leaf, scored on the rows its command saw', async () => {
  const search =
    'EventCode=1 Image="*\\\\winrs.exe" | eval kind=case(like(CommandLine, "%-r:%"), "short", like(CommandLine, "%-remote:%"), "long") | where kind IN ("short", "long") OR match(CommandLine, "-never") | `remote_process_instantiation_via_winrm_and_winrs_filter`';
  const { r } = await covered((y) => y.replace(/^search: '.*'$/m, `search: '${search}'`));
  const c = r.coverage!;
  const texts = (ls: typeof c.exercised) => ls.map((l) => l.text);
  expect(texts(c.exercised)).toEqual(['EventCode=1', 'Image="*\\\\winrs.exe"', 'case arm like(CommandLine, "%-r:%")', 'kind IN (…"short"…)']);
  expect(texts(c.unexercised)).toEqual(['case arm like(CommandLine, "%-remote:%")', 'kind IN (…"long"…)', 'match(CommandLine, "-never")']);
  // The filter macro's `search *` is the site's tuning, not a leaf of the detection.
  expect([...c.exercised, ...c.unexercised].every((l) => !l.macro)).toBe(true);
});

it('each leaf carries its span in the search as written: its own text, one IN value, or the whole macro call it came from', async () => {
  const search =
    'EventCode=1 `winrs_image` | eval kind=case(like(CommandLine, "%-r:%"), "short", like(CommandLine, "%-remote:%"), "long") | where kind IN ("short", "long") | `remote_process_instantiation_via_winrm_and_winrs_filter`';
  const macro = 'name: winrs_image\ndefinition: Image="*\\\\winrs.exe"\ndescription: the winrs binary\n';
  const { r } = await covered((y) => y.replace(/^search: '.*'$/m, `search: '${search}'`), { 'macros/winrs_image.yml': macro });
  const leaves = [...r.coverage!.exercised, ...r.coverage!.unexercised];
  const written = Object.fromEntries(leaves.map((l) => [l.text, l.search_span && r.search!.slice(...l.search_span)]));
  expect(written).toEqual({
    'EventCode=1': 'EventCode=1',
    'Image="*\\\\winrs.exe"': '`winrs_image`',
    'case arm like(CommandLine, "%-r:%")': 'like(CommandLine, "%-r:%")',
    'case arm like(CommandLine, "%-remote:%")': 'like(CommandLine, "%-remote:%")',
    'kind IN (…"short"…)': '"short"',
    'kind IN (…"long"…)': '"long"',
  });
  expect(leaves.find((l) => l.text.startsWith('Image'))!.macro).toBe('winrs_image');
  expect(leaves).toHaveLength(6);
});

it('a NOT leaf is exercised by rows where its clause is false', async () => {
  const search = 'EventCode=1 Image="*\\\\winrs.exe" NOT CommandLine="*-never-seen*" | `remote_process_instantiation_via_winrm_and_winrs_filter`';
  const { r } = await covered((y) => y.replace(/^search: '.*'$/m, `search: '${search}'`));
  expect(r.coverage!.exercised.map((l) => l.text)).toContain('CommandLine="*-never-seen*"');
});

it('coverage --tests aggregates per detection (a leaf any test exercised counts) and overall', () => {
  const leaf = (text: string, line = 1) => ({ text, command: 1, line, column: 1 });
  const a = aggregateCoverage([
    { name: 'A', file: 'a.yml', coverage: { exercised: [leaf('x')], unexercised: [leaf('y'), leaf('z')] } },
    { name: 'A', file: 'a.yml', coverage: { exercised: [leaf('y')], unexercised: [leaf('x'), leaf('z')] } },
    { name: 'B', file: 'b.yml', coverage: { exercised: [leaf('p')], unexercised: [] } },
    { name: 'C', file: 'c.yml' },
  ]);
  expect(a.detections).toEqual([
    { name: 'A', file: 'a.yml', tests: 2, exercised: 2, leaves: 3, share: 2 / 3 },
    { name: 'B', file: 'b.yml', tests: 1, exercised: 1, leaves: 1, share: 1 },
  ]);
  expect(a.overall).toEqual({ tests: 3, exercised: 3, leaves: 4, share: 0.75 });
});
