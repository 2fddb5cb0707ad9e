import type { Command, EvalExpr, Pipeline, SearchExpr, Span } from '../spl/ast.js';
import { assertNever, evalNode, searchNode, walk, type Node } from '../spl/walk.js';
import type { EngineSource, Event, FieldValue } from '../engine/types.js';
import { runPipeline } from '../engine/run.js';
import { compileSearch } from '../engine/match.js';
import { evaluate, isTruthy } from '../engine/eval.js';
import { datasetName } from '../engine/commands/lib/datamodel.js';
import { editDistance } from '../common/text.js';
import { readsEventsElsewhere } from './prefilter.js';

/**
 * "Why no hit": when a true-positive test gets zero rows, show where the rows die.
 * 1. Row counts after each command, up to the first command that leaves none.
 * 2. The predicates of each filtering command on the way — the terms of the `tstats where`,
 *    the terms of the first `search`, each later `where` / `search` — with how many of that
 *    command's input events satisfy each one. A predicate no event satisfies is the clause
 *    that kills the match.
 * 3. The nearest events: the inputs of the killing command that satisfy the most predicates,
 *    with the values of the fields those predicates read, so the author sees what the data
 *    actually holds.
 * The first command's input may be scanned only in part (a budget, runner/explain-input.ts): the
 * text then says which part its counts are of, and the nearest events also come from the events
 * the search itself read, which the pass of step 1 sees anyway.
 */

export interface ExplainOptions {
  /** The expanded search text the pipeline's spans point into. */
  text: string;
  /** How many nearest events to show (default 3). */
  nearest?: number;
  /**
   * Every event, when `source` skips some (the runner's raw-text pre-filter): the first command's
   * input is counted and ranked over these, so that the nearest events are not limited to the
   * ones the pre-filter kept. The commands' outputs come from `source`: the pre-filter never
   * changes them.
   */
  everything?: EngineSource;
  /**
   * How many events `everything` skipped unread so far (their raw text holds no term of any clause
   * of the first command): they satisfy none of its predicates, and are counted as its input.
   */
  skipped?: () => number;
  /**
   * How far the scan of `everything` got, asked once it has ended. A scan with a budget
   * (runner/explain-input.ts) may stop before the end of the input: the first command's counts
   * are then said to be of that part, never passed off as the whole.
   */
  extent?: () => ScanExtent;
}

/** What one scan of `everything` read. */
export interface ScanExtent {
  /** False when the scan stopped at its budget before the end of the input. */
  complete: boolean;
  /** Characters of raw text the scan went through (events read and events skipped on their raw text). */
  chars: number;
  /** The whole input's size in bytes, when known (not for compressed files). */
  totalBytes?: number;
  /** Events read (not skipped), and the first five `sourcetype (source)` kinds among them. */
  read: number;
  kinds: string[];
}

interface Predicate {
  text: string;
  fields: string[];
  test: (event: Event) => boolean;
  /** How far an event is from satisfying the predicate (0 = no idea); ranks the nearest events. */
  distance: (event: Event) => number;
}

export interface PredicateReport {
  text: string;
  satisfied: number;
}

export interface StageReport {
  index: number;
  command: string;
  rowsIn: number;
  rowsOut: number;
  /** What the command read: 'events', a data model dataset, or the previous command's rows. */
  input: string;
  predicates: PredicateReport[];
  /** Set when the counts are of the first part of the input only: how much of it was scanned. */
  partial?: { chars: number; totalBytes?: number };
}

export interface Explanation {
  stages: StageReport[];
  /** The first command after which no rows are left (1-based), if any. */
  killer?: number;
  nearest: Array<{ satisfied: number; of: number; failed: string[]; values: Record<string, string> }>;
  /** Set when the nearest events were ranked over a partial scan plus the rows the search itself read. */
  nearestFrom?: { scanned: number; searched: number };
  text: string;
}

