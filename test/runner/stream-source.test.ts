import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadContent } from '../../harness/content/load.js';
import { compileSearchText } from '../../harness/runner/compile.js';
import { engineSource, newestFirst, streamingSource } from '../../harness/runner/run.js';
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
});
