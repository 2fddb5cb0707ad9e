/**
 * PCRE → JavaScript translation (Splunk's match(), replace(), rex and regex use PCRE:
 * Search Reference, "rex": "Splunk SPL uses perl-compatible regular expressions (PCRE)").
 */
import { describe, expect, it } from 'vitest';
import { compileRegex, namedGroups, RegexError, translatePcre } from '../../../harness/engine/regex.js';

describe('translatePcre', () => {
  it('inline flags become RegExp flags', () => {
    expect(compileRegex('(?i)powershell').test('PowerShell.exe')).toBe(true);
    expect(compileRegex('(?s)a.b').test('a\nb')).toBe(true);
    expect(compileRegex('(?m)^b').test('a\nb')).toBe(true);
    expect(compileRegex('(?i)').flags).toContain('i');
    expect(compileRegex('x(?i:Y)').test('xy')).toBe(true); // scoped flag widened to the pattern
  });

  it('(?P<name>...) and named references', () => {
    const re = compileRegex('(?P<user>\\w+)@(?P=user)');
    expect(re.exec('bob@bob')?.groups?.user).toBe('bob');
    expect(compileRegex('(?<a>x)\\k{a}').test('xx')).toBe(true);
    expect(compileRegex('(x)\\g{1}').test('xx')).toBe(true);
    expect(namedGroups('(?<a>x)(?P<b>y)(z)\\(?<no>')).toEqual(['a', 'b']);
  });

  it('\\Q...\\E quotes literally', () => {
    expect(compileRegex('\\Qa.b*c\\E$').test('xa.b*c')).toBe(true);
    expect(compileRegex('\\Qa.b*c\\E').test('aXbbc')).toBe(false);
    expect(compileRegex('[\\Q]-\\E]+').test(']-')).toBe(true);
  });

  it('possessive quantifiers and atomic groups read as greedy', () => {
    expect(compileRegex('a++b').test('aaab')).toBe(true);
    expect(compileRegex('\\d*+x').test('12x')).toBe(true);
    expect(compileRegex('a{2}+').test('aa')).toBe(true);
    expect(compileRegex('(?>ab|a)c').test('abc')).toBe(true);
    expect(translatePcre('a+?b').source).toBe('a+?b'); // lazy stays lazy
    expect(translatePcre('\\++').source).toBe('\\++');
  });

  it('anchors and escapes PCRE has and JS lacks', () => {
    expect(compileRegex('\\Aab').test('ab')).toBe(true);
    expect(compileRegex('(?m)\\Ab').test('a\nb')).toBe(false);
    expect(compileRegex('ab\\z').test('ab\n')).toBe(false);
    expect(compileRegex('ab\\Z').test('ab\n')).toBe(true);
    // PCRE: "$" matches at the end or before a final newline (unless multiline).
    expect(compileRegex('exe$').test('cmd.exe\n')).toBe(true);
    expect(compileRegex('exe$').test('cmd.exe\nx')).toBe(false);
    expect(compileRegex('(?m)exe$').test('cmd.exe\nx')).toBe(true);
    expect(compileRegex('[$]').test('a$')).toBe(true);
    expect(compileRegex('\\$').test('a$')).toBe(true);
    expect(compileRegex('a\\hb').test('a\tb')).toBe(true);
    expect(compileRegex('a\\Rb').test('a\r\nb')).toBe(true);
    expect(compileRegex('\\x{41}').test('A')).toBe(true);
    expect(compileRegex('[[:alpha:]]+[[:digit:]]').test('abc1')).toBe(true);
    expect(compileRegex('a(?#comment)b').test('ab')).toBe(true);
    expect(compileRegex('(?x) a b # comment\n c').test('abc')).toBe(true);
    expect(compileRegex('[]a]').test(']')).toBe(true);
  });

  it('unsupported or malformed patterns give RegexError', () => {
    expect(() => compileRegex('a\\Kb')).toThrow(RegexError);
    expect(() => compileRegex('(?R)')).toThrow(RegexError);
    expect(() => compileRegex('(unclosed')).toThrow(RegexError);
    expect(() => compileRegex('[abc')).toThrow(/unterminated/);
  });

  it('shares stateless regexes and copies global ones (lastIndex is per caller)', () => {
    expect(compileRegex('abc')).toBe(compileRegex('abc'));
    const a = compileRegex('a', 'g');
    const b = compileRegex('a', 'g');
    expect(a).not.toBe(b);
    a.exec('aaa');
    expect(b.lastIndex).toBe(0);
  });
});
