/**
 * Content and config errors are errors (issue 19, item 6): a lookup the content defines whose CSV
 * is missing fails the test (it is not a gap of the engine, "unsupported"); spl-harness.yml is
 * checked against a schema (harness/config-schema.ts) and each bad key is named.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../harness/config.js';
import { loadContent } from '../../harness/content/load.js';
import { run as runValidate } from '../../harness/cli/commands/validate.js';
import { run as runTestCommand } from '../../harness/cli/commands/test.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTest } from '../../harness/runner/run.js';
import { FIXTURE_MIRROR, seedVariant, tempContent } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

describe('a lookup whose CSV is missing', () => {
  it('is an error naming the lookup file, not "unsupported"', async () => {
    const c = tempContent({
      'detections/endpoint/seed_variant_1.yml': seedVariant(1, (s) =>
        s.replace(/\| `seed_variant_1_filter`|\| `remote_process_instantiation_via_winrm_and_winrs_filter`/, '| lookup winrs_allowlist dest OUTPUT allowed $&'),
      ),
      'lookups/winrs_allowlist.yml': 'name: winrs_allowlist\ndescription: hosts allowed to use winrs\nfilename: winrs_allowlist.csv\n',
    });
    try {
      const content = loadContent(c.root);
      const [test] = planTests(content, content.detections).tests;
      const r = await runTest(content, test, { mirrors: [FIXTURE_MIRROR], offline: true });
      expect(r.status).toBe('error');
      expect(r.reasons.join('\n')).toMatch(/lookup winrs_allowlist: lookups\/winrs_allowlist\.yml names winrs_allowlist\.csv, which does not exist/);
    } finally {
      c.cleanup();
    }
  });
});

describe('a lookup CSV with an unterminated quote', () => {
  const files = {
    'detections/endpoint/seed_variant_1.yml': seedVariant(1, (s) =>
      s.replace(/\| `seed_variant_1_filter`|\| `remote_process_instantiation_via_winrm_and_winrs_filter`/, '| lookup winrs_allowlist dest OUTPUT allowed $&'),
    ),
    'lookups/winrs_allowlist.yml': 'name: winrs_allowlist\ndescription: hosts allowed to use winrs\nfilename: winrs_allowlist.csv\n',
    'lookups/winrs_allowlist.csv': 'dest,allowed\nadmin-01,true\n"admin-02,true\nadmin-03,true\nadmin-04,true\n',
  };

  it('is an error result of the test that uses it, at file:line', async () => {
    const c = tempContent(files);
    try {
      const content = loadContent(c.root);
      const [test] = planTests(content, content.detections).tests;
      const r = await runTest(content, test, { mirrors: [FIXTURE_MIRROR], offline: true });
      expect(r.status).toBe('error');
      expect(r.reasons.join('\n')).toMatch(/lookup winrs_allowlist: lookups\/winrs_allowlist\.csv:3: unterminated quoted field/);
    } finally {
      c.cleanup();
    }
  });

  it('is a validate finding (exit 1) naming the CSV line', async () => {
    const c = tempContent(files);
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runValidate(['--content', c.root, '--format', 'json'])).toBe(1);
      const findings = JSON.parse(out).findings as Array<{ rule: string; file: string; message: string }>;
      const hit = findings.find((f) => f.rule === 'lookup-csv');
      expect(hit?.file).toBe('lookups/winrs_allowlist.yml');
      expect(hit?.message).toMatch(/^lookups\/winrs_allowlist\.csv:3: unterminated quoted field/);
    } finally {
      vi.restoreAllMocks();
      c.cleanup();
    }
  });
});

describe('spl-harness.yml is checked against its schema', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a misspelt key', 'mirors:\n  - prefix: https://x/\n    target: data\n', /mirors: unknown key \(did you mean 'mirrors'\?\)/],
    ['a wrong type', 'cache_dir: 42\n', /cache_dir: must be string/],
    ['an unknown severity', 'rules:\n  risk-score-formula: fatal\n', /rules\.risk-score-formula: must be one of off, error, warning, info \(got "fatal"\)/],
    ['a mirror without target', 'mirrors:\n  - prefix: https://x/\n', /mirrors\.0: must have required property 'target'/],
    ['a heap limit that is not a whole number of MB', 'heap_limit_mb: 1.5\n', /heap_limit_mb: must be integer/],
  ];
  for (const [name, text, message] of cases) {
    it(`refuses ${name}, naming the key`, () => {
      const c = tempContent({ 'spl-harness.yml': text }, { withProjectSupport: false });
      try {
        expect(() => loadConfig(c.root)).toThrow(message);
      } finally {
        c.cleanup();
      }
    });
  }

  it('validate and test exit 2 on a bad config; validate also names an unknown rule', async () => {
    const c = tempContent({ 'detections/endpoint/seed_variant_1.yml': seedVariant(1) });
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      writeFileSync(join(c.root, 'spl-harness.yml'), 'rules:\n  no-such-rule: off\n');
      expect(await runValidate(['--content', c.root])).toBe(2);
      expect(stderr).toMatch(/rules\.no-such-rule: unknown rule/);
      writeFileSync(join(c.root, 'spl-harness.yml'), 'cache_dir: 42\n');
      expect(await runTestCommand(['--content', c.root, '--offline'])).toBe(2);
      expect(stderr).toMatch(/cache_dir: must be string/);
    } finally {
      vi.restoreAllMocks();
      c.cleanup();
    }
  });
});
