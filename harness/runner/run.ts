import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Content, Severity } from '../content/types.js';
import type { FilterMacroMode, MirrorRule } from '../config.js';
import type { EngineSource, Event } from '../engine/types.js';
import { UnsupportedError } from '../engine/types.js';
import { runPipeline, checkSupport } from '../engine/run.js';
import { findLookup } from '../engine/lookup.js';
import { readDataset } from '../ingest/read.js';
import { normalizeFresh } from '../ingest/normalize.js';
import { resolveDataset } from '../datasets/index.js';
import { describeError } from '../datasets/errors.js';
import type { DatasetUse, TestResult, TestStatus } from '../report/types.js';
import type { Command, Pipeline } from '../spl/ast.js';
import { compileSearchText, searchLocator, type CompiledSearch } from './compile.js';
import { clauseCoverage } from './clauses.js';
import { mutationRun } from './mutate.js';
import { judgePassRule, observableCompleteness } from './assert.js';
import { locateFilter, filterDefinition, judgeFilter, SUPPRESS_ALL_FILTER } from './filter-check.js';
import { checkRisk } from './risk-check.js';
import { explainTestMiss } from './explain-input.js';
import { datamodelHint, mappingHints } from './data-hints.js';
import { prefilterOf, rawNeed, readerNeed, readsEventsElsewhere, type RawNeed } from './prefilter.js';
import { contentLookupResolver, lookupKeys } from './lookup-need.js';
import { dependsOnEventOrder } from '../engine/order.js';
import { SOURCE_CACHE_BYTES, sourceCacheFor } from './source-cache.js';
import type { PlannedTest } from './plan.js';
import { RUNNER_RULES, RUNNER_RULE_DEFAULTS } from '../report/rules.js';
import { contentSource, eventTime, newestTime, nowAfter } from './source.js';
import { datasetLineage } from '../ingest/datamodel.js';

/**
 * Running one detection test: resolve its datasets, read each file with that entry's source and
 * sourcetype, normalise, evaluate the search, then judge — the ESCU pass rule, sidecar row
 * counts, and the checks Splunk's pipeline never made (filter macro, risk). Whatever goes wrong
 * ends as this test's status with a reason; nothing here throws past one test.
 */

export interface RunOptions {
  mirrors: MirrorRule[];
  noMirror?: boolean;
  offline?: boolean;
  cacheDir?: string;
  /** Directories besides the content root and mirrors that local `data:` may read (datasets/confine.ts). */
  allowDataDirs?: string[];
  /** Severity of the runner's own checks by rule id (`test-filter-macro`, `test-risk-message`, ...); default error. */
  rules?: Record<string, Severity | 'off'>;
  /** `required`: a missing `<name>_filter` macro is an unknown macro instead of `search *` (config.ts). */
  filterMacros?: FilterMacroMode;
  /** Each test's time budget, enforced by stopping its worker thread (runner/pool.ts); 0 = none; default 5 minutes. */
  testTimeoutMs?: number;
  /** Read every event, even those the raw-text pre-filter shows the search cannot match (runner/prefilter.ts). */
  noPrefilter?: boolean;
  /** No "why no hit" explanation for a failing true positive (nightly shards that need only the verdict). */
  noExplain?: boolean;
  /** Run test by test: no dataset groups, no events kept between tests (groups.ts, source-cache.ts). */
  noGroup?: boolean;
  /** Clause coverage: which leaves of the search the test data exercised (runner/clauses.ts). */
  coverage?: boolean;
  /** Mutation testing: run the test against each mutant of the search (runner/mutate.ts). */
  mutate?: boolean;
}

/** Rule ids of the checks beyond Splunk's pass rule; `spl-harness.yml` `rules:` can re-grade them. */
export { RUNNER_RULES, RUNNER_RULE_DEFAULTS };

/** One input file of a prepared test: where it is and how to read it. */
export interface InputFile {
  path: string;
  meta: { source: string; sourcetype: string; host?: string; index?: string };
  /**
   * What an event's raw text must hold to be read (runner/prefilter.ts): the test's own
   * requirement, or the union of the requirements of every test the pool groups on this file.
   */
  need?: RawNeed;
  /** The union of the requirements of every test the pool groups on this file (groups.ts). */
  groupNeed?: RawNeed;
}

/**
 * A test whose search compiles and whose datasets are local: everything a worker thread needs
 * to finish it (plain data, so it crosses the thread boundary).
 */
