/**
 * Golden tests: the order rows come in, which contentctl's pass rule (runner/assert.ts), head,
 * dedup, first()/last() and list() depend on.
 */
import { describe, expect, it } from 'vitest';
import { newestFirst } from '../../../harness/runner/run.js';
import { run } from './helpers.js';

// A file written oldest first, as many attack_data files are.
const fileOrder = [
  { _time: 100, id: 'a', host: 'web10', n: '10' },
  { _time: 300, id: 'b', host: 'web9', n: '9' },
  { _time: 200, id: 'c', host: 'Web1', n: '100' },
  { _time: 300, id: 'd', host: 'web9', n: '9' },
];
const ids = (rows: Array<Record<string, unknown>>) => rows.map((r) => r.id);

describe('event order: newest first', () => {
  it('a search hands events newest first; ties keep their order in the file', async () => {
    // Search Manual, "About retrieving events": "events are returned in reverse chronological order";
    // dedup: "the most recent events are returned first".
    const events = newestFirst([...fileOrder]);
    expect(ids(events)).toEqual(['b', 'd', 'c', 'a']);
    expect(ids(await run('* | head 1', { events }))).toEqual(['b']);
    expect(ids(await run('* | dedup host', { events }))).toEqual(['b', 'c', 'a']);
  });

  it('first() and list() follow that order; earliest() goes by _time', async () => {
    // stats: first "Returns the first seen value"; list "The order of the values reflects the order of the events".
    const events = newestFirst([...fileOrder]);
    expect(await run('* | stats first(id) as f list(id) as l earliest(id) as e', { events })).toEqual([{ f: 'b', l: ['b', 'd', 'c', 'a'], e: 'a' }]);
  });
});

describe('rows of stats / tstats by: ascending by the by-fields', () => {
  it('numbers numerically, text lexicographically (uppercase before lowercase)', async () => {
    // stats: results are sorted by the BY clause values; Search Manual, "Lexicographical order":
    // "Numbers are sorted before letters. ... Uppercase letters are sorted before lowercase letters",
    // and numeric values compare as numbers ("9" before "10" before "100").
    expect((await run('* | stats count by n', { events: fileOrder })).map((r) => r.n)).toEqual(['9', '10', '100']);
    expect((await run('* | stats count by host', { events: fileOrder })).map((r) => r.host)).toEqual(['Web1', 'web10', 'web9']);
  });

  it('tstats by is sorted the same way', async () => {
    const rows = fileOrder.map((e) => ({ ...e, 'Processes.dest': e.host }));
    const out = await run('| tstats count from datamodel=Endpoint.Processes by Processes.dest', { datamodels: { 'Endpoint.Processes': rows } });
    expect(out.map((r) => r['Processes.dest'])).toEqual(['Web1', 'web10', 'web9']);
  });
});

describe('commands that keep the incoming order', () => {
  it('table, fields, eval, where and rename keep it; sort is stable', async () => {
    // table / fields return fields in the order given, rows as they come; sort: ties keep their order.
    const events = newestFirst([...fileOrder]);
    expect(ids(await run('* | eval x=1 | where x=1 | rename host as h | fields id h | table id h', { events }))).toEqual(['b', 'd', 'c', 'a']);
    expect(ids(await run('* | sort host', { events }))).toEqual(['c', 'a', 'b', 'd']);
  });
});
