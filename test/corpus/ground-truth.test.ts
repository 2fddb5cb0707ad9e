import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { run as runTestCommand } from '../../harness/cli/commands/test.js';
import { RUNNER_RULES } from '../../harness/runner/run.js';
import type { TestResult } from '../../harness/report/types.js';
import { ATTACK_DATA, ESCU, HAS_SHARED, describeShared } from '../support/shared.js';

/**
 * The ground truth: ESCU detections whose published true-positive test reads a file present in
 * ../shared/attack_data. Splunk's own CI ran each search on that input in a real Splunk and saw
 * at least one result, so `spl-harness test` must pass each of them too — run here exactly as a
 * user would, with the attack_data mirror onto ../shared.
 */
const MIRROR = `https://media.githubusercontent.com/media/splunk/attack_data/master/=${ATTACK_DATA}`;

function groundTruth(): Array<{ file: string; test: string }> {
  if (!HAS_SHARED) return [];
  const lines = readFileSync(join(ATTACK_DATA, 'GROUND_TRUTH.tsv'), 'utf8').trim().split('\n').slice(1);
  const seen = new Map<string, { file: string; test: string }>();
  for (const line of lines) {
    const [file, , test] = line.split('\t');
    seen.set(`${file}\t${test}`, { file, test });
  }
  return [...seen.values()];
}

/**
 * Ground-truth rows that Splunk's own CI did NOT see fire on these files: the maintainers said so
 * in the pull requests that added them (docs/GROUND_TRUTH.md has the quotes and the arithmetic).
 * They are asserted to FAIL, with the explanation naming the clause, so that a change which makes
 * one pass (or fail differently) is noticed and reviewed.
 */
const KNOWN_GAPS: Record<string, string> = {
  'detections/endpoint/windows_ad_abnormal_object_access_activity.yml':
    'the file holds 4662 events of two users only; with n rows no row can be more than (n-1)/sqrt(n) sample stdevs above the mean, so `ObjectName_count > avg + 3*stdev` needs >= 11 users. Splunk\'s testing failed the same way on this file (splunk/security_content PR #2716, 2023-09-12: "ObjectName_count is NOT greater than the limit"); the dataset was later replaced by a 7.7x larger one that is not in ../shared',
  'detections/application/pingid_new_mfa_method_after_credential_reset.yml':
    'every PingID `recorded` time is written 2023-05-10 (year-month-day; the author meant 5 October), months before the Windows password resets, so `timeDiffRaw > 0` cannot hold. Splunk read it the same way and the test failed there too (splunk/security_content PR #2889, 2023-11-28: "the _time in the dataset submitted are a bit off"; the author: "the day/month are backwards")',
};

describeShared('ground truth: ESCU true positives on the attack_data present offline', () => {
  const cases = groundTruth();
  const dir = mkdtempSync(join(tmpdir(), 'spl-harness-gt-'));
  let results: TestResult[] = [];
  let code = -1;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    // Ground truth is Splunk's pass rule; the runner's own stricter checks (risk message, score,
    // filter macro) are graded as warnings so that they show in the reasons without failing.
    const config = join(dir, 'spl-harness.yml');
    writeFileSync(config, `rules:\n${RUNNER_RULES.map((r) => `  ${r}: warning\n`).join('')}`);
    const report = join(dir, 'report.json');
    const files = [...new Set(cases.map((c) => c.file))];
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      code = await runTestCommand([
        '--content',
        ESCU,
        '--config',
        config,
        '--mirror',
        MIRROR,
        '--offline',
        '--format',
        'json',
        '--output',
        report,
        ...files.flatMap((f) => ['--detection', f]),
      ]);
    } finally {
      quiet.mockRestore();
    }
    results = (JSON.parse(readFileSync(report, 'utf8')) as { results: TestResult[] }).results;
  }, 300_000);

  it('lists the 14 detection tests, and the run exits 0 only when all pass', () => {
    expect(cases).toHaveLength(14);
    expect(Object.keys(KNOWN_GAPS).every((f) => cases.some((c) => c.file === f))).toBe(true);
    expect(code).toBe(results.every((r) => r.status === 'passed') ? 0 : 1);
  });

  for (const { file, test } of cases) {
    it(`${file} — ${test}`, () => {
      const result = results.find((r) => r.file === file && r.test === test);
      expect(result, `${file} was run`).toBeDefined();
      const detail = [...result!.reasons, result!.explanation ?? ''].join('\n');
      const gap = KNOWN_GAPS[file];
      if (gap) {
        console.warn(`[ground truth] known gap, asserted to fail: ${file}: ${gap}`);
        expect(result!.status, detail).toBe('failed');
        expect(result!.explanation, detail).toMatch(/no event satisfies this clause/);
        return;
      }
      expect(result!.status, detail).toBe('passed');
      expect(result!.rows).toBeGreaterThan(0);
    });
  }
});