export interface PreparedTest {
  key: string;
  /** The result so far: identity, datasets, compile/fetch timings. */
  result: TestResult;
  files: InputFile[];
  /** Bytes to read (files and inline events): what the pool weighs before starting workers. */
  bytes: number;
  /** The detection's search, compiled once by prepareTest and handed over (plain data) instead of compiled again. */
  search?: CompiledSearch;
}

/** Runs one test from start to end in this thread. */
export async function runTest(content: Content, test: PlannedTest, opts: RunOptions): Promise<TestResult> {
  const prepared = await prepareTest(content, test, opts);
  return 'done' in prepared ? prepared.done : executeTest(content, test, prepared, opts);
}

function newResult(test: PlannedTest): TestResult {
  const d = test.detection;
  const manual = d.tags.manual_test;
  return {
    key: test.key,
    id: d.id,
    name: d.name,
    file: d.file.relPath,
    test: test.name,
    status: 'passed',
    rows: 0,
    reasons: [],
    timings: {},
    datasets: test.datasets.map((x) => ({ url: x.ref })),
    // tags are the YAML as written: keep only the string ids.
    mitre_attack_id: Array.isArray(d.tags.mitre_attack_id) ? d.tags.mitre_attack_id.filter((t): t is string => typeof t === 'string') : undefined,
    // `line` is a line of `file` (the detection); a sidecar case lives in another file, which
    // its failures name instead (see caseLocation).
    line: test.kind === 'escu' ? test.line : undefined,
    detection_status: d.status,
    detection_type: d.type,
    data_source: d.data_source,
    search: d.search,
    manual_test: manual === undefined || manual === null ? undefined : String(manual),
  };
}

/** Where a sidecar case is defined, for the reasons of a case that did not pass. */
function caseLocation(test: PlannedTest): string[] {
  return test.kind === 'case' ? [`(case defined at ${test.lineFile}:${test.line})`] : [];
}

export function settle(result: TestResult, status: TestStatus, reasons: string[]): TestResult {
  result.status = status;
  result.reasons.push(...reasons);
  result.timings.total = Object.entries(result.timings).reduce((sum, [k, v]) => (k === 'total' ? sum : sum + v), 0);
  return result;
}

/**
 * The I/O half of a test, done on the main thread: skip, compile (an unknown macro or an
 * unsupported feature ends the test here, before any download), then resolve every dataset
 * through mirrors, the cache or the network. Returns either the finished result or the
 * prepared test for `executeTest`.
 */
export async function prepareTest(content: Content, test: PlannedTest, opts: RunOptions): Promise<{ done: TestResult } | PreparedTest> {
  const result = newResult(test);
  if (test.skip) return { done: settle(result, test.skip.status, [test.skip.reason]) };
  const d = test.detection;
  try {
    if (!d.search.trim()) return { done: settle(result, 'error', [`${d.file.relPath}:${d.file.locateKey(['search']).line}: the detection has no search`]) };
    let t = performance.now();
    const full = compileSearchText(d.search, content, d.file, opts);
    if (full.errors.length) return { done: settle(result, 'error', full.errors) };
    const missing = checkSupport(full.pipeline);
    if (missing.length)
      return {
        done: settle(
          result,
          'unsupported',
          missing.map((m) => `unsupported ${m.kind}: ${m.name}`),
        ),
      };
    result.timings.compile = ms(t);

    t = performance.now();
    const uses: DatasetUse[] = [];
    const files: InputFile[] = [];
    let bytes = (test.sidecar?.events ?? []).reduce((n, e) => n + e.raw.length, 0);
    for (const ds of test.datasets) {
      try {
        const r = await resolveDataset(ds.ref, {
          contentRoot: content.root,
          mirrors: opts.mirrors,
          noMirror: opts.noMirror,
          offline: opts.offline,
          cacheDir: opts.cacheDir,
          allowDataDirs: opts.allowDataDirs,
        });
        uses.push({ url: ds.ref, resolved: r.path, sha256: r.sha256 });
        // A stale cached copy (the server failed) or a refetched corrupt one: the run says so.
        for (const w of r.warnings ?? []) result.reasons.push(`warning: ${w}`);
        bytes += r.size;
        const meta = { source: ds.source, sourcetype: ds.sourcetype, host: ds.host, index: ds.index };
        const need = opts.noPrefilter ? true : rawNeed(full.pipeline, meta, contentLookupResolver(content));
        for (const path of r.paths ?? [r.path]) files.push({ path, meta, need });
      } catch (err) {
        result.datasets = [...uses, ...test.datasets.slice(uses.length).map((x) => ({ url: x.ref }))];
        result.timings.fetch = ms(t);
        // Dataset errors start with the URL they concern: said once, not twice.
        const message = describeError(err);
        const reason = message.startsWith(`${ds.ref}: `) ? message.slice(ds.ref.length + 2) : message;
        return { done: settle(result, 'error', [`dataset ${ds.ref}: ${reason}`, ...caseLocation(test)]) };
      }
    }
    result.datasets = uses;
    result.timings.fetch = ms(t);
    return { key: test.key, result, files, bytes, search: full };
  } catch (err) {
    return { done: settle(result, 'error', [`${(err as Error)?.name ?? 'Error'}: ${describeError(err)}`]) };
  }
}

