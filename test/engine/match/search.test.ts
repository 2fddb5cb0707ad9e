/**
 * Golden tests for search-command matching (the implicit first search, `| search`,
 * `tstats ... where`). Each case cites the Splunk documentation it follows.
 */
import { describe, expect, it } from 'vitest';
import { searchText } from '../eval/helpers.js';
import { compileSearch, compileWildcard, matchSearch, SearchMatchError } from '../../../harness/engine/match.js';
import type { SearchExpr } from '../../../harness/spl/ast.js';

const span = { start: 0, end: 0 };

describe('field values', () => {
  // Search Manual, "Use CASE() and TERM() to match phrases": "By default, searches are
  // case-insensitive ... You can use the CASE directive to perform case-sensitive matches for
  // terms and field values."
  it('match case-insensitively', () => {
    expect(searchText('process_name=CMD.EXE', { process_name: 'cmd.exe' })).toBe(true);
    expect(searchText('process_name="cmd.exe"', { process_name: 'CMD.exe' })).toBe(true);
    expect(searchText('process_name=powershell.exe', { process_name: 'cmd.exe' })).toBe(false);
  });

  // Same page: "The following search only matches events that contain localhost in uppercase in
  // the host field. host=CASE(LOCALHOST)"; TERM(x) matches x as one term.
  it('CASE() makes a field value case-sensitive; TERM() is the value itself', () => {
    expect(searchText('host=CASE(LOCALHOST)', { host: 'LOCALHOST' })).toBe(true);
    expect(searchText('host=CASE(LOCALHOST)', { host: 'localhost' })).toBe(false);
    expect(searchText('host=CASE(LOCAL*)', { host: 'LOCALHOST' })).toBe(true);
    expect(searchText('ip=TERM(127.0.0.1)', { ip: '127.0.0.1' })).toBe(true);
  });

  // Search Reference, "search": "Field names are case sensitive" (only values fold case).
  it('field names are case-sensitive', () => {
    expect(searchText('Process_Name=cmd.exe', { process_name: 'cmd.exe' })).toBe(false);
  });

  // Search Manual, "Wildcards": "Use the asterisk ( * ) character as a wildcard to match an
  // unlimited number of characters in a string. For example, "my*" matches myhost1 and
  // myhost.ny.mydomain.com".
  it('* is a wildcard anywhere in the value', () => {
    expect(searchText('host=my*', { host: 'myhost1' })).toBe(true);
    expect(searchText('host=my*', { host: 'myhost.ny.mydomain.com' })).toBe(true);
    expect(searchText('process="*\\\\powershell.exe"', { process: 'C:\\Windows\\System32\\PowerShell.exe' })).toBe(true);
    expect(searchText('cmd="*-enc*"', { cmd: 'powershell -EncodedCommand abc' })).toBe(true);
    expect(searchText('cmd="a*b*c"', { cmd: 'a--B--c' })).toBe(true);
    expect(searchText('cmd="a*b*c"', { cmd: 'a--c--b' })).toBe(false);
    expect(searchText('host=my*', { host: 'yourhost' })).toBe(false);
  });

  // A value that is a number matches the same number written differently ("5" and 5.0).
  it('numbers compare by value', () => {
    expect(searchText('count=5', { count: 5 })).toBe(true);
    expect(searchText('count=5', { count: '5.0' })).toBe(true);
    expect(searchText('EventCode=4688', { EventCode: '4688' })).toBe(true);
  });
});

describe('!= and NOT', () => {
  // Search Manual, "Difference between != and NOT": "If you search with the != expression,
  // every event that has a value in the field, where that value does not match the value you
  // specify, is returned. Events that do not have a value in the field are not included."
  it('x!=v needs x present', () => {
    expect(searchText('Location!="Calaveras Farms"', { Location: 'Marin Meadows' })).toBe(true);
    expect(searchText('Location!="Calaveras Farms"', { Location: 'calaveras farms' })).toBe(false);
    expect(searchText('Location!="Calaveras Farms"', {})).toBe(false);
  });

  // Same page: "If you search with the NOT operator, every event is returned except the events
  // that contain the value you specify. This includes events that do not have a value in the field."
  it('NOT x=v keeps events without x', () => {
    expect(searchText('NOT Location="Calaveras Farms"', {})).toBe(true);
    expect(searchText('NOT Location="Calaveras Farms"', { Location: 'Calaveras Farms' })).toBe(false);
    expect(searchText('NOT Location="Calaveras Farms"', { Location: 'Marin Meadows' })).toBe(true);
  });

  // For a multivalue field, x!=v is "x has a value and x=v does not hold": an event whose field
  // holds v among other values is excluded, as it is by NOT x=v.
  it('multivalue: != excludes a field holding the value among others', () => {
    const event = { dest: ['a', 'b'] };
    expect(searchText('dest!=a', event)).toBe(false);
    expect(searchText('dest!=c', event)).toBe(true);
    expect(searchText('NOT dest=a', event)).toBe(false);
  });
});