export async function explainNoHit(pipeline: Pipeline, source: EngineSource, opts: ExplainOptions): Promise<Explanation> {
  const nearestCount = opts.nearest ?? 3;
  const commands = pipeline.commands;
  const predicates = commands.map((c) => predicatesOf(c, opts.text, source.now));
  // The first command's input comes from the source itself, scanned in a pass of its own over
  // every event (the pre-filter's skipped ones included), streamed, perhaps within a budget.
  const first = stageInput(commands[0], opts.everything ?? source);
  const firstScan = first.rows ? new InputScanner(predicates[0], nearestCount) : undefined;
  if (first.rows && firstScan) for await (const row of first.rows) firstScan.add(row);
  const extent = firstScan ? opts.extent?.() : undefined;
  const partial = extent && !extent.complete ? { chars: extent.chars, totalBytes: extent.totalBytes } : undefined;

  // One pass of the whole search: a tap after each command counts its rows and scores the next
  // command's predicates on them as they stream by, keeping only the few nearest rows. Nothing
  // is held but what the commands themselves hold, and no prefix of the search runs twice.
  const rowsOut = commands.map(() => 0);
  const scanners = commands.map((_, i) => (i > 0 ? new InputScanner(predicates[i], nearestCount) : undefined));
  const tap = (i: number, rows: AsyncIterable<Event>): AsyncIterable<Event> =>
    (async function* () {
      const see = (row: Event) => {
        rowsOut[i]++;
        scanners[i + 1]?.add(row);
      };
      const it = rows[Symbol.asyncIterator]();
      let stopped = true;
      try {
        for (let r = await it.next(); !r.done; r = await it.next()) {
          see(r.value);
          yield r.value;
        }
        stopped = false;
      } finally {
        // A later command stopped reading (head): count the rest of this command's output anyway,
        // as a search that ended here would have produced it.
        if (stopped) for (let r = await it.next(); !r.done; r = await it.next()) see(r.value);
      }
    })();
  // When that scan covered only a part of the input, the search's own input to its first command
  // (what its raw-text pre-filter kept from the whole input) is scored too as it streams by in
  // the pass below, for nearest events beyond that part. Only a search whose first command alone
  // reads events.
  const searched = partial && commands.length > 0 && !readsEventsElsewhere(pipeline) ? new InputScanner(predicates[0], nearestCount) : undefined;
  const observed = searched ? observeFirstInput(source, commands[0], searched) : source;
  for await (const row of runPipeline(pipeline, observed, { tap })) void row;

  const stages: StageReport[] = [];
  let killer: number | undefined;
  let nearest: Explanation['nearest'] = [];
  let nearestFrom: Explanation['nearestFrom'];
  for (let i = 0; i < commands.length; i++) {
    const scan = i === 0 ? firstScan : scanners[i];
    const skipped = i === 0 && firstScan ? (opts.skipped?.() ?? 0) : 0;
    let rowsIn = i === 0 ? (firstScan?.count ?? -1) : rowsOut[i - 1];
    let inputName = i === 0 ? first.name : 'rows of the previous command';
    // Events of a search are its input whether read or skipped; a data model's share of the
    // skipped events is unknown (finding it would mean extracting them), so it is said apart.
    if (skipped > 0 && !first.dataset) rowsIn += skipped;
    else if (skipped > 0) inputName += ` (and ${skipped} events not examined: their raw text holds no term of these clauses)`;
    if (i === 0 && firstScan && firstScan.count === 0 && first.dataset) {
      // Nothing reached the data model: say what was read, so a mapping gap is visible. The scan
      // that just ended knows when it was given its extent; otherwise the events are read again.
      let read: { count: number; kinds: string[] };
      if (extent) read = { count: extent.read + skipped, kinds: extent.kinds };
      else {
        const before = opts.skipped?.() ?? 0;
        read = await describeEvents((opts.everything ?? source).events());
        read.count += (opts.skipped?.() ?? 0) - before;
      }
      inputName = `${first.dataset} events — none of the ${read.count} events read map to it${read.kinds.length ? `; they are ${read.kinds.join(', ')}` : ''}`;
    }
    const reports = scan ? predicates[i].map((p, j) => ({ text: p.text, satisfied: scan.satisfied[j] })) : [];
    const stage: StageReport = {
      index: i + 1,
      command: describeCommand(commands[i], opts.text),
      rowsIn,
      rowsOut: rowsOut[i],
      input: inputName,
      predicates: reports,
    };
    if (i === 0 && partial) stage.partial = partial;
    stages.push(stage);
    if (rowsOut[i] === 0) {
      killer = i + 1;
      if (scan && predicates[i].length > 0) {
        // Over a part of the input the nearest events may lie beyond it: the search's own rows
        // (read from the whole input) compete too. Over all of it they add nothing new.
        if (i === 0 && partial && searched) {
          nearestFrom = { scanned: scan.count, searched: searched.count };
          scan.absorb(searched);
        }
        nearest = scan.nearest();
      }
      break;
    }
  }
  const explanation: Explanation = { stages, killer, nearest, nearestFrom, text: '' };
  explanation.text = render(explanation);
  return explanation;
}

