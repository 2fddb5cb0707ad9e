/**
 * What the "why no hit" explanation of a failing test reads, and what that may cost.
 *
 * The explanation (explain.ts) counts how many events satisfy each clause of the first command
 * and ranks the nearest events, over every event of the input, not only those the search's own
 * raw-text pre-filter kept. That is a second read of the test's files, in file order, with a
 * relaxed pre-filter (prefilter.ts `explainNeed`): an event that may satisfy one clause is
 * extracted and normalised, any other is skipped on its raw text and only counted.
 *
 * On a large file that read can cost several times the search's own pass (a clause without a
 * literal lets every event through: each is extracted while the search extracted almost none).
 * So the read has a budget proportional to the input the search pass went through: it stops
 * once its work reaches `EXPLAIN_SHARE` of the input's size, never less than `EXPLAIN_FLOOR`.
 * Work is counted deterministically, so that the same test explains the same way on any machine,
 * thread or load: an event skipped on its raw text costs its length, an event extracted
 * `EXTRACT_WEIGHT` times its length (what extraction, normalisation and data model mapping cost
 * against a raw-text scan, measured on Sysmon XML). A scan that stops says so in the
 * explanation, with how much of the input its counts are of.
 */
import { open, stat } from 'node:fs/promises';
import type { Content } from '../content/types.js';
import type { EngineSource, Event } from '../engine/types.js';
import { readDataset } from '../ingest/read.js';
import { normalizeFresh } from '../ingest/normalize.js';
import type { DatasetMeta } from '../ingest/types.js';
import type { Pipeline } from '../spl/ast.js';
import { explainNoHit, type Explanation, type ScanExtent } from './explain.js';
import { explainNeed, prefilterOf } from './prefilter.js';
import { contentSource } from './source.js';

/**
 * The share of the input's size (in raw characters of work) the explanation's scan may spend.
 * Half, not all that a 2x target would allow: in a test whose search pass skipped almost every
 * event on its raw text, extraction has not run yet, and its first thousand Sysmon events cost
 * about 0.2 s more than the steady rate `EXTRACT_WEIGHT` counts (the JIT warming up).
 */
export const EXPLAIN_SHARE = 0.5;

/**
 * Extracting, normalising and mapping an event costs about this many times scanning its raw
 * text: 205.7 MB of Sysmon XML take 0.52 s to scan and skip, 3.37 s to extract, normalise and
 * map to Endpoint.Processes (docs/BENCHMARKS.md); rounded up for the scoring on top.
 */
export const EXTRACT_WEIGHT = 7;

/**
 * Below this much work a scan is never cut: a dataset of up to 9 MB is always explained over all
 * its events (up to 64 MB when the relaxed pre-filter skips most of them), at a cost of a few
 * tenths of a second at most.
 */
export const EXPLAIN_FLOOR = 64 * 2 ** 20;

/** The explanation's work budget, in characters of raw text, for an input of `inputBytes`. */
export function explainBudget(inputBytes: number): number {
  return Math.max(EXPLAIN_FLOOR, EXPLAIN_SHARE * inputBytes);
}

export interface MissInput {
  /** The test's files and how each is read (runner/run.ts `InputFile`). */
  files: Array<{ path: string; meta: DatasetMeta }>;
  /** Their size in bytes (inline events included): what the budget is proportional to. */
  bytes: number;
  /** The test has inline sidecar events: its source holds every event, and is scanned itself. */
  inline: boolean;
  /** Read every event, pre-filter or not (`--no-prefilter`). */
  noPrefilter?: boolean;
  /** The work budget (default `explainBudget(bytes)`); tests set a small one. */
  budget?: number;
}

/**
 * The explanation of a true positive with zero rows, over the search pass's `source` and a scan
 * of the test's files within budget. `noInput`: the first command had no input at all (asked only
 * of a whole scan: a part of the input says nothing of the rest).
 */
export async function explainTestMiss(
  content: Content,
  search: { pipeline: Pipeline; text: string },
  source: EngineSource,
  input: MissInput,
): Promise<{ text: string; noInput: boolean; explanation: Explanation }> {
  if (input.inline) {
    const x = await explainNoHit(search.pipeline, source, { text: search.text });
    return { text: x.text, noInput: x.stages[0]?.rowsIn === 0, explanation: x };
  }
  let skipped = 0;
  const files = input.files.map((f) => ({
    path: f.path,
    meta: f.meta,
    keep: input.noPrefilter ? undefined : prefilterOf(explainNeed(search.pipeline, f.meta))?.keep,
  }));
  const scan = budgetedScan(content, files, source.now, input.budget ?? explainBudget(input.bytes), () => skipped++);
  const x = await explainNoHit(search.pipeline, source, { text: search.text, everything: scan.source, skipped: () => skipped, extent: scan.extent });
  const whole = scan.extent().complete;
  return { text: x.text, noInput: whole && x.stages[0]?.rowsIn === 0, explanation: x };
}

/** A file to scan, with the raw-text test an event must pass to be extracted. */
export interface ScanFile {
  path: string;
  meta: DatasetMeta;
  keep?: (raw: string) => boolean;
}

/**
 * The files' events in file order, normalised, each pass (each call of `events()`) stopping once
 * its work reaches `budget`; `extent()` tells how far the latest pass got. `onSkipped` hears each
 * event skipped on its raw text.
 */
export function budgetedScan(
  content: Content,
  files: ScanFile[],
  now: number,
  budget: number,
  onSkipped?: () => void,
): { source: EngineSource; extent: () => ScanExtent } {
  let extent: ScanExtent = { complete: true, chars: 0, read: 0, kinds: [] };
  const totalBytes = inputSize(files.map((f) => f.path));
  const events = (): AsyncIterable<Event> =>
    (async function* () {
      const pass: ScanExtent = { complete: false, chars: 0, read: 0, kinds: [] };
      extent = pass;
      pass.totalBytes = await totalBytes;
      let spent = 0;
      const kinds = new Set<string>();
      for (const f of files) {
        const test = f.keep;
        // An event skipped on its raw text costs its length. Once the budget is spent the next
        // event is let through instead, so that the loop below sees it and stops there.
        const keep =
          test &&
          ((raw: string) => {
            if (spent >= budget || test(raw)) return true;
            spent += raw.length;
            pass.chars += raw.length;
            return false;
          });
        const read = readDataset(f.path, f.meta, keep ? { prefilter: { keep, skipped: onSkipped } } : undefined);
        for await (const e of normalizeFresh(read)) {
          if (spent >= budget) return;
          const length = typeof e._raw === 'string' ? e._raw.length : 256;
          spent += EXTRACT_WEIGHT * length;
          pass.chars += length;
          pass.read++;
          if (kinds.size < 5) {
            kinds.add(`${String(e.sourcetype ?? '?')} (${String(e.source ?? '?')})`);
            pass.kinds = [...kinds];
          }
          yield e;
        }
      }
      pass.complete = true;
    })();
  return { source: contentSource(content, events, { now }), extent: () => extent };
}

/** The files' total size in bytes, or undefined when one is compressed (its text is larger than its size). */
async function inputSize(paths: string[]): Promise<number | undefined> {
  let total = 0;
  for (const path of paths) {
    try {
      const handle = await open(path, 'r');
      try {
        const head = Buffer.alloc(2);
        await handle.read(head, 0, 2, 0);
        if (head[0] === 0x1f && head[1] === 0x8b) return undefined;
      } finally {
        await handle.close();
      }
      total += (await stat(path)).size;
    } catch {
      return undefined;
    }
  }
  return total;
}
