/**
 * Golden tests: tstats over data model datasets, drop_dm_object_name-style renames, and
 * `| from datamodel` (Splunk Search Reference: "tstats", "from"; CIM: drop_dm_object_name).
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const processes = [
  { _time: 3600 * 10 + 5, 'Processes.process_name': 'winrs.exe', 'Processes.process': 'winrs -r:host cmd', 'Processes.dest': 'ws1', 'Processes.user': 'alice' },
  {
    _time: 3600 * 10 + 50,
    'Processes.process_name': 'WINRS.EXE',
    'Processes.process': 'winrs -r:host2 cmd',
    'Processes.dest': 'ws1',
    'Processes.user': 'alice',
  },
  { _time: 3600 * 11 + 1, 'Processes.process_name': 'winrs.exe', 'Processes.process': 'winrs -r:host3 whoami', 'Processes.dest': 'ws2' },
  { _time: 3600 * 12, 'Processes.process_name': 'cmd.exe', 'Processes.process': 'cmd /c dir', 'Processes.dest': 'ws1', 'Processes.user': 'bob' },
];
const fx = { datamodels: { 'Endpoint.Processes': processes } };

describe('tstats', () => {
  it('where uses search semantics on dataset fields (case-insensitive values, wildcards)', async () => {
    const rows = await run(
      '| tstats count min(_time) as firstTime values(Processes.process) as process from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe Processes.process="*-r:*" by Processes.dest',
      fx,
    );
    expect(rows).toEqual([
      { 'Processes.dest': 'ws1', count: 2, firstTime: 36005, process: ['winrs -r:host cmd', 'winrs -r:host2 cmd'] },
      { 'Processes.dest': 'ws2', count: 1, firstTime: 39601, process: 'winrs -r:host3 whoami' },
    ]);
  });

  it('without fillnull_value, rows with a missing by-field are dropped', async () => {
    // tstats doc, fillnull_value (paraphrased): without the argument, tstats omits rows for events
    // with one or more null group-by field values.
    const rows = await run('| tstats count from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest Processes.user', fx);
    expect(rows).toEqual([{ 'Processes.dest': 'ws1', 'Processes.user': 'alice', count: 2 }]);
  });

  it('fillnull_value=null turns a missing by-field into the string "null"', async () => {
    // tstats doc, fillnull_value (paraphrased): the value substituted for null values of any field in the group-by list.
    const rows = await run(
      '| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest Processes.user',
      fx,
    );
    expect(rows).toEqual([
      { 'Processes.dest': 'ws1', 'Processes.user': 'alice', count: 2 },
      { 'Processes.dest': 'ws2', 'Processes.user': 'null', count: 1 },
    ]);
  });

  it('by _time span=1h groups by the start of each hour', async () => {
    const rows = await run('| tstats count from datamodel=Endpoint.Processes by _time span=1h', fx);
    expect(rows).toEqual([
      { _time: 36000, count: 2 },
      { _time: 39600, count: 1 },
      { _time: 43200, count: 1 },
    ]);
  });

  it('by-fields keep the dataset prefix until a wildcard rename strips it', async () => {
    // drop_dm_object_name(Processes) is `rename Processes.* as *` (CIM macros.conf); rename: "Use
    // wildcards to rename multiple fields with similar names".
    const rows = await run(
      '| tstats count from datamodel=Endpoint.Processes where Processes.user=bob by Processes.dest Processes.process_name | rename "Processes.*" AS *',
      fx,
    );
    expect(rows).toEqual([{ dest: 'ws1', process_name: 'cmd.exe', count: 1 }]);
  });

  it('an unknown dataset is unsupported, not empty', async () => {
    await expect(run('| tstats count from datamodel=Nope.Nothing', fx)).rejects.toThrow(/unsupported: datamodel/);
  });

  it('from datamodel gives the events with unprefixed field names', async () => {
    const rows = await run('| from datamodel:Endpoint.Processes | search user=bob | table dest process_name', fx);
    expect(rows).toEqual([{ dest: 'ws1', process_name: 'cmd.exe' }]);
  });

  it('earliest()/latest() by _time span: ties in a span go to the newest event by its own time, whatever order the events come in', async () => {
    // The order Splunk hands events in is newest first, ties in file order (runner/run.ts); within a
    // span every event has the span's _time, so the first seen is the newest by its own time. The
    // pick is made explicit, so that reading the file in its own order gives the same rows
    // (engine/order.ts: such a search streams in file order).
    const inHour = [
      { _time: 3600 * 10 + 5, 'Processes.dest': 'ws1', 'Processes.user': 'a' },
      { _time: 3600 * 10 + 50, 'Processes.dest': 'ws1', 'Processes.user': 'b' },
      { _time: 3600 * 10 + 50, 'Processes.dest': 'ws1', 'Processes.user': 'c' },
      { _time: 3600 * 10 + 20, 'Processes.dest': 'ws1', 'Processes.user': 'd' },
    ];
    const spl =
      '| tstats latest(Processes.user) as l earliest(Processes.user) as e latest_time(Processes.user) as lt from datamodel=Endpoint.Processes by _time span=1h Processes.dest';
    const newestFirst = [inHour[1], inHour[2], inHour[3], inHour[0]];
    const expected = [{ _time: 36000, 'Processes.dest': 'ws1', l: 'b', e: 'b', lt: 36000 }];
    expect(await run(spl, { datamodels: { 'Endpoint.Processes': newestFirst } })).toEqual(expected);
    expect(await run(spl, { datamodels: { 'Endpoint.Processes': inHour } })).toEqual(expected);
    // Equal own times: the first in the file, in either order.
    const swapped = [inHour[0], inHour[2], inHour[1], inHour[3]];
    const swappedFirst = [{ ...expected[0], l: 'c', e: 'c' }];
    expect(await run(spl, { datamodels: { 'Endpoint.Processes': [inHour[2], inHour[1], inHour[3], inHour[0]] } })).toEqual(swappedFirst);
    expect(await run(spl, { datamodels: { 'Endpoint.Processes': swapped } })).toEqual(swappedFirst);
  });
});
