import { describe, expect, it } from 'vitest';
import { DETECTION, DETECTION_PATH, lintTree } from './fixture.js';

/** Bad input becomes findings with positions, never a crash, and one bad file never hides the others. */
describe('bad input', () => {
  it('reports every broken file in one run and keeps linting the rest', () => {
    const findings = lintTree({
      'detections/endpoint/broken_one.yml': 'name: [unclosed\n',
      'detections/endpoint/broken_two.yml': 'name: x\n  bad: indentation\n',
      'macros/broken_macro.yml': 'definition: `x`\n',
      [DETECTION_PATH]: DETECTION.replace('  risk_score: 54', '  risk_score: 56'),
    });
    const files = new Set(findings.filter((f) => f.rule === 'yaml-syntax').map((f) => f.file));
    expect(files).toEqual(new Set(['detections/endpoint/broken_one.yml', 'detections/endpoint/broken_two.yml', 'macros/broken_macro.yml']));
    expect(findings.some((f) => f.rule === 'risk-score-formula')).toBe(true);
    expect(findings.every((f) => !f.message.startsWith('internal error'))).toBe(true);
  });

  it('survives wrong types everywhere, reporting them as schema findings', () => {
    const weird = [
      'name: 42',
      'id: [1, 2]',
      'version: two',
      'date: 2024',
      'author: {a: 1}',
      'type: TTP',
      'status: production',
      'description: x',
      'data_source: Sysmon EventID 1',
      'search: 17',
      'how_to_implement: [a]',
      'known_false_positives: null',
      'drilldown_searches: nope',
      'tags: just text',
      'tests: {name: t}',
      'rba: [1]',
      '',
    ].join('\n');
    const findings = lintTree({ 'detections/endpoint/weird.yml': weird });
    const mine = findings.filter((f) => f.file === 'detections/endpoint/weird.yml');
    expect(mine.filter((f) => f.rule === 'schema').length).toBeGreaterThan(8);
    expect(findings.every((f) => !f.message.startsWith('internal error'))).toBe(true);
    for (const f of mine) expect(f.line).toBeGreaterThan(0);
  });

  it('reports a detection file that is not a mapping', () => {
    const findings = lintTree({ 'detections/endpoint/list.yml': '- a\n- b\n' });
    expect(findings.find((f) => f.file === 'detections/endpoint/list.yml')?.rule).toBe('schema');
  });

  it('reports an empty file', () => {
    const findings = lintTree({ 'detections/endpoint/empty.yml': '', 'stories/empty.yml': '# nothing here\n' });
    expect(findings.filter((f) => f.message.endsWith('file is empty')).map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([
      'schema detections/endpoint/empty.yml:1',
      'schema stories/empty.yml:1',
    ]);
  });

  it('reports bad encoding at the file', () => {
    const findings = lintTree({ 'stories/latin.yml': Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]) });
    expect(findings.find((f) => f.file === 'stories/latin.yml' && f.rule === 'file-encoding')).toBeDefined();
  });
});
