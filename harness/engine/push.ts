/**
 * A pipeline fed row by row, without the async machinery between rows: the shared scan pushes the
 * rows of a whole file into hundreds of searches. Most begin with `tstats`, whose aggregation
 * takes one row at a time (commands/tstats.ts `tstatsAggregator`); most others are a leading
 * search, streaming commands and `stats`, whose rows go through the commands' per-event functions
 * into the same aggregation. The rest of the pipeline runs over the aggregation's rows once the
 * input ends, as runPipeline would have run it. (Through the async path, each row cost a promise
 * per stage: 3 % of the corpus benchmark's CPU went to the microtask queue alone.)
 */
import type { Command, Pipeline } from '../spl/ast.js';
import type { EngineSource, Event } from './types.js';
import { tstatsAggregator } from './commands/tstats.js';
import { fromArray } from './commands/lib/stream.js';
import { GroupAggregator } from './commands/lib/aggregate-rows.js';
import { compileAggregation } from './aggregate/index.js';
import type { EventMapper } from './commands/types.js';
import { runPipelineFrom, stageFailure, streamingSteps } from './run.js';

export interface PushedPipeline {
  /** One input row (a failure is kept and raised by `end`, as the pipeline would raise it). */
  add(row: Event): void;
  /** The pipeline's rows, the input being complete. */
  end(): AsyncIterable<Event>;
}

/**
 * The pipeline as a PushedPipeline, or undefined when its first command cannot take rows one at a
 * time. `filtered`: the caller hands only rows that pass the first command's own filter (engine/reads.ts).
 */
export function pushedPipeline(pipeline: Pipeline, source: EngineSource, opts: { filtered?: boolean } = {}): PushedPipeline | undefined {
  const first = pipeline.commands[0];
  if (first?.cmd === 'search') return pushedStats(pipeline, source, opts);
  if (first?.cmd !== 'tstats') return undefined;
  const groups = tstatsAggregator(first, { now: source.now }, opts);
  if (!groups) return undefined;
  let failure: unknown;
  return {
    add(row) {
      if (failure !== undefined) return;
      try {
        groups.add(row);
      } catch (err) {
        failure = err ?? new Error(String(err));
      }
    },
    end() {
      if (failure !== undefined) throw stageFailure(first, failure);
      return runPipelineFrom(pipeline, 1, fromArray(groups.rows()), source);
    },
  };
}

/**
 * `search … | <streaming commands> | stats …` pushed: each row through the commands' per-event
 * functions (the leading search's own filter skipped when the caller applied it), then into the
 * aggregation stats itself would make. `stats allnum=t` watches every row first: not pushed.
 */
function pushedStats(pipeline: Pipeline, source: EngineSource, opts: { filtered?: boolean }): PushedPipeline | undefined {
  const at = pipeline.commands.findIndex((c) => c.cmd === 'stats' && c.name === 'stats');
  if (at < 1) return undefined;
  const stats = pipeline.commands[at];
  if (stats.cmd !== 'stats' || stats.options.allnum !== undefined) return undefined;
  let steps: Array<{ command: Command; map: EventMapper }> | undefined;
  let groups: GroupAggregator;
  try {
    steps = streamingSteps(pipeline, at, source);
    if (!steps) return undefined;
    groups = new GroupAggregator(
      stats.aggregations.map((a) => compileAggregation(a, { now: source.now })),
      stats.by,
    );
  } catch {
    // Whatever failed here fails the same way on the async path, which reports it as it does.
    return undefined;
  }
  const from = opts.filtered ? 1 : 0;
  const maps: EventMapper[] = steps.map((s) => s.map);
  let failure: { command: Command; error: unknown } | undefined;
  // The command running, so that a failure names it as the async path does (-1: stats itself).
  let running = -1;
  const feed = (row: Event, i: number): void => {
    let e: Event = row;
    for (; i < maps.length; i++) {
      running = i;
      const r = maps[i](e);
      if (r === null) return;
      if (Array.isArray(r)) {
        // A command made several rows (mvexpand): each goes through the rest.
        for (const x of r) feed(x, i + 1);
        return;
      }
      e = r;
    }
    running = -1;
    groups.add(e);
  };
  return {
    add(row) {
      if (failure !== undefined) return;
      try {
        feed(row, from);
      } catch (error) {
        failure = { command: running < 0 ? stats : steps[running].command, error: error ?? new Error(String(error)) };
      }
    },
    end() {
      if (failure !== undefined) throw stageFailure(failure.command, failure.error);
      return runPipelineFrom(pipeline, at + 1, fromArray(groups.rows()), source);
    },
  };
}
