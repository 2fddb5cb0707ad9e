import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run as runTestCommand } from '../../harness/cli/commands/test.js';
import { run as runMerge } from '../../harness/cli/commands/merge-reports.js';
import { PROJECT_ROOT } from '../support/shared.js';
import { SEED_FILE, SEED_TEXT, seedVariant, tempContent } from './helpers.js';
import { capture } from '../support/capture.js';

const out = mkdtempSync(join(tmpdir(), 'spl-harness-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const withoutTimings = (report: { summary: Record<string, unknown>; results: Array<Record<string, unknown>> }) => ({
  summary: { ...report.summary, duration_ms: 0 },
  results: report.results.map((r) => ({ ...r, timings: {} })),
});

describe('spl-harness test', () => {
  it('runs the project content offline, green, with the documented JSON shape', async () => {
    const file = join(out, 'project.json');
    const { code } = await capture(() => runTestCommand(['--content', PROJECT_ROOT, '--offline', '--jobs', '1', '--format', 'json', '--output', file]));
    const report = readJson(file);
    expect(Object.keys(report)).toEqual(['summary', 'results']);
    expect(Object.keys(report.summary)).toEqual(['total', 'passed', 'failed', 'unsupported', 'skipped', 'errors', 'duration_ms']);
    for (const r of report.results) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'name', 'file', 'test', 'status', 'rows', 'reasons', 'timings', 'datasets']));
      for (const d of r.datasets) expect(Object.keys(d)).toEqual(expect.arrayContaining(['url']));
    }
    const failing = report.results.filter((r: { status: string }) => r.status !== 'passed');
    expect(failing, JSON.stringify(failing, null, 1)).toEqual([]);
    expect(report.summary.total).toBeGreaterThanOrEqual(10); // the ESCU test plus the sidecar cases
    expect(report.results[0]).toMatchObject({ file: SEED_FILE, test: 'True Positive Test', status: 'passed', rows: 5 });
    expect(code).toBe(0);

    // --no-prefilter extracts every event and ends exactly the same.
    const all = join(out, 'project-no-prefilter.json');
    await capture(() => runTestCommand(['--content', PROJECT_ROOT, '--offline', '--jobs', '1', '--no-prefilter', '--format', 'json', '--output', all]));
    expect(withoutTimings(readJson(all))).toEqual(withoutTimings(report));
  });

  it('exits 1 when a test fails', async () => {
    const { root, cleanup } = tempContent({ [SEED_FILE]: SEED_TEXT.replace('"*-r:*"', '"*-x:*"') });
    try {
      const file = join(out, 'broken.json');
      const { code } = await capture(() =>
        runTestCommand([
          '--content',
          root,
          '--offline',
          '--jobs',
          '1',
          '--format',
          'json',
          '--output',
          file,
          '--mirror',
          `https://media.githubusercontent.com/media/splunk/attack_data/master/=${join(PROJECT_ROOT, 'test/fixtures/attack_data')}`,
        ]),
      );
      expect(code).toBe(1);
      expect(readJson(file).results[0]).toMatchObject({ status: 'failed', rows: 0 });
      expect(readJson(file).results[0].explanation).toMatch(/-x:/);
    } finally {
      cleanup();
    }
  });

  it('selects by id, name, file or directory; an unknown one is a usage error', async () => {
    const id = '0dd296a2-4338-11ec-ba02-3e22fbd008af';
    for (const spec of [id, 'remote process instantiation via winrm and winrs', SEED_FILE, 'detections/endpoint']) {
      const { code, stdout } = await capture(() => runTestCommand(['--content', PROJECT_ROOT, '--detection', spec, '--list']));
      expect(code).toBe(0);
      expect(stdout).toMatch(/remote_process_instantiation_via_winrm_and_winrs\.yml {2}True Positive Test/);
    }
    const bad = await capture(() => runTestCommand(['--content', PROJECT_ROOT, '--detection', 'nope-nope', '--list']));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no detection matches 'nope-nope'/);
  });

  it('refuses bad flags with exit code 2', async () => {
    expect((await capture(() => runTestCommand(['--shard', '4/3']))).code).toBe(2);
    expect((await capture(() => runTestCommand(['--jobs', 'zero']))).code).toBe(2);
    expect((await capture(() => runTestCommand(['--format', 'pdf']))).code).toBe(2);
    expect((await capture(() => runTestCommand(['--base', 'main']))).code).toBe(2);
  });
});

