import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../harness/cli/main.js';
import { run as runTestCommand } from '../harness/cli/commands/test.js';
import { run as runMerge } from '../harness/cli/commands/merge-reports.js';
import { run as runValidate } from '../harness/cli/commands/validate.js';
import { fitWidth, progress, useColor } from '../harness/common/terminal.js';
import { displayPath } from '../harness/datasets/display-path.js';
import { FIXTURE_PREFIX, seedVariant, tempContent } from './runner/helpers.js';
import { PROJECT_ROOT } from './support/shared.js';
import { tempDir } from './support/tmp.js';
import { capture } from './support/capture.js';

/** Terminal and command-line conventions (issue: CI at ESCU scale). */

afterEach(() => vi.restoreAllMocks());

describe('version and help', () => {
  const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  for (const flag of ['-V', '--version']) {
    it(`${flag} prints the version`, async () => {
      const { code, stdout } = await capture(() => main([flag]));
      expect(code).toBe(0);
      expect(stdout).toBe(`spl-harness ${version}\n`);
    });
  }
  it('help <command> prints that command’s options', async () => {
    const { code, stdout } = await capture(() => main(['help', 'merge-reports']));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: spl-harness merge-reports FILE/);
    expect((await capture(() => main(['help', 'nope']))).code).toBe(2);
  });
});

