/** Golden tests for the less common options and for null / multivalue inputs across commands. */
import { describe, expect, it } from 'vitest';
import { run, table } from './helpers.js';

describe('join without fields, lookup with two input fields', () => {
  it('join with no field list joins on the fields both sides share', async () => {
    // join: "If no fields are specified, all of the fields that are common to both result sets are used."
    const events = [
      { _raw: 'a', kind: 'main', host: 'h1', user: 'u1' },
      { _raw: 'b', kind: 'main', host: 'h1', user: 'u2' },
      { _raw: 'c', kind: 'sub', host: 'h1', user: 'u2', extra: 'x' },
    ];
    const rows = await run('kind=main | fields host user | join [search kind=sub | fields host user extra] | table host user extra', { events });
    expect(rows).toEqual([{ host: 'h1', user: 'u2', extra: 'x' }]);
  });

  it('a lookup on two input fields needs both to match', async () => {
    const t = table(
      'pairs',
      ['a', 'b', 'out'],
      [
        ['1', 'x', 'first'],
        ['1', 'y', 'second'],
      ],
    );
    const rows = await run('* | lookup pairs a b AS bee OUTPUT out', {
      events: [
        { a: '1', bee: 'y' },
        { a: '1', bee: 'z' },
      ],
      lookups: { pairs: t },
    });
    expect(rows).toEqual([
      { a: '1', bee: 'y', out: 'second' },
      { a: '1', bee: 'z' },
    ]);
  });
});

describe('transaction options', () => {
  it('keepevicted=true keeps transactions that never ended, marked closed_txn=0', async () => {
    const events = [
      { _time: 1, k: 'a', e: 'start' },
      { _time: 2, k: 'a', e: 'end' },
      { _time: 3, k: 'b', e: 'start' },
    ];
    const rows = await run('* | transaction k startswith=(e=start) endswith=(e=end) keepevicted=true', { events });
    expect(rows.map((r) => [r.k, r.eventcount, r.closed_txn])).toEqual([
      ['a', 2, 1],
      ['b', 1, 0],
    ]);
  });
});

describe('streamstats global=false', () => {
  it('gives each by-group its own window', async () => {
    // streamstats: "global ... Defines whether to use a single window, global=true, or to use separate windows based on the by clause."
    const events = [
      { x: 'a', v: '1' },
      { x: 'b', v: '10' },
      { x: 'a', v: '2' },
      { x: 'a', v: '3' },
    ];
    const separate = await run('* | streamstats global=false window=2 sum(v) as s by x', { events });
    expect(separate.map((r) => r.s)).toEqual([1, 10, 3, 5]);
    const single = await run('* | streamstats window=2 sum(v) as s by x', { events });
    // one window of the last two events overall: at the 3rd event it holds b(10), a(2) → a sums 2.
    expect(single.map((r) => r.s)).toEqual([1, 10, 2, 5]);
  });
});

describe('convert functions', () => {
  it('mktime, dur2sec, rmunit, rmcomma, memk', async () => {
    // convert: "mktime: Converts a human readable time string to an epoch time"; "dur2sec: Converts a duration
    // format "[D+]HH:MM:SS" to seconds"; "rmunit: Looks for numbers at the beginning of the value and
    // removes trailing text"; "rmcomma: Removes all commas from value"; "memk: Accepts a positive
    // number (integer or float) followed by an optional "k", "m", or "g"" and converts it to kilobytes.
    const rows = await run('* | convert timeformat="%Y-%m-%d" mktime(day) dur2sec(d) rmunit(u) rmcomma(c) memk(m)', {
      events: [{ day: '1970-01-02', d: '1+01:00:05', u: '42kb', c: '1,234', m: '2m' }],
    });
    expect(rows).toEqual([{ day: 86400, d: 90005, u: 42, c: 1234, m: 2048 }]);
  });
});

describe('null and multivalue inputs', () => {
  it('eval on a missing field yields null, which removes the target', async () => {
    expect(await run('* | eval y=missing+1 | fields - _raw', { events: [{ _raw: 'r', y: 'old' }] })).toEqual([{}]);
  });

  it('fillnull leaves multivalue and empty-string values alone', async () => {
    expect(await run('* | fillnull value=x a b', { events: [{ a: ['1', '2'], b: '' }] })).toEqual([{ a: ['1', '2'], b: '' }]);
  });

  it('makemv allowempty=true keeps empty values', async () => {
    // makemv: "allowempty: Specifies whether to permit empty string values in the multivalue field."
    expect(await run('* | makemv delim="," allowempty=true a', { events: [{ a: 'x,,y' }] })).toEqual([{ a: ['x', '', 'y'] }]);
  });

  it('spath over XML with a repeated element gives a multivalue field', async () => {
    const xml = '<E><Data Name="a">1</Data><Data Name="b">2</Data></E>';
    const [row] = await run('* | spath input=x', { events: [{ x: xml }] });
    expect(row['E.Data']).toEqual(['1', '2']);
    expect(row['E.Data{@Name}']).toEqual(['a', 'b']);
  });

  it('inputlookup start= and max= window the rows', async () => {
    const t = table('t', ['n'], [['1'], ['2'], ['3'], ['4']]);
    expect(await run('| inputlookup t start=1 max=2', { lookups: { t } })).toEqual([{ n: '2' }, { n: '3' }]);
  });

  it('bin aligntime shifts the buckets', async () => {
    // bin: "aligntime: Align the bin times to something other than base UTC time (epoch 0)."
    const rows = await run('* | bin span=1h aligntime=1800 _time', {
      events: [
        { _raw: 'a', _time: 3700 },
        { _raw: 'b', _time: 1000 },
      ],
    });
    expect(rows.map((r) => r._time)).toEqual([1800, -1800]);
  });

  it('tail keeps the last N in reverse order, default 10', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ i }));
    const rows = await run('* | tail', { events: many });
    expect(rows.map((r) => r.i)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  });

  it('timechart limit folds the smaller series into OTHER', async () => {
    const events = [
      { _time: 0, h: 'a' },
      { _time: 1, h: 'a' },
      { _time: 2, h: 'b' },
      { _time: 3, h: 'c' },
    ];
    expect(await run('* | timechart span=1h limit=1 count by h', { events })).toEqual([{ _time: 0, a: 2, OTHER: 2 }]);
  });
});

describe('outlier', () => {
  const events = [1, 2, 3, 4, 5, 6, 7, 8, 100].map((n) => ({ user: `u${n}`, count: n }));
  it('action=RM removes results whose value lies above Q3 + 2.5 × IQR', async () => {
    // outlier: "Removes or truncates outlying numeric values in selected fields."
    const rows = await run('* | outlier action=RM count', { events });
    expect(rows.map((r) => r.count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('the default action truncates the value to the threshold', async () => {
    // Q1 = 3, Q3 = 7, IQR = 4: the threshold is 7 + 2.5 × 4 = 17.
    const rows = await run('* | outlier count', { events });
    expect(rows[8].count).toBe(17);
  });
});
