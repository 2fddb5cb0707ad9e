/**
 * Golden tests: search, where, eval as pipeline stages; transaction, foreach, replace, addtotals,
 * timechart, makeresults, iplocation (Splunk Search Reference pages of the same names).
 */
import { describe, expect, it } from 'vitest';
import { parse, run, sourceOf } from './helpers.js';
import { runPipeline } from '../../../harness/engine/run.js';

describe('search, where, eval stages', () => {
  const events = [
    { _raw: 'a', process_name: 'WinRS.exe', n: '5' },
    { _raw: 'b', process_name: 'cmd.exe', n: '50' },
  ];
  it('the leading search reads the events; later searches filter case-insensitively', async () => {
    // search: "Use the search command to retrieve events from indexes or filter the results of a previous search command in the pipeline."
    expect((await run('process_name=winrs.exe', { events })).length).toBe(1);
    expect((await run('* | search process_name=WINRS*', { events })).length).toBe(1);
  });

  it('where uses eval semantics (case-sensitive =)', async () => {
    // where: "only keeps the results for which the evaluation was successful and the Boolean result was true"
    expect((await run('* | where process_name="winrs.exe"', { events })).length).toBe(0);
    expect((await run('* | where n > 10', { events })).length).toBe(1);
  });

  it('eval assignments run left to right; a null result removes the field', async () => {
    // eval: "If the field name that you specify matches a field name that already exists, the values in the existing field are replaced."
    const rows = await run('* | eval m=n*2, k=m+1, process_name=null() | table m k process_name', { events });
    expect(rows).toEqual([
      { m: 10, k: 11 },
      { m: 100, k: 101 },
    ]);
  });

  it('an eval that assigns a boolean fails with a clear error naming the command', async () => {
    await expect(run('* | eval b=(n>1)', { events })).rejects.toThrow(/eval: .*boolean/);
  });
});

describe('transaction', () => {
  const events = [
    { _time: 100, user: 'u', EventCode: '4698', _raw: 'create' },
    { _time: 150, user: 'u', EventCode: '1', _raw: 'noise' },
    { _time: 200, user: 'u', EventCode: '4699', _raw: 'delete' },
    { _time: 1000, user: 'u', EventCode: '4698', _raw: 'create2' },
    { _time: 120, user: 'v', EventCode: '4698', _raw: 'other' },
  ];
  it('groups by the fields with startswith/endswith; duration and eventcount are added', async () => {
    // transaction: "startswith: A search or eval filtering expression which if satisfied by an event marks the beginning of a new transaction"
    const rows = await run('* | transaction user startswith=(EventCode=4698) endswith=(EventCode=4699)', { events });
    expect(rows).toEqual([{ user: 'u', EventCode: ['4698', '1', '4699'], _time: 100, _raw: 'create\nnoise\ndelete', duration: 100, eventcount: 3 }]);
  });

  it('maxspan splits transactions that last too long', async () => {
    // transaction: "maxspan: Specifies the maximum length of time ... that the events can span."
    const rows = await run('* | transaction user maxspan=5m', { events });
    expect(rows.map((r) => [r.user, r.eventcount, r.duration])).toEqual([
      ['u', 3, 100],
      ['v', 1, 0],
      ['u', 1, 0],
    ]);
  });

  it('maxpause splits at long pauses', async () => {
    const rows = await run('* | transaction user maxpause=60s', { events });
    expect(rows.map((r) => r.eventcount)).toEqual([3, 1, 1]);
  });
});

describe('foreach, replace, addtotals', () => {
  it('foreach runs the template for each matching field', async () => {
    // foreach: "Runs a templated streaming subsearch for each field in a wildcarded field list."
    const rows = await run('* | foreach a* [eval <<FIELD>> = if(<<FIELD>>="null", null(), <<FIELD>>)] | fields - _raw', {
      events: [{ a1: 'null', a2: 'x', b: 'null' }],
    });
    expect(rows).toEqual([{ a2: 'x', b: 'null' }]);
  });

  it('replace swaps whole values, wildcards carrying over', async () => {
    // replace: "Replaces field values with the values that you specify."
    const rows = await run('* | replace "::ffff:*" with * in src', { events: [{ src: '::ffff:10.0.0.1', dest: '::ffff:1.1.1.1' }] });
    expect(rows).toEqual([{ src: '10.0.0.1', dest: '::ffff:1.1.1.1' }]);
  });

  it('addtotals sums the listed numeric fields into fieldname', async () => {
    // addtotals: "computes the arithmetic sum of all numeric fields for each search result"
    const rows = await run('* | addtotals fieldname=Score a b c', { events: [{ a: 1, b: '2', c: 'x', d: 100 }] });
    expect(rows).toEqual([{ a: 1, b: '2', c: 'x', d: 100, Score: 3 }]);
  });
});

