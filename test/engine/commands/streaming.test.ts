/**
 * The engine streams: `search | eval | where | head 5` over a million generated events stops
 * reading as soon as head has its rows, and every streaming command hands its first result on
 * before the source has been read further than that event.
 */
import { describe, expect, it } from 'vitest';
import { parse, table } from './helpers.js';
import { runPipeline } from '../../../harness/engine/run.js';
import type { EngineSource, Event } from '../../../harness/engine/types.js';

function generated(total: number) {
  const stats = { read: 0 };
  const tools = table('tools', ['host', 'role'], [['odd', 'server']]);
  const source: EngineSource = {
    now: 0,
    events: () =>
      (async function* () {
        for (let i = 0; i < total; i++) {
          stats.read++;
          yield { _raw: `<e><k>${i}</k></e>`, _time: i, n: String(i), host: i % 2 ? 'odd' : 'even', j: `{"a":${i}}`, mv: 'x y' } as Event;
        }
      })(),
    datamodel: () => undefined,
    lookup: (name) => (name === 'tools' ? tools : undefined),
  };
  return { source, stats };
}

describe('streaming', () => {
  it('head stops the upstream stages early over 1e6 events', async () => {
    const { source, stats } = generated(1_000_000);
    const rows: Event[] = [];
    for await (const r of runPipeline(parse('host=odd | eval m=n*2 | where m > 100 | head 5'), source)) rows.push(r);
    expect(rows.map((r) => r.n)).toEqual(['51', '53', '55', '57', '59']);
    // 60 events were needed (the 5th odd n above 50 is 59); nothing beyond a small read-ahead.
    expect(stats.read).toBeLessThan(100);
  });

  const streamingCommands = [
    'search host=*',
    'where n >= 0',
    'eval m=n+1',
    'rename n as m',
    'rex field=n "(?<d>\\d)"',
    'regex n="\\d"',
    'fields n',
    'table n host',
    'spath input=j',
    'makemv mv | mvexpand mv',
    'fillnull value=0 missing',
    'lookup tools host OUTPUT role',
    'convert ctime(_time) as t',
    'xmlkv',
    'replace odd with ODD in host',
    'fromjson j',
    'bin span=10 n',
    'dedup host',
    'foreach n [eval <<FIELD>>=<<FIELD>>*2]',
    'streamstats count',
    'outputlookup x.csv',
  ];
  it.each(streamingCommands)('%s passes its first result on without reading ahead', async (spl) => {
    const { source, stats } = generated(100_000);
    for await (const _ of runPipeline(parse(`* | ${spl}`), source)) break;
    expect(stats.read).toBeLessThan(5);
  });
});
