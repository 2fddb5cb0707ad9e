/** Golden tests: eventstats and streamstats (Splunk Search Reference: "eventstats", "streamstats"). */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const events = [
  { _time: 1, src: 'a', bytes: '10' },
  { _time: 2, src: 'b', bytes: '20' },
  { _time: 3, src: 'a', bytes: '30' },
  { _time: 4, bytes: '40' },
];

describe('eventstats', () => {
  it('adds the group statistics to every event of the group, keeping the events and their order', async () => {
    // "the results of an eventstats command are added inline to each event"
    expect(await run('* | eventstats sum(bytes) as total count by src', { events })).toEqual([
      { _time: 1, src: 'a', bytes: '10', total: 40, count: 2 },
      { _time: 2, src: 'b', bytes: '20', total: 20, count: 1 },
      { _time: 3, src: 'a', bytes: '30', total: 40, count: 2 },
      { _time: 4, bytes: '40' },
    ]);
  });

  it('without by, every event gets the overall statistics', async () => {
    const rows = await run('* | eventstats avg(bytes) as avg_bytes', { events });
    expect(rows.map((r) => r.avg_bytes)).toEqual([25, 25, 25, 25]);
  });
});

describe('streamstats', () => {
  it('accumulates in event order, the current event included', async () => {
    // "Adds cumulative summary statistics to all search results in a streaming manner."
    expect((await run('* | streamstats count as rank sum(bytes) as running', { events })).map((r) => [r.rank, r.running])).toEqual([
      [1, 10],
      [2, 30],
      [3, 60],
      [4, 100],
    ]);
  });

  it('by keeps one running state per group; events without the by-field pass unchanged', async () => {
    const rows = await run('* | streamstats count as rank by src', { events });
    expect(rows.map((r) => r.rank)).toEqual([1, 1, 2, undefined]);
  });

  it('current=false leaves the current event out', async () => {
    // "current: If true, the search includes the given, or current, event in the summary calculations."
    const rows = await run('* | streamstats current=false sum(bytes) as before', { events });
    expect(rows.map((r) => r.before)).toEqual([undefined, 10, 30, 60]);
  });

  it('window=2 current=1 range(_time) as the corpus uses it', async () => {
    // "window: Specifies the number of events to use when computing the statistics."
    const session = [
      { _time: 100, session_id: 's' },
      { _time: 130, session_id: 's' },
      { _time: 200, session_id: 's' },
    ];
    const rows = await run('* | streamstats window=2 current=1 range(_time) as TimeDelta by session_id', { events: session });
    expect(rows.map((r) => r.TimeDelta)).toEqual([0, 30, 70]);
  });

  it('time_window keeps only the events within the span before the current one', async () => {
    const rows = await run('* | streamstats time_window=2s count as recent', { events });
    expect(rows.map((r) => r.recent)).toEqual([1, 2, 2, 2]);
  });

  it('reset_on_change starts over when the group changes', async () => {
    // "reset_on_change: Specifies that all of the accumulated statistics are reset when the group by fields change."
    const rows = await run('* | streamstats reset_on_change=true count as n by src', { events: events.slice(0, 3) });
    expect(rows.map((r) => r.n)).toEqual([1, 1, 1]);
  });
});
