/**
 * A pipeline fed row by row, without the async machinery between rows: the shared scan pushes the
 * rows of a whole file into hundreds of searches, and most begin with `tstats`, whose aggregation
 * takes one row at a time (commands/tstats.ts `tstatsAggregator`). The rest of the pipeline runs
 * over the aggregation's rows once the input ends, as runPipeline would have run it.
 */
import type { Pipeline } from '../spl/ast.js';
import type { EngineSource, Event } from './types.js';
import { tstatsAggregator } from './commands/tstats.js';
import { fromArray } from './commands/lib/stream.js';
import { PipelineError, runPipelineFrom } from './run.js';

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
      if (failure !== undefined) throw new PipelineError(first.name, first.span, failure);
      return runPipelineFrom(pipeline, 1, fromArray(groups.rows()), source);
    },
  };
}
