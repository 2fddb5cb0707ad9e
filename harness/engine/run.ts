/**
 * The pipeline executor. Commands become stages over an async iterator of events: streaming
 * commands transform event by event and never hold the dataset, so `head 5` after a filter stops
 * reading the source as soon as it has five rows; only operators that must (stats, sort, join,
 * eventstats, ...) hold state. A run of consecutive streaming commands is fused into a single
 * stage that takes each event through all of them (one async step per event, not one per
 * command). Subsearches run their own pipeline over the same source.
 *
 * Before anything runs, `checkSupport` lists every feature the pipeline needs that the engine
 * lacks; a pipeline with any is refused with an UnsupportedError instead of being guessed at.
 * A command that fails while running is reported as a `PipelineError` naming the command and
 * its position in the search.
 */
import type { Command, Pipeline, Span } from '../spl/ast.js';
import type { EngineSource, Event } from './types.js';
import { UnsupportedError } from './types.js';
import { commandSpec } from './commands/index.js';
import { empty, fromArray } from './commands/lib/stream.js';
import type { EventMapper, RunContext } from './commands/types.js';
import { applyMappers } from './commands/lib/streaming.js';
import { checkSupport } from './support.js';
import { activityId, noteActivity } from './activity.js';

export { checkSupport };

/** A failure while running one command (bad regex at run time, malformed option, ...). */
export class PipelineError extends Error {
  constructor(
    public readonly command: string,
    public readonly span: Span,
    public override readonly cause: unknown,
  ) {
    super(`${command}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'PipelineError';
  }
}

/**
 * Runs a parsed pipeline over the source. Throws UnsupportedError (synchronously) when the
 * pipeline needs a feature the engine does not have; runtime failures surface while iterating.
 */
export function runPipeline(pipeline: Pipeline, source: EngineSource, opts: PipelineOptions = {}): AsyncIterable<Event> {
  const missing = checkSupport(pipeline, { iplocation: typeof source.iplocation === 'function' });
  if (missing.length) throw new UnsupportedError(missing);
  return runCommands(pipeline.commands, passThroughErrors(source), empty(), true, opts.tap, opts.subsearches);
}

/**
 * Runs the pipeline's commands from `start` on over `input`, the rows its earlier commands gave
 * (a caller that ran those itself: the shared scan runs a search's first commands while it reads
 * the file). Throws UnsupportedError as runPipeline does.
 */
export function runPipelineFrom(
  pipeline: Pipeline,
  start: number,
  input: AsyncIterable<Event>,
  source: EngineSource,
  opts: PipelineOptions = {},
): AsyncIterable<Event> {
  const missing = checkSupport(pipeline, { iplocation: typeof source.iplocation === 'function' });
  if (missing.length) throw new UnsupportedError(missing);
  return runCommands(pipeline.commands.slice(start), passThroughErrors(source), input, false, opts.tap, opts.subsearches);
}

export interface PipelineOptions {
  /**
   * Sees the output of each top-level command (by index) and hands it on: the runner's no-hit
   * explanation counts rows and scores predicates between commands in one pass. With a tap no
   * commands are fused, so every command's output passes through it.
   */
  tap?: (index: number, rows: AsyncIterable<Event>) => AsyncIterable<Event>;
  /**
   * Results of subsearches already run (by their pipeline node): a subsearch found here is not run
   * again. The shared scan runs a search's subsearches while it reads the file.
   */
  subsearches?: ReadonlyMap<Pipeline, Event[]>;
}

/**
 * Errors raised by the source itself (a dataset that cannot be read) are not failures of the
 * command that happened to be reading: they reach the caller as they are, not as PipelineErrors.
 */
const sourceErrors = new WeakSet<object>();

function passThroughErrors(source: EngineSource): EngineSource {
  const mark = (events: AsyncIterable<Event>): AsyncIterable<Event> =>
    (async function* () {
      try {
        yield* events;
      } catch (err) {
        if (err !== null && typeof err === 'object') sourceErrors.add(err);
        throw err;
      }
    })();
  return {
    now: source.now,
    events: (reader) => mark(source.events(reader)),
    datamodel: (name, reader) => {
      const ds = source.datamodel(name, reader);
      return ds && mark(ds);
    },
    lookup: (name) => source.lookup(name),
    iplocation: source.iplocation ? (ip) => source.iplocation!(ip) : undefined,
  };
}

function runCommands(
  commands: Command[],
  source: EngineSource,
  input: AsyncIterable<Event>,
  startsPipeline: boolean,
  tap?: PipelineOptions['tap'],
  subsearches?: PipelineOptions['subsearches'],
): AsyncIterable<Event> {
  let stream = input;
  const evalContext = { now: source.now };
  // Consecutive streaming commands are fused into one stage that takes each event through all of
  // them; every other command is its own stage.
  let fusable: Array<{ command: Command; make: () => EventMapper }> = [];
  const flush = () => {
    if (fusable.length) stream = fused(stream, fusable);
    fusable = [];
  };
  commands.forEach((command, i) => {
    const spec = commandSpec(command);
    if (!spec) throw new UnsupportedError([{ kind: 'command', name: command.name }]);
    const ctx = runContext(source, evalContext, startsPipeline && i === 0, subsearches);
    if (streamsRows(spec, command, ctx)) {
      if (ctx.first) stream = spec.input!(command, ctx);
      fusable.push({ command, make: () => spec.map!(command, ctx) });
      if (tap) {
        flush();
        stream = tap(i, stream);
      }
      return;
    }
    flush();
    stream = guard(command, spec.operator(stream, command, ctx));
    if (tap) stream = tap(i, stream);
  });
  flush();
  return stream;
}

function runContext(source: EngineSource, evalContext: RunContext['evalContext'], first: boolean, subsearches?: PipelineOptions['subsearches']): RunContext {
  return {
    source,
    evalContext,
    first,
    runSubsearch: (p) => {
      const done = subsearches?.get(p);
      return done ? fromArray(done) : runCommands(p.commands, source, empty(), true, undefined, subsearches);
    },
    runCommands: (cmds, inp) => runCommands(cmds, source, inp, false, undefined, subsearches),
    checkSupport: (p) => checkSupport(p, { iplocation: typeof source.iplocation === 'function' }),
  };
}

/**
 * The per-event functions of a pipeline's first `count` commands, made as runPipeline makes them,
 * when each is a streaming command (the first a leading search); undefined otherwise. The shared
 * scan pushes rows through them (push.ts). Throws UnsupportedError as runPipeline does.
 */
export function streamingSteps(pipeline: Pipeline, count: number, source: EngineSource): Array<{ command: Command; map: EventMapper }> | undefined {
  const missing = checkSupport(pipeline, { iplocation: typeof source.iplocation === 'function' });
  if (missing.length) throw new UnsupportedError(missing);
  const wrapped = passThroughErrors(source);
  const evalContext = { now: source.now };
  const steps: Array<{ command: Command; map: EventMapper }> = [];
  for (const [i, command] of pipeline.commands.slice(0, count).entries()) {
    const spec = commandSpec(command);
    const ctx = runContext(wrapped, evalContext, i === 0);
    if (!spec || !streamsRows(spec, command, ctx)) return undefined;
    steps.push({ command, map: spec.map!(command, ctx) });
  }
  return steps;
}

/**
 * Whether a command runs as a per-event function (`map`), fused with its neighbours: a streaming
 * command, which at the start of a pipeline must also read its own input.
 */
function streamsRows(spec: NonNullable<ReturnType<typeof commandSpec>>, command: Command, ctx: RunContext): boolean {
  return spec.map !== undefined && (spec.streamable?.(command, ctx) ?? true) && (!ctx.first || spec.input !== undefined);
}

/**
 * What a command's failure is raised as: an unsupported feature, an already named failure or the
 * source's own error as it is; anything else as a PipelineError naming the command.
 */
export function stageFailure(command: Command, err: unknown): unknown {
  if (err instanceof UnsupportedError || err instanceof PipelineError || sourceErrors.has(err as object)) return err;
  return new PipelineError(command.name, command.span, err);
}

/** A run of streaming commands as one stage; a failure names the command it happened in. */
async function* fused(input: AsyncIterable<Event>, steps: Array<{ command: Command; make: () => EventMapper }>): AsyncIterable<Event> {
  let at = 0;
  const fail = (err: unknown): never => {
    throw stageFailure(steps[at].command, err);
  };
  const fns: EventMapper[] = [];
  const activity = steps.map((s) => activityId(s.command));
  try {
    for (at = 0; at < steps.length; at++) fns.push(steps[at].make());
  } catch (err) {
    fail(err);
  }
  const n = fns.length;
  for await (const event of input) {
    let e: Event | null = event;
    let expanded: Event[] | undefined;
    try {
      for (at = 0; at < n; at++) {
        noteActivity(activity[at]);
        const r: Event | Event[] | null = fns[at](e);
        if (r === null) {
          e = null;
          break;
        }
        if (Array.isArray(r)) {
          // A command made several events (mvexpand): take each through the rest of the run.
          expanded = [];
          for (const x of r) applyMappers(fns, x, at + 1, expanded);
          break;
        }
        e = r;
      }
    } catch (err) {
      fail(err);
    }
    if (expanded) yield* expanded;
    else if (e) yield e;
  }
}

/** Re-throws a stage's failure as a PipelineError that names the command (once, at the innermost stage). */
async function* guard(command: Command, stage: AsyncIterable<Event>): AsyncIterable<Event> {
  noteActivity(activityId(command));
  try {
    yield* stage;
  } catch (err) {
    throw stageFailure(command, err);
  }
}
