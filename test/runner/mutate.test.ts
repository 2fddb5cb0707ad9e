import { afterEach, expect, it } from 'vitest';
import '../../harness/engine/commands/index.js';
import { loadContent } from '../../harness/content/load.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTest } from '../../harness/runner/run.js';
import { mutantsOf } from '../../harness/runner/mutate.js';
import { parseSearch } from '../../harness/spl/index.js';
import { renderPipeline } from '../../harness/spl/render.js';
import { FIXTURE_MIRROR, SEED_TEXT, tempContent } from './helpers.js';

let cleanup = () => {};
afterEach(() => cleanup());

const UNSEEN = 'Processes.process="*-never-seen:*"';

async function mutated(yaml: string) {
  const t = tempContent({ 'detections/endpoint/det.yml': yaml });
  cleanup = t.cleanup;
  const content = loadContent(t.root);
  const [test] = planTests(content, content.detections).tests;
  return runTest(content, test, { mirrors: [FIXTURE_MIRROR], offline: true, mutate: true });
}

it('a mutant dropping an OR branch no event reaches survives; one dropping the decisive predicate is killed', async () => {
  const yaml = SEED_TEXT.replace('OR Processes.process="*-remote:*")', `OR Processes.process="*-remote:*" OR ${UNSEEN})`);
  const r = await mutated(yaml);
  expect(r.status).toBe('passed');
  const m = r.mutation!;
  const survivors = m.survivors.map((s) => `${s.operator}: ${s.change}`);
  expect(survivors).toContain(`drop-or-branch: dropped ${UNSEEN}`);
  // Without the command-line condition every winrs run matches: other rows, so the test tells.
  expect(survivors.some((s) => s.startsWith('drop-predicate: dropped Processes.process="*-r:*"'))).toBe(false);
  expect(survivors).not.toContain('negate-comparison: Processes.process="*-r:*" → Processes.process!=*-r:*');
  expect(m.killed).toBeGreaterThan(0);
  expect(m.score).toBeCloseTo(m.killed / (m.mutants - m.invalid));

  // The survivor is shown as SPL without the branch, at the branch's place in the YAML.
  const s = m.survivors.find((x) => x.change === `dropped ${UNSEEN}`)!;
  expect(s.spl).not.toContain('never-seen');
  expect(s.spl).toContain('Processes.process="*-r:*" OR Processes.process="*-remote:*" by');
  const lines = yaml.slice(0, yaml.indexOf(UNSEEN)).split('\n');
  expect({ line: s.line, column: s.column }).toEqual({ line: lines.length, column: lines[lines.length - 1].length + 1 });
});

it('operators: drop an AND operand, negate, narrow a wildcard, drop an OR branch or IN value, raise a threshold, remove a where', () => {
  const text =
    'index=main sourcetype=x process="*cmd.exe" (a=1 OR b=2) | stats count by host | where count > 5 AND host IN ("h1", "h2") AND like(user, "%adm%")';
  const { pipeline } = parseSearch(text);
  const mutants = mutantsOf(pipeline, text);
  const list = mutants.map((m) => `${m.operator}: ${m.change}`);
  expect(list).toEqual([
    'drop-predicate: dropped index=main',
    'drop-predicate: dropped sourcetype=x',
    'drop-predicate: dropped process="*cmd.exe"',
    'drop-predicate: dropped a=1 OR b=2',
    'negate-comparison: index=main → index!=main',
    'negate-comparison: sourcetype=x → sourcetype!=x',
    'negate-comparison: process="*cmd.exe" → process!=*cmd.exe',
    'narrow-wildcard: process="*cmd.exe" → process=cmd.exe',
    'drop-or-branch: dropped a=1',
    'drop-or-branch: dropped b=2',
    'negate-comparison: a=1 → a!=1',
    'negate-comparison: b=2 → b!=2',
    'drop-predicate: dropped count > 5 AND host IN ("h1", "h2")',
    'drop-predicate: dropped like(user, "%adm%")',
    'drop-predicate: dropped count > 5',
    'drop-predicate: dropped host IN ("h1", "h2")',
    'negate-comparison: count > 5 → <=',
    'raise-threshold: count > 5 → count > 6',
    'drop-in-value: dropped "h1" from host IN ("h1", "h2")',
    'drop-in-value: dropped "h2" from host IN ("h1", "h2")',
    'narrow-wildcard: like(user, "%adm%") → pattern "adm%"',
    'remove-where: removed where count > 5 AND host IN ("h1", "h2") AND like(user, "%adm%")',
  ]);
  // Each mutant is its own copy, rendered as SPL that parses back to the same mutant.
  const spl = mutants.map((m) => renderPipeline(m.pipeline));
  expect(spl[17]).toContain('where count > 6 AND host IN ("h1", "h2")');
  // In a search OR binds tighter than the implicit AND (docs/ENGINE.md), so the renderer needs no parentheses.
  expect(spl[21]).toBe('search index=main sourcetype=x process="*cmd.exe" a=1 OR b=2 | stats count by host');
  expect(renderPipeline(pipeline)).not.toContain('count > 6');
  for (const s of spl) expect(renderPipeline(parseSearch(s).pipeline)).toBe(s);
});