describe('x=* and NOT x=*', () => {
  // Search Manual, "Wildcards" / "search": field=* returns events where the field has a value;
  // NOT field=* returns the events where the field is absent.
  it('tests presence', () => {
    expect(searchText('user=*', { user: 'bob' })).toBe(true);
    expect(searchText('user=*', {})).toBe(false);
    expect(searchText('NOT user=*', {})).toBe(true);
    expect(searchText('NOT user=*', { user: 'bob' })).toBe(false);
    expect(searchText('user=*', { user: ['a', 'b'] })).toBe(true);
  });
});

describe('IN', () => {
  // Search Reference, "search": "field IN (value-list)": the IN operator matches any of the
  // values, which may use wildcards.
  it('matches any listed value, with wildcards', () => {
    expect(searchText('process_name IN ("cmd.exe", "powershell*")', { process_name: 'PowerShell_ISE.exe' })).toBe(true);
    expect(searchText('process_name IN (cmd.exe, wmic.exe)', { process_name: 'WMIC.exe' })).toBe(true);
    expect(searchText('process_name IN (cmd.exe, wmic.exe)', { process_name: 'rundll32.exe' })).toBe(false);
    expect(searchText('NOT process_name IN (cmd.exe)', {})).toBe(true);
  });
});

describe('comparisons', () => {
  // Search Reference, "search": "<field> <comparison-operator> <value> ... numeric comparisons
  // when both are numbers, otherwise lexicographic".
  it('numeric when both sides are numbers', () => {
    expect(searchText('count>9', { count: '10' })).toBe(true);
    expect(searchText('count>=10', { count: 10 })).toBe(true);
    expect(searchText('count<10', { count: '9.5' })).toBe(true);
    expect(searchText('count<=1', { count: '2' })).toBe(false);
  });

  it('lexicographic otherwise, and false when the field is missing', () => {
    expect(searchText('name>m', { name: 'zeta' })).toBe(true);
    expect(searchText('name<m', { name: 'zeta' })).toBe(false);
    expect(searchText('count>1', {})).toBe(false);
  });

  it('multivalue: true when any value satisfies', () => {
    expect(searchText('n>5', { n: ['1', '7'] })).toBe(true);
  });
});

describe('CIDR values', () => {
  // Search Reference, "search": an IP field compared with a CIDR value ("src=10.0.0.0/8")
  // matches addresses in that subnet; IPv6 too.
  it('match addresses inside the range', () => {
    expect(searchText('src=10.0.0.0/8', { src: '10.20.30.40' })).toBe(true);
    expect(searchText('src=10.0.0.0/8', { src: '11.0.0.1' })).toBe(false);
    expect(searchText('src="192.168.0.0/16"', { src: ['8.8.8.8', '192.168.1.1'] })).toBe(true);
    expect(searchText('NOT src=10.0.0.0/8', { src: '11.0.0.1' })).toBe(true);
    expect(searchText('src="fe80::/10"', { src: 'FE80::1' })).toBe(true);
    expect(searchText('src=10.0.0.0/8', { src: 'host' })).toBe(false);
  });
});