/** What the first command read: rows to scan (streamed from the source) and how to name them. */
function stageInput(command: Command, source: EngineSource): { rows?: AsyncIterable<Event>; name: string; dataset?: string } {
  if (command.cmd === 'tstats' && command.datamodel) {
    const name = datasetName(command.datamodel, command.nodename);
    return { rows: source.datamodel(name), name: `${name} events`, dataset: name };
  }
  if (command.cmd === 'search') return { rows: source.events(), name: 'events' };
  return { name: 'generated rows' };
}

/** The source, with the first command's input also handed to `scanner` as it streams by. */
function observeFirstInput(source: EngineSource, command: Command, scanner: InputScanner): EngineSource {
  const observe = (rows: AsyncIterable<Event>): AsyncIterable<Event> =>
    (async function* () {
      for await (const row of rows) {
        scanner.add(row);
        yield row;
      }
    })();
  if (command.cmd === 'tstats' && command.datamodel) {
    const name = datasetName(command.datamodel, command.nodename);
    return {
      ...source,
      datamodel: (dataset) => {
        const rows = source.datamodel(dataset);
        return rows && dataset === name ? observe(rows) : rows;
      },
    };
  }
  if (command.cmd === 'search') return { ...source, events: () => observe(source.events()) };
  return source;
}

/** How many events were read and their first five `sourcetype (source)` kinds, in one streamed pass. */
async function describeEvents(events: AsyncIterable<Event>): Promise<{ count: number; kinds: string[] }> {
  let count = 0;
  const kinds = new Set<string>();
  for await (const e of events) {
    count++;
    if (kinds.size < 5) kinds.add(`${String(e.sourcetype ?? '?')} (${String(e.source ?? '?')})`);
  }
  return { count, kinds: [...kinds] };
}

interface Candidate {
  i: number;
  score: number;
  distance: number;
  filled: number;
  failed: string[];
  values: Record<string, string>;
  key: string;
}

/**
 * Most predicates satisfied first; among equals, the event whose values come closest to the
 * failing patterns (edit distance), then the one with most of the fields set, then file order.
 */
function byNearness(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.distance - b.distance || b.filled - a.filled || a.i - b.i;
}

/**
 * A command's input, scanned row by row: the row count, how many rows satisfy each predicate and
 * the nearest rows: the best-ranked row of each distinct set of predicate-field values (rows
 * identical as far as the predicates can tell count once), best first. Only a bounded set of
 * candidates is kept: a value set ranked below the best `keep` others can never reach the final
 * `nearestCount`, so the result is that of ranking every row.
 */
class InputScanner {
  count = 0;
  readonly satisfied: number[];
  private readonly fields: string[];
  private readonly tests: Array<(event: Event) => boolean>;
  private readonly keep: number;
  private readonly results: boolean[];
  private candidates = new Map<string, Candidate>();

  constructor(
    private readonly predicates: Predicate[],
    private readonly nearestCount: number,
  ) {
    this.fields = unique(predicates.flatMap((p) => p.fields));
    this.tests = predicates.map((p) => safe(p.test));
    this.satisfied = predicates.map(() => 0);
    this.keep = Math.max(64, nearestCount * 8);
    this.results = new Array<boolean>(predicates.length);
  }

  add(row: Event): void {
    const i = this.count++;
    const { tests, results, predicates, fields } = this;
    let score = 0;
    for (let j = 0; j < tests.length; j++) {
      results[j] = tests[j](row);
      if (results[j]) {
        this.satisfied[j]++;
        score++;
      }
    }
    if (this.nearestCount === 0 || score === 0) return;
    let distance = 0;
    for (let j = 0; j < predicates.length; j++) if (!results[j]) distance += predicates[j].distance(row);
    const values: Record<string, string> = {};
    for (const f of fields) values[f] = show(row[f]);
    const key = JSON.stringify(values);
    const failed = predicates.filter((_, j) => !results[j]).map((p) => p.text);
    const candidate: Candidate = { i, score, distance, filled: filled(row, fields), failed, values, key };
    const known = this.candidates.get(key);
    if (known && byNearness(known, candidate) <= 0) return;
    this.candidates.set(key, candidate);
    if (this.candidates.size > this.keep * 2) {
      this.candidates = new Map(
        [...this.candidates.values()]
          .sort(byNearness)
          .slice(0, this.keep)
          .map((c) => [c.key, c] as [string, Candidate]),
      );
    }
  }

  /**
   * Takes in another scan's candidates over the same predicates (the rows the search itself read):
   * a value set already known keeps its better row; theirs rank after this scan's rows on a tie.
   */
  absorb(other: InputScanner): void {
    for (const c of other.candidates.values()) {
      const candidate = { ...c, i: this.count + c.i };
      const known = this.candidates.get(c.key);
      if (!known || byNearness(known, candidate) > 0) this.candidates.set(c.key, candidate);
    }
  }

