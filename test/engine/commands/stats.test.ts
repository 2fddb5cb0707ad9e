/**
 * Golden tests: stats and its functions (Splunk Search Reference: "stats", "Aggregate functions",
 * "Multivalue stats and chart functions", "Time functions").
 */
import { describe, expect, it } from 'vitest';
import { compileAggregation } from '../../../harness/engine/aggregate/index.js';
import type { FieldValue } from '../../../harness/engine/types.js';
import { run } from './helpers.js';

const events = [
  { _time: 300, host: 'a', user: 'u1', n: '10', name: 'beta', _raw: 'r1' },
  { _time: 100, host: 'a', user: 'u2', n: '9', name: 'Alpha', _raw: 'r2' },
  { _time: 200, host: 'b', user: 'u1', n: '100', name: 'gamma', _raw: 'r3' },
  { _time: 400, host: 'a', n: 'x', _raw: 'r4' },
  { _time: 500, user: 'u3', n: '1', _raw: 'r5' },
];

describe('stats', () => {
  it('count counts events; count(field) counts occurrences of the field', async () => {
    // "count(<value>) ... returns the number of occurrences in a field" (Aggregate functions)
    expect(await run('* | stats count count(user) as users', { events })).toEqual([{ count: 5, users: 4 }]);
  });

  it('stats over no events still returns one row with count=0', async () => {
    // stats without a by clause always reports its totals: one row, count 0.
    expect(await run('* | stats count', { events: [] })).toEqual([{ count: 0 }]);
    expect(await run('* | stats count by host', { events: [] })).toEqual([]);
  });

  it('by drops events whose by-field is null and sorts the groups', async () => {
    // "If a BY field has no value in an event, the event is not included in the results."
    expect(await run('* | stats count by host', { events })).toEqual([
      { host: 'a', count: 3 },
      { host: 'b', count: 1 },
    ]);
  });

  it('a multivalue by-field puts the event in a group per value', async () => {
    const mv = [{ tag: ['x', 'y'] }, { tag: 'x' }];
    expect(await run('* | stats count by tag', { events: mv })).toEqual([
      { tag: 'x', count: 2 },
      { tag: 'y', count: 1 },
    ]);
  });

  it('count(eval(...)) counts the events where the expression is true', async () => {
    // Aggregate functions: "count(eval(...))" with "as" names the result; a false test is not counted.
    expect(await run('* | stats count(eval(host="a")) as in_a', { events })).toEqual([{ in_a: 3 }]);
  });

  it('dc / distinct_count count distinct values', async () => {
    // "dc(<value>) ... returns the count of distinct values in a field"
    expect(await run('* | stats dc(user) as d distinct_count(host) as h', { events })).toEqual([{ d: 3, h: 2 }]);
  });

  it('min/max compare numerically when values are numbers, lexicographically otherwise', async () => {
    // max: "If the values in the field are non-numeric, the maximum value is found using
    // lexicographical ordering"; "processes field values as numbers if possible".
    expect(await run('* | where isnum(n) | stats min(n) as lo max(n) as hi', { events })).toEqual([{ lo: 1, hi: 100 }]);
    expect(await run('* | stats min(name) as lo max(name) as hi', { events })).toEqual([{ lo: 'Alpha', hi: 'gamma' }]);
  });

  it('values is distinct and lexicographically sorted; list keeps event order', async () => {
    // values: "The order of the values is lexicographical." list: "The order of the values
    // reflects the order of the events." (Multivalue stats and chart functions)
    const rows = await run('* | stats values(n) as v list(n) as l', { events });
    expect(rows).toEqual([{ v: ['1', '10', '100', '9', 'x'], l: ['10', '9', '100', 'x', '1'] }]);
    const dup = await run('* | stats values(host) as v list(host) as l', { events });
    expect(dup).toEqual([{ v: ['a', 'b'], l: ['a', 'a', 'b', 'a'] }]);
  });

  it('list stops at 100 values', async () => {
    // list: "If more than 100 values are in a field, only the first 100 are returned."
    const many = Array.from({ length: 150 }, (_, i) => ({ i: String(i) }));
    const [row] = await run('* | stats list(i) as l', { events: many });
    expect((row.l as string[]).length).toBe(100);
    expect((row.l as string[])[99]).toBe('99');
  });

  it('values and list read every value of a multivalue field', async () => {
    const mv = [{ f: ['b', 'a'] }, { f: 'a' }];
    expect(await run('* | stats values(f) as v list(f) as l count(f) as c', { events: mv })).toEqual([{ v: ['a', 'b'], l: ['b', 'a', 'a'], c: 3 }]);
  });

  it('earliest/latest go by _time; first/last by the order of the events', async () => {
    // earliest: "Returns the chronologically earliest (oldest) seen occurrence of a value of a field."
    // first: "Returns the first seen value in a field" (in the order the events arrive).
    const rows = await run('* | stats earliest(user) as e latest(user) as l first(user) as f last(user) as z earliest_time(user) as et', { events });
    expect(rows).toEqual([{ e: 'u2', l: 'u3', f: 'u1', z: 'u3', et: 100 }]);
  });

  it('avg, sum, range, stdev ignore values that are not numbers', async () => {
    // avg: "Returns the average of the values in the field"; range: "the difference between the max and min values".
    const rows = await run('* | stats avg(n) as a sum(n) as s range(n) as r stdev(n) as sd', { events });
    const [row] = rows;
    expect(row.a).toBe(30);
    expect(row.s).toBe(120);
    expect(row.r).toBe(99);
    // sample standard deviation of 10, 9, 100, 1: sqrt(6582 / 3)
    expect(row.sd as number).toBeCloseTo(46.8402, 3);
  });

  it('median takes the higher middle value for an even count; perc interpolates', async () => {
    // median: "If you have an even number of events, by default the median calculation is approximated to the higher of the two values."
    const nums = [1, 2, 3, 4].map((x) => ({ x: String(x) }));
    expect(await run('* | stats median(x) as m p50(x) as p perc100(x) as top', { events: nums })).toEqual([{ m: 3, p: 2.5, top: 4 }]);
  });

  it('min(_time) and max(_time) as ESCU writes them', async () => {
    expect(await run('* | stats count min(_time) as firstTime max(_time) as lastTime by host', { events })).toEqual([
      { host: 'a', count: 3, firstTime: 100, lastTime: 400 },
      { host: 'b', count: 1, firstTime: 200, lastTime: 200 },
    ]);
  });

  it('default output names are func(field)', async () => {
    const [row] = await run('* | stats dc(user) values(host)', { events });
    expect(Object.keys(row).sort()).toEqual(['dc(user)', 'values(host)']);
  });

  it('a function that finds no values leaves its column out', async () => {
    expect(await run('* | stats count avg(missing) as a', { events })).toEqual([{ count: 5 }]);
  });
});

