import { describe, expect, it } from 'vitest';
import { compileCond, compileExpr, fieldsRead, TransformError, type Cond, type Expr } from '../../../harness/ingest/transforms.js';
import { compileSpec } from '../../../harness/ingest/normalize.js';
import type { Event } from '../../../harness/engine/types.js';

const run = (expr: Expr, event: Event) => compileExpr(expr)(event);
const test = (cond: Cond, event: Event) => compileCond(cond)(event);
const f = (field: string) => ({ field });

describe('expressions', () => {
  it('basename / dirname take Windows and POSIX paths', () => {
    expect(run({ basename: f('p') }, { p: 'C:\\Windows\\System32\\cmd.exe' })).toBe('cmd.exe');
    expect(run({ basename: f('p') }, { p: '/usr/bin/curl' })).toBe('curl');
    expect(run({ basename: f('p') }, { p: 'cmd.exe' })).toBe('cmd.exe');
    expect(run({ dirname: f('p') }, { p: 'HKLM\\Software\\Run\\x' })).toBe('HKLM\\Software\\Run');
    expect(run({ dirname: f('p') }, { p: 'x' })).toBeUndefined();
  });

  it('null in, null out; multivalue maps each value', () => {
    expect(run({ basename: f('p') }, {})).toBeUndefined();
    expect(run({ lower: f('p') }, { p: ['A', 'B'] })).toEqual(['a', 'b']);
  });

  it('coalesce skips null and empty strings', () => {
    expect(run({ coalesce: [f('a'), f('b'), { const: 'z' }] }, { a: '', b: 'B' })).toBe('B');
    expect(run({ coalesce: [f('a'), f('b')] }, {})).toBeUndefined();
  });

  it('hexToDecimal reads 0x-hex, plain decimal, and refuses junk', () => {
    expect(run({ hexToDecimal: f('x') }, { x: '0xf84' })).toBe(3972);
    expect(run({ hexToDecimal: f('x') }, { x: '0XB2C' })).toBe(2860);
    expect(run({ hexToDecimal: f('x') }, { x: '2296' })).toBe(2296);
    expect(run({ hexToDecimal: f('x') }, { x: 'zz' })).toBeUndefined();
  });

  it('userPart / domainPart split DOMAIN\\user and user@domain', () => {
    expect(run({ userPart: f('u') }, { u: 'ATTACKRANGE\\Administrator' })).toBe('Administrator');
    expect(run({ domainPart: f('u') }, { u: 'ATTACKRANGE\\Administrator' })).toBe('ATTACKRANGE');
    expect(run({ userPart: f('u') }, { u: 'bob@corp.com' })).toBe('bob');
    expect(run({ domainPart: f('u') }, { u: 'bob' })).toBeUndefined();
  });

  it('regex returns a group or null; regexAll returns every match', () => {
    expect(run({ regex: f('t'), pattern: '^(\\w+) \\(0x' }, { t: 'DWORD (0x00000001)' })).toBe('DWORD');
    expect(run({ regex: f('t'), pattern: '^(\\w+) \\(0x' }, { t: 'text' })).toBeUndefined();
    expect(run({ regexAll: f('t'), pattern: '(\\d+)' }, { t: 'a1b22c333' })).toEqual(['1', '22', '333']);
  });

  it('a bad regex in data is a TransformError naming where it is', () => {
    expect(() => compileExpr({ regex: f('t'), pattern: '(' }, 'table x')).toThrow(TransformError);
    expect(() => compileExpr({ regex: f('t'), pattern: '(' }, 'table x')).toThrow(/table x/);
  });

  it('map is case-insensitive by default and falls back to default', () => {
    const e: Expr = { map: f('k'), table: { setvalue: 'modified' }, default: 'other' };
    expect(run(e, { k: 'SetValue' })).toBe('modified');
    expect(run(e, { k: 'nope' })).toBe('other');
    expect(run(e, {})).toBe('other');
  });

  it('concat is null when a part is null; if/else; nullIf', () => {
    expect(run({ concat: [f('a'), { const: ' ' }, f('b')] }, { a: 'x', b: 'y' })).toBe('x y');
    expect(run({ concat: [f('a'), f('b')] }, { a: 'x' })).toBeUndefined();
    expect(run({ if: { field: 'c', eq: 1 }, then: { const: 'one' }, else: { const: 'other' } }, { c: '1' })).toBe('one');
    expect(run({ nullIf: f('a'), values: ['-'] }, { a: '-' })).toBeUndefined();
  });

  it('pick reads a key from K=v,K=v text (Sysmon Hashes)', () => {
    const hashes = 'MD5=F4F6,SHA256=935C,IMPHASH=3062';
    expect(run({ pick: f('h'), key: 'sha256' }, { h: hashes })).toBe('935C');
    expect(run({ pick: f('h'), key: 'SHA1' }, { h: hashes })).toBeUndefined();
  });

  it('count, sum, difference, numeric', () => {
    expect(run({ count: f('a') }, { a: ['x', 'y'] })).toBe(2);
    expect(run({ sum: [f('a'), f('b')] }, { a: '2', b: 3 })).toBe(5);
    expect(run({ difference: [f('a'), f('b')] }, { a: 10, b: 'x' })).toBeUndefined();
    expect(run({ numeric: f('a') }, { a: '12' })).toBe(12);
    expect(run({ numeric: f('a') }, { a: 'n/a' })).toBeUndefined();
  });
});

