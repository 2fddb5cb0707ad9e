import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Content } from '../content/types.js';
import type { Event } from '../engine/types.js';
import type { Command } from '../spl/ast.js';
import { runPipeline } from '../engine/run.js';
import { compileSearch } from '../engine/match.js';
import { datasetName } from '../engine/commands/lib/datamodel.js';
import { readDataset } from '../ingest/read.js';
import { normalizeFresh } from '../ingest/normalize.js';
import { datamodelEvents } from '../ingest/datamodel.js';
import { engineSource, judgeRows, newestFirst, prepareTest, type InputFile, type RunOptions } from './run.js';
import { prefilterOf, rawNeed } from './prefilter.js';
import { contentLookupResolver } from './lookup-need.js';
import { sidecarPath } from './cases.js';
import type { PlannedTest } from './plan.js';

/**
 * Minimal fixtures: a test's dataset events reduced to a small subset that keeps the verdict and
 * the very same result rows, written as dataset files in the original format (each kept event's
 * raw text, one after another, as the reader reads them) plus a sidecar case pointing at them.
 *
 * The reduction goes from cheap and certain to exhaustive, and every step is checked by running
 * the search over the candidate subset:
 * 1. events the raw-text pre-filter shows the search can never see (runner/prefilter.ts);
 * 2. events that do not satisfy the first command as a whole (its search terms, or the tstats
 *    where over the event's data model row): only events that pass it can reach a result;
 * 3. delta debugging (Zeller's ddmin) over what is left: remove chunks, halving the chunk size
 *    when no chunk can go, until no single event can be removed.
 * A step whose subset changes the outcome is skipped (a subsearch or a lookup may need the
 * events a step drops). The written files are read back and checked once more.
 */

export interface ShrinkOptions extends RunOptions {
  /** Where the dataset files and the sidecar case are written. */
  output: string;
  /** Most candidate runs of the search (default 4000): ddmin stops there, with what it has. */
  maxChecks?: number;
}

export interface ShrinkResult {
  detection: string;
  test: string;
  passed: boolean;
  rows: number;
  before: { events: number; bytes: number };
  after: { events: number; bytes: number };
  /** Events left after each step. */
  steps: Array<{ step: string; events: number; kept: boolean }>;
  /** Candidate subsets the search ran over. */
  checks: number;
  /** True when ddmin ran out of checks before it was done. */
  truncated: boolean;
  files: string[];
  sidecar: string;
  /** The written files, read back, give the same verdict and rows. */
  verified: boolean;
}

interface Unit {
  file: number;
  event: Event;
  raw: string;
}

export class ShrinkError extends Error {}

export async function shrinkTest(content: Content, test: PlannedTest, opts: ShrinkOptions): Promise<ShrinkResult> {
  if (test.sidecar?.events.length) throw new ShrinkError(`${test.name}: inline events are already in the sidecar; shrink reduces attack_data files`);
  const prepared = await prepareTest(content, test, opts);
  if ('done' in prepared) throw new ShrinkError(`${test.name}: ${prepared.done.status}: ${prepared.done.reasons.join('; ')}`);
  const search = prepared.search!;
  const files = prepared.files;

  const units: Unit[] = [];
  for (let i = 0; i < files.length; i++) {
    for await (const e of normalizeFresh(readDataset(files[i].path, files[i].meta))) units.push({ file: i, event: e, raw: String(e._raw ?? '') });
  }
  const bytesBefore = files.reduce((n, f) => n + statSync(f.path).size, 0);

  const outcome = async (events: Event[]) => {
    const rows: Event[] = [];
    for await (const r of runPipeline(search.pipeline, engineSource(content, newestFirst(events)))) rows.push(r);
    return { passed: judgeRows(test, rows).failures.length === 0, rows: rows.length, fingerprint: JSON.stringify(rows) };
  };
  const original = await outcome(units.map((u) => u.event));
  let checks = 0;
  const maxChecks = opts.maxChecks ?? 4000;
  const same = async (subset: Unit[]) => {
    checks++;
    const o = await outcome(subset.map((u) => u.event));
    return o.passed === original.passed && o.fingerprint === original.fingerprint;
  };

  let current = units;
  const steps: ShrinkResult['steps'] = [];
  const tryStep = async (step: string, candidate: Unit[]) => {
    const kept = candidate.length < current.length && (await same(candidate));
    if (kept) current = candidate;
    steps.push({ step, events: current.length, kept });
  };
  const keep = files.map((f) => prefilterOf(rawNeed(search.pipeline, f.meta, contentLookupResolver(content)))?.keep);
  await tryStep(
    'raw-text pre-filter',
    current.filter((u) => keep[u.file]?.(u.raw) ?? true),
  );
  // A negative test holds on no events at all: what makes it worth having are the near misses, so
  // it keeps every event the search can see.
  let truncated = false;
  if (test.expect === 'positive') {
    const first = await firstCommandFilter(search.pipeline.commands[0]);
    if (first) {
      const passing: Unit[] = [];
      for (const u of current) if (await first(u.event)) passing.push(u);
      await tryStep('first command', passing);
    }
    const dd = await ddmin(current, same, () => checks >= maxChecks);
    current = dd.units;
    truncated = dd.truncated;
    steps.push({ step: 'delta debugging', events: current.length, kept: true });
  }

  // Write the kept events, file by file in their original order, and the case that reads them.
  mkdirSync(opts.output, { recursive: true });
  const written: Array<{ path: string; meta: InputFile['meta'] }> = [];
  const names = new Set<string>();
  files.forEach((f, i) => {
    const raws = current.filter((u) => u.file === i).map((u) => u.raw);
    if (!raws.length) return;
    let name = basename(f.path).replace(/\.gz$/i, '');
    if (names.has(name)) name = `${i + 1}-${name}`;
    names.add(name);
    const path = resolve(opts.output, name);
    writeFileSync(path, raws.map((r) => (r.endsWith('\n') ? r : `${r}\n`)).join(''));
    written.push({ path, meta: f.meta });
  });
  const readBack: Event[] = [];
  for (const w of written) for await (const e of normalizeFresh(readDataset(w.path, w.meta))) readBack.push(e);
  const back = await outcome(readBack);
  const verified = back.passed === original.passed && back.fingerprint === original.fingerprint;

  const d = test.detection;
  const home = sidecarPath(d.file.relPath, content.root);
  const sidecar = join(opts.output, basename(home));
  writeFileSync(
    sidecar,
    sidecarText(test, written, original.rows, { home: relative(content.root, home), dir: dirname(home) }, { before: units.length, after: current.length }),
  );
  return {
    detection: d.name,
    test: test.name,
    passed: original.passed,
    rows: original.rows,
    before: { events: units.length, bytes: bytesBefore },
    after: { events: current.length, bytes: written.reduce((n, w) => n + statSync(w.path).size, 0) },
    steps,
    checks,
    truncated,
    files: written.map((w) => w.path),
    sidecar,
    verified,
  };
}

