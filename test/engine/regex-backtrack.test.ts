/**
 * The static backtracking check (issue 19, item 2). Splunk runs rex, regex, match() and replace()
 * through PCRE, which stops a match that backtracks past limits.conf `[rex] match_limit` and
 * reports an error (Admin Manual, limits.conf.spec, stanza [rex]); JavaScript's RegExp cannot be
 * stopped, so a pattern that backtracks exponentially is refused when it is compiled, naming the
 * pattern and that limit. Only shapes known to be exponential are refused (see the module); the
 * ESCU corpus check (test/corpus/escu-regex.test.ts) shows it refuses none of ESCU's patterns.
 */
import { describe, expect, it } from 'vitest';
import { exponentialBacktracking } from '../../harness/engine/regex-backtrack.js';
import { compileRegex, RegexError, translatePcre } from '../../harness/engine/regex.js';
import { run } from './commands/helpers.js';

const check = (pcre: string) => {
  const t = translatePcre(pcre);
  return t.cutsBacktracking ? undefined : exponentialBacktracking(t.source, t.flags);
};

describe('exponentialBacktracking', () => {
  const flagged: Array<[string, string]> = [
    ['(?<m>(a+)+$)', '(a+)+'],
    ['^(a*)*b', '(a*)*'],
    ['(a|a)*x', '(a|a)*'],
    ['(\\w|\\d)+;', '(\\w|\\d)+'],
    ['(.|\\s)*end', '(.|\\s)*'],
    ['^(\\w+\\s?)+$', '(\\w+\\s?)+'],
    ['(?:x?\\d+)*z', '(?:x?\\d+)*'],
    ['((ab)+)+c', '((ab)+)+'],
    ['(?i)(A|a)+!', '(A|a)+'],
    ['^([a-z]+)*\\d', '([a-z]+)*'],
  ];
  for (const [pattern, part] of flagged) it(`flags ${pattern}`, () => expect(check(pattern)).toBe(part));

  const linear = [
    '(a+)+', // at the end: succeeds at its first try
    '(\\w+\\s)+x', // a required separator: one way to cut
    '(\\d+\\.)+\\d+',
    '(a|b)*c', // disjoint choices
    '(ab|ac)*d', // multi-character choices are not judged
    '\\w+\\s+\\w+',
    '(?<user>[^\\\\]+)\\\\(?<name>.+)$',
    '(a+){2}b', // bounded outer loop
    '(?:[^,]*,)*x',
    '(\\w|-)+@',
    '^(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)$',
    '(?>a+)+b', // atomic in PCRE: not checked
    '(a++)+b', // possessive in PCRE: not checked
  ];
  for (const pattern of linear) it(`lets ${pattern} through`, () => expect(check(pattern)).toBeUndefined());
});

describe('compileRegex and rex', () => {
  it('refuse a catastrophic pattern at once, naming it and match_limit', async () => {
    expect(() => compileRegex('(?<m>(a+)+$)')).toThrow(RegexError);
    expect(() => compileRegex('(?<m>(a+)+$)')).toThrow(
      /catastrophic backtracking in "\(\?<m>\(a\+\)\+\$\)": \(a\+\)\+ can split the same text .*limits\.conf \[rex\] match_limit/,
    );
    const started = Date.now();
    // Each added character doubles the work: at 40 this never returns in JavaScript. At 24 it
    // returns (no match) within a second without the check, so this test fails rather than hangs.
    await expect(run(`| makeresults | eval a="${'a'.repeat(24)}!" | rex field=a "(?<m>(a+)+$)"`)).rejects.toThrow(/catastrophic backtracking/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('leave an atomic or possessive loop to PCRE semantics (not refused)', () => {
    expect(() => compileRegex('(?>a+)+b')).not.toThrow();
    expect(() => compileRegex('(a++)+b')).not.toThrow();
  });
});
