/** Golden tests: rename, table, fields (Splunk Search Reference: "rename", "table", "fields"). */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const events = [{ _time: 1, _raw: 'raw', 'Processes.dest': 'h', 'Processes.user': 'u', count: 3, other: 'o' }];

describe('rename', () => {
  it('a wildcard carries the matched part over', async () => {
    // rename: "Use wildcards to rename multiple fields with similar names" (`rename EU* AS EMEA*`
    // turns EU_UK into EMEA_UK).
    expect(await run('* | rename Processes.* as *', { events })).toEqual([{ _time: 1, _raw: 'raw', dest: 'h', user: 'u', count: 3, other: 'o' }]);
  });

  it('AS is case-insensitive and several renames apply in order', async () => {
    expect(await run('* | rename count AS n, n as m', { events })).toEqual([
      { _time: 1, _raw: 'raw', 'Processes.dest': 'h', 'Processes.user': 'u', m: 3, other: 'o' },
    ]);
  });

  it('a different number of wildcards is an error', async () => {
    // rename: "Both the original and renamed fields must include the same number of wildcards, otherwise a wildcard mismatch error is returned."
    await expect(run('* | rename Processes.* as a*b*', { events })).rejects.toThrow(/rename: wildcard mismatch/);
  });

  it('renaming onto an existing field replaces it; a missing source changes nothing', async () => {
    const rows = await run('* | rename other as count | rename nothing as other', { events });
    expect(rows[0].count).toBe('o');
    expect(rows[0].other).toBeUndefined();
  });
});

describe('table and fields', () => {
  it('table keeps only the listed fields, in the listed order, wildcards included', async () => {
    // table: "Returns a table that is formed by only the fields that you specify in the arguments."
    const rows = await run('* | table other Processes.* missing', { events });
    expect(rows).toEqual([{ other: 'o', 'Processes.dest': 'h', 'Processes.user': 'u' }]);
    expect(Object.keys(rows[0])).toEqual(['other', 'Processes.dest', 'Processes.user']);
  });

  it('fields keeps _raw and _time unless they are removed', async () => {
    // fields: "The internal fields _raw and _time are included in the output ... by default."
    expect(await run('* | fields count', { events })).toEqual([{ count: 3, _raw: 'raw', _time: 1 }]);
  });

  it('fields - removes the listed fields, wildcards included', async () => {
    expect(await run('* | fields - Processes.* _raw', { events })).toEqual([{ _time: 1, count: 3, other: 'o' }]);
  });
});