/** A test's search as it runs: the whole search, and the search without its filter macro plus the filter alone when it has one. */
export interface RunnableSearch {
  full: CompiledSearch;
  split?: FilterSplit;
  filter: ReturnType<typeof locateFilter>;
  /** Each input file's raw-text requirement for this test's own search (`true`: none). */
  own: RawNeed[];
  /**
   * True when `own` also asks for a lookup's keys (lookup-need.ts): it then skips events the first
   * command keeps but a later filter drops, so a pass that reports on each command's rows (the
   * explanation, clause coverage) reads with the first command's requirement alone.
   */
  keyed: boolean;
}

/** What the search pass gives: the rows, and with a filter macro the rows without it and with the suppress-all filter. */
export interface SearchPass {
  rows: Event[];
  base?: Event[];
  suppressed?: Event[];
}

/** The test's search, compiled for running (or the errors that end it). */
export function runnableSearch(content: Content, test: PlannedTest, prepared: PreparedTest, opts: RunOptions): RunnableSearch | { errors: string[] } {
  const d = test.detection;
  const filter = locateFilter(d);
  const full = prepared.search ?? compileSearchText(d.search, content, d.file, opts);
  if (full.errors.length) return { errors: full.errors };
  const split = filter.baseSearch !== undefined ? compileFilterSplit(filter.baseSearch, filter.callText!, content, opts) : undefined;
  const lookups = contentLookupResolver(content);
  const own = prepared.files.map((f) => (opts.noPrefilter ? true : (f.need ?? rawNeed(full.pipeline, f.meta, lookups))));
  const keyed = !opts.noPrefilter && !readsEventsElsewhere(full.pipeline) && lookupKeys(full.pipeline, lookups) !== undefined;
  return { full, split, filter, own, keyed };
}

/** Runs the search over the source: once without its filter, then each filter variant over those rows. */
export async function searchPass(search: RunnableSearch, source: EngineSource): Promise<SearchPass> {
  const run = search.split?.base ?? search.full.pipeline;
  return filterPass(search, await collect(runPipeline(run, source)), source);
}

/** The pass's rows given the rows of the search without its filter macro (`base`): the filter and the suppress-all filter over them. */
export async function filterPass(search: RunnableSearch, base: Event[], source: EngineSource): Promise<SearchPass> {
  const { split } = search;
  if (!split) return { rows: base };
  const overBase = { ...source, events: () => fromArray(base) };
  return { base, rows: await collect(runPipeline(split.filter, overBase)), suppressed: await collect(runPipeline(split.suppress, overBase)) };
}

