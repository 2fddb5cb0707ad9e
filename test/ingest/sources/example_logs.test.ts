/**
 * Golden test over ESCU's data source definitions: every `example_log` of a source we have a
 * source table for is read through the real reader, normalized, and (where the data source maps
 * fields into a CIM dataset) projected onto that dataset; each mapped field is asserted.
 *
 * The mappings' values are computed from the raw event: `Raw: Dataset.field` expects the raw
 * value; `Raw|endswith` the file name of it. A mapping that is not exact in ESCU's own file is
 * accepted only in the documented ways below (CIM field semantics), or listed in DEVIATIONS with
 * the reason.
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { datamodelEvent } from '../../../harness/ingest/datamodel.js';
import { normalizeEvent, sourceTablesFor } from '../../../harness/ingest/normalize.js';
import { readDataset } from '../../../harness/ingest/read.js';
import type { Event, FieldValue } from '../../../harness/engine/types.js';
import { ESCU, describeShared } from '../../support/shared.js';

interface DataSource {
  name: string;
  source: string;
  sourcetype: string;
  example_log?: string;
  field_mappings?: Array<{ data_model: string; data_set?: string; mapping?: Record<string, string> }>;
}

/** Mappings where ESCU's file is loose and the add-on (which we follow) does otherwise. */
const DEVIATIONS: Record<string, Record<string, string>> = {
  'Windows Event Log Security 4688': {
    // The add-on's user for 4688 is the subject's account name (src_user), not its SID.
    'Processes.user': 'SubjectUserName',
  },
  'CrowdStrike ProcessRollup2': {
    // The FDR add-on prefers the account name; this event carries only the SID, so they agree.
  },
};

const text = (v: FieldValue | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v.map(String) : String(v));
const basename = (s: string) => s.slice(Math.max(s.lastIndexOf('\\'), s.lastIndexOf('/')) + 1);

/** Whether `got` (the dataset field) is what the raw value `raw` maps to, for dataset field `target`. */
function agrees(target: string, raw: string, got: FieldValue | undefined, endswith: boolean): boolean {
  const g = text(got);
  if (g === undefined || Array.isArray(g)) return false;
  const expected = endswith ? basename(raw) : raw;
  if (g === expected) return true;
  const field = target.slice(target.lastIndexOf('.') + 1);
  // CIM *_name fields are file names: a mapping from a path means its last component.
  if (field.endsWith('_name') && g === basename(raw)) return true;
  // Windows writes process ids in hex; the CIM's process ids are numbers.
  if (field.endsWith('_id') && /^0x[0-9a-f]+$/i.test(raw) && Number(g) === parseInt(raw, 16)) return true;
  // The Processes dataset lower-cases the integrity level.
  if (field === 'process_integrity_level' && g === raw.toLowerCase()) return true;
  return false;
}

async function readExample(ds: DataSource): Promise<Event[]> {
  const dir = mkdtempSync(join(tmpdir(), 'spl-harness-example-'));
  const file = join(dir, 'example.log');
  writeFileSync(file, ds.example_log!);
  const out: Event[] = [];
  const warnings: string[] = [];
  for await (const e of readDataset(file, { source: ds.source, sourcetype: ds.sourcetype }, { onWarning: (w) => warnings.push(w.message) })) out.push(e);
  // Some of ESCU's example logs are cut short in the YAML itself; the reader says so and still
  // yields the event. Any other warning is a failure.
  expect(warnings.filter((w) => !/not closed/.test(w)), `${ds.name}: reader warnings`).toEqual([]);
  return out;
}

describeShared('every supported example_log in security_content/data_sources', () => {
  const dir = join(ESCU, 'data_sources');
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => parse(readFileSync(join(dir, f), 'utf8')) as DataSource)
    .filter((d) => typeof d.example_log === 'string' && d.example_log.trim() !== '');
  const supported = sources.filter((d) => sourceTablesFor({ source: d.source, sourcetype: d.sourcetype }).length > 0);

  it('covers a meaningful share of the data sources', () => {
    // A floor that rises as tables are added: a dropped table fails here.
    expect(supported.length).toBeGreaterThanOrEqual(90);
  });

  it.each(supported.map((d) => [d.name, d] as const))('%s', async (_name, ds) => {
    const events = await readExample(ds);
    expect(events.length).toBeGreaterThanOrEqual(1);
    const event = normalizeEvent(events[0]);
    expect(event.tag, `${ds.name}: tags`).toBeDefined();

    for (const fm of ds.field_mappings ?? []) {
      if (fm.data_model !== 'cim' || !fm.data_set || !fm.mapping) continue;
      const row = datamodelEvent(fm.data_set, event);
      expect(row, `${ds.name} is in ${fm.data_set}`).toBeDefined();
      for (const [rawSpec, target] of Object.entries(fm.mapping)) {
        const endswith = rawSpec.endsWith('|endswith');
        const rawField = rawSpec.replace(/\|endswith$/, '');
        const deviation = DEVIATIONS[ds.name]?.[target];
        const raw = text(events[0][deviation ?? rawField]);
        if (raw === undefined || Array.isArray(raw)) continue; // the example lacks this field
        const got = row![target];
        expect(agrees(target, raw, got, endswith && !deviation), `${ds.name}: ${target} from ${deviation ?? rawSpec} = ${JSON.stringify(raw)}, got ${JSON.stringify(got)}`).toBe(true);
      }
    }
  });
});
