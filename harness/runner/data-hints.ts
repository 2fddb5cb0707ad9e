/**
 * Why a failing test's data may never have had a chance: hints for the verdict's reasons, so that a
 * misspelt sourcetype or a dataset mapped to another data model does not read as "0 rows" alone.
 * - a sourcetype (or its source) that no source table of harness/ingest/sources matches: its
 *   events have only the reader's fields, and no eventtype or tag, so no data model takes them;
 * - a search whose first command reads a data model dataset (`tstats … from datamodel=`, `from
 *   datamodel:`) that none of the test's events reach, with the datasets they reached instead.
 */
import type { EngineSource, Event } from '../engine/types.js';
import { datasetName } from '../engine/commands/lib/datamodel.js';
import { fromDataset } from '../engine/commands/from.js';
import { datasetsOf } from '../ingest/datamodel.js';
import { hasSourceTable, sourceTableSourcetypes } from '../ingest/normalize.js';
import type { DatasetMeta } from '../ingest/types.js';
import type { Pipeline } from '../spl/ast.js';
import { editDistance } from '../common/text.js';

/** Events looked at to say where the data went: enough for the kinds, bounded for a large dataset. */
const SAMPLE_EVENTS = 5000;

/** One hint per sourcetype/source of the test's data that no source table maps. */
export function mappingHints(metas: readonly Pick<DatasetMeta, 'sourcetype' | 'source'>[]): string[] {
  const hints: string[] = [];
  const seen = new Set<string>();
  for (const { sourcetype, source } of metas) {
    const key = `${sourcetype}\u0000${source}`;
    if (seen.has(key) || hasSourceTable(sourcetype, source)) continue;
    seen.add(key);
    if (hasSourceTable(sourcetype)) {
      hints.push(
        `hint: source '${source}' has no field mapping for sourcetype '${sourcetype}': the source tables of that sourcetype (harness/ingest/sources) name other sources, so its events get no add-on fields, eventtype or tag`,
      );
      continue;
    }
    const near = nearestSourcetype(sourcetype);
    hints.push(
      `hint: sourcetype '${sourcetype}' has no field mapping: no source table in harness/ingest/sources matches it${near ? ` (did you mean '${near}'?)` : ''}, so its events have only the reader's fields, and no eventtype or tag for a data model`,
    );
  }
  return hints;
}

function nearestSourcetype(sourcetype: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(sourcetype.length / 4));
  for (const known of sourceTableSourcetypes()) {
    if (known.includes('*')) continue;
    const d = editDistance(sourcetype.toLowerCase(), known.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

/** The data model dataset the pipeline's first command reads, if any. */
export function datasetRead(pipeline: Pipeline): { name: string; command: string } | undefined {
  const first = pipeline.commands[0];
  if (first?.cmd === 'tstats' && first.datamodel) return { name: datasetName(first.datamodel, first.nodename), command: 'tstats' };
  if (first?.cmd === 'from') {
    const name = fromDataset(first);
    if (name) return { name, command: 'from' };
  }
  return undefined;
}

/**
 * When the search reads a data model dataset and no event reaches it: which datasets the events
 * reached instead (counted over the first SAMPLE_EVENTS events), or that they reached none.
 */
export async function datamodelHint(pipeline: Pipeline, source: EngineSource): Promise<string | undefined> {
  const read = datasetRead(pipeline);
  if (!read) return undefined;
  const rows = source.datamodel(read.name);
  if (!rows) return undefined; // an unsupported dataset is reported as unsupported, not here
  for await (const _ of rows) return undefined;

  let total = 0;
  let unmapped = 0;
  const reached = new Map<string, number>();
  const kinds = new Set<string>();
  for await (const e of source.events()) {
    if (++total > SAMPLE_EVENTS) {
      total--;
      break;
    }
    if (kinds.size < 3) kinds.add(`${String(e.sourcetype)}`);
    const datasets = datasetsOf(e as Event);
    if (!datasets.length) unmapped++;
    for (const d of datasets) reached.set(d, (reached.get(d) ?? 0) + 1);
  }
  const head = `hint: no event reaches the data model dataset ${read.name} that ${read.command} reads`;
  if (total === 0) return `${head}: the test has no events`;
  const where = [...reached]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([d, n]) => `${d} (${n})`);
  const of = `${total === SAMPLE_EVENTS ? `the first ${total}` : `its ${total}`} event(s) (sourcetype ${[...kinds].join(', ')})`;
  if (!where.length) return `${head}: ${of} reach no data model dataset (no eventtype or tag puts them in one)`;
  return `${head}: ${of} reach ${where.join(', ')}${unmapped ? `, and ${unmapped} reach none` : ''}`;
}