/** The CPU half of a test (any thread): read and normalise the events, evaluate, judge. */
export async function executeTest(content: Content, test: PlannedTest, prepared: PreparedTest, opts: RunOptions): Promise<TestResult> {
  const result = prepared.result;
  try {
    let t = performance.now();
    const search = runnableSearch(content, test, prepared, opts);
    if ('errors' in search) return settle(result, 'error', search.errors);
    result.timings.compile = (result.timings.compile ?? 0) + ms(t);

    t = performance.now();
    const inline = test.sidecar?.events ?? [];
    const { own } = search;
    const how = readShape(test, prepared, search);
    const cached = async () => {
      // Tests of one dataset read it once, with the union of their pre-filters (groups.ts), when
      // what that keeps can be held (source-cache.ts); otherwise each reads with its own, which is
      // never worse than running test by test. Inline sidecar events are the test's own.
      if (inline.length || opts.noGroup || (how.elsewhere && !opts.noPrefilter) || (!how.streamed && prepared.bytes > SOURCE_CACHE_BYTES))
        return aloneSource(content, test, prepared, search, opts);
      const group = prepared.files.map((f, i) => (opts.noPrefilter ? true : (f.groupNeed ?? own[i])));
      const cache = sourceCacheFor(content);
      const key = JSON.stringify(prepared.files.map((f, i) => [f.path, f.meta, group[i]]));
      const hit = cache.get(key);
      if (hit) return hit;
      // A large file is only known to fit once read: a group whose union did not is not tried again.
      if (cache.unheld(key)) return aloneSource(content, test, prepared, search, opts);
      const made = await testSource(
        content,
        test,
        prepared,
        group.map((need) => prefilterOf(need)?.keep),
        how,
      );
      const held = how.streamed ? (made as HeldSource).heldBytes : prepared.bytes;
      if (held !== undefined) cache.put(key, made, held);
      else cache.markUnheld(key);
      return made;
    };
    const source = await cached();
    result.timings.read = ms(t);

    t = performance.now();
    const pass = await searchPass(search, source);
    result.timings.search = ms(t);
    return await judgeTest(content, test, prepared, opts, search, pass, source);
  } catch (err) {
    return settleError(content, result, err);
  }
}

/**
 * How a test's events are read: streamed from disk (a large test without inline events) or held;
 * whether its rows may depend on their order; whether it reads in several places.
 */
export function readShape(test: PlannedTest, prepared: PreparedTest, search: RunnableSearch): { streamed: boolean; ordered: boolean; elsewhere: boolean } {
  const pipeline = search.full.pipeline;
  const elsewhere = readsEventsElsewhere(pipeline);
  const streamed = prepared.bytes > STREAM_THRESHOLD_BYTES && !(test.sidecar?.events?.length ?? 0);
  return { streamed, ordered: dependsOnEventOrder(pipeline, elsewhere), elsewhere };
}

/**
 * The source a test reads by itself: its events pre-filtered by its own search's requirement; for a
 * search that reads in several places (a subsearch, a join, a map), which has no one requirement for
 * its whole source, each read pre-filtered by its own command (readerSource).
 */
export function aloneSource(content: Content, test: PlannedTest, prepared: PreparedTest, search: RunnableSearch, opts: RunOptions): Promise<EngineSource> {
  const how = readShape(test, prepared, search);
  if (how.elsewhere && !opts.noPrefilter && !(test.sidecar?.events?.length ?? 0)) return readerSource(content, test, prepared, how);
  return testSource(
    content,
    test,
    prepared,
    search.own.map((need) => prefilterOf(need)?.keep),
    how,
  );
}

/**
 * The test's events as a source, read with the given pre-filters (undefined: every event): held
 * in memory newest first, or for a large test streamed from disk (streamingSource).
 */
export async function testSource(
  content: Content,
  test: PlannedTest,
  prepared: PreparedTest,
  keeps: Array<((raw: string) => boolean) | undefined>,
  how: { streamed: boolean; ordered: boolean },
): Promise<EngineSource> {
  const files = prepared.files.map((f, i) => ({ ...f, keep: keeps[i] }));
  if (how.streamed) return streamingSource(content, files, HOLD_BUDGET_BYTES, how.ordered);
  const read = await readEvents(files, test.sidecar?.events ?? []);
  return engineSource(content, newestFirst(read.events), read.newestSkipped);
}

/**
 * The test's events for a search that reads in several places: each reading command (a leading
 * `search`, a tstats, in the search or a subsearch or a map's search) gets them pre-filtered by what
 * its own filter requires (prefilter.ts readerNeed), read when first asked for and kept for the same
 * requirement; "now" from one pass over the events' times, as reading them all would give it.
 */