describe('colour', () => {
  // Node's tty.getColorDepth order: FORCE_COLOR, then NO_COLOR, then TERM=dumb, then isTTY.
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each([
    [tty, {}, true],
    [pipe, {}, false],
    [tty, { NO_COLOR: '1' }, false],
    [tty, { NO_COLOR: '' }, true],
    [tty, { TERM: 'dumb' }, false],
    [pipe, { FORCE_COLOR: '1' }, true],
    [pipe, { FORCE_COLOR: '' }, true],
    [tty, { FORCE_COLOR: '0' }, false],
    [tty, { FORCE_COLOR: 'false' }, false],
    [pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  ])('%o with %o → %s', (stream, env, expected) => {
    expect(useColor(stream, env as Record<string, string>)).toBe(expected);
  });
});

describe('progress', () => {
  it('on a terminal, one line redrawn and cut to the terminal width', () => {
    let out = '';
    const p = progress({ isTTY: true, columns: 30, write: (s: string) => (out += s) });
    p.update('error', 1, 1716);
    const line = out.split('\r\x1b[K').pop()!;
    expect([...line].length).toBeLessThan(30);
    expect(line.endsWith('…')).toBe(true);
    expect(fitWidth('short', 30)).toBe('short');
  });
  it('off a terminal, a plain line every N tests and every interval, never a carriage return', () => {
    let out = '';
    let now = 0;
    const p = progress({ isTTY: false, write: (s: string) => (out += s) }, { every: 10, intervalMs: 10_000, now: () => now, total: 25 });
    for (let i = 1; i <= 9; i++) p.update('passed', i, 25);
    expect(out).toBe('');
    p.update('failed', 10, 25);
    expect(out).toBe('progress: 10/25 tests (passed 9, failed 1) after 0 s\n');
    now = 12_000;
    p.update('passed', 11, 25);
    expect(out.split('\n')[1]).toBe('progress: 11/25 tests (passed 10, failed 1) after 12 s');
    for (let i = 12; i <= 25; i++) p.update('passed', i, 25);
    p.stop();
    expect(out).not.toContain('\r');
    expect(out).not.toContain('25/25'); // the report itself says how the run ended
  });
});

describe('report destinations are checked before the run', () => {
  it('test: two formats on stdout is a usage error (exit 2), nothing run', async () => {
    const { code, stderr, stdout } = await capture(() =>
      runTestCommand(['--content', join(tempDir('spl-none-'), 'missing'), '--format', 'json', '--format', 'junit']),
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/json and junit would all be written to stdout/);
  });
  it('validate and merge-reports refuse the same', async () => {
    expect((await capture(() => runValidate(['--content', PROJECT_ROOT, '--format', 'json,sarif']))).code).toBe(2);
    expect((await capture(() => runMerge(['nothing.json', '--format', 'json', '--format', 'junit']))).code).toBe(2);
  });
});

describe('messages', () => {
  it('a dataset that cannot be had names its URL once, and no absolute path', async () => {
    const { root, cleanup } = tempContent({ 'detections/endpoint/seed_variant_1.yml': seedVariant(1) });
    try {
      const file = join(tempDir('spl-msg-'), 'r.json');
      const cache = tempDir('spl-msg-cache-');
      const mirror = join(PROJECT_ROOT, 'test/fixtures/cases'); // a folder without the file
      await capture(() =>
        runTestCommand([
          '--content',
          root,
          '--offline',
          '--jobs',
          '1',
          '--cache-dir',
          cache,
          '--mirror',
          `${FIXTURE_PREFIX}=${mirror}`,
          '--format',
          'json',
          '--output',
          file,
        ]),
      );
      const reason = (JSON.parse(readFileSync(file, 'utf8')) as { results: Array<{ reasons: string[] }> }).results[0].reasons[0];
      const url = /^dataset (\S+):/.exec(reason)![1];
      expect(reason.split(url).length - 1).toBe(1);
      expect(reason).toMatch(/not available offline: not in the mirror test\/fixtures\/cases, nor in the cache \S+;/);
      expect(reason).not.toContain(PROJECT_ROOT);
    } finally {
      cleanup();
    }
  });
  it('displayPath: relative beside the working directory, ~ under home, else absolute', () => {
    expect(displayPath('/work/p/detections/a.yml', '/work/p', '/root')).toBe('detections/a.yml');
    expect(displayPath('/work/shared/attack_data', '/work/p', '/root')).toBe('../shared/attack_data');
    expect(displayPath('/root/.cache/spl-harness', '/work/p', '/root')).toBe('~/.cache/spl-harness');
    expect(displayPath('/srv/a/b/c', '/work/p/q/r', '/root')).toBe('/srv/a/b/c');
    expect(displayPath('/tmp/x', '/work/p', '/root')).toBe('/tmp/x');
  });
});

describe('filter_macros in test', () => {
  // security_content keeps no `<name>_filter` macros: contentctl generates each as `search *`.
  const mirror = `${FIXTURE_PREFIX}=${join(PROJECT_ROOT, 'test/fixtures/attack_data')}`;
  const runWith = async (config: string | undefined) => {
    const { root, cleanup } = tempContent({ 'detections/endpoint/seed_variant_1.yml': seedVariant(1), ...(config ? { 'spl-harness.yml': config } : {}) });
    try {
      const file = join(tempDir('spl-filter-'), 'r.json');
      await capture(() => runTestCommand(['--content', root, '--offline', '--jobs', '1', '--mirror', mirror, '--format', 'json', '--output', file]));
      return (JSON.parse(readFileSync(file, 'utf8')) as { results: Array<{ status: string; reasons: string[] }> }).results[0];
    } finally {
      cleanup();
    }
  };
  it('generated (default): a missing filter macro runs as search *', async () => {
    expect((await runWith(undefined)).status).toBe('passed');
  });
  it('required: a missing filter macro is an unknown macro', async () => {
    const r = await runWith('filter_macros: required\n');
    expect(r.status).toBe('error');
    expect(r.reasons.join(' ')).toMatch(/unknown macro `seed_variant_1_filter`/);
  });
  it('a bad value is a usage error', async () => {
    const { root, cleanup } = tempContent({ 'spl-harness.yml': 'filter_macros: sometimes\n' });
    try {
      writeFileSync(join(root, 'x'), '');
      const { code, stderr } = await capture(() => runTestCommand(['--content', root, '--offline']));
      expect(code).toBe(2);
      expect(stderr).toMatch(/filter_macros: must be generated or required/);
    } finally {
      cleanup();
    }
  });
});
