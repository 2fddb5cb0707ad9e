/**
 * Search Reference, options of existing commands: eventstats / stats `allnum`, rex `offset_field`,
 * convert `mstime()`, streamstats `reset_after` with a quoted expression, and gentimes; then the
 * uses the pages leave undetermined, which must be reported unsupported by name.
 */
import { describe, expect, it } from 'vitest';
import { docPage, on, REF } from './helpers.js';
import { parse } from '../commands/helpers.js';
import { checkSupport } from '../../../harness/engine/run.js';

const CMD = REF + 'search-commands/';

const sizes = [
  { host: 'a', bytes: '10', code: '200' },
  { host: 'a', bytes: '20', code: 'n/a' },
  { host: 'b', bytes: '30', code: '404' },
];

docPage(CMD + 'eventstats', [
  on(
    'allnum: "If true, computes numerical statistics on each field only if all of the values of that field are numerical"',
    sizes,
    '| eventstats allnum=true avg(bytes) as b sum(code) as c',
    [
      { b: '20', c: null },
      { b: '20', c: null },
      { b: '20', c: null },
    ],
  ),
  on('allnum: "Default: false": the numbers among the values are used', sizes, '| eventstats sum(code) as c by host', [
    { c: '200' },
    { c: '200' },
    { c: '404' },
  ]),
  on('allnum only governs numerical statistics: count and values still see a field with text in it', sizes, '| eventstats allnum=t count(code) as n', [
    { n: '3' },
    { n: '3' },
    { n: '3' },
  ]),
]);

docPage(CMD + 'stats', [
  on(
    'allnum: "computes numerical statistics on each field only if all of the values of that field are numerical"',
    sizes,
    '| stats allnum=t sum(code) as c sum(bytes) as b',
    [{ c: null, b: '60' }],
  ),
]);

docPage(CMD + 'rex', [
  on(
    'offset_field: "the endpoints of the match in terms of zero-offset characters into the matched field ... (?<tenchars>.{10}) ... the offset_field contents is 0-9"',
    [{ _raw: 'abcdefghijklmnop' }],
    '| rex offset_field=off "(?<tenchars>.{10})"',
    [{ tenchars: 'abcdefghij', off: '0-9' }],
  ),
  on('offset_field: a match further into the field', [{ msg: 'user=bob id=42' }], '| rex field=msg offset_field=where "id=(?<id>\\d+)"', [
    { id: '42', where: '12-13' },
  ]),
]);

docPage(CMD + 'convert', [
  on('mstime(X): "Converts a [MM:]SS.SSS format to seconds"', [{ d: '03:45.5' }, { d: '12.25' }, { d: 'soon' }], '| convert mstime(d) AS s', [
    { s: '225.5' },
    { s: '12.25' },
    { s: 'soon' },
  ]),
]);

docPage(CMD + 'streamstats', [
  on(
    'reset_after: "After the streamstats calculations are produced for an event, reset_after specifies that all of the accumulated statistics are reset if the eval-expression returns true"; the expression quoted, with quoted strings inside',
    [{ s: 'ok' }, { s: 'fail' }, { s: 'ok' }, { s: 'ok' }],
    '| streamstats count reset_after="(s=\\"fail\\")"',
    [{ count: '1' }, { count: '2' }, { count: '1' }, { count: '2' }],
  ),
  on(
    'reset_after with a function call in the quoted expression',
    [{ s: 'ok' }, { s: 'failed' }, { s: 'ok' }],
    '| streamstats count reset_after="(match(s, \\"^fail\\"))"',
    [{ count: '1' }, { count: '2' }, { count: '1' }],
  ),
]);

docPage(CMD + 'gentimes', [
  {
    says: '"Each result describes an adjacent, non-overlapping time range as indicated by the increment value ... up to the end time, but not including the end time"',
    spl: '| gentimes start=10/1/2020 end=10/3/2020',
    rows: [
      { starttime: '1601510400', endtime: '1601596799', starthuman: 'Thu Oct 01 00:00:00 2020' },
      { starttime: '1601596800', endtime: '1601683199', endhuman: 'Fri Oct 02 23:59:59 2020' },
    ],
  },
  {
    says: 'increment: "Supported increments are seconds, minutes, hours, and days"; a time with the date (MM/DD/YYYY:HH:MM:SS)',
    spl: '| gentimes start=4/1/2021:12:00:00 end=4/1/2021:13:30:00 increment=30m',
    rows: [{ starttime: '1617278400' }, { starttime: '1617280200' }, { starttime: '1617282000' }],
  },
  {
    says: 'start: "-5 for five days ago"; end defaults to "midnight, prior to the current time" (now is 2023-11-14 22:13:20 UTC in these cases)',
    spl: '| gentimes start=-2 | stats count',
    rows: [{ count: '2' }],
  },
]);

describe('uses the pages leave undetermined are unsupported, by name', () => {
  const names = (spl: string) => checkSupport(parse(spl)).map((u) => u.name);
  it.each([
    ['| makeresults 3', /^makeresults 3 \(a count by position is SPL2 syntax/],
    ['* | timechart count', /^timechart:automatic span \(Splunk derives it from the search time range/],
    ['* | streamstats allnum=t avg(x)', /^streamstats:allnum$/],
    ['* | rex offset_field=o "(?<a>x)(?<b>y)"', /^rex:offset_field/],
    ['* | rex max_match=0 offset_field=o "(?<a>x)"', /^rex:offset_field/],
    ['* | mvcombine delim=";" x', /^mvcombine:delim$/],
    ['* | xyseries a b c, d', /^xyseries: several y-data fields$/],
    ['* | chart count avg(x) over a by b', /^chart: several aggregations with a column split$/],
    ['* | chart count over a by b cont=f', /^chart:cont$/],
    ['* | autoregress x AS y p=1-3', /^autoregress: AS with a p range$/],
  ])('%s', (spl, expected) => {
    expect(names(spl)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});

docPage(CMD + 'convert', [
  on('num(): "Like auto(), except non-convertible values are removed"', [{ v: '12' }, { v: 'abc' }, { v: ['1', 'x', '2.5'] }], '| convert num(v)', [
    { v: '12' },
    { v: null },
    { v: ['1', '2.5'] },
  ]),
  on(
    'auto(): "if not all values of a particular field can be converted using a known conversion type, the field is left untouched"',
    [{ v: ['1', 'x'] }, { v: '7' }],
    '| convert auto(v) AS n',
    [{ n: null }, { n: '7' }],
  ),
]);