  nearest(): Explanation['nearest'] {
    return [...this.candidates.values()]
      .sort(byNearness)
      .slice(0, this.nearestCount)
      .map((c) => ({ satisfied: c.score, of: this.predicates.length, failed: c.failed, values: c.values }));
  }
}

function predicatesOf(command: Command, text: string, now: number): Predicate[] {
  const slice = (span: Span) => text.slice(span.start, span.end).trim();
  if ((command.cmd === 'search' && command.expr) || (command.cmd === 'tstats' && command.where)) {
    const expr = (command.cmd === 'search' ? command.expr : command.where)!;
    return conjuncts(expr).map((e) => ({
      text: slice(e.span),
      fields: searchFields(e),
      test: compileSearch(e),
      distance: (ev: Event) => searchDistance(e, ev),
    }));
  }
  if (command.cmd === 'where') {
    return evalConjuncts(command.expr).map((e) => ({
      text: slice(e.span),
      fields: evalFields(e),
      test: (event: Event) => isTruthy(evaluate(e, event, { now })),
      distance: (ev: Event) => evalDistance(e, ev),
    }));
  }
  return [];
}

function conjuncts(expr: SearchExpr): SearchExpr[] {
  return expr.type === 'and' ? expr.items.flatMap(conjuncts) : [expr];
}

function evalConjuncts(expr: EvalExpr): EvalExpr[] {
  return expr.type === 'binary' && expr.op === 'AND' ? [...evalConjuncts(expr.left), ...evalConjuncts(expr.right)] : [expr];
}

/** The fields an expression reads, in order of first use (a subsearch's fields are its own). */
function exprFields(root: Node): string[] {
  const fields: string[] = [];
  walk(root, (n) => {
    if (n.kind === 'pipeline') return false;
    if (n.kind === 'search' && (n.node.type === 'compare' || n.node.type === 'in')) fields.push(n.node.field);
    if (n.kind === 'search' && n.node.type === 'term') fields.push('_raw');
    if (n.kind === 'eval' && n.node.type === 'field') fields.push(n.node.name);
  });
  return unique(fields);
}

const searchFields = (expr: SearchExpr): string[] => exprFields(searchNode(expr));
const evalFields = (expr: EvalExpr): string[] => exprFields(evalNode(expr));

/**
 * How many character edits would make the event satisfy a search predicate: for `field=pattern`,
 * the edits that let each literal piece of the pattern occur in the value (approximate substring
 * matching); alternatives take their best branch. Negations and terms give 0 (no estimate).
 */
function searchDistance(expr: SearchExpr, event: Event): number {
  switch (expr.type) {
    case 'or':
      return Math.min(...expr.items.map((e) => searchDistance(e, event)));
    case 'and':
      return expr.items.reduce((sum, e) => sum + searchDistance(e, event), 0);
    case 'compare':
      return expr.op === '=' ? patternDistance(expr.value.text, event[expr.field]) : 0;
    case 'in':
      return Math.min(...expr.values.map((v) => patternDistance(v.text, event[expr.field])));
    case 'not':
    case 'term':
    case 'subsearch':
      return 0;
    default:
      return assertNever(expr);
  }
}

/** The same estimate for `where` clauses: `like(f, "%x%")`, `f LIKE ...`, `f="x"`; alternatives take their best branch. */
function evalDistance(expr: EvalExpr, event: Event): number {
  const literal = (e: EvalExpr) => (e.type === 'string' ? e.value : undefined);
  const likeDistance = (field: EvalExpr, pattern: EvalExpr) => {
    const p = literal(pattern);
    return field.type === 'field' && p !== undefined ? patternDistance(p.replace(/%/g, '*'), event[field.name]) : 0;
  };
  if (expr.type === 'call' && expr.name === 'like' && expr.args.length === 2) return likeDistance(expr.args[0], expr.args[1]);
  if (expr.type === 'binary') {
    if (expr.op === 'LIKE') return likeDistance(expr.left, expr.right);
    if (expr.op === 'OR') return Math.min(evalDistance(expr.left, event), evalDistance(expr.right, event));
    if (expr.op === 'AND') return evalDistance(expr.left, event) + evalDistance(expr.right, event);
    if ((expr.op === '=' || expr.op === '==') && expr.left.type === 'field' && literal(expr.right) !== undefined) {
      return patternDistance(literal(expr.right)!.replace(/\*/g, ''), event[expr.left.name]);
    }
  }
  return 0;
}