describe('sharding and merging', () => {
  it('shards 1/3, 2/3, 3/3 run every test exactly once, and merging them equals the unsharded report apart from timings', async () => {
    const files: Record<string, string> = { [SEED_FILE]: SEED_TEXT };
    for (let n = 1; n <= 6; n++) files[`detections/endpoint/seed_variant_${n}.yml`] = seedVariant(n, n % 2 ? (s) => s : (s) => s.replace('"*-r:*"', '"*-x:*"'));
    const { root, cleanup } = tempContent(files);
    try {
      const mirror = `https://media.githubusercontent.com/media/splunk/attack_data/master/=${join(PROJECT_ROOT, 'test/fixtures/attack_data')}`;
      const common = ['--content', root, '--offline', '--jobs', '1', '--mirror', mirror, '--format', 'json'];
      const whole = join(out, 'whole.json');
      const wholeRun = await capture(() => runTestCommand([...common, '--output', whole]));
      expect(wholeRun.code).toBe(1); // the -x: variants fail
      const parts: string[] = [];
      for (let i = 1; i <= 3; i++) {
        const part = join(out, `shard-${i}.json`);
        await capture(() => runTestCommand([...common, '--shard', `${i}/3`, '--output', part]));
        parts.push(part);
      }
      const keys = parts.flatMap((p) => readJson(p).results.map((r: { file: string; test: string }) => `${r.file}#${r.test}`));
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(readJson(whole).results.length);
      for (const p of parts) expect(readJson(p).results.length).toBeGreaterThan(0); // balanced: no empty shard

      const merged = join(out, 'merged.json');
      const mergeRun = await capture(() => runMerge([...parts, '--format', 'json', '--output', merged]));
      expect(mergeRun.code).toBe(1);
      expect(withoutTimings(readJson(merged))).toEqual(withoutTimings(readJson(whole)));
    } finally {
      cleanup();
    }
  });

  it('merge-reports: a non-report file is exit code 2; --baseline fails only on regressions', async () => {
    const bad = await capture(() => runMerge([join(PROJECT_ROOT, 'package.json')]));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a test report/);
    const file = join(out, 'project-for-baseline.json');
    await capture(() => runTestCommand(['--content', PROJECT_ROOT, '--offline', '--jobs', '1', '--format', 'json', '--output', file]));
    const same = await capture(() => runMerge([file, '--baseline', file, '--format', 'json', '--output', join(out, 'm.json')]));
    expect(same.code).toBe(0);
    expect(same.stderr).toMatch(/0 regressions/);
    // A test of the baseline that is missing now (a lost shard, a dropped test) is a regression.
    const baseline = readJson(file);
    baseline.results.push({ ...baseline.results[0], key: 'detections/endpoint/gone.yml#0', file: 'detections/endpoint/gone.yml', name: 'Gone' });
    const withGone = join(out, 'baseline-with-gone.json');
    writeFileSync(withGone, JSON.stringify(baseline));
    const vanished = await capture(() => runMerge([file, '--baseline', withGone, '--format', 'json', '--output', join(out, 'm2.json')]));
    expect(vanished.code).toBe(1);
    expect(vanished.stderr).toMatch(
      /regression: detections\/endpoint\/gone\.yml — True Positive Test \[detections\/endpoint\/gone\.yml#0\]: was passed, missing from this run/,
    );
    expect(vanished.stderr).toMatch(/1 regression against/);
  });
});

describe('--changed', () => {
  it('--changed --list prints the selection and why', async () => {
    const { root, cleanup } = tempContent({ [SEED_FILE]: SEED_TEXT, 'detections/endpoint/seed_variant_1.yml': seedVariant(1) });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
    try {
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      const macro = join(root, 'macros/security_content_ctime.yml');
      const text = readFileSync(macro, 'utf8');
      execFileSync('sh', ['-c', `printf '%s' "$1" > "$2"`, 'sh', text.replace('%Y-%m-%dT%H:%M:%S', '%m/%d/%Y %H:%M:%S'), macro]);
      const { code, stdout } = await capture(() => runTestCommand(['--content', root, '--changed', '--base', 'main', '--list']));
      expect(code).toBe(0);
      expect(stdout).toMatch(/2 detections selected/);
      expect(stdout).toMatch(/remote_process_instantiation_via_winrm_and_winrs\.yml {2}True Positive Test {2}← macro `security_content_ctime` changed/);
      expect(stdout).toMatch(/seed_variant_1\.yml {2}True Positive Test {2}← macro `security_content_ctime` changed/);
    } finally {
      cleanup();
    }
  });
});
