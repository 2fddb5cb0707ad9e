import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadContent } from '../../harness/content/load.js';
import { compileSearchText } from '../../harness/runner/compile.js';
import { engineSource, newestFirst, streamingSource, timeWindows } from '../../harness/runner/run.js';
import { runPipeline } from '../../harness/engine/run.js';
import { readDataset } from '../../harness/ingest/read.js';
import { normalizeStream } from '../../harness/ingest/normalize.js';
import type { Event } from '../../harness/engine/types.js';
import { PROJECT_ROOT } from '../support/shared.js';

const FIXTURE = join(PROJECT_ROOT, 'test/fixtures/attack_data/datasets/attack_techniques/T1021.006/lateral_movement/windows-sysmon.log');
const META = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog' };

async function collect(it: AsyncIterable<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('engine sources of the runner', () => {
  const content = loadContent(PROJECT_ROOT);
  const seed = content.detections.find((d) => d.id === '0dd296a2-4338-11ec-ba02-3e22fbd008af')!;

  it('a streamed source (large datasets) gives the seed the same rows as the in-memory one', async () => {
    const { pipeline } = compileSearchText(seed.search, content, seed.file);
    const events = await collect(normalizeStream(readDataset(FIXTURE, META)));
    const inMemory = await collect(runPipeline(pipeline, engineSource(content, events)));
    const streamed = await collect(runPipeline(pipeline, await streamingSource(content, [{ path: FIXTURE, meta: META }])));
    expect(inMemory.length).toBeGreaterThan(0);
    expect(streamed).toEqual(inMemory);
  });

  it('hands events to a search newest first, as Splunk returns them', async () => {
    // Search Manual, "About retrieving events": events are returned in reverse chronological order,
    // so `head 1` keeps the newest event.
    const { pipeline } = compileSearchText('EventCode=1 | head 1 | table _time', content);
    const events = await collect(normalizeStream(readDataset(FIXTURE, META)));
    const newest = Math.max(...events.filter((e) => String(e.EventCode) === '1').map((e) => Number(e._time)));
    expect(Number(events.find((e) => String(e.EventCode) === '1')!._time)).not.toBe(newest); // the file is oldest first
    const [row] = await collect(runPipeline(pipeline, engineSource(content, newestFirst(events))));
    expect(Number(row._time)).toBe(newest);
  });

  // Splunk returns events newest first whatever the file's order ("About retrieving events"), and
  // the dedup page: "the most recent events are returned first". The streamed source must too,
  // whether it holds the events (they fit its budget) or orders them by time windows (they do not).
  for (const [label, holdBytes] of [
    ['held in memory', undefined],
    ['ordered by time windows', 4096],
  ] as const) {
    it(`a streamed source hands events newest first (${label})`, async () => {
      const events = newestFirst(await collect(normalizeStream(readDataset(FIXTURE, META))));
      const source = await streamingSource(content, [{ path: FIXTURE, meta: META }], holdBytes);
      const streamed = await collect(source.events());
      expect(streamed.map((e) => [e._time, e._raw])).toEqual(events.map((e) => [e._time, e._raw]));
      // And a second pass gives the same order again.
      expect((await collect(source.events())).map((e) => e._raw)).toEqual(events.map((e) => e._raw));
      const { pipeline } = compileSearchText('EventCode=1 | head 1 | table _time', content);
      const [row] = await collect(runPipeline(pipeline, source));
      expect(Number(row._time)).toBe(Math.max(...events.filter((e) => String(e.EventCode) === '1').map((e) => Number(e._time))));
    });
  }

  it('time windows: newest first, at most n events each, never splitting one time value', () => {
    expect(timeWindows([1, 5, 3, 3, 3, 2, 4], 2)).toEqual([
      { from: 4, to: 5 },
      { from: 3, to: 3 },
      { from: 1, to: 2 },
    ]);
    expect(timeWindows([7, 7, 7], 1)).toEqual([{ from: 7, to: 7 }]);
    expect(timeWindows([], 10)).toEqual([]);
  });
});
