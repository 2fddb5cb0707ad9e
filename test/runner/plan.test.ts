import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadContent } from '../../harness/content/load.js';
import { planTests, selectDetections } from '../../harness/runner/plan.js';
import { SEED_FILE, SEED_TEXT, seedVariant, tempContent } from './helpers.js';

let cleanup = () => {};
afterEach(() => cleanup());

function content(files: Record<string, string>) {
  const t = tempContent(files);
  cleanup = t.cleanup;
  return loadContent(t.root);
}

describe('selectDetections', () => {
  const files = {
    [SEED_FILE]: SEED_TEXT,
    'detections/cloud/seed_variant_1.yml': seedVariant(1),
    'detections/cloud/seed_variant_2.yml': seedVariant(2).replace('status: production', 'status: experimental'),
    'detections/deprecated/seed_variant_3.yml': seedVariant(3),
  };

  it('all production detections by default; experimental only when asked; deprecated never', () => {
    const c = content(files);
    const names = (s: ReturnType<typeof selectDetections>) => s.detections.map((d) => d.name);
    expect(names(selectDetections(c, []))).toEqual(['Seed Variant 1', 'Remote Process Instantiation via WinRM and Winrs']);
    expect(names(selectDetections(c, [], { includeExperimental: true }))).toEqual([
      'Seed Variant 1',
      'Seed Variant 2',
      'Remote Process Instantiation via WinRM and Winrs',
    ]);
    const excluded = selectDetections(c, []).excluded.map((e) => `${e.detection.name}: ${e.reason}`);
    expect(excluded).toEqual(['Seed Variant 2: experimental (use --include-experimental)', 'Seed Variant 3: deprecated']);
  });

  it('by id, by name (any case), by file, by directory; unmatched specs are returned', () => {
    const c = content(files);
    const pick = (...specs: string[]) => selectDetections(c, specs, { cwd: c.root }).detections.map((d) => d.name);
    expect(pick('00000000-0000-4000-8000-000000000001')).toEqual(['Seed Variant 1']);
    expect(pick('SEED VARIANT 1')).toEqual(['Seed Variant 1']);
    expect(pick('detections/cloud/seed_variant_1.yml')).toEqual(['Seed Variant 1']);
    expect(pick(join(c.root, 'detections/endpoint'))).toEqual(['Remote Process Instantiation via WinRM and Winrs']);
    expect(pick('detections/cloud', 'Seed Variant 1')).toEqual(['Seed Variant 1']); // once, experimental filtered
    expect(selectDetections(c, ['nothing-like-this'], { cwd: c.root }).unmatched).toEqual(['nothing-like-this']);
  });
});

describe('planTests', () => {
  it('ESCU tests first, then sidecar cases, with stable keys and lines', () => {
    const cases = `cases:\n  - name: again\n    exact_rows: 5\n    attack_data:\n      - data: https://media.githubusercontent.com/media/splunk/attack_data/master/x.log\n        source: s\n        sourcetype: XmlWinEventLog\n  - name: silence\n    expect: negative\n    events:\n      - source: s\n        sourcetype: st\n        raw: hello\n`;
    const c = content({ [SEED_FILE]: SEED_TEXT, [SEED_FILE.replace(/^detections\//, 'test_cases/')]: cases });
    const plan = planTests(c, c.detections);
    expect(plan.findings).toEqual([]);
    expect(plan.tests.map((t) => [t.key, t.name, t.expect, t.line])).toEqual([
      [`${SEED_FILE}#0`, 'True Positive Test', 'positive', SEED_TEXT.split('\n').findIndex((l) => l.startsWith('- name: True Positive Test')) + 1],
      [`${SEED_FILE}#case:again`, 'case: again', 'positive', 2],
      [`${SEED_FILE}#case:silence`, 'case: silence', 'negative', 8],
    ]);
    expect(plan.tests[1].sidecar?.exactRows).toBe(5);
  });

  it('a detection without tests, and an invalid sidecar, are planned as results with reasons', () => {
    const noTests = seedVariant(1).slice(0, seedVariant(1).indexOf('tests:'));
    const c = content({
      'detections/endpoint/seed_variant_1.yml': noTests,
      [SEED_FILE]: SEED_TEXT,
      [SEED_FILE.replace(/^detections\//, 'test_cases/')]: 'cases:\n  - name: x\n    expect: maybe\n',
    });
    const plan = planTests(c, c.detections);
    const bySkip = plan.tests.filter((t) => t.skip).map((t) => [t.detection.name, t.skip!.status, t.skip!.reason]);
    expect(bySkip).toEqual([
      [
        'Remote Process Instantiation via WinRM and Winrs',
        'error',
        expect.stringMatching(/^test_cases\/endpoint\/\S+\.yml:3:\d+: `expect` must be 'positive' or 'negative'/),
      ],
      ['Seed Variant 1', 'skipped', 'the detection has no tests'],
    ]);
  });
});
