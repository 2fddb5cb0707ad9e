import { describe, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import type { Detection } from '../../harness/content/types.js';
import { checkPassRule, isNullValue, judgePassRule, observableCompleteness, observableFields } from '../../harness/runner/assert.js';
import { judgeFilter, locateFilter } from '../../harness/runner/filter-check.js';
import { checkRisk, renderRiskMessage } from '../../harness/runner/risk-check.js';
import { PROJECT_ROOT } from '../support/shared.js';

const seed = loadContent(PROJECT_ROOT).detections[0];
const withRba = (rba: Detection['rba']): Detection => ({ ...seed, rba, tags: { ...seed.tags, observable: [] } });

// contentctl's pass rule: splunk/contentctl, actions/detection_testing/infrastructures/
// DetectionTestingInfrastructure.py, retry_search_until_timeout (tag v4.4.1 and HEAD).
describe('the ESCU pass rule (assert.ts)', () => {
  it('null is contentctl\'s result.get(field, "null") == "null": absent or the string "null"', () => {
    expect([undefined, 'null', [], ['null']].map(isNullValue)).toEqual([true, true, true, true]);
    // An empty string is present; a multivalue of two or more values is a JSON list, never "null".
    expect(['', 'x', 0, ['null', 'a'], ['null', 'null']].map((v) => isNullValue(v as never))).toEqual([false, false, false, false, false]);
  });

  it('reads observables from tags (v4) or from rba risk/threat objects (newer format)', () => {
    expect(observableFields(seed)).toEqual({ victims: ['dest'], attackers: [] });
    expect(
      observableFields(
        withRba({
          risk_objects: [
            { field: 'user', type: 'user', score: 40 },
            { field: 'dest', type: 'system', score: 40 },
          ],
          threat_objects: [{ field: 'process', type: 'process' }],
        }),
      ),
    ).toEqual({
      victims: ['user', 'dest'],
      attackers: ['process'],
    });
  });

  const d = withRba({ risk_objects: [{ field: 'dest', type: 'system', score: 1 }], threat_objects: [{ field: 'process', type: 'process' }] });

  it('no rows fails', () => {
    expect(checkPassRule(d, [])).toEqual(['the search returned no results (a true positive needs at least one)']);
  });

  it('a complete first row passes at once, even when a later row lacks a risk object', () => {
    const v = judgePassRule(d, [{ dest: 'a', process: 'p' }, { process: 'q' }, { dest: 'null' }]);
    expect(v).toMatchObject({ passed: true, reasons: [] });
    expect(v.decidedBy).toBe('contentctl pass rule: row 1 of 3 has every risk and threat object set');
  });

  it('a first row that lacks a risk object fails at once, even when later rows are complete', () => {
    expect(checkPassRule(d, [{ process: 'p' }, { dest: 'b', process: 'q' }])).toEqual([
      'risk object \'dest\' is absent in row 1 (contentctl fails a test at the first row whose risk object is missing or "null")',
    ]);
    expect(judgePassRule(d, [{ dest: 'null', process: 'p' }]).decidedBy).toBe("contentctl pass rule: row 1 lacks risk object 'dest'");
  });

  it('a row with a null threat object moves on: threat null in rows 1–2 but set in row 3 passes', () => {
    const v = judgePassRule(d, [{ dest: 'a' }, { dest: 'b', process: 'null' }, { dest: 'c', process: 'p' }]);
    expect(v.passed).toBe(true);
    expect(v.decidedBy).toContain('row 3 of 3');
  });

  it('moving on, a later row that lacks the risk object fails', () => {
    expect(judgePassRule(d, [{ dest: 'a' }, { process: 'p' }]).passed).toBe(false);
  });

  it('a threat object null in every row fails', () => {
    expect(checkPassRule(d, [{ dest: 'a' }, { dest: 'b', process: 'null' }])).toEqual([
      "threat object 'process' is null in all 2 rows (it must be set in at least one)",
    ]);
  });

  it('two threat objects each set in some row, never together, pass after the last row', () => {
    const two = withRba({
      risk_objects: [{ field: 'dest', type: 'system', score: 1 }],
      threat_objects: [
        { field: 'process', type: 'process' },
        { field: 'parent', type: 'process' },
      ],
    });
    const v = judgePassRule(two, [
      { dest: 'a', process: 'p' },
      { dest: 'b', parent: 'q' },
    ]);
    expect(v.passed).toBe(true);
    expect(v.decidedBy).toBe('contentctl pass rule: every threat object is set in some row of 2');
  });

  it('an empty string is present', () => {
    expect(judgePassRule(d, [{ dest: '', process: '' }]).passed).toBe(true);
  });

  it('the stricter check (test-observable-incomplete) lists the rows without a risk object', () => {
    expect(observableCompleteness(d, [{ dest: 'a', process: 'p' }, { process: 'q' }, { dest: 'null' }])).toEqual([
      'risk object \'dest\' is missing or "null" in 2 of 3 rows (rows 2, 3); each such row makes no risk event',
    ]);
    expect(observableCompleteness(d, [{ dest: 'a' }])).toEqual([]);
  });
});

describe('filter macro (filter-check.ts)', () => {
  it('finds the trailing filter call and the search before it', () => {
    const f = locateFilter(seed);
    expect(f.problems).toEqual([]);
    expect(f.call?.name).toBe('remote_process_instantiation_via_winrm_and_winrs_filter');
    expect(f.baseSearch?.endsWith('`security_content_ctime(lastTime)`')).toBe(true);
  });

  it('a misnamed filter is reported but still checked', () => {
    const f = locateFilter({ ...seed, search: seed.search.replace('winrs_filter', 'winrm_filter') });
    expect(f.problems).toEqual([
      'the filter macro is `remote_process_instantiation_via_winrm_and_winrm_filter`; expected `remote_process_instantiation_via_winrm_and_winrs_filter`',
    ]);
    expect(f.baseSearch).toBeDefined();
  });

  it('with the default filter the rows must be unchanged, and the suppress-all variant must leave none', () => {
    const rows = [{ a: '1' }, { a: '2' }];
    expect(judgeFilter('search *', rows, rows, [])).toEqual({ problems: [], notes: [] });
    expect(judgeFilter(undefined, rows, rows.slice(1), []).problems[0]).toMatch(/returns 1 rows, but 2 without it/);
    expect(judgeFilter('search *', rows, rows, rows.slice(1)).problems[0]).toMatch(/still leaves 1 rows: the filter macro is not on the result path/);
    expect(judgeFilter('search a!=2', rows, rows.slice(0, 1), []).notes).toEqual(['the filter macro is tuned (`search a!=2`): it removes 1 of 2 rows']);
  });
});

describe('risk (risk-check.ts)', () => {
  it('renders $tokens$ from the row; absent and "null" values stay unresolved', () => {
    expect(renderRiskMessage('on $dest$ by $user$ ($x$)', { dest: 'h1', user: ['a', 'b'], x: 'null' })).toEqual({
      text: 'on h1 by a, b ($x$)',
      unresolved: ['x'],
    });
  });

  it('checks the score formula, the message and the observable columns', () => {
    const rows = [{ dest: 'h', firstTime: '1' }];
    expect(checkRisk(seed, rows)).toEqual({ findings: [], message: 'A process was started on a remote endpoint from h' });
    const bad = {
      ...seed,
      tags: {
        ...seed.tags,
        risk_score: 50,
        message: 'x $nope$',
        observable: [...(seed.tags.observable ?? []), { name: 'user', type: 'User', role: ['Other'] }],
      },
    };
    expect(checkRisk(bad, rows).findings.map((f) => f.rule)).toEqual(['test-risk-message', 'test-risk-score', 'test-observable-columns']);
    const rba = withRba({ message: 'm $dest$', risk_objects: [{ field: 'dest', type: 'system', score: 120 }] });
    expect(checkRisk(rba, rows).findings).toEqual([{ rule: 'test-risk-score', message: "risk object 'dest' has score 120; expected a whole number 0–100" }]);
    expect(checkRisk({ ...seed, type: 'Hunting' }, rows).findings).toEqual([]);
  });
});
