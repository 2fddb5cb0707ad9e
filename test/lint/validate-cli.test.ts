import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../harness/cli/commands/validate.js';
import { DETECTION, detectionWith, lineOf, writeTree } from './fixture.js';
import { tempDir } from '../support/tmp.js';

let out: string;
let err: string;
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

const tmp = () => tempDir('spl-validate-');

describe('spl-harness validate', () => {
  it('exits 0 on clean content and prints a pretty summary', async () => {
    expect(await run(['--content', writeTree()])).toBe(0);
    expect(out).toMatch(/no problems/);
  });

  it('writes exactly the documented JSON shape and exits 1 on errors', async () => {
    const root = writeTree(detectionWith('  risk_score: 54', '  risk_score: 56'));
    const file = join(tmp(), 'r.json');
    expect(await run(['--content', root, '--format', 'json', '--output', file])).toBe(1);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(report)).toEqual(['summary', 'findings']);
    expect(Object.keys(report.summary)).toEqual(['files', 'errors', 'warnings']);
    expect(report.summary.errors).toBe(1);
    expect(report.findings[0]).toEqual({
      rule: 'risk-score-formula',
      severity: 'error',
      file: 'detections/endpoint/suspicious_winrs_remote_process.yml',
      line: lineOf(DETECTION, '  risk_score:'),
      column: 15,
      message: expect.stringContaining('= 54'),
      detection_id: '6f1c2a57-8f0e-4c1e-9b43-2d5a7e0c9a11',
    });
  });

  it('writes several formats with --output-dir while pretty still prints', async () => {
    const dir = tmp();
    expect(await run(['--content', writeTree(), '--format', 'pretty', '--format', 'junit', '--format', 'sarif', '--output-dir', dir])).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.sarif']);
    expect(out).toMatch(/no problems/);
  });

  it('exits 2 when it cannot run', async () => {
    expect(await run(['--content', join(tmp(), 'missing')])).toBe(2);
    expect(await run(['--content', writeTree(), '--format', 'xml'])).toBe(2);
    expect(await run(['--content', writeTree(), '--config', join(tmp(), 'none.yml')])).toBe(2);
    expect(await run(['--content', tmp()])).toBe(2);
    expect(err).toMatch(/not found|unknown --format|no content/);
  });
});

describe('spl-harness validate --changed', () => {
  it('reports only on detections the change touches', async () => {
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync: write } = await import('node:fs');
    // A committed detection with a problem, then an uncommitted change that breaks another file.
    const other = DETECTION.replace('6f1c2a57-8f0e-4c1e-9b43-2d5a7e0c9a11', '7a2d3b68-9f1f-4d2f-8c54-3e6b8f1d0b22')
      .replace('Suspicious Winrs Remote Process', 'Other Winrs Process')
      .replace('suspicious_winrs_remote_process_filter', 'other_winrs_process_filter')
      .replace('  risk_score: 54', '  risk_score: 99');
    const root = writeTree({ 'detections/endpoint/other_winrs_process.yml': other });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    write(join(root, 'detections/endpoint/suspicious_winrs_remote_process.yml'), DETECTION.replace('version: 2', 'version: 0'));
    const file = join(tmp(), 'changed.json');
    expect(await run(['--content', root, '--changed', '--base', 'HEAD', '--format', 'json', '--output', file])).toBe(1);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`)).toEqual([
      'version-positive detections/endpoint/suspicious_winrs_remote_process.yml',
    ]);
    // Without --changed the committed problem shows too.
    expect(await run(['--content', root, '--format', 'json', '--output', file])).toBe(1);
    expect(
      JSON.parse(readFileSync(file, 'utf8'))
        .findings.map((f: { rule: string }) => f.rule)
        .sort(),
    ).toEqual(['risk-score-formula', 'version-positive']);
  });
});