export async function readerSource(
  content: Content,
  test: PlannedTest,
  prepared: PreparedTest,
  how: { streamed: boolean; ordered: boolean },
): Promise<EngineSource> {
  const now = nowAfter(await newestTime(prepared.files));
  const made = new Map<string, Promise<EngineSource>>();
  const sourceFor = (reader: Command | undefined): Promise<EngineSource> => {
    const needs = prepared.files.map((f) => readerNeed(reader, f.meta));
    const key = JSON.stringify(needs);
    let source = made.get(key);
    if (!source) {
      source = testSource(
        content,
        test,
        prepared,
        needs.map((need) => prefilterOf(need)?.keep),
        how,
      );
      made.set(key, source);
    }
    return source;
  };
  const later = (rows: () => Promise<AsyncIterable<Event> | undefined>): AsyncIterable<Event> =>
    (async function* () {
      const it = await rows();
      if (it) yield* it;
    })();
  const source = contentSource(content, () => later(async () => (await sourceFor(undefined)).events()), { now });
  source.events = (reader) => later(async () => (await sourceFor(reader)).events(reader));
  source.datamodel = (dataset, reader) => (datasetLineage(dataset) ? later(async () => (await sourceFor(reader)).datamodel(dataset, reader)) : undefined);
  return source;
}

/** A test that ended in an exception: unsupported when the engine lacks a feature, else an error. */
export function settleError(content: Content, result: TestResult, err: unknown): TestResult {
  if (err instanceof UnsupportedError) {
    // A lookup the content defines whose CSV is missing is the content's error, not a gap of the engine.
    const broken = err.features.flatMap((m) => {
      const l = m.kind === 'lookup' ? findLookup(content, m.name) : undefined;
      return l && !l.csvPath && l.filename ? [`lookup ${m.name}: ${l.file.relPath} names ${l.filename}, which does not exist beside it`] : [];
    });
    if (broken.length) return settle(result, 'error', broken);
    return settle(
      result,
      'unsupported',
      err.features.map((m) => `unsupported ${m.kind}: ${m.name}`),
    );
  }
  return settle(result, 'error', [`${(err as Error)?.name ?? 'Error'}: ${describeError(err)}`]);
}

/**
 * Judges the search pass: the pass rule, sidecar row counts, the filter-macro and risk checks,
 * and for a miss the explanation; then clause coverage and mutants when asked. `source` is the
 * one the pass read; later passes (explanation, coverage) read it again.
 */
export async function judgeTest(
  content: Content,
  test: PlannedTest,
  prepared: PreparedTest,
  opts: RunOptions,
  search: RunnableSearch,
  pass: SearchPass,
  source: EngineSource,
): Promise<TestResult> {
  const d = test.detection;
  const result = prepared.result;
  const finish = (status: TestStatus, reasons: string[] = []) => settle(result, status, reasons);
  const { full, split, filter, own } = search;
  const { rows, base, suppressed } = pass;
  const inline = test.sidecar?.events ?? [];
  result.rows = rows.length;
  // Every row of every command, as the search without its lookup-key requirement reads them.
  let commandRows: Promise<EngineSource> | undefined;
  const commandSource = (): Promise<EngineSource> =>
    (commandRows ??= search.keyed
      ? testSource(
          content,
          test,
          prepared,
          prepared.files.map((f) => prefilterOf(rawNeed(full.pipeline, f.meta))?.keep),
          readShape(test, prepared, search),
        )
      : Promise.resolve(source));

  let t = performance.now();
  const failures: string[] = [];
  const notes: string[] = [];
  let noInput = false;
  const graded = (rule: string, message: string) => {
    const severity = opts.rules?.[rule] ?? RUNNER_RULE_DEFAULTS[rule as keyof typeof RUNNER_RULE_DEFAULTS] ?? 'error';
    if (severity === 'off') return;
    (severity === 'error' ? failures : notes).push(severity === 'error' ? message : `${severity}: ${message}`);
  };
  const verdict = judgeRows(test, rows);
  failures.push(...verdict.failures);
  if (test.expect !== 'negative') {
    result.decided_by = verdict.decidedBy;
    if (verdict.passRule) for (const f of observableCompleteness(d, rows)) graded('test-observable-incomplete', f);
    for (const p of filter.problems) graded('test-filter-macro', p);
    if (split && base) {
      const outcome = judgeFilter(filterDefinition(content, filter.call!), base, rows, suppressed);
      for (const p of outcome.problems) graded('test-filter-macro', p);
      notes.push(...outcome.notes);
    }
    const risk = checkRisk(d, rows);
    for (const f of risk.findings) graded(f.rule, f.message);
    if (risk.message !== undefined && failures.length === 0) notes.push(`risk message: ${risk.message}`);
    if (rows.length === 0 && !opts.noExplain) {
      if (base && base.length > 0) {
        result.explanation = `the search finds ${base.length} rows, and the filter macro \`${filter.call!.name}\` removes all of them`;
      } else {
        try {
          // Over the search pass's source and a scan of the files within a budget (explain-input.ts).
          const explained = await explainTestMiss(content, full, await commandSource(), {
            files: prepared.files,
            bytes: prepared.bytes,
            inline: inline.length > 0,
            noPrefilter: opts.noPrefilter,
          });
          result.explanation = explained.text;
          noInput = explained.noInput;
        } catch (err) {
          result.explanation = `(no explanation: ${describeError(err)})`;
        }
      }
    }
  }
  if (failures.length && test.expect !== 'negative') {
    // Why the data may never have had a chance: an unmapped sourcetype, a data model not reached.
    failures.push(...mappingHints([...prepared.files.map((f) => f.meta), ...inline]));
    // Where the data went is a question about all of it, not only what the pre-filter kept: a
    // pass of its own, so asked only when the explanation found no input for the first command.
    if (noInput) {
      try {
        const all = inline.length ? source : fileOrderSource(content, prepared.files, source.now);
        const hint = await datamodelHint(full.pipeline, all);
        if (hint) failures.push(hint);
      } catch {
        // A hint is a courtesy: the verdict stands without it.
      }
    }
  }
  result.timings.checks = ms(t);

  if (opts.coverage || opts.mutate) {
    const locate = searchLocator(d.search, content, d.file);
    if (opts.coverage) {
      t = performance.now();
      result.coverage = await clauseCoverage(full.pipeline, await commandSource(), { text: full.text, locate });
      result.timings.coverage = ms(t);
    }
    if (opts.mutate) {
      t = performance.now();
      // A mutant may match events the original's raw-text pre-filter skipped: mutants read everything.
      const all = own.some((need) => need !== true)
        ? await testSource(
            content,
            test,
            prepared,
            own.map(() => undefined),
            readShape(test, prepared, search),
          )
        : source;
      result.mutation = await mutationRun(full.pipeline, all, { text: full.text, locate, judge: (r) => judgeRows(test, r).failures.length === 0 });
      result.timings.mutate = ms(t);
    }
  }
  return failures.length ? finish('failed', [...failures, ...notes, ...caseLocation(test)]) : finish('passed', notes);
}