describe('stats function accumulators', () => {
  const feed = (values: string[][], time: number) => values.map((vs, i) => ({ vs, event: { _time: time + i } }));
  const A = feed([['3', 'b'], ['17'], ['a', '3']], 100);
  const B = feed([['250'], ['x'], ['-4', 'y']], 50);
  // Every function of "Aggregate functions", "Event order functions", "Multivalue stats and chart
  // functions" and "Time functions": its result over A and over B, each fed alone.
  const EXPECTED: Record<string, [FieldValue, FieldValue]> = {
    count: [5, 4],
    dc: [4, 4],
    min: [3, -4],
    max: [17, 250],
    range: [14, 254],
    values: [
      ['17', '3', 'a', 'b'],
      ['-4', '250', 'x', 'y'],
    ],
    list: [
      ['3', 'b', '17', 'a', '3'],
      ['250', 'x', '-4', 'y'],
    ],
    first: [['3', 'b'], '250'],
    last: [
      ['a', '3'],
      ['-4', 'y'],
    ],
    earliest: [['3', 'b'], '250'],
    latest: [
      ['a', '3'],
      ['-4', 'y'],
    ],
    earliest_time: [100, 50],
    latest_time: [102, 52],
    mode: ['3', '250'],
    avg: [23 / 3, 123],
    sum: [23, 246],
    sumsq: [307, 62516],
    stdev: [Math.sqrt(196 / 3), Math.sqrt(32258)],
    stdevp: [Math.sqrt(392 / 9), 127],
    var: [196 / 3, 32258],
    varp: [392 / 9, 16129],
    median: [3, 250],
    perc95: [15.6, 237.3],
    p50: [3, 123],
    'exactperc99.5': [16.86, 248.73],
    upperperc90: [14.2, 224.6],
  };
  const rounded = (v: FieldValue | undefined) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v);

  it('two accumulators of the same function never share state', () => {
    for (const [func, [forA, forB]] of Object.entries(EXPECTED)) {
      const agg = compileAggregation({ func, field: 'x', span: { start: 0, end: 0 } }, { now: 0 });
      const [a, b, untouched] = [agg.create(), agg.create(), agg.create()];
      // Interleaved, as the groups of one search receive their events.
      for (let i = 0; i < A.length; i++) {
        a.add(A[i].vs, A[i].event);
        b.add(B[i].vs, B[i].event);
      }
      expect({ func, a: rounded(a.result()), b: rounded(b.result()) }).toEqual({ func, a: rounded(forA), b: rounded(forB) });
      expect({ func, untouched: untouched.result() }).toEqual({ func, untouched: func === 'count' || func === 'dc' ? 0 : undefined });
    }
  });

  it('dc and values from one value to many, the empty text included', async () => {
    // values: "The order of the values is lexicographical"; dc counts the distinct values.
    const seq = ['b', 'b', '', 'a', 'b', 'c', ''].map((x) => ({ g: 'many', x }));
    const one = ['b', 'b'].map((x) => ({ g: 'one', x }));
    expect(await run('* | stats dc(x) as d values(x) as v by g', { events: [...seq, ...one] })).toEqual([
      { g: 'many', d: 4, v: ['', 'a', 'b', 'c'] },
      { g: 'one', d: 1, v: 'b' },
    ]);
  });
});