function patternDistance(pattern: string, value: FieldValue | undefined): number {
  const pieces = pattern
    .toLowerCase()
    .split('*')
    .filter((p) => p !== '');
  const worst = pieces.reduce((n, p) => n + p.length, 0);
  if (value === undefined) return worst + 1;
  const values = (Array.isArray(value) ? value : [value]).map((v) => String(v).toLowerCase());
  const anchored = !pattern.includes('*');
  return Math.min(...values.map((v) => (anchored ? editDistance(pattern.toLowerCase(), v) : pieces.reduce((n, p) => n + substringDistance(p, v), 0))));
}

/** Sellers' algorithm: the fewest edits turning `needle` into some substring of `hay`. */
function substringDistance(needle: string, hay: string): number {
  let prev = new Array<number>(hay.length + 1).fill(0);
  for (let i = 1; i <= needle.length; i++) {
    const cur = new Array<number>(hay.length + 1);
    cur[0] = i;
    for (let j = 1; j <= hay.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (needle[i - 1] === hay[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return Math.min(...prev);
}

function filled(row: Event, fields: string[]): number {
  return fields.filter((f) => row[f] !== undefined).length;
}

function show(v: FieldValue | undefined): string {
  if (v === undefined) return '(null)';
  const text = Array.isArray(v) ? v.map(String).join(' | ') : String(v);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function safe(test: (e: Event) => boolean): (e: Event) => boolean {
  return (e) => {
    try {
      return test(e);
    } catch {
      return false;
    }
  };
}

function describeCommand(command: Command, text: string): string {
  const full = text.slice(command.span.start, command.span.end).replace(/\s+/g, ' ').trim();
  return full.length > 120 ? `${full.slice(0, 117)}...` : full;
}

function render(x: Explanation): string {
  const lines: string[] = [];
  if (x.killer === undefined) {
    lines.push('every command kept some rows, yet the search returned none');
  } else {
    const k = x.stages[x.killer - 1];
    lines.push(`no rows after command ${k.index}: ${k.command}`);
  }
  lines.push('rows after each command:');
  for (const s of x.stages) lines.push(`  ${s.index}. ${s.command}  →  ${s.rowsOut} row${s.rowsOut === 1 ? '' : 's'}`);
  for (const s of x.stages) {
    if (!s.predicates.length) continue;
    lines.push(`predicates of command ${s.index}, over ${s.rowsIn} ${s.input}:`);
    if (s.partial) lines.push(`  ${describePart(s.partial)}`);
    for (const p of s.predicates) {
      const mark = p.satisfied === 0 ? '✗' : '✓';
      const kill = p.satisfied === 0 ? `   ← no event${s.partial ? ' read' : ''} satisfies this clause` : '';
      lines.push(`  ${mark} ${p.text}  (${p.satisfied} of ${s.rowsIn})${kill}`);
    }
    if (x.killer === s.index && s.predicates.every((p) => p.satisfied > 0)) {
      lines.push('  each clause holds for some event, but no single event satisfies them all');
    }
  }
  if (x.nearest.length) {
    const from = x.nearestFrom;
    const searched = from && from.searched > 0 ? ` and the ${from.searched} the search itself read from the whole input` : '';
    lines.push(from ? `nearest events, among those of that part${searched}:` : 'nearest events:');
    x.nearest.forEach((n, i) => {
      lines.push(`  #${i + 1} satisfies ${n.satisfied} of ${n.of}; fails: ${n.failed.join('; ') || '(none)'}`);
      for (const [f, v] of Object.entries(n.values)) lines.push(`      ${f} = ${v}`);
    });
  } else if (x.killer !== undefined) {
    const k = x.stages[x.killer - 1];
    const where = k.partial ? ' in the part of the input read' : '';
    if (k.rowsIn === 0) lines.push(`command ${k.index} had no input${where}: ${k.input === 'events' ? 'the dataset produced no events' : `0 ${k.input}`}`);
  }
  return lines.join('\n');
}

/** Which part of the input a partial scan covered, and that its counts are of that part only. */
function describePart(part: NonNullable<StageReport['partial']>): string {
  const mb = (n: number) => (n < 2 ** 20 ? `${(n / 2 ** 10).toFixed(1)} kB` : `${(n / 2 ** 20).toFixed(1)} MB`);
  const whole = part.totalBytes !== undefined ? `the ${mb(part.totalBytes)} input` : 'the input';
  return `(counts over the first ${mb(part.chars)} of ${whole} only: the explanation's scan stops at its budget, docs/RUNNER.md)`;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