/**
 * What the test asserts of the search's rows alone: none for a negative test; contentctl's pass
 * rule and a sidecar case's row counts for a positive one (the filter-macro and risk checks aside).
 */
export function judgeRows(test: PlannedTest, rows: Event[]): { failures: string[]; passRule: boolean; decidedBy?: string } {
  if (test.expect === 'negative') {
    return { failures: rows.length > 0 ? [`expected no results, got ${rows.length}; first row: ${preview(rows[0])}`] : [], passRule: rows.length === 0 };
  }
  const verdict = judgePassRule(test.detection, rows);
  const failures = [...verdict.reasons];
  const c = test.sidecar;
  if (c?.exactRows !== undefined && rows.length !== c.exactRows) failures.push(`expected exactly ${c.exactRows} rows, got ${rows.length}`);
  if (c?.minRows !== undefined && rows.length < c.minRows) failures.push(`expected at least ${c.minRows} rows, got ${rows.length}`);
  return { failures, passRule: verdict.passed, decidedBy: verdict.decidedBy };
}

interface FilterSplit {
  base: Pipeline;
  filter: Pipeline;
  suppress: Pipeline;
}

/** The search without its trailing filter, the filter alone, and the suppress-all variant; undefined when any does not compile. */
function compileFilterSplit(baseSearch: string, callText: string, content: Content, opts: RunOptions): FilterSplit | undefined {
  const base = compileSearchText(baseSearch, content, undefined, opts);
  const filter = compileSearchText(`| ${callText}`, content, undefined, opts);
  const suppress = compileSearchText(SUPPRESS_ALL_FILTER, content);
  if (base.errors.length || filter.errors.length || suppress.errors.length) return undefined;
  if (checkSupport(filter.pipeline).length || checkSupport(suppress.pipeline).length) return undefined;
  return { base: base.pipeline, filter: filter.pipeline, suppress: suppress.pipeline };
}

/** An input file, with the raw-text pre-filter of the search when one applies. */
type FilteredInput = InputFile & { keep?: (raw: string) => boolean };

