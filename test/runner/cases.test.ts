import { describe, expect, it } from 'vitest';
import { loadYaml } from '../../harness/content/yaml.js';
import { loadContent } from '../../harness/content/load.js';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { legacySidecarPath, loadSidecar, parseSidecar, sidecarPath } from '../../harness/runner/cases.js';
import { SEED_FILE, SEED_TEXT, tempContent } from './helpers.js';
import { PROJECT_ROOT } from '../support/shared.js';

const seed = loadContent(PROJECT_ROOT).detections[0];
const parse = (text: string) => parseSidecar(loadYaml('/tmp/x/det.cases.yml', 'det.cases.yml', text).file, seed);

describe('sidecar cases', () => {
  it('lives in test_cases/, mirroring detections/ (contentctl loads every .yml under detections/ as a detection)', () => {
    expect(sidecarPath('detections/endpoint/a_b.yml', '/c')).toBe('/c/test_cases/endpoint/a_b.yml');
    expect(legacySidecarPath('/c/detections/endpoint/a_b.yml')).toBe('/c/detections/endpoint/a_b.cases.yml');
  });

  it('still reads the old <stem>.cases.yml beside the detection, with a deprecation warning; the new place wins when both exist', () => {
    const text = 'cases:\n  - name: x\n    events:\n      - source: s\n        sourcetype: st\n        raw: hello\n';
    const { root, cleanup } = tempContent({ [SEED_FILE]: SEED_TEXT, [SEED_FILE.replace('.yml', '.cases.yml')]: text });
    try {
      const d = loadContent(root).detections[0];
      const old = loadSidecar(d, root)!;
      expect(old.relPath).toBe(SEED_FILE.replace('.yml', '.cases.yml'));
      expect(old.cases.map((c) => c.name)).toEqual(['x']);
      expect(old.findings).toEqual([]);
      expect(old.warnings?.map((w) => [w.rule, w.severity])).toEqual([['cases-location', 'warning']]);
      expect(old.warnings![0].message).toMatch(/deprecated.*contentctl validate.*move it to test_cases\/endpoint\//);

      const moved = join(root, SEED_FILE.replace(/^detections\//, 'test_cases/'));
      mkdirSync(dirname(moved), { recursive: true });
      writeFileSync(moved, text.replace('name: x', 'name: y'));
      const both = loadSidecar(loadContent(root).detections[0], root)!;
      expect(both.cases.map((c) => c.name)).toEqual(['y']);
      expect(both.warnings![0].message).toMatch(/is ignored/);
      rmSync(join(root, SEED_FILE.replace('.yml', '.cases.yml')));
      expect(loadSidecar(loadContent(root).detections[0], root)!.warnings).toBeUndefined();
    } finally {
      cleanup();
    }
  });

  it("the project's own cases are in test_cases/ and none are left beside detections", () => {
    expect(existsSync(sidecarPath(SEED_FILE, PROJECT_ROOT))).toBe(true);
    expect(existsSync(legacySidecarPath(join(PROJECT_ROOT, SEED_FILE)))).toBe(false);
  });

  it('reads positive and negative cases, resolving relative data against the cases file', () => {
    const s = parse(`detection: ${seed.id}
cases:
  - name: four
    min_rows: 4
    attack_data:
      - data: https://example.invalid/a.log
        source: src
        sourcetype: st
        host: h1
  - name: quiet
    expect: negative
    events:
      - {source: s2, sourcetype: st2, raw: "line one"}
`);
    expect(s.findings).toEqual([]);
    expect(s.cases).toEqual([
      {
        name: 'four',
        expect: 'positive',
        minRows: 4,
        exactRows: undefined,
        attackData: [
          { data: 'https://example.invalid/a.log', ref: 'https://example.invalid/a.log', source: 'src', sourcetype: 'st', host: 'h1', index: undefined },
        ],
        events: [],
        line: 3,
      },
      {
        name: 'quiet',
        expect: 'negative',
        minRows: undefined,
        exactRows: undefined,
        attackData: [],
        events: [{ raw: 'line one', source: 's2', sourcetype: 'st2', host: undefined, index: undefined }],
        line: 10,
      },
    ]);
  });

  it('reports each schema problem at its line and column, and keeps the valid cases', () => {
    const s = parse(`detection: not-the-id
extra: 1
cases:
  - name: ok
    events: [{source: s, sourcetype: t, raw: x}]
  - name: ok
    exact_rows: -1
    min_rows: 2
    events: [{source: s, raw: x}]
  - name: neg
    expect: negative
    exact_rows: 1
    attack_data:
      - data: ./missing.log
        source: s
        sourcetype: t
  - name: empty
  - just a string
`);
    const got = s.findings.map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(got).toEqual([
      "2:8 unknown key 'extra' (expected detection, cases)",
      `1:12 'detection: not-the-id' does not match the detection's id ${seed.id}`,
      "6:11 duplicate case name 'ok'",
      '7:17 `exact_rows` must be a whole number ≥ 0',
      '9:14 `sourcetype` is required',
      '12:17 `exact_rows` is for positive cases (a negative case always expects zero rows)',
      '14:15 file not found: ./missing.log',
      '17:5 a case needs at least one `attack_data` entry or inline `events`',
      '18:5 a case must be a mapping',
    ]);
    expect(s.cases.map((c) => c.name)).toEqual(['ok']);
    expect(s.findings.every((f) => f.rule === 'cases-schema' && f.file === 'det.cases.yml')).toBe(true);
    const both = parse('cases:\n  - name: b\n    min_rows: 1\n    exact_rows: 2\n    events: [{source: s, sourcetype: t, raw: x}]\n');
    expect(both.findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual(['4:17 give `min_rows` or `exact_rows`, not both']);
  });
});
