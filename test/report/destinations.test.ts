/**
 * Report destinations are checked before any work (issue 19, item 9): an --output-dir that is an
 * existing file (or lies under one), an --output that is a directory, and two file formats sent to
 * one --output are usage errors (exit 2) of test, validate and merge-reports, not a stack trace
 * after the whole run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run as runTest } from '../../harness/cli/commands/test.js';
import { run as runValidate } from '../../harness/cli/commands/validate.js';
import { run as runMerge } from '../../harness/cli/commands/merge-reports.js';
import { destinationProblem } from '../../harness/report/index.js';
import { SEED_FILE, SEED_TEXT, tempContent } from '../runner/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'spl-harness-dest-'));
const aFile = join(dir, 'existing.txt');
writeFileSync(aFile, 'not a directory\n');
mkdirSync(join(dir, 'a-dir'));
const content = tempContent({ [SEED_FILE]: SEED_TEXT });
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  content.cleanup();
});
afterEach(() => vi.restoreAllMocks());

async function capture(fn: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await fn(), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

const CASES: Array<{ name: string; args: string[]; message: RegExp }> = [
  { name: '--output-dir naming an existing file', args: ['--format', 'json', '--output-dir', aFile], message: /--output-dir .*is a file, not a directory/ },
  {
    name: '--output-dir under an existing file',
    args: ['--format', 'json', '--output-dir', join(aFile, 'reports')],
    message: /existing\.txt is a file, not a directory/,
  },
  { name: '--output naming a directory', args: ['--format', 'json', '--output', join(dir, 'a-dir')], message: /--output .*is a directory/ },
  {
    name: 'two file formats with one --output',
    args: ['--format', 'json', '--format', 'junit', '--output', join(dir, 'r.out')],
    message: /--output takes one file format, got json, junit/,
  },
];

describe('destinationProblem', () => {
  it('accepts a new directory, a new file, and an existing directory', () => {
    expect(destinationProblem(['json', 'junit'], { outputDir: join(dir, 'new', 'deeper') })).toBeUndefined();
    expect(destinationProblem(['json'], { output: join(dir, 'new.json') })).toBeUndefined();
    expect(destinationProblem(['json'], { outputDir: join(dir, 'a-dir') })).toBeUndefined();
  });
});

describe.each([
  ['test', (args: string[]) => runTest(['--content', content.root, '--offline', '--jobs', '1', ...args])],
  ['validate', (args: string[]) => runValidate(['--content', content.root, ...args])],
  ['merge-reports', (args: string[]) => runMerge([join(dir, 'no-such-report.json'), ...args])],
] as const)('%s', (_name, command) => {
  for (const c of CASES) {
    it(`${c.name} is a usage error before anything runs`, async () => {
      const r = await capture(() => command(c.args));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(c.message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe(''); // nothing ran, nothing was reported
    });
  }
});
