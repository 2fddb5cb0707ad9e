/**
 * `spl-harness search`: the harness's search bar. Reads dataset files as one sourcetype/source,
 * extracts fields as the add-ons do, expands the content's macros in the SPL, runs it through
 * the engine and prints the rows: a table (multivalue fields one value per line) or JSON lines.
 */
import { resolve } from 'node:path';
import { loadContent } from '../../content/load.js';
import type { Content } from '../../content/types.js';
import { expandMacros } from '../../spl/expand.js';
import { parseSearch } from '../../spl/parse.js';
import { runPipeline, PipelineError } from '../../engine/run.js';
import { UnsupportedError, type EngineSource, type Event } from '../../engine/types.js';
import { mvValues, toText } from '../../engine/values.js';
import { readDataset } from '../../ingest/read.js';
import { normalizeStream } from '../../ingest/normalize.js';
import { parseCommandArgs, UsageError, withUsage } from '../args.js';
import { contentSource } from '../../runner/source.js';

const HELP = `usage: spl-harness search --data FILE [--data FILE ...] --sourcetype ST --source SRC
                          [--content DIR] [--format pretty|json] '<SPL>'

Runs any SPL over dataset files, with the content's macros and lookups: the search bar for
writing and debugging a detection. Each --data file is read as the given sourcetype and source.

options:
  --data FILE        a dataset file (repeatable)
  --sourcetype ST    sourcetype of the files, e.g. XmlWinEventLog
  --source SRC       source of the files, e.g. XmlWinEventLog:Microsoft-Windows-Sysmon/Operational
  --host HOST        host field of the events (optional)
  --content DIR      content root for macros and lookups (default: .)
  --format FORMAT    pretty (default) or json (one JSON object per row)
`;

/** An EngineSource over dataset files: normalized events, data model datasets, content lookups. */
export function fileSource(files: string[], meta: { sourcetype: string; source: string; host?: string }, content: Content): EngineSource {
  const events = () =>
    normalizeStream(
      (async function* () {
        for (const f of files) yield* readDataset(f, meta);
      })(),
    );
  return contentSource(content, events);
}

/** A position marker under the search text for an error at `offset`. */
function caret(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  return `  ${line}\n  ${' '.repeat(Math.max(0, offset - lineStart))}^`;
}

const MAX_CELL = 120;

/** Rows as a text table; a multivalue cell takes one line per value. */
export function renderTable(rows: Event[]): string {
  if (!rows.length) return '(no results)\n';
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (r[k] === undefined || seen.has(k)) continue;
      seen.add(k);
      columns.push(k);
    }
  }
  const cells = rows.map((r) =>
    columns.map((c) =>
      mvValues(r[c]).map((v) => {
        const t = (toText(v) ?? '').replace(/\r?\n/g, '⏎');
        return t.length > MAX_CELL ? t.slice(0, MAX_CELL - 1) + '…' : t;
      }),
    ),
  );
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => Math.max(0, ...row[i].map((v) => v.length)))));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const out = [line(columns), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of cells) {
    const height = Math.max(1, ...row.map((c) => c.length));
    for (let h = 0; h < height; h++) out.push(line(row.map((c) => c[h] ?? '')));
  }
  out.push('', `${rows.length} row${rows.length === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const parsed = parseCommandArgs(
      argv,
      {
        data: { type: 'string', multiple: true },
        sourcetype: { type: 'string' },
        source: { type: 'string' },
        host: { type: 'string' },
        content: { type: 'string' },
        format: { type: 'string' },
      },
      HELP,
    );
    if (!parsed) return 0;
    const v = parsed.values;
    const files = (v.data as string[] | undefined) ?? [];
    const format = (v.format as string | undefined) ?? 'pretty';
    if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format must be pretty or json, not ${format}\n\n${HELP}`);
    if (parsed.positionals.length !== 1) throw new UsageError(`expected one SPL search argument\n\n${HELP}`);
    if (files.length && (!v.sourcetype || !v.source)) throw new UsageError(`--data needs --sourcetype and --source\n\n${HELP}`);
    const spl = parsed.positionals[0];

    const content = loadContent(resolve((v.content as string | undefined) ?? '.'), { skipDetections: true });
    const expansion = expandMacros(spl, content.macros);
    if (expansion.errors.length) {
      for (const e of expansion.errors) process.stderr.write(`spl-harness search: ${e.message}\n${caret(spl, e.span.start)}\n`);
      return 2;
    }
    const { pipeline, errors } = parseSearch(expansion.text);
    if (errors.length) {
      for (const e of errors) process.stderr.write(`spl-harness search: ${e.message}\n${caret(expansion.text, e.span.start)}\n`);
      return 2;
    }
    const source = fileSource(
      files.map((f) => resolve(f)),
      { sourcetype: v.sourcetype as string, source: v.source as string, host: v.host as string | undefined },
      content,
    );
    const rows: Event[] = [];
    try {
      for await (const row of runPipeline(pipeline, source)) {
        if (format === 'json') process.stdout.write(JSON.stringify(row) + '\n');
        else rows.push(row);
      }
    } catch (err) {
      if (err instanceof UnsupportedError) {
        process.stderr.write(`spl-harness search: ${err.message}\n`);
        return 2;
      }
      if (err instanceof PipelineError) {
        process.stderr.write(`spl-harness search: ${err.message}\n${caret(expansion.text, err.span.start)}\n`);
        return 2;
      }
      process.stderr.write(`spl-harness search: ${(err as Error).message}\n`);
      return 2;
    }
    if (format === 'pretty') process.stdout.write(renderTable(rows));
    return 0;
  });
}
