import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../harness/config.js';
import { loadContent } from '../../harness/content/load.js';
import { lintContent } from '../../harness/lint/index.js';
import { NOW, detectionWith, lintTree, ofRule, writeTree } from './fixture.js';

const ID = '6f1c2a57-8f0e-4c1e-9b43-2d5a7e0c9a11';
const badScore = detectionWith('  risk_score: 54', '  risk_score: 56');

describe('config: rules and suppressions', () => {
  it('re-grades a rule', () => {
    const [f] = ofRule(lintTree(badScore, { config: { rules: { 'risk-score-formula': 'warning' }, suppress: [] } }), 'risk-score-formula');
    expect(f.severity).toBe('warning');
  });

  it('switches a rule off', () => {
    expect(ofRule(lintTree(badScore, { config: { rules: { 'risk-score-formula': 'off' }, suppress: [] } }), 'risk-score-formula')).toEqual([]);
  });

  it('suppresses one rule for one detection only', () => {
    const config = { rules: {}, suppress: [{ detection: ID, rule: 'risk-score-formula' }] };
    const changes = { ...badScore, ...detectionWith('version: 2', 'version: 0') };
    const findings = lintTree(changes, { config });
    expect(ofRule(findings, 'risk-score-formula')).toEqual([]);
    expect(ofRule(findings, 'version-positive')).toHaveLength(1);
  });

  it('reads both from spl-harness.yml', () => {
    const root = writeTree(badScore);
    writeFileSync(join(root, 'spl-harness.yml'), `rules:\n  risk-score-formula: info\nsuppress:\n  - detection: ${ID}\n    rule: filter-macro-defined\n`);
    const { findings, summary } = lintContent(loadContent(root), { now: NOW, config: loadConfig(root) });
    expect(ofRule(findings, 'risk-score-formula')[0].severity).toBe('info');
    expect(summary.errors).toBe(0);
  });

  it('counts errors and warnings after re-grading', () => {
    const root = writeTree(badScore);
    const { summary } = lintContent(loadContent(root), { now: NOW, config: { rules: { 'risk-score-formula': 'warning' }, suppress: [] } });
    expect(summary).toMatchObject({ errors: 0, warnings: 1 });
  });
});