describe('conditions (search semantics: case-insensitive values, * wildcards, any value of a multivalue)', () => {
  it('eq is case-insensitive and numbers compare as text', () => {
    expect(test({ field: 'sourcetype', eq: 'XmlWinEventLog' }, { sourcetype: 'xmlwineventlog' })).toBe(true);
    expect(test({ field: 'EventCode', eq: 4688 }, { EventCode: '4688' })).toBe(true);
    expect(test({ field: 'EventCode', eq: '4688' }, { EventCode: 4688 })).toBe(true);
    expect(test({ field: 'EventCode', eq: 4688 }, { EventCode: '46880' })).toBe(false);
  });

  it('wildcards match anywhere, including backslashes', () => {
    expect(test({ field: 'p', eq: '*\\*' }, { p: '"C:\\x.exe"' })).toBe(true);
    expect(test({ field: 'p', eq: '*\\*' }, { p: 'cmd.exe' })).toBe(false);
    expect(test({ field: 'user', eq: '*$' }, { user: 'HOST$' })).toBe(true);
  });

  it('multivalue: any value matches', () => {
    expect(test({ field: 'tag', eq: 'process' }, { tag: ['process', 'report'] })).toBe(true);
    expect(
      test(
        {
          all: [
            { field: 'tag', eq: 'process' },
            { field: 'tag', eq: 'report' },
          ],
        },
        { tag: ['process'] },
      ),
    ).toBe(false);
  });

  it('exists / in / ranges / not / any', () => {
    expect(test({ field: 'a' }, { a: 'x' })).toBe(true);
    expect(test({ field: 'a' }, { a: '' })).toBe(false);
    expect(test({ field: 'a', exists: false }, {})).toBe(true);
    expect(test({ field: 'c', in: [1, 5, 'a*'] }, { c: 'abc' })).toBe(true);
    expect(test({ field: 'c', gte: 4727, lte: 4735 }, { c: '4732' })).toBe(true);
    expect(test({ field: 'c', gte: 4727, lte: 4735 }, { c: '4738' })).toBe(false);
    expect(test({ not: { field: 'c' } }, {})).toBe(true);
    expect(
      test(
        {
          any: [
            { field: 'a', eq: 1 },
            { field: 'b', eq: 2 },
          ],
        },
        { b: 2 },
      ),
    ).toBe(true);
  });
});

// Search Manual, "Event segmentation and searching": a term matches whole segments of _raw
// (breakers: spaces, punctuation), case-insensitively; `*` lifts the boundary. eventtypes.conf
// searches are such terms, e.g. Splunk_TA_nix `pam_unix (gdm OR sudo OR su) "session opened"`.
describe('terms on _raw (eventtypes.conf searches)', () => {
  const raw = 'May 27 09:33:20 host su: pam_unix(su-l:session): session opened for user root by mikael(uid=1001)';
  it.each([
    ['su', true],
    ['SU', true],
    ['sudo', false],
    ['pam_unix', true],
    ['session opened', true],
    ['opened session', false],
    ['sess*', true],
    ['mikael', true],
    ['mika', false],
    ['*kael', true],
    ['su: session', false],
  ])('term %j → %s', (term, want) => expect(test({ term }, { _raw: raw })).toBe(want));
  it('no _raw, no match', () => expect(test({ term: 'su' }, { su: 'su' })).toBe(false));
  it('fieldsRead names _raw', () => expect([...fieldsRead({ term: 'x' })]).toEqual(['_raw']));
});

// eval's `a==b` on two fields: exact (case-sensitive) text, null when either is absent.
describe('sameAs (field equals field)', () => {
  it.each([
    [{ a: '2024-01-01 10:00:00.1', b: '2024-01-01 10:00:00.1' }, true],
    [{ a: 'X', b: 'x' }, false],
    [{ a: 'X' }, false],
    [{ a: 5, b: '5' }, true],
  ])('%j → %s', (e, want) => expect(test({ field: 'a', sameAs: 'b' }, e)).toBe(want));
});

describe('multivalue helpers', () => {
  it('mvIndex picks by position, from the end when negative, only with enough values', () => {
    expect(run({ mvIndex: f('a'), index: -1 }, { a: ['subject', 'target'] })).toBe('target');
    expect(run({ mvIndex: f('a'), index: -1 }, { a: 'only' })).toBe('only');
    expect(run({ mvIndex: f('a'), index: 0, minCount: 2 }, { a: 'only' })).toBeUndefined();
    expect(run({ mvIndex: f('a'), index: 0, minCount: 2 }, { a: ['subject', 'target'] })).toBe('subject');
  });

  it('pairValue reads Name/Value arrays', () => {
    const e = { 'X{}.Name': ['OS', 'UserAgent'], 'X{}.Value': ['Windows10', 'Mozilla/5.0'] };
    expect(run({ pairValue: { names: f('X{}.Name'), values: f('X{}.Value'), key: 'useragent' } }, e)).toBe('Mozilla/5.0');
    expect(run({ pairValue: { names: f('X{}.Name'), values: f('X{}.Value'), key: 'nope' } }, e)).toBeUndefined();
  });
});

describe('data checks', () => {
  it('fieldsRead lists every field an expression or condition reads', () => {
    const e: Expr = { coalesce: [f('a'), { if: { all: [{ field: 'b', eq: 1 }, { not: { field: 'c' } }] }, then: { basename: f('d') } }] };
    expect([...fieldsRead(e)].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a source table that matches nothing is refused with its name', () => {
    expect(() => compileSpec({ name: 'broken', description: 'x', match: {} })).toThrow(/broken.*needs a sourcetype or a source/);
  });
});
