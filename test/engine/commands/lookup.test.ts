/**
 * Golden tests: lookup, inputlookup, outputlookup and CSV lookup tables (Splunk Search Reference:
 * "lookup", "inputlookup", "outputlookup"; Knowledge Manager Manual: "Add field matching rules to
 * your lookup configuration").
 */
import { describe, expect, it } from 'vitest';
import { run, table } from './helpers.js';
import { compileLookupMatcher, parseCsv, parseMatchType } from '../../../harness/engine/lookup.js';

const tools = table(
  'tools',
  ['tool', 'category', 'risk'],
  [
    ['psexec.exe', 'remote', '80'],
    ['winrs.exe', 'remote', '70'],
    ['notepad.exe', 'editor', ''],
  ],
);
const wild = table(
  'wild',
  ['pattern', 'label'],
  [
    ['*\\temp\\*', 'temp'],
    ['c:\\windows\\*', 'windows'],
    ['*', 'any'],
  ],
  { matchType: 'WILDCARD(pattern)', caseSensitive: false },
);
const nets = table(
  'nets',
  ['cidr', 'zone'],
  [
    ['10.0.0.0/8', 'internal'],
    ['10.1.0.0/16', 'lab'],
    ['0.0.0.0/0', 'anywhere'],
  ],
  { matchType: 'CIDR(cidr)', maxMatches: 2 },
);

describe('lookup', () => {
  it('without OUTPUT, every non-input column is written', async () => {
    // lookup: "If you do not specify OUTPUT or OUTPUTNEW, all fields in the lookup table that are not the match fields are used as output fields."
    const rows = await run('* | lookup tools tool AS process_name', { events: [{ process_name: 'winrs.exe' }], lookups: { tools } });
    expect(rows).toEqual([{ process_name: 'winrs.exe', category: 'remote', risk: '70' }]);
  });

  it('matching is case-sensitive by default; empty cells write nothing', async () => {
    // transforms.conf case_sensitive_match: default true.
    const rows = await run('* | lookup tools tool AS p OUTPUT category risk', { events: [{ p: 'WINRS.EXE' }, { p: 'notepad.exe' }], lookups: { tools } });
    expect(rows).toEqual([{ p: 'WINRS.EXE' }, { p: 'notepad.exe', category: 'editor' }]);
  });

  it('OUTPUT overwrites existing fields (and clears them when nothing matches)', async () => {
    // lookup: "If the OUTPUT clause is specified, the output lookup fields overwrite existing fields."
    const rows = await run('* | lookup tools tool AS p OUTPUT category AS c', {
      events: [
        { p: 'psexec.exe', c: 'old' },
        { p: 'other', c: 'old' },
      ],
      lookups: { tools },
    });
    expect(rows).toEqual([{ p: 'psexec.exe', c: 'remote' }, { p: 'other' }]);
  });

  it('OUTPUTNEW only fills fields that are missing', async () => {
    // lookup: "If the OUTPUTNEW clause is specified, the lookup is not performed for events in which the output fields already exist."
    const rows = await run('* | lookup tools tool AS p OUTPUTNEW category AS c risk', {
      events: [{ p: 'psexec.exe', c: 'old' }, { p: 'psexec.exe' }],
      lookups: { tools },
    });
    expect(rows).toEqual([
      { p: 'psexec.exe', c: 'old', risk: '80' },
      { p: 'psexec.exe', c: 'remote', risk: '80' },
    ]);
  });

  it('a multivalue input is looked up value by value', async () => {
    const rows = await run('* | lookup tools tool AS p OUTPUT category', { events: [{ p: ['psexec.exe', 'notepad.exe'] }], lookups: { tools } });
    expect(rows[0].category).toEqual(['remote', 'editor']);
  });

  it('WILDCARD(field) with case_sensitive_match=false; several matches make a multivalue', async () => {
    // "match_type = WILDCARD(<field>)": the lookup's values of that field are wildcard patterns.
    const rows = await run('* | lookup wild pattern AS path OUTPUT label', {
      events: [{ path: 'C:\\Users\\a\\TEMP\\x.exe' }, { path: 'c:\\windows\\a' }],
      lookups: { wild },
    });
    expect(rows.map((r) => r.label)).toEqual([
      ['temp', 'any'],
      ['windows', 'any'],
    ]);
  });

  it('CIDR(field) matches addresses inside the ranges, up to max_matches in file order', async () => {
    // max_matches: "Splunk software uses the first <integer> entries, in file order."
    const rows = await run('* | lookup nets cidr AS ip OUTPUT zone', { events: [{ ip: '10.1.2.3' }, { ip: '192.168.1.1' }], lookups: { nets } });
    expect(rows.map((r) => r.zone)).toEqual([['internal', 'lab'], 'anywhere']);
  });

  it('min_matches with default_match fills in when too few rows match', async () => {
    // default_match: "When min_matches is greater than 0 and Splunk software finds fewer than
    // min_matches for any given input, it provides this default_match value one or more times".
    const strict = { ...tools, minMatches: 1, defaultMatch: 'unknown' };
    const rows = await run('* | lookup tools tool AS p OUTPUT category', { events: [{ p: 'calc.exe' }], lookups: { tools: strict } });
    expect(rows).toEqual([{ p: 'calc.exe', category: 'unknown' }]);
  });

  it('an event without the input field passes unchanged; an unknown lookup is unsupported', async () => {
    expect(await run('* | lookup tools tool AS p', { events: [{ q: 1 }], lookups: { tools } })).toEqual([{ q: 1 }]);
    await expect(run('* | lookup nope x', { events: [{ x: 1 }] })).rejects.toThrow(/unsupported: lookup nope/);
  });
});

describe('inputlookup / outputlookup', () => {
  it('inputlookup returns the rows, filtered by where with search semantics', async () => {
    // inputlookup: "Use the inputlookup command to search the contents of a lookup table."
    expect(await run('| inputlookup tools where category=REMOTE | table tool', { lookups: { tools } })).toEqual([
      { tool: 'psexec.exe' },
      { tool: 'winrs.exe' },
    ]);
  });

  it('outputlookup passes results through and writes nothing', async () => {
    expect(await run('| inputlookup tools | outputlookup copy.csv | stats count', { lookups: { tools } })).toEqual([{ count: 3 }]);
  });
});

describe('CSV and match types', () => {
  it('parses quoted cells, doubled quotes, CRLF and a BOM', () => {
    const { columns, rows } = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n1,\n');
    expect(columns).toEqual(['a', 'b']);
    expect(rows).toEqual([
      { a: 'x, y', b: 'say "hi"' },
      { a: '1', b: '' },
    ]);
  });

  it('reads several match types from one definition', () => {
    expect([...parseMatchType('WILDCARD(a), CIDR(b)')]).toEqual([
      ['a', 'WILDCARD'],
      ['b', 'CIDR'],
    ]);
    const m = compileLookupMatcher(tools, ['tool']);
    expect(m.maxMatches).toBe(100); // "Default: 100 if the time_field attribute is not specified."
  });
});