/** Whether an event satisfies the first command as a whole; undefined when that command filters nothing we can test per event. */
async function firstCommandFilter(command: Command | undefined): Promise<((e: Event) => Promise<boolean>) | undefined> {
  if (command?.cmd === 'search' && command.expr) {
    const p = compileSearch(command.expr);
    return async (e) => p(e);
  }
  if (command?.cmd === 'tstats' && command.datamodel && command.where) {
    const name = datasetName(command.datamodel, command.nodename);
    const p = compileSearch(command.where);
    return async (e) => {
      const rows = datamodelEvents(name, one(e));
      if (!rows) return true;
      for await (const row of rows) if (p(row)) return true;
      return false;
    };
  }
  return undefined;
}

async function* one(e: Event): AsyncIterable<Event> {
  yield e;
}

/**
 * Zeller and Hildebrandt's ddmin ("Simplifying and Isolating Failure-Inducing Input", 2002):
 * try each chunk alone, then each complement; on success continue from it, else split finer.
 * The result is 1-minimal: removing any single event changes the outcome (unless truncated).
 */
async function ddmin(units: Unit[], same: (subset: Unit[]) => Promise<boolean>, exhausted: () => boolean): Promise<{ units: Unit[]; truncated: boolean }> {
  let current = units;
  let n = 2;
  while (current.length >= 2) {
    if (exhausted()) return { units: current, truncated: true };
    const chunks = split(current, Math.min(n, current.length));
    let next: Unit[] | undefined;
    for (const c of chunks) {
      if (exhausted()) break;
      if (await same(c)) {
        next = c;
        n = 2;
        break;
      }
    }
    if (!next && chunks.length > 2) {
      for (let i = 0; i < chunks.length && !next; i++) {
        if (exhausted()) break;
        const complement = chunks.filter((_, j) => j !== i).flat();
        if (await same(complement)) {
          next = complement;
          n = Math.max(n - 1, 2);
        }
      }
    }
    if (next) {
      current = next;
      continue;
    }
    if (n >= current.length) break;
    n = Math.min(current.length, n * 2);
  }
  // A single event left may still be unnecessary (a negative test, or a search that needs none).
  if (current.length === 1 && !exhausted() && (await same([]))) current = [];
  return { units: current, truncated: false };
}

function split<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = start + Math.floor((xs.length - start) / (n - i));
    out.push(xs.slice(start, end));
    start = end;
  }
  return out.filter((c) => c.length > 0);
}

/** The sidecar case for the shrunk files, its data paths relative to the folder of the detection's sidecar (test_cases/…). */
function sidecarText(
  test: PlannedTest,
  written: Array<{ path: string; meta: InputFile['meta'] }>,
  rows: number,
  sidecar: { home: string; dir: string },
  count: { before: number; after: number },
): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    `# Written by spl-harness shrink: ${count.after} of ${count.before} events of the test ${q(test.name)}, same verdict and rows.`,
    `# Data paths are relative to ${sidecar.home.split('\\').join('/')}: merge this case into that file.`,
    `detection: ${test.detection.id}`,
    'cases:',
    `  - name: ${q(`shrunk: ${test.name}`)}`,
    `    expect: ${test.expect}`,
  ];
  if (test.expect === 'positive' && rows > 0) lines.push(`    exact_rows: ${rows}`);
  if (written.length) lines.push('    attack_data:');
  for (const w of written) {
    lines.push(`      - data: ${q(relative(sidecar.dir, w.path).split('\\').join('/'))}`);
    lines.push(`        source: ${q(w.meta.source)}`);
    lines.push(`        sourcetype: ${q(w.meta.sourcetype)}`);
    if (w.meta.host !== undefined) lines.push(`        host: ${q(w.meta.host)}`);
    if (w.meta.index !== undefined) lines.push(`        index: ${q(w.meta.index)}`);
  }
  return lines.join('\n') + '\n';
}
