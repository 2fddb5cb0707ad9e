import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import type { Content } from '../../harness/content/types.js';
import { planTests } from '../../harness/runner/plan.js';
import { RUNNER_RULES, runTest } from '../../harness/runner/run.js';
import { ATTACK_DATA, ESCU, describeShared } from '../support/shared.js';

/**
 * The ground truth: ESCU detections whose published true-positive test reads a file present in
 * ../shared/attack_data. Splunk's own CI ran each search on that input in a real Splunk and saw
 * at least one result, so the harness must pass each of them too.
 */
const MIRROR = { prefix: 'https://media.githubusercontent.com/media/splunk/attack_data/master/', target: ATTACK_DATA };

const AS_WARNINGS = Object.fromEntries(RUNNER_RULES.map((r) => [r, 'warning' as const]));

function groundTruth(): Array<{ file: string; test: string }> {
  const lines = readFileSync(join(ATTACK_DATA, 'GROUND_TRUTH.tsv'), 'utf8').trim().split('\n').slice(1);
  const seen = new Map<string, { file: string; test: string }>();
  for (const line of lines) {
    const [file, , test] = line.split('\t');
    seen.set(`${file}\t${test}`, { file, test });
  }
  return [...seen.values()];
}

describeShared('ground truth: ESCU true positives on the attack_data present offline', () => {
  let content: Content;
  beforeAll(() => {
    content = loadContent(ESCU);
  });

  it('lists the 14 detection tests', () => {
    expect(groundTruth()).toHaveLength(14);
  });

  for (const { file, test } of groundTruth()) {
    it(`${file} — ${test}`, async () => {
      const detection = content.detections.find((d) => d.file.relPath === file);
      expect(detection, `${file} is in ../shared/security_content`).toBeDefined();
      const planned = planTests(content, [detection!]).tests.find((t) => t.name === test && t.kind === 'escu');
      expect(planned).toBeDefined();
      // Ground truth is Splunk's pass rule; the runner's own stricter checks (risk message,
      // score, filter macro) are graded as warnings here so that they show without failing.
      const result = await runTest(content, planned!, { mirrors: [MIRROR], offline: true, rules: AS_WARNINGS });
      const detail = [...result.reasons, result.explanation ?? ''].join('\n');
      expect(result.status, detail).toBe('passed');
      expect(result.rows).toBeGreaterThan(0);
    });
  }
});
