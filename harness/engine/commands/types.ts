/**
 * What every command operator sees. An operator turns the stream of events that reaches its
 * command into the stream it emits; streaming commands map event by event, and only the
 * commands that must (stats, sort, join, ...) hold events.
 */
import type { Command, Pipeline } from '../../spl/ast.js';
import type { EngineSource, Event, Unsupported } from '../types.js';
import type { EvalContext } from '../eval.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface RunContext {
  source: EngineSource;
  /** Runs a subsearch (join, append, `[ ... ]` terms) over the same source. */
  runSubsearch(pipeline: Pipeline): AsyncIterable<Event>;
  /** What a pipeline built at run time (a `map` search) needs that the engine lacks. */
  checkSupport(pipeline: Pipeline): Unsupported[];
  /** Runs commands over the given input (appendpipe, foreach templates). */
  runCommands(commands: Command[], input: AsyncIterable<Event>): AsyncIterable<Event>;
  /** What eval expressions see (the run's reference now). */
  evalContext: EvalContext;
  /** True when this command is the first of its pipeline (generating position). */
  first: boolean;
}

export type Operator<C extends Command = Command> = (input: AsyncIterable<Event>, command: C, ctx: RunContext) => AsyncIterable<Event>;

/** A streaming command's work on one event: the event(s) it passes on, or null to drop it. */
export type EventMapper = (event: Event) => Event | Event[] | null;

/** One command's implementation: its operator plus what `checkSupport` needs to know. */
export interface CommandSpec<C extends Command = Command> {
  operator: Operator<C>;
  /**
   * For streaming commands: the per-event function (see lib/streaming.ts). The executor fuses a
   * run of such commands into one stage. Absent for commands that hold state.
   */
  map?(command: C, ctx: RunContext): EventMapper;
  /**
   * For a command that starts a pipeline by reading the source and then filtering (the leading
   * search): the stream it reads; `map` then applies to it as to any streaming command.
   */
  input?(command: C, ctx: RunContext): AsyncIterable<Event>;
  /** When `map` applies to only some uses of the command (e.g. fillnull with a field list). */
  streamable?(command: C, ctx: RunContext): boolean;
  /** Option keys the operator understands (for commands whose AST has `options`). */
  options?: readonly string[];
  /** Features this particular use of the command needs but the operator lacks. */
  check?(command: C): Unsupported[];
}

/**
 * A command, whole: the names it is written under, its syntax and static metadata (read by the
 * parser, renderer, walker and analyses through spl/grammar.ts) and its operator. A command the
 * parser knows but the engine cannot run has no `spec`; using it makes a test unsupported.
 */
export interface CommandDef<C extends Command = Command> {
  names: readonly string[];
  syntax: CommandSyntax<C>;
  spec?: CommandSpec<C>;
}

export const defineCommand = <C extends Command>(def: CommandDef<C>): CommandDef<C> => def;
