import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { run as runTestCommand } from '../../harness/cli/commands/test.js';
import { run as runMerge } from '../../harness/cli/commands/merge-reports.js';
import { renderGithubSummary } from '../../harness/report/github.js';
import type { Report, TestResult } from '../../harness/report/types.js';
import { ATTACK_DATA, ESCU, describeShared } from '../support/shared.js';
import { tempDir } from '../support/tmp.js';

/**
 * The reports at ESCU scale, as the nightly produces them: `test` over the whole ESCU tree with
 * the offline attack_data mirror, once unsharded and once per shard of every split n = 2, 3, 4;
 * `merge-reports` must give back the unsharded results, and refuse a missing or duplicated
 * shard. ESCU holds detections with two tests of the same name, which the report formats must
 * keep apart (SARIF fingerprints, JUnit testcase names).
 */
const MIRROR = `https://media.githubusercontent.com/media/splunk/attack_data/master/=${ATTACK_DATA}`;
const COMMON = ['--content', ESCU, '--mirror', MIRROR, '--offline', '--jobs', '1'];

afterEach(() => vi.restoreAllMocks());

/** Runs a command with stdout and stderr captured (the progress lines of a long run included). */
async function quiet(fn: () => Promise<number>): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await fn(), stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

interface JsonReport {
  summary: Record<string, number>;
  results: TestResult[];
  shard?: { index: number; count: number; planned: string[] };
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as JsonReport;
/** What a run decides about each test, without its timings. */
const verdicts = (r: JsonReport) => r.results.map((x) => ({ key: x.key, file: x.file, test: x.test, status: x.status, rows: x.rows, reasons: x.reasons }));

describeShared('ESCU reports: shards merge back, identities stay unique', () => {
  let dir: string;
  let whole: JsonReport;

  beforeAll(async () => {
    dir = tempDir('spl-escu-reports-');
    const { code } = await quiet(() => runTestCommand([...COMMON, '--format', 'json,junit,sarif', '--output-dir', join(dir, 'whole')]));
    expect(code).toBe(1); // ESCU has failures and offline errors
    whole = readJson(join(dir, 'whole', 'report.json'));
  }, 120_000);

  it('has detections with two tests of the same name, and every key is unique', () => {
    const byName = new Map<string, number>();
    for (const r of whole.results) byName.set(`${r.file}\u0000${r.test}`, (byName.get(`${r.file}\u0000${r.test}`) ?? 0) + 1);
    expect([...byName.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(5);
    expect(new Set(whole.results.map((r) => r.key)).size).toBe(whole.results.length);
  });

  it('merge-reports accepts the unsharded report alone and gives it back', async () => {
    const out = join(dir, 'alone.json');
    expect((await quiet(() => runMerge([join(dir, 'whole', 'report.json'), '--format', 'json', '--output', out]))).code).toBe(1);
    expect(verdicts(readJson(out))).toEqual(verdicts(whole));
  });

  for (const n of [2, 3, 4]) {
    it(`every shard of ${n} says i/${n} and what it planned; merged, they equal the unsharded run; a missing or doubled shard fails`, async () => {
      const parts: string[] = [];
      for (let i = 1; i <= n; i++) {
        const part = join(dir, `shard-${i}-of-${n}.json`);
        await quiet(() => runTestCommand([...COMMON, '--shard', `${i}/${n}`, '--format', 'json', '--output', part]));
        const report = readJson(part);
        expect(report.shard).toMatchObject({ index: i, count: n });
        expect(report.shard!.planned).toEqual(report.results.map((r) => r.key));
        parts.push(part);
      }
      const merged = join(dir, `merged-${n}.json`);
      const ok = await quiet(() => runMerge([...parts, '--format', 'json', '--output', merged]));
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(1);
      expect(verdicts(readJson(merged))).toEqual(verdicts(whole));
      expect({ ...readJson(merged).summary, duration_ms: 0 }).toEqual({ ...whole.summary, duration_ms: 0 });

      const missing = await quiet(() => runMerge([...parts.slice(1), '--format', 'json', '--output', join(dir, 'x.json')]));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(new RegExp(`missing shard 1/${n}`));
      const doubled = await quiet(() => runMerge([...parts, parts[0], '--format', 'json', '--output', join(dir, 'x.json')]));
      expect(doubled.code).toBe(2);
      expect(doubled.stderr).toMatch(new RegExp(`shard 1/${n} given 2 times`));
      // Against the unsharded run as baseline, the tests of the lost shard are regressions.
      const lost = readJson(parts[0]).results.length;
      const partial = await quiet(() =>
        runMerge([...parts.slice(1), '--baseline', join(dir, 'whole', 'report.json'), '--format', 'json', '--output', join(dir, 'x.json')]),
      );
      expect(partial.code).toBe(2); // the shard set is incomplete: refused before any baseline comparison
      expect(lost).toBeGreaterThan(0);
    }, 180_000);
  }

  it('SARIF fingerprints are unique per result', () => {
    const sarif = JSON.parse(readFileSync(join(dir, 'whole', 'report.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }>;
    };
    const prints = sarif.runs[0].results.map((r) => r.partialFingerprints['splHarness/v1']);
    expect(prints.length).toBe(whole.summary.failed + whole.summary.errors);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('JUnit counts equal the JSON summary, and every testcase is unique by (classname, name)', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'testsuite' }).parse(
      readFileSync(join(dir, 'whole', 'junit.xml'), 'utf8'),
    );
    const suite = xml.testsuites.testsuite.find((s: { name: string }) => s.name === 'spl-harness test');
    const cases = suite.testcase as Array<{ name: string; classname: string; failure?: unknown; error?: unknown; skipped?: unknown }>;
    const s = whole.summary;
    expect(cases.length).toBe(s.total);
    expect(Number(suite.tests)).toBe(s.total);
    expect(Number(suite.failures)).toBe(s.failed);
    expect(Number(suite.errors)).toBe(s.errors);
    expect(Number(suite.skipped)).toBe(s.skipped + s.unsupported);
    expect(cases.filter((c) => c.failure !== undefined).length).toBe(s.failed);
    expect(cases.filter((c) => c.error !== undefined).length).toBe(s.errors);
    expect(new Set(cases.map((c) => `${c.classname}\u0000${c.name}`)).size).toBe(cases.length);
  });

  it('the GitHub step summary of the whole run stays under 1 MiB, failures first, pointing at the artifacts', () => {
    const report: Report = { command: 'test', summary: whole.summary as unknown as Extract<Report, { command: 'test' }>['summary'], results: whole.results };
    const md = renderGithubSummary(report, { artifactUrl: 'https://github.com/o/r/actions/runs/1#artifacts' });
    const bytes = Buffer.byteLength(md);
    console.log(`[escu-reports] step summary: ${bytes} bytes for ${whole.results.length} results`);
    expect(bytes).toBeLessThan(1024 * 1024);
    const rows = md.split('\n').filter((l) => /^\| (failed|error) \|/.test(l));
    expect(rows[0]).toMatch(/^\| failed \|/);
    expect(md).toMatch(/\[this run's artifacts\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1#artifacts\)/);
  });
});
