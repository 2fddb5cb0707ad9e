import { isProblem } from './common.js';
import type { TestResult, TestStatus } from './types.js';

/**
 * What changed between a previous run (the baseline) and this one, test by test. A test is
 * known by its file, its name and which of the same-named tests of that file it is (ESCU
 * detections may hold two tests both named "True Positive Test"), so duplicates pair up in order.
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

/** One key per test, stable across runs: file, test name and the occurrence of that name in the file. */
export function testKeys(results: readonly TestResult[]): string[] {
  const seen = new Map<string, number>();
  return results.map((r) => {
    const base = `${r.file}\u0000${r.test}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}\u0000${n}`;
  });
}

export function runChanges(baseline: readonly TestResult[], current: readonly TestResult[]): RunChanges {
  const before = new Map<string, TestResult>();
  testKeys(baseline).forEach((k, i) => before.set(k, baseline[i]));
  const changes: RunChanges = { newProblems: [], fixed: [], otherChanges: [], vanished: [], added: [] };
  const currentKeys = testKeys(current);
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
  testKeys(baseline).forEach((k, i) => {
    if (!now.has(k)) changes.vanished.push(baseline[i]);
  });
  return changes;
}
