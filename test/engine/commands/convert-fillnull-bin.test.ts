/** Golden tests: convert, fillnull, bin / bucket (Splunk Search Reference pages of the same names). */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

describe('convert', () => {
  it('ctime renders epoch seconds with timeformat (UTC), as security_content_ctime does', async () => {
    // convert: "ctime(<field>): Converts an epoch time to an ascii human readable time. Use the
    // timeformat option to specify exact format to convert to."
    const rows = await run('* | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) ctime(lastTime)', {
      events: [{ firstTime: 1680633761, lastTime: '1680633762.5' }],
    });
    expect(rows).toEqual([{ firstTime: '2023-04-04T18:42:41', lastTime: '2023-04-04T18:42:42' }]);
  });

  it('the default timeformat is %m/%d/%Y %H:%M:%S; "as" writes another field', async () => {
    // convert: "timeformat ... Default: %m/%d/%Y %H:%M:%S"
    const rows = await run('* | convert ctime(t) as when', { events: [{ t: 0 }] });
    expect(rows).toEqual([{ t: 0, when: '01/01/1970 00:00:00' }]);
  });

  it('a value ctime cannot convert is left as it was, num removes it ("non-convertible values are removed"); multivalues convert each value', async () => {
    const rows = await run('* | convert ctime(t) num(n)', { events: [{ t: ['0', 'x'], n: 'abc' }] });
    expect(rows).toEqual([{ t: ['01/01/1970 00:00:00', 'x'] }]);
  });
});

describe('fillnull', () => {
  const events = [{ a: '1' }, { b: '2' }, { a: '', c: 'x' }];
  it('with no field list fills every field that appears in some result, with 0 by default', async () => {
    // fillnull: "Null values are field values that are missing in a particular result but present
    // in another result"; "value ... Default: 0".
    expect(await run('* | fillnull', { events })).toEqual([
      { a: '1', b: '0', c: '0' },
      { a: '0', b: '2', c: '0' },
      { a: '', b: '0', c: 'x' },
    ]);
  });

  it('value= and a field list; a listed field that did not exist is created', async () => {
    // fillnull: "If you specify a field that didn't previously exist, the field is created."
    expect(await run('* | fillnull value=NA a z', { events })).toEqual([
      { a: '1', z: 'NA' },
      { b: '2', a: 'NA', z: 'NA' },
      { a: '', c: 'x', z: 'NA' },
    ]);
  });
});

describe('bin / bucket', () => {
  it('span on _time snaps to the start of the bucket', async () => {
    // bin: "Puts continuous numerical values into discrete sets, or bins."
    const rows = await run('* | bucket _time span=1h', {
      events: [
        { _time: 7199, _raw: 'a' },
        { _time: 7200, _raw: 'b' },
        { _time: 10_000.5, _raw: 'c' },
      ],
    });
    expect(rows.map((r) => r._time)).toEqual([3600, 7200, 7200]);
  });

  it('span in days and months', async () => {
    const rows = await run('* | bin span=1d _time as day | bin span=1mon _time as month', { events: [{ _time: Date.UTC(2024, 1, 15, 13) / 1000, _raw: 'e' }] });
    expect(rows[0].day).toBe(Date.UTC(2024, 1, 15) / 1000);
    expect(rows[0].month).toBe(Date.UTC(2024, 1, 1) / 1000);
  });

  it('a numeric field becomes a "lo-hi" range', async () => {
    const rows = await run('* | bin size span=10', { events: [{ size: 23 }, { size: '5' }, { size: 'n/a' }] });
    expect(rows.map((r) => r.size)).toEqual(['20-30', '0-10', 'n/a']);
  });
});
