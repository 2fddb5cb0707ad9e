/**
 * Golden-test support: run SPL text over in-memory events, data model rows and lookup tables,
 * and collect the result rows.
 */
import { parseSearch } from '../../../harness/spl/parse.js';
import { runPipeline } from '../../../harness/engine/run.js';
import type { EngineSource, Event, LookupTable } from '../../../harness/engine/types.js';

export interface Fixture {
  events?: Event[];
  datamodels?: Record<string, Event[]>;
  lookups?: Record<string, LookupTable>;
  now?: number;
}

export function sourceOf(fx: Fixture): EngineSource & { reads: number } {
  const src = {
    reads: 0,
    now: fx.now ?? 1_700_000_000,
    events() {
      const list = fx.events ?? [];
      return (async function* () {
        for (const e of list) {
          src.reads++;
          yield e;
        }
      })();
    },
    datamodel(name: string) {
      const rows = fx.datamodels?.[name];
      if (!rows) return undefined;
      return (async function* () {
        yield* rows;
      })();
    },
    lookup: (name: string) => fx.lookups?.[name],
  };
  return src;
}

export function parse(spl: string) {
  const { pipeline, errors } = parseSearch(spl);
  if (errors.length) throw new Error(`parse errors in ${spl}: ${errors.map((e) => e.message).join('; ')}`);
  return pipeline;
}

export async function run(spl: string, fx: Fixture = {}): Promise<Event[]> {
  const out: Event[] = [];
  for await (const row of runPipeline(parse(spl), sourceOf(fx))) out.push(row);
  return out;
}

/** A lookup table from a header and rows of cells. */
export function table(name: string, columns: string[], rows: string[][], extra: Partial<LookupTable> = {}): LookupTable {
  return { name, columns, rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? '']))), ...extra };
}