/** The later of a newest time so far and an event time (which may be missing or not a number). */
function later(newest: number, time: number): number {
  return Number.isFinite(time) && time > newest ? time : newest;
}

/**
 * Reads every file and the inline events, normalised as Splunk's add-ons would at search time;
 * `newestSkipped` is the newest time among the events a pre-filter skipped (0 when none).
 */
async function readEvents(
  files: FilteredInput[],
  inline: Array<{ raw: string; source: string; sourcetype: string; host?: string; index?: string }>,
): Promise<{ events: Event[]; newestSkipped: number }> {
  const events: Event[] = [];
  let newestSkipped = 0;
  const skipped = (time: number) => {
    newestSkipped = later(newestSkipped, time);
  };
  for (const f of files) {
    const options = f.keep ? { prefilter: { keep: f.keep, skipped } } : undefined;
    for await (const e of normalizeFresh(readDataset(f.path, f.meta, options))) events.push(e);
  }
  if (inline.length) {
    // Inline events go through the same reader as a file would: one temporary file per input.
    const dir = mkdtempSync(join(tmpdir(), 'spl-harness-inline-'));
    try {
      let n = 0;
      for (const e of inline) {
        const path = join(dir, `event-${n++}.log`);
        writeFileSync(path, e.raw.endsWith('\n') ? e.raw : `${e.raw}\n`);
        for await (const x of normalizeFresh(readDataset(path, { source: e.source, sourcetype: e.sourcetype, host: e.host, index: e.index }))) {
          // The temporary path is an implementation detail; Splunk's source is the one declared.
          events.push(x);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { events, newestSkipped };
}

/**
 * The engine's view of the test's data. `now` is one second after the newest event, so that
 * searches with relative time windows (`relative_time(now(), "-7d")`) see the replayed data as
 * recent — Splunk's replay re-timestamps attack data to the test run for the same reason.
 */
export function engineSource(content: Content, events: Event[], newestSkipped = 0): EngineSource {
  let newest = newestSkipped;
  for (const e of events) newest = later(newest, Number(e._time));
  // Each data model dataset is built once per test (on first use) and replayed from memory after.
  return contentSource(content, () => fromArray(events), { newest, holdDatamodels: true });
}

/**
 * Above this much input a test's events are not held in memory: every pass of the search reads
 * the files again, so memory stays bounded whatever the dataset size (some are 500 MB).
 */
export const STREAM_THRESHOLD_BYTES = 64 * 2 ** 20;

/**
 * Raw bytes of a large test's (pre-filtered) events that may be held in memory to hand them to the
 * search newest first in one go; above it, the order is produced by time windows (streamingSource).
 */
export const HOLD_BUDGET_BYTES = 32 * 2 ** 20;

/**
 * The engine's view of a large test's data, read from disk, in Splunk's order (newest first) with
 * bounded memory. A first pass reads every file (pre-filtered) and keeps the events while their raw
 * text fits `holdBytes`: then they are sorted newest first and served from memory (no further read).
 * Otherwise only their times are kept; each later pass of the search reads the files once per time
 * window, newest window first, and sorts within the window, each window holding at most about
 * `holdBytes` of events. A window's read extracts only the window's events: the others are skipped
 * by their place among the records the reader asks about, before a field is read. Ties keep file
 * order, as in newestFirst; a window of one time value is streamed as read. With `ordered` false
 * (the search cannot tell the order) there are no windows: each pass reads the files in file order.
 * `now` comes from the newest event, skipped ones included (see engineSource).
 */
export async function streamingSource(content: Content, files: FilteredInput[], holdBytes = HOLD_BUDGET_BYTES, ordered = true): Promise<HeldSource> {
  let newest = 0;
  const seen = (time: number) => {
    newest = later(newest, time);
  };
  const read = (f: FilteredInput, keep?: (raw: string) => boolean, onSkipped?: (time: number) => void) =>
    normalizeFresh(readDataset(f.path, f.meta, keep ? { prefilter: { keep, skipped: onSkipped } } : undefined));

  let held: Event[] | undefined = [];
  let bytes = 0;
  const times: number[] = [];
  // Where each kept event is among the records the reader asked about (it asks right before it
  // yields one): a later pass over one time window then extracts only that window's events.
  const places = files.map(() => ({ asked: 0, events: [] as number[], times: [] as number[] }));
  for (const [i, f] of files.entries()) {
    const place = places[i];
    let last = -1;
    const keep = (raw: string) => {
      last = place.asked++;
      return f.keep ? f.keep(raw) : true;
    };
    for await (const e of read(f, keep, seen)) {
      const t = eventTime(e);
      seen(t);
      times.push(t);
      if (last >= 0) {
        place.events.push(last);
        place.times.push(t);
      }
      bytes += typeof e._raw === 'string' ? e._raw.length : 256;
      if (held && bytes <= holdBytes) held.push(e);
      else held = undefined;
    }
  }
  if (held) return Object.assign(engineSource(content, newestFirst(held), newest), { heldBytes: bytes });
  const now = newest > 0 ? Math.floor(newest) + 1 : Math.floor(Date.now() / 1000);
  // A search whose rows do not depend on the order of its events (engine/order.ts) reads them in
  // file order: one pass each time, no windows.
  if (!ordered) return fileOrderSource(content, files, now);

  const windows = timeWindows(times, Math.max(1, Math.floor(times.length * (holdBytes / bytes))));
  times.length = 0;
  /** The records of file `i` to extract for window `w` (undefined: its reader asks nothing; extract all). */
  const recordsIn = (i: number, w: { from: number; to: number }): ((raw: string) => boolean) | undefined => {
    const place = places[i];
    if (place.asked === 0) return files[i].keep;
    const want = new Uint8Array(place.asked);
    place.events.forEach((record, k) => {
      const t = place.times[k];
      if (t >= w.from && t <= w.to) want[record] = 1;
    });
    let at = 0;
    return () => want[at++] === 1;
  };
  const events = (): AsyncIterable<Event> =>
    (async function* () {
      for (const w of windows) {
        const inWindow: Event[] = [];
        for (const [i, f] of files.entries()) {
          for await (const e of read(f, recordsIn(i, w))) {
            const t = eventTime(e);
            if (t < w.from || t > w.to) continue;
            if (w.from === w.to) yield e;
            else inWindow.push(e);
          }
        }
        yield* newestFirst(inWindow);
      }
    })();
  return contentSource(content, events, { newest });
}

/**
 * A test's events read in file order on every pass, never held: for searches and hints whose result
 * does not depend on the order (an order-free search over a large file, the data-model hint).
 */
function fileOrderSource(content: Content, files: FilteredInput[], now: number): EngineSource {
  const events = (): AsyncIterable<Event> =>
    (async function* () {
      for (const f of files) yield* normalizeFresh(readDataset(f.path, f.meta, f.keep ? { prefilter: { keep: f.keep } } : undefined));
    })();
  return contentSource(content, events, { now });
}

/** A source, and when its events are held in memory, their raw bytes. */
type HeldSource = EngineSource & { heldBytes?: number };

/**
 * Cuts the event times into windows, newest first, of at most `perWindow` events each where the
 * times allow: a window never splits one time value, so events of one second stay in file order.
 */
export function timeWindows(times: number[], perWindow: number): Array<{ from: number; to: number }> {
  const sorted = Float64Array.from(times).sort().reverse();
  const windows: Array<{ from: number; to: number }> = [];
  let i = 0;
  while (i < sorted.length) {
    const to = sorted[i];
    let j = Math.min(i + perWindow, sorted.length) - 1;
    // Extend to the end of the last time value, or stop before it when the window has others.
    if (j + 1 < sorted.length && sorted[j + 1] === sorted[j]) {
      let k = j;
      while (k >= i && sorted[k] === sorted[j]) k--;
      if (k >= i) j = k;
      else while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]) j++;
    }
    windows.push({ from: sorted[j], to });
    i = j + 1;
  }
  return windows;
}

/**
 * Splunk returns events newest first ("search results are in reverse chronological order"), which
 * decides what `dedup`, `head`, `first()` and `last()` keep; a stable sort keeps file order on ties.
 */
export function newestFirst(events: Event[]): Event[] {
  return events.sort((a, b) => eventTime(b) - eventTime(a));
}

async function* fromArray(events: Event[]): AsyncIterable<Event> {
  yield* events;
}

async function collect(it: AsyncIterable<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of it) out.push(e);
  return out;
}

function ms(since: number): number {
  return Math.round(performance.now() - since);
}

function preview(row: Event): string {
  const text = JSON.stringify(row);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