describe('timechart and makeresults', () => {
  it('timechart span=5m count fills empty buckets with 0', async () => {
    // timechart: "Creates a time series chart with corresponding table of statistics."
    const events = [
      { _time: 0, _raw: 'a' },
      { _time: 10, _raw: 'b' },
      { _time: 700, _raw: 'c' },
    ];
    expect(await run('* | timechart limit=0 span=5m count', { events })).toEqual([
      { _time: 0, count: 2 },
      { _time: 300, count: 0 },
      { _time: 600, count: 1 },
    ]);
  });

  it('timechart by a field makes one column per value', async () => {
    const events = [
      { _time: 0, h: 'a' },
      { _time: 1, h: 'b' },
      { _time: 400, h: 'a' },
    ];
    expect(await run('* | timechart span=5m count by h', { events })).toEqual([
      { _time: 0, a: 1, b: 1 },
      { _time: 300, a: 1, b: 0 },
    ]);
  });

  it('makeresults makes count rows stamped with now', async () => {
    // makeresults: "Generates the specified number of search results."
    expect(await run('| makeresults count=2', { now: 42 })).toEqual([{ _time: 42 }, { _time: 42 }]);
  });
});

describe('iplocation', () => {
  it('locates countries from the bundled GeoLite2 Country data, and nothing it cannot know', async () => {
    // iplocation: "Extracts location information from IP addresses by using 3rd-party databases."
    // Splunk names the country in English; a private address has no location, so no fields.
    const rows = await run('* | iplocation prefix=geo_ src', { events: [{ src: '8.8.8.8' }, { src: '10.1.2.3' }] });
    expect(rows[0]).toMatchObject({ src: '8.8.8.8', geo_Country: 'United States' });
    expect(rows[0].geo_City).toBeUndefined();
    expect(rows[1]).toEqual({ src: '10.1.2.3' });
  });

  it('uses the source geolocation when one is wired, with prefix=', async () => {
    // iplocation: "Extracts location information from IP addresses by using 3rd-party databases."
    const src = sourceOf({
      events: [
        { _raw: 'a', ip: '192.0.2.1' },
        { _raw: 'b', ip: '10.0.0.1' },
      ],
    });
    const geo = {
      ...src,
      iplocation: (ip: string) => (ip === '192.0.2.1' ? { City: 'Testville', Country: 'Nowhere', Region: '', lat: 1.5, lon: 2 } : undefined),
    };
    const rows: Array<Record<string, unknown>> = [];
    for await (const r of runPipeline(parse('* | iplocation prefix=auth_ ip'), geo)) rows.push(r);
    expect(rows).toEqual([
      { _raw: 'a', ip: '192.0.2.1', auth_City: 'Testville', auth_Country: 'Nowhere', auth_lat: 1.5, auth_lon: 2 },
      { _raw: 'b', ip: '10.0.0.1' },
    ]);
  });
});

describe('top, rare, map', () => {
  const events = [
    { _raw: '1', ip: 'a', user: 'x', TargetLogonId: '0x1' },
    { _raw: '2', ip: 'a', user: 'y' },
    { _raw: '3', ip: 'b', user: 'x' },
    { _raw: '4', ip: 'a', user: 'x', EventCode: '4624', TargetLogonId: '0x1', src_ip: '10.1.1.1' },
  ];
  it('top counts the most common values with a percentage; rare the least common', async () => {
    // top: "Finds the most common values for the fields in the field list. Calculates a count and a percentage of the frequency the values occur in the events."
    expect(await run('* | top ip', { events })).toEqual([
      { ip: 'a', count: 3, percent: 75 },
      { ip: 'b', count: 1, percent: 25 },
    ]);
    expect(await run('* | rare limit=1 user', { events })).toEqual([{ user: 'y', count: 1, percent: 25 }]);
    expect(await run('* | top user by ip showperc=false', { events })).toEqual([
      { ip: 'a', user: 'x', count: 2 },
      { ip: 'a', user: 'y', count: 1 },
      { ip: 'b', user: 'x', count: 1 },
    ]);
  });

  it('map runs its search once per result with $field$ tokens filled in', async () => {
    // map: "The map command is a looping operator that runs a search repeatedly for each input event or result."
    const rows = await run('_raw=1 | map search="search EventCode=4624 TargetLogonId=$TargetLogonId$" | table src_ip', { events });
    expect(rows).toEqual([{ src_ip: '10.1.1.1' }]);
  });
});

describe('extract', () => {
  it('reads pairs with pairdelim / kvdelim, cleaning keys', async () => {
    // extract: "Extracts field-value pairs from the search results."
    const rows = await run('* | extract pairdelim=";" kvdelim=":" | fields - _raw', { events: [{ _raw: 'user name:alice;role: admin ;bad' }] });
    expect(rows).toEqual([{ user_name: 'alice', role: 'admin' }]);
  });

  it('without delimiters reads key=value pairs and keeps existing fields', async () => {
    const rows = await run('* | extract | fields - _raw', { events: [{ _raw: 'a=1 b="two words" c=3', c: 'kept' }] });
    expect(rows).toEqual([{ c: 'kept', a: '1', b: 'two words' }]);
  });
});
