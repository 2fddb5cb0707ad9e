/**
 * Pushed pipelines (engine/push.ts): the shared scan feeds a search row by row. Whatever it
 * pushes, the rows (or the failure) must be the ones runPipeline gives over the same events.
 */
import { describe, expect, it } from 'vitest';
import { parseSearch } from '../../harness/spl/parse.js';
import { collect } from '../../harness/engine/commands/lib/stream.js';
import { runPipeline } from '../../harness/engine/run.js';
import { pushedPipeline } from '../../harness/engine/push.js';
import { compileSearch } from '../../harness/engine/match.js';
import type { Event } from '../../harness/engine/types.js';
import { sourceOf } from './commands/helpers.js';

const events: Event[] = [
  { _time: 100, EventCode: '1', Image: 'C:\\Windows\\System32\\cmd.exe', User: 'a', tags: ['x', 'y'], n: '3' },
  { _time: 90, EventCode: '1', Image: 'C:\\Windows\\System32\\WINRS.exe', User: 'b', tags: 'x', n: '4' },
  { _time: 80, EventCode: '3', Image: 'C:\\Tools\\nc.exe', User: 'a', n: 'five' },
  { _time: 70, EventCode: '1', Image: 'C:\\Tools\\nc.exe', User: 'c' },
];

const lookups = { names: { name: 'names', columns: ['image', 'label'], rows: [{ image: 'nc.exe', label: 'netcat' }] } };

async function both(spl: string, filtered: boolean): Promise<{ pushed: Event[] | string; run: Event[] | string }> {
  const pipeline = parseSearch(spl).pipeline;
  const fx = { events, lookups };
  const outcome = async (rows: () => Promise<Event[]>) => rows().catch((err: Error) => `${err.name}: ${err.message}`);
  const run = await outcome(() => collect(runPipeline(pipeline, sourceOf(fx))));
  const push = pushedPipeline(pipeline, sourceOf(fx), { filtered });
  if (!push) throw new Error(`not pushed: ${spl}`);
  // As the scan does with `filtered`: only rows that pass the leading search's own filter.
  const first = pipeline.commands[0];
  const keep = filtered && first.cmd === 'search' && first.expr ? compileSearch(first.expr) : () => true;
  for (const e of events) if (keep(e)) push.add(e);
  const pushed = await outcome(async () => collect(push.end()));
  return { pushed, run };
}

describe('pushedPipeline: search | streaming commands | stats', () => {
  const searches = [
    'EventCode=1 | eval name=lower(mvindex(split(Image, "\\\\"), -1)) | where name!="cmd.exe" | stats count values(User) as users by name',
    'Image="*.exe" | rex field=Image "(?<dir>.*)\\\\\\\\[^\\\\\\\\]+$" | stats dc(User) as people latest(User) as last by dir | sort - people',
    'EventCode=* | mvexpand tags | stats count by tags',
    'EventCode=* | rename User as user | fillnull value=none tags | stats count by user tags',
    'EventCode=* | eval image=lower(replace(Image, ".*\\\\\\\\", "")) | lookup names image OUTPUT label | stats count by image label',
    'EventCode=* | stats sum(n) as total avg(n) as mean',
  ];
  for (const spl of searches) {
    it(`gives runPipeline's rows: ${spl}`, async () => {
      for (const filtered of [true, false]) {
        const { pushed, run } = await both(spl, filtered);
        expect(typeof run).not.toBe('string');
        expect((run as Event[]).length).toBeGreaterThan(0);
        expect(pushed).toEqual(run);
      }
    });
  }

  it('a row that fails a command fails the search naming that command, as runPipeline does', async () => {
    // eval.ts: "Fields cannot be assigned a boolean result", raised as a row is evaluated.
    const { pushed, run } = await both('EventCode=1 | eval bad=(User="a") | stats count', true);
    expect(run).toMatch(/^PipelineError: eval: Fields cannot be assigned a boolean result/);
    expect(pushed).toEqual(run);
  });

  it('is not pushed when a command before stats holds rows, or stats watches every row (allnum)', () => {
    const source = sourceOf({ events });
    for (const spl of [
      'EventCode=1 | head 2 | stats count',
      'EventCode=1 | stats allnum=t sum(n)',
      'EventCode=1 | eval x=1 | table x',
      'EventCode=1 | dedup User | stats count',
    ]) {
      expect(pushedPipeline(parseSearch(spl).pipeline, source, { filtered: true }), spl).toBeUndefined();
    }
  });
});
