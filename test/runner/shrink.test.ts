import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTest } from '../../harness/runner/run.js';
import { shrinkTest } from '../../harness/runner/shrink.js';
import { FIXTURE_MIRROR, SEED_TEXT, tempContent } from './helpers.js';

let cleanup = () => {};
afterEach(() => cleanup());

it('shrinks the seed fixture to the events that decide it; the shrunk case passes with the same rows', async () => {
  const t = tempContent({ 'detections/endpoint/det.yml': SEED_TEXT });
  cleanup = t.cleanup;
  const content = loadContent(t.root);
  const [test] = planTests(content, content.detections).tests;
  const opts = { mirrors: [FIXTURE_MIRROR], offline: true };
  const original = await runTest(content, test, opts);
  expect(original.status).toBe('passed');

  const output = join(t.root, 'test/fixtures/shrunk');
  const r = await shrinkTest(content, test, { ...opts, output });
  expect(r.passed).toBe(true);
  expect(r.rows).toBe(original.rows);
  expect(r.verified).toBe(true);
  // 59 events, of which the five winrs -r runs make the five rows: nothing else is needed.
  expect(r.before.events).toBe(59);
  expect(r.after.events).toBe(5);
  expect(r.steps.map((s) => s.step)).toEqual(['raw-text pre-filter', 'first command', 'delta debugging']);
  expect(r.after.bytes).toBe(statSync(r.files[0]).size);
  expect(r.after.bytes).toBeLessThan(r.before.bytes / 4);
  // The original raw text, event after event: each kept line is a line of the original file.
  const originalLines = new Set(
    readFileSync(join(FIXTURE_MIRROR.target, 'datasets/attack_techniques/T1021.006/lateral_movement/windows-sysmon.log'), 'utf8').split('\n'),
  );
  for (const line of readFileSync(r.files[0], 'utf8').trimEnd().split('\n')) expect(originalLines.has(line)).toBe(true);

  // The sidecar case, put beside the detection, runs through the ordinary runner path.
  mkdirSync(join(t.root, 'test_cases/endpoint'), { recursive: true });
  copyFileSync(r.sidecar, join(t.root, 'test_cases/endpoint/det.yml'));
  const again = loadContent(t.root);
  const cases = planTests(again, again.detections).tests.filter((x) => x.kind === 'case');
  expect(cases.map((c) => c.name)).toEqual(['case: shrunk: True Positive Test']);
  const shrunk = await runTest(again, cases[0], opts);
  expect(shrunk.status).toBe('passed');
  expect(shrunk.rows).toBe(original.rows);
});
