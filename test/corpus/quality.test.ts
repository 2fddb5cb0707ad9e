import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { planTests, selectDetections } from '../../harness/runner/plan.js';
import { runTest } from '../../harness/runner/run.js';
import { shrinkTest } from '../../harness/runner/shrink.js';
import { RUNNER_RULES } from '../../harness/report/rules.js';
import { ATTACK_DATA, ESCU, HAS_SHARED, describeShared } from '../support/shared.js';

/**
 * Coverage, mutation and shrink over the ground truth (../shared/attack_data/GROUND_TRUTH.tsv):
 * each passing test gets both reports, and its shrunk fixture, read back, keeps the verdict and
 * the rows. The figures are in docs/QUALITY.md.
 */
const MIRRORS = [{ prefix: 'https://media.githubusercontent.com/media/splunk/attack_data/master/', target: ATTACK_DATA }];
const rules = Object.fromEntries(RUNNER_RULES.map((r) => [r, 'warning' as const]));

function groundTruthFiles(): string[] {
  if (!HAS_SHARED) return [];
  const lines = readFileSync(join(ATTACK_DATA, 'GROUND_TRUTH.tsv'), 'utf8').trim().split('\n').slice(1);
  return [...new Set(lines.map((l) => l.split('\t')[0]))];
}

describeShared('test quality over the ground truth', () => {
  const out = mkdtempSync(join(tmpdir(), 'spl-harness-quality-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('coverage and mutation reports for every test; each passing test shrinks to a fixture with the same verdict and rows', async () => {
    const content = loadContent(ESCU);
    const files = groundTruthFiles();
    const { detections } = selectDetections(
      content,
      files.map((f) => join(ESCU, f)),
      { includeExperimental: true, cwd: ESCU },
    );
    const tests = planTests(content, detections).tests.filter((t) => t.kind === 'escu');
    expect(tests.length).toBe(14);
    let passed = 0;
    for (const test of tests) {
      const r = await runTest(content, test, { mirrors: MIRRORS, offline: true, rules, coverage: true, mutate: true, noExplain: true });
      expect(r.coverage, r.name).toBeDefined();
      expect(r.mutation!.mutants, r.name).toBeGreaterThan(0);
      if (r.status !== 'passed') continue;
      passed++;
      const s = await shrinkTest(content, test, { mirrors: MIRRORS, offline: true, output: join(out, String(passed)) });
      expect({ name: r.name, verified: s.verified, passed: s.passed, rows: s.rows }).toEqual({ name: r.name, verified: true, passed: true, rows: r.rows });
      expect(s.after.events).toBeLessThanOrEqual(s.before.events);
    }
    expect(passed).toBe(12);
  }, 240_000);
});
