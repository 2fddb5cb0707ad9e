/** checkSupport and the refusal to guess: every missing feature is named, nothing is skipped silently. */
import { describe, expect, it } from 'vitest';
import { parse, run, sourceOf } from './helpers.js';
import { checkSupport, runPipeline } from '../../../harness/engine/run.js';
import { UnsupportedError } from '../../../harness/engine/types.js';
import { supportedCommands } from '../../../harness/engine/commands/index.js';

describe('checkSupport', () => {
  it('names unknown commands, functions, stats functions, options and data models', () => {
    const p = parse(
      '| tstats count from datamodel=Nope.Nothing | eval x=frobnicate(y) | stats wobble(x) | mstats avg(cpu) | dedup keepevents=true x | sort x | anomalousvalue x',
    );
    const found = checkSupport(p).map((u) => `${u.kind}:${u.name}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'datamodel:Nope.Nothing',
        'function:frobnicate',
        'function:stats:wobble',
        'command:mstats',
        'option:dedup:keepevents',
        'command:anomalousvalue',
      ]),
    );
    expect(found).not.toContain('command:sort');
  });

  it('looks inside subsearches', () => {
    const p = parse('* | join x [search y | eval z=nothere()] | append [| rest /services]');
    expect(checkSupport(p).map((u) => `${u.kind}:${u.name}`)).toEqual(expect.arrayContaining(['function:nothere', 'command:rest']));
  });

  it('a fully supported ESCU-style pipeline has nothing to report', () => {
    const p = parse(
      '| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest | rename Processes.* as * | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | search *',
    );
    expect(checkSupport(p)).toEqual([]);
  });

  it('runPipeline refuses an unsupported pipeline before reading any event', () => {
    const src = sourceOf({ events: [{ a: 1 }] });
    expect(() => runPipeline(parse('* | mstats count'), src)).toThrow(UnsupportedError);
    expect(src.reads).toBe(0);
  });

  it('every registered command has an implementation', async () => {
    expect(supportedCommands()).toEqual(expect.arrayContaining(['stats', 'tstats', 'rex', 'lookup', 'spath', 'join', 'transaction']));
    await expect(run('* | head 1', { events: [{ a: 1 }] })).resolves.toEqual([{ a: 1 }]);
  });
});

describe('errors', () => {
  it('a command that fails names itself and its position', async () => {
    const { PipelineError } = await import('../../../harness/engine/run.js');
    const err = await run('* | eval n=1 | rex field=x "(?<bad"', { events: [{ x: 'a' }] }).catch((e) => e);
    expect(err).toBeInstanceOf(PipelineError);
    expect(err.command).toBe('rex');
    expect(err.span.start).toBeGreaterThan(10);
  });

  it('an error of the source (an unreadable dataset) reaches the caller unchanged', async () => {
    class ReadFailure extends Error {}
    const src = sourceOf({});
    src.events = () =>
      (async function* () {
        yield { _raw: 'x' };
        throw new ReadFailure('dataset truncated');
      })();
    const rows: unknown[] = [];
    const err = await (async () => {
      for await (const r of runPipeline(parse('* | eval a=1 | stats count'), src)) rows.push(r);
    })().catch((e) => e);
    expect(err).toBeInstanceOf(ReadFailure);
  });
});
