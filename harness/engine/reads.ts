/**
 * What a pipeline reads from its source, and a test that every row it can keep passes: the
 * shared dataset scan (runner/scan.ts) reads a file once for many searches and hands each search
 * only the rows that can matter to it.
 *
 * A pipeline reads where one of its pipelines (the main one, or a subsearch's) starts with the
 * leading `search` (the indexed events) or `tstats` (a data model dataset, or the events for
 * tstats over indexed fields). Each such read keeps a row only if its filter (the search
 * expression, the tstats `where`) matches, and applies that filter itself: handing it fewer rows
 * that all pass the filter changes nothing. A filter with a subsearch term is only known at run
 * time, so such a read wants every row. Any other reader (`from`, `map`'s searches built at run
 * time, a command the engine only knows by name) makes the reads unknown.
 */
import type { Command, CommandNodes, Pipeline, SearchExpr } from '../spl/ast.js';
import { syntaxOf } from '../spl/grammar.js';
import { forEachChild, pipelineNode, type Node } from '../spl/walk.js';
import { compileSearch, type EventPredicate } from './match.js';
import { hasSubsearch } from './commands/lib/subsearch.js';
import { datasetName } from './commands/lib/datamodel.js';
import type { Event } from './types.js';

/** One place a pipeline reads: the events (`dataset` absent) or one data model dataset. */
export interface SourceRead {
  dataset?: string;
  /** False only for a row the reading command drops; absent: it may keep any row. */
  filter?: EventPredicate;
  /**
   * The fields of its rows the reading command reads (a tstats over a dataset: its where, by and
   * aggregation fields, and `_time`); absent: it may read any.
   */
  fields?: ReadonlySet<string>;
  /** The reading command itself (a leading `search` or a tstats). */
  command: Command;
}

/** Commands that read only through the subsearches they hold (walked as pipelines of their own). */
const READS_THROUGH_SUBSEARCH = new Set(['join', 'append']);

/**
 * Every read of the pipeline and its subsearches, or undefined when some command reads in a way
 * these cannot describe.
 */
export function sourceReads(pipeline: Pipeline): SourceRead[] | undefined {
  const reads: SourceRead[] = [];
  let known = true;
  const visit = (n: Node, first: boolean): void => {
    if (!known) return;
    if (n.kind === 'pipeline') {
      n.node.commands.forEach((c, i) => visit({ kind: 'command', node: c }, i === 0));
      return;
    }
    if (n.kind === 'command') {
      const read = first ? leadingRead(n.node) : undefined;
      if (read) reads.push(read);
      else if (readsOnItsOwn(n.node)) known = false;
    }
    forEachChild(n, (child) => visit(child, false));
  };
  visit(pipelineNode(pipeline), false);
  return known ? reads : undefined;
}

function readsOnItsOwn(command: Command): boolean {
  const syntax = syntaxOf(command);
  if (!syntax) return true;
  return syntax.readsEvents === true && !READS_THROUGH_SUBSEARCH.has(command.cmd === 'generic' ? command.name : command.cmd);
}

/** The read a pipeline's first command makes, if it is one of the two described here. */
function leadingRead(command: Command): SourceRead | undefined {
  if (command.cmd === 'search') return { filter: filterOf(command.expr), command };
  if (command.cmd === 'tstats') {
    const dataset = command.datamodel !== undefined ? datasetName(command.datamodel, command.nodename) : undefined;
    const read: SourceRead = { dataset, filter: filterOf(command.where), command };
    const fields = dataset !== undefined ? tstatsFields(command) : undefined;
    if (fields) read.fields = fields;
    return read;
  }
  return undefined;
}

/**
 * The row fields a tstats reads, or undefined when a reference is open: a wildcard, a bare term
 * (matched against every field of a row without `_raw`), an `eval(...)` argument.
 */
function tstatsFields(command: CommandNodes['tstats']): Set<string> | undefined {
  const fields = new Set<string>(['_time', ...command.by]);
  for (const a of command.aggregations) {
    if (a.evalArg) return undefined;
    if (a.field !== undefined) fields.add(a.field);
  }
  if (command.where && !searchFields(command.where, fields)) return undefined;
  return [...fields].some((f) => f.includes('*')) ? undefined : fields;
}

/** Adds the fields a search expression compares; false when it holds a bare term or a subsearch. */
export function searchFields(expr: SearchExpr, into: Set<string>): boolean {
  switch (expr.type) {
    case 'and':
    case 'or':
      return expr.items.every((item) => searchFields(item, into));
    case 'not':
      return searchFields(expr.expr, into);
    case 'compare':
    case 'in':
      into.add(expr.field);
      return true;
    default:
      return false;
  }
}

function filterOf(expr: SearchExpr | null): EventPredicate | undefined {
  if (!expr || hasSubsearch(expr)) return undefined;
  return compileSearch(expr);
}

/** Whether a row passes at least one of the reads' filters (a read without one takes every row). */
export function passesAny(reads: readonly SourceRead[], row: Event): boolean {
  for (const r of reads) if (!r.filter || r.filter(row)) return true;
  return false;
}

/**
 * The pipelines nested in a command (a join's or append's subsearch, a `[ ... ]` term) that read
 * the source, each with the read its first command makes; nested ones inside them included.
 */
export function readingSubsearches(command: Command): Array<{ pipeline: Pipeline; read: SourceRead }> {
  const out: Array<{ pipeline: Pipeline; read: SourceRead }> = [];
  const visit = (n: Node): void => {
    if (n.kind === 'pipeline') {
      const read = n.node.commands[0] && leadingRead(n.node.commands[0]);
      if (read) out.push({ pipeline: n.node, read });
    }
    forEachChild(n, visit);
  };
  forEachChild({ kind: 'command', node: command }, visit);
  return out;
}
