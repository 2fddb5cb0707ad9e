import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as parseCmd } from '../../harness/cli/commands/parse.js';
import { run as explainCmd } from '../../harness/cli/commands/explain.js';
import { PROJECT_ROOT } from '../support/shared.js';

/** Runs a subcommand with stdout/stderr captured. */
async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await fn();
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

/** A throw-away content tree with one good and one broken detection. */
const tmp = mkdtempSync(join(tmpdir(), 'spl-parse-cli-'));
mkdirSync(join(tmp, 'detections', 'endpoint'), { recursive: true });
mkdirSync(join(tmp, 'macros'));
writeFileSync(join(tmp, 'macros', 'idx.yml'), 'name: idx\ndefinition: index=main\n');
writeFileSync(
  join(tmp, 'detections', 'endpoint', 'good.yml'),
  [
    'name: Good One',
    'id: 11111111-1111-1111-1111-111111111111',
    "search: '`idx` process_name=cmd.exe | stats count by dest | `good_one_filter`'",
    'drilldown_searches:',
    '- name: View $dest$',
    "  search: '%original_detection_search% | search dest = $dest$'",
    '',
  ].join('\n'),
);
writeFileSync(
  join(tmp, 'detections', 'endpoint', 'bad.yml'),
  ['name: Bad One', 'id: 22222222-2222-2222-2222-222222222222', 'search: >-', '  `idx` x=1', '  | `missing_macro` | eval y=(1', ''].join('\n'),
);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('spl-harness parse', () => {
  it('writes the documented JSON shape and exits 1 when a search fails', async () => {
    const r = await capture(() => parseCmd(['--content', tmp, '--format', 'json']));
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.summary).toEqual({ total: 2, parsed: 1, failed: 1 });
    const bad = json.detections.find((d: { id: string }) => d.id.startsWith('2222'));
    expect(bad.file).toBe('detections/endpoint/bad.yml');
    expect(bad.ok).toBe(false);
    // The unknown macro is on line 5 of the file, column 5 (after "  | ").
    expect(bad.errors[0]).toEqual({ message: 'search: unknown macro `missing_macro`', line: 5, column: 5 });
    expect(bad.errors[1].line).toBe(5);
    expect(Object.keys(json.detections[0]).sort()).toEqual(['errors', 'file', 'id', 'ok']);
  });
  it('prints file:line:column errors and ends with parsed N/M', async () => {
    const r = await capture(() => parseCmd(['--content', tmp]));
    expect(r.out).toContain('detections/endpoint/bad.yml:5:5: search: unknown macro `missing_macro`');
    expect(r.out.trimEnd().split('\n').pop()).toBe('parsed 1/2');
  });
  it('parses the project content with exit 0', async () => {
    const r = await capture(() => parseCmd(['--content', PROJECT_ROOT]));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^parsed (\d+)\/\1\n$/);
  });
  it('exits 2 on bad usage or a missing content tree', async () => {
    expect((await capture(() => parseCmd(['--format', 'xml']))).code).toBe(2);
    expect((await capture(() => parseCmd(['--content', join(tmp, 'nope')]))).code).toBe(2);
  });
});

describe('spl-harness explain', () => {
  it('shows the expanded search, macros and the pipeline, by name, id or file', async () => {
    for (const key of ['Good One', '11111111-1111-1111-1111-111111111111', join(tmp, 'detections', 'endpoint', 'good.yml')]) {
      const r = await capture(() => explainCmd([key, '--content', tmp]));
      expect(r.code).toBe(0);
      expect(r.out).toContain('index=main process_name=cmd.exe | stats count by dest | search *');
      expect(r.out).toContain('macros: idx, good_one_filter');
      expect(r.out).toContain('== drilldown 1');
      expect(r.out).toContain('search dest = _dest_');
    }
  });
  it('prints the AST as JSON with --format json', async () => {
    const r = await capture(() => explainCmd(['Good One', '--content', tmp, '--format', 'json']));
    const json = JSON.parse(r.out);
    expect(json.searches[0].pipeline.commands.map((c: { cmd: string }) => c.cmd)).toEqual(['search', 'stats', 'search']);
  });
  it('exits 1 for a detection with errors and 2 for an unknown one', async () => {
    expect((await capture(() => explainCmd(['Bad One', '--content', tmp]))).code).toBe(1);
    expect((await capture(() => explainCmd(['No Such', '--content', tmp]))).code).toBe(2);
  });
});
