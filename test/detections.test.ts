import { describe, expect, it } from 'vitest';
import { loadContent } from '../harness/content/load.js';
import { loadConfig } from '../harness/config.js';
import { planTests, selectDetections } from '../harness/runner/plan.js';
import { runTest } from '../harness/runner/run.js';
import { PROJECT_ROOT } from './support/shared.js';

/**
 * Every detection test of the project's own content — each ESCU `tests` entry and each sidecar
 * case — as one vitest test, run exactly as `spl-harness test` runs it (offline, through the
 * project's spl-harness.yml mirror), so `npm test` asserts the content.
 */
const content = loadContent(PROJECT_ROOT);
const config = loadConfig(PROJECT_ROOT);
const { detections } = selectDetections(content, []);
const plan = planTests(content, detections);

describe('project detections', () => {
  it('the content loads without problems and has tests to run', () => {
    expect(content.loadFindings).toEqual([]);
    expect(plan.findings).toEqual([]);
    expect(plan.tests.length).toBeGreaterThan(0);
  });

  for (const test of plan.tests) {
    it(`${test.detection.name} — ${test.name}`, async () => {
      const result = await runTest(content, test, { mirrors: config.mirrors, cacheDir: config.cacheDir, offline: true, rules: config.rules });
      const detail = [...result.reasons, result.explanation ?? ''].filter(Boolean).join('\n');
      expect(result.status, detail).toBe('passed');
    });
  }
});