describe('bare terms', () => {
  // Search Manual, "Search with keywords / phrases": "Bare words are matched as terms" against
  // the event text, case-insensitively. Splunk indexes _raw as segments split at breakers
  // (space, punctuation, . _ / = : and so on); a term matches whole segments, so `fail` does not
  // match "failed", while `fail*` does ("The best way to use a wildcard is at the end of a term,
  // such as fail*").
  it('match _raw on segment boundaries, case-insensitively', () => {
    const event = { _raw: 'User ADMIN failed to log on from host-1.example.com' };
    expect(searchText('admin', event)).toBe(true);
    expect(searchText('fail', event)).toBe(false);
    expect(searchText('fail*', event)).toBe(true);
    expect(searchText('*ample*', event)).toBe(true);
    expect(searchText('example.com', event)).toBe(true);
    expect(searchText('"failed to log"', event)).toBe(true);
    expect(searchText('host', event)).toBe(true); // "host-1" segments at "-"
    expect(searchText('admin NOT denied', event)).toBe(true);
    expect(searchText('admin denied', event)).toBe(false);
  });

  it('quoted terms with backslashes and wildcards', () => {
    const event = { _raw: 'Image=C:\\Windows\\System32\\cmd.exe CommandLine="cmd /c whoami"' };
    expect(searchText('"C:\\\\Windows\\\\System32\\\\cmd.exe"', event)).toBe(true);
    expect(searchText('"*\\\\cmd.exe"', event)).toBe(true);
    expect(searchText('whoami', event)).toBe(true);
    expect(searchText('who', event)).toBe(false);
  });

  // Results of a transforming command have no _raw: a term then matches any field value.
  it('without _raw, terms match field values', () => {
    expect(searchText('bob', { user: 'Bob', count: 3 })).toBe(true);
    expect(searchText('alice', { user: 'Bob' })).toBe(false);
  });
});

describe('time modifiers', () => {
  // Search Manual, "Specify time modifiers in your search": earliest=-1h, latest=now,
  // starthoursago=... set the time range; they are not fields. The harness searches all time
  // (issue 4), so they keep every event.
  it('earliest / latest / starthoursago match every event', () => {
    expect(searchText('earliest=-30d latest=-1h user=bob', { user: 'bob' })).toBe(true);
    expect(searchText('starthoursago=168 endhoursago=1', {})).toBe(true);
    expect(searchText('earliest=-30d user=bob', { user: 'alice' })).toBe(false);
  });
});

describe('boolean structure', () => {
  // Search Manual, "Boolean expressions": "AND is implied between terms; the order of evaluation
  // is NOT, then OR, then AND" (parentheses group).
  it('AND / OR / NOT / parentheses', () => {
    const e = { a: '1', b: '2' };
    expect(searchText('a=1 b=3', e)).toBe(false);
    expect(searchText('a=1 OR b=3', e)).toBe(true);
    expect(searchText('(a=2 OR b=2) NOT c=*', e)).toBe(true);
  });
});

describe('API', () => {
  it('matchSearch caches the compiled predicate per AST node', () => {
    const expr: SearchExpr = { type: 'compare', field: 'x', op: '=', value: { text: 'a*', quoted: false }, span };
    expect(matchSearch(expr, { x: 'ABC' })).toBe(true);
    expect(matchSearch(expr, { x: 'bc' })).toBe(false);
  });

  // issue 4: subsearches are resolved by the command layer; a leftover one is an error value.
  it('a leftover subsearch is a SearchMatchError with its span', () => {
    const expr: SearchExpr = { type: 'subsearch', pipeline: { commands: [], span }, span: { start: 3, end: 9 } };
    expect(() => compileSearch(expr)).toThrow(SearchMatchError);
    try {
      compileSearch({ type: 'and', items: [expr], span });
    } catch (err) {
      expect((err as SearchMatchError).span).toEqual({ start: 3, end: 9 });
    }
  });

  it('compileWildcard handles every wildcard shape', () => {
    const cases: Array<[string, string, boolean]> = [
      ['abc', 'abc', true],
      ['abc', 'abcd', false],
      ['ab*', 'abcd', true],
      ['*cd', 'abcd', true],
      ['*bc*', 'abcd', true],
      ['a*d', 'abcd', true],
      ['a*c*d', 'abxd', false],
      ['*', '', true],
      ['a.c', 'abc', false],
    ];
    for (const [pattern, text, expected] of cases) expect(compileWildcard(pattern)(text)).toBe(expected);
    expect(compileWildcard('ABC', true)('abc')).toBe(false);
  });
});
