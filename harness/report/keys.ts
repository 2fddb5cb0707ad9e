import type { TestResult } from './types.js';

/**
 * Keys for reports written before results had one: the file, the name and how many earlier
 * tests of that file had the same name, which tells same-named tests apart.
 */
export function legacyKeys(results: readonly TestResult[]): string[] {
  const seen = new Map<string, number>();
  return results.map((r) => {
    const base = `${r.file}#name:${r.test}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}
