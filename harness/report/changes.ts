import { legacyKeys } from './keys.js';
import { isProblem } from './common.js';
import type { TestResult, TestStatus } from './types.js';

/**
 * What changed between a previous run (the baseline) and this one, test by test, each test known
 * by its key (ESCU detections may hold two tests both named "True Positive Test").
 */

export interface StatusChange {
  result: TestResult;
  before: TestStatus;
}

export interface RunChanges {
  /** Failed or errored now; passed, unsupported or skipped before. */
  newProblems: StatusChange[];
  /** Passed now; failed or errored before. */
  fixed: StatusChange[];
  /** Every other change of status (e.g. passed → unsupported, skipped → passed). */
  otherChanges: StatusChange[];
  /** In the baseline, not in this run: removed, deselected, or lost with a shard. */
  vanished: TestResult[];
  /** In this run, not in the baseline. */
  added: TestResult[];
}

/**
 * One key per test, stable across runs: its `key` (file and position in its `tests` list) when
 * every result has one, else the legacy identity of runner/merge.ts (file, name, occurrence).
 */
export function testKeys(results: readonly TestResult[], legacy = !results.every((r) => r.key)): string[] {
  return legacy ? legacyKeys(results) : results.map((r) => r.key);
}

export function runChanges(baseline: readonly TestResult[], current: readonly TestResult[]): RunChanges {
  const before = new Map<string, TestResult>();
  // A baseline from before result keys is compared by the legacy identity on both sides.
  const legacy = !baseline.every((r) => r.key) || !current.every((r) => r.key);
  testKeys(baseline, legacy).forEach((k, i) => before.set(k, baseline[i]));
  const changes: RunChanges = { newProblems: [], fixed: [], otherChanges: [], vanished: [], added: [] };
  const currentKeys = testKeys(current, legacy);
  currentKeys.forEach((k, i) => {
    const r = current[i];
    const old = before.get(k);
    if (!old) {
      changes.added.push(r);
      return;
    }
    if (old.status === r.status) return;
    const change = { result: r, before: old.status };
    if (isProblem(r.status) && !isProblem(old.status)) changes.newProblems.push(change);
    else if (r.status === 'passed' && isProblem(old.status)) changes.fixed.push(change);
    else changes.otherChanges.push(change);
  });
  const now = new Set(currentKeys);
  testKeys(baseline, legacy).forEach((k, i) => {
    if (!now.has(k)) changes.vanished.push(baseline[i]);
  });
  return changes;
}
