import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import type { Content } from '../../harness/content/types.js';
import { planTests, selectDetections, type PlannedTest } from '../../harness/runner/plan.js';
import { runTests } from '../../harness/runner/pool.js';
import { RUNNER_RULES } from '../../harness/runner/run.js';
import type { TestResult } from '../../harness/report/types.js';
import { ATTACK_DATA, ESCU, describeShared } from '../support/shared.js';

/**
 * The whole ESCU tree (1,711 detections) through the runner with the offline attack_data
 * mirror: it must finish without a crash and account for every detection. Tests whose data is
 * present are judged (passed / failed / unsupported); the rest end as `error` (dataset not
 * available offline) or `unsupported`, or `skipped` (manual, no tests, deprecated), each with
 * its reason. The runner's own stricter checks are graded as warnings: this run is about
 * robustness, the ground-truth suite about correctness.
 */
const PREFIX = 'https://media.githubusercontent.com/media/splunk/attack_data/master/';
const MIRROR = { prefix: PREFIX, target: ATTACK_DATA };

describeShared('every ESCU detection through the runner, offline', () => {
  let content: Content;
  let tests: PlannedTest[];
  let results: TestResult[];
  let seconds = 0;

  beforeAll(async () => {
    content = loadContent(ESCU);
    const sel = selectDetections(content, [], { includeExperimental: true });
    tests = planTests(content, sel.detections, sel.excluded).tests;
    const started = performance.now();
    results = await runTests(content, tests, {
      mirrors: [MIRROR],
      offline: true,
      rules: Object.fromEntries(RUNNER_RULES.map((r) => [r, 'warning' as const])),
    });
    seconds = (performance.now() - started) / 1000;
    const tally: Record<string, number> = {};
    for (const r of results) tally[r.status] = (tally[r.status] ?? 0) + 1;
    console.log(`[escu-run] ${content.detections.length} detections, ${results.length} tests in ${seconds.toFixed(1)} s:`, tally);
  }, 300_000);

  it('accounts for every detection', () => {
    expect(content.detections.length).toBe(1711);
    const covered = new Set(results.map((r) => r.file));
    expect(content.detections.filter((d) => !covered.has(d.file.relPath)).map((d) => d.file.relPath)).toEqual([]);
    expect(results).toHaveLength(tests.length);
  });

  it('gives every result that is not a pass a reason', () => {
    const silent = results.filter((r) => r.status !== 'passed' && r.reasons.length === 0);
    expect(silent.map((r) => `${r.file} ${r.test} ${r.status}`)).toEqual([]);
    for (const r of results.filter((x) => x.status === 'unsupported')) expect(r.reasons.join(' ')).toMatch(/^unsupported /);
  });

  it('judges the tests whose data is present; the others end as error with the dataset reason', () => {
    const misjudged: string[] = [];
    tests.forEach((t, i) => {
      const r = results[i];
      if (t.skip) return;
      const present = t.datasets.every((d) => d.ref.startsWith(PREFIX) && existsSync(join(ATTACK_DATA, d.ref.slice(PREFIX.length))));
      if (present && r.status === 'error') misjudged.push(`${r.file}: data present but error: ${r.reasons[0]}`);
      if (!present && r.status === 'error' && !/^dataset \S+: /.test(r.reasons[0] ?? '') && !/^\S+:\d+:\d+: /.test(r.reasons[0] ?? '')) {
        misjudged.push(`${r.file}: error without a dataset or search reason: ${r.reasons[0]}`);
      }
    });
    expect(misjudged).toEqual([]);
    const judged = results.filter((r) => r.status === 'passed' || r.status === 'failed');
    expect(judged.length).toBeGreaterThanOrEqual(10);
  });
});
