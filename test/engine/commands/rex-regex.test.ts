/** Golden tests: rex and regex (Splunk Search Reference: "rex", "regex"). */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const events = [
  { _raw: 'user=alice ip=10.0.0.1 ip=10.0.0.2', cmd: 'winrs -r:host1 whoami' },
  { _raw: 'nothing here', cmd: ['a -x', 'b -r:h2'] },
];

describe('rex', () => {
  it('named groups become fields; events that do not match keep their fields', async () => {
    // rex: "extract fields using regular expression named groups"
    const rows = await run('* | rex "user=(?<user>\\w+)"', { events });
    expect(rows[0].user).toBe('alice');
    expect(rows[1].user).toBeUndefined();
  });

  it('max_match=0 gives every match as a multivalue field', async () => {
    // "max_match: Controls the number of times the regex is matched. If greater than 1, the
    // resulting fields are multivalued fields. Use 0 to specify unlimited matches."
    const rows = await run('* | rex max_match=0 "ip=(?<ip>[\\d.]+)" | head 1', { events });
    expect(rows[0].ip).toEqual(['10.0.0.1', '10.0.0.2']);
    const once = await run('* | rex "ip=(?<ip>[\\d.]+)" | head 1', { events });
    expect(once[0].ip).toBe('10.0.0.1');
  });

  it('field= reads another field, every value of a multivalue one', async () => {
    const rows = await run('* | rex field=cmd "-r:(?<target>\\S+)"', { events });
    expect(rows.map((r) => r.target)).toEqual(['host1', 'h2']);
  });

  it('mode=sed s/// replaces the first match, or every one with g', async () => {
    // rex: "s/<regex>/<replacement>/<flags> ... g to replace all matches"
    const rows = await run('* | rex field=cmd mode=sed "s/[aeiou]/_/g" | head 1', { events });
    expect(rows[0].cmd).toBe('w_nrs -r:h_st1 wh__m_');
    const first = await run('* | rex field=cmd mode=sed "s/(\\w+) -r:/\\1 --remote=/" | head 1', { events });
    expect(first[0].cmd).toBe('winrs --remote=host1 whoami');
  });

  it('mode=sed y/// transliterates characters', async () => {
    const rows = await run('* | rex field=cmd mode=sed "y/abc/xyz/" | head 1 | table cmd', { events: [{ cmd: 'aabbcc' }] });
    expect(rows).toEqual([{ cmd: 'xxyyzz' }]);
  });
});

describe('regex', () => {
  it('keeps events whose field matches; != keeps those whose field does not', async () => {
    // regex: "Removes results that match or do not match the specified regular expression."
    expect((await run('* | regex cmd="-r:"', { events })).length).toBe(2);
    expect((await run('* | regex cmd="^winrs"', { events })).length).toBe(1);
    expect((await run('* | regex cmd!="^winrs"', { events })).length).toBe(1);
  });

  it('without a field the regex runs on _raw; PCRE inline flags work', async () => {
    expect((await run('* | regex "(?i)USER="', { events })).length).toBe(1);
  });
});
