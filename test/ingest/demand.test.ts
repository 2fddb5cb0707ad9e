/**
 * Soundness of demand-pruned extraction on real data (harness/runner/scan.ts): the shared scan
 * reads, normalises and projects only the fields its tstats searches read (datamodel.ts
 * datasetProjection with `wanted`, normalize.ts fieldDemand/pruneFor/readerFields, the XML
 * reader's ReadOptions.fields). Pruning is an optimisation: it must never change a value a
 * consumer reads. The full pipeline is Splunk's search-time order (extractions, aliases,
 * calculated fields, lookups, event types, tags: Splunk docs, Knowledge Manager Manual, "The
 * sequence of search-time operations"), so it is the oracle: for every wanted row-field set W of
 * a dataset D, the pruned pipeline's row must equal the full pipeline's row restricted to W and
 * the base fields, and both must agree on whether the event is in D at all.
 *
 * `npm test` checks the first 400 events of each file and every FIELD_STRIDE-th field of each
 * dataset (the offset rotating from file to file, so that the suite as a whole covers every
 * field); `npm run test:full` (SPL_HARNESS_FULL=1) checks every event and every field.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { expect, it } from 'vitest';
import type { Event } from '../../harness/common/event.js';
import { datamodelFields, datasetProjection, supportedDatamodels } from '../../harness/ingest/datamodel.js';
import { createNormalizer, fieldDemand, normalizeEvent, normalizeFresh, readerFields, type FieldDemand } from '../../harness/ingest/normalize.js';
import { SOURCE_SPECS } from '../../harness/ingest/sources/index.js';
import { readDataset } from '../../harness/ingest/read.js';
import { EVENTS, SHARED, describeShared, filesUnder, localAttackData } from '../support/shared.js';

const FULL = Boolean(process.env.SPL_HARNESS_FULL);
/** Events read from each file (the same first ones in both paths). */
const LIMIT = FULL ? Infinity : 400;
/** One dataset field in this many gets its own wanted set in each file. */
const FIELD_STRIDE = FULL ? 1 : 4;
/** The XML files one in this many are checked (by position, rotating with the field offset). */
const XML_STRIDE = FULL ? 1 : 7;
/** Per test: `npm run test:full` reads every event of every file, many times. */
const TIMEOUT = FULL ? 3_600_000 : 300_000;

/** Fields every reader gives whatever `fields` says (ReadOptions.fields). */
const READER_DEFAULTS = ['_raw', '_time', 'source', 'sourcetype', 'host', 'index', 'linecount'];
/** Fields every data-model row carries (datamodel.ts BASE_FIELDS). */
const ROW_BASE = ['_time', 'source', 'sourcetype', 'host', 'index'];
const XML_META = { source: 'XmlWinEventLog', sourcetype: 'XmlWinEventLog' };

interface Entry {
  path: string;
  meta: { source: string; sourcetype: string };
  /** XML files of ../shared/events: each event's source is named after its channel. */
  byChannel: boolean;
}

/** The attack_data files that ESCU tests name and that are present locally, one entry per file/source/sourcetype. */
function attackDataEntries(): Entry[] {
  return localAttackData().map(({ path, source, sourcetype }) => ({ path, meta: { source, sourcetype }, byChannel: false }));
}

function xmlEntries(): Entry[] {
  const root = join(EVENTS, 'evtx_xml');
  if (!existsSync(root)) return [];
  return filesUnder(root)
    .filter((f) => f.endsWith('.xml'))
    .map((path) => ({ path, meta: XML_META, byChannel: true }));
}

/** The first LIMIT events of a file, read with `fields` (undefined: every field). */
async function readFirst(entry: Entry, fields?: ReadonlySet<string>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of readDataset(entry.path, entry.meta, fields ? { fields } : undefined)) {
    out.push(e);
    if (out.length >= LIMIT) break;
  }
  return out;
}

/** The source an event is indexed under: the Windows add-on names an XML event's source after its channel. */
const sourceOf = (entry: Entry, raw: Event): string => (entry.byChannel ? `XmlWinEventLog:${String(raw.Channel ?? '')}` : entry.meta.source);

function restrict(event: Event | undefined, keep: ReadonlySet<string>): Event | undefined {
  if (!event) return undefined;
  const out: Event = {};
  for (const [k, v] of Object.entries(event)) if (keep.has(k)) out[k] = v;
  return out;
}

/** A copy nothing else holds (normalizeInPlace writes onto it), multivalues included. */
function own(event: Event): Event {
  const out: Event = {};
  for (const [k, v] of Object.entries(event)) out[k] = Array.isArray(v) ? v.slice() : v;
  return out;
}

async function* fromArray<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

/** The fields that differ between two rows, for a message that says where to look. */
function diff(expected: Event | undefined, actual: Event | undefined): string {
  if (!expected || !actual) return `expected ${expected ? 'a row' : 'no row'}, got ${actual ? JSON.stringify(actual) : 'no row'}`;
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return keys
    .filter((k) => !isDeepStrictEqual(expected[k], actual[k]))
    .map((k) => `${k}: expected ${JSON.stringify(expected[k])}, got ${JSON.stringify(actual[k])}`)
    .join('; ');
}

interface Stats {
  entries: number;
  events: number;
  datasets: number;
  wanted: number;
  reads: number;
  rows: number;
}

interface Check {
  dataset: string;
  wanted: ReadonlySet<string>;
  /** The wanted set as a message names it. */
  label: string;
  project: (event: Event) => Event | undefined;
  demand: FieldDemand;
}

/**
 * Checks one file: the full path once, then every wanted set of every dataset the file has rows
 * in, through a re-read with the fields that wanted set's normalisation needs (one re-read per
 * distinct field set). Returns the mismatches, each naming file, dataset, wanted set and event.
 */
async function checkEntry(entry: Entry, offset: number, stats: Stats): Promise<string[]> {
  const name = relative(SHARED, entry.path);
  const raws = await readFirst(entry);
  if (raws.length === 0) return [];
  const sources = raws.map((raw) => sourceOf(entry, raw));
  const normalized = raws.map((raw, i) => normalizeEvent({ ...raw, source: sources[i] }));
  const metas = [...new Set(sources)].map((source) => ({ source, sourcetype: entry.meta.sourcetype }));

  const checks: Check[] = [];
  const fullRows = new Map<string, Array<Event | undefined>>();
  for (const dataset of supportedDatamodels()) {
    const full = datasetProjection(dataset)!;
    const rows = normalized.map((e) => full.project(e));
    if (!rows.some(Boolean)) continue;
    fullRows.set(dataset, rows);
    stats.datasets++;
    const fields = datamodelFields(dataset)!;
    const sets: Array<[string, Set<string>]> = [
      ['nodename', new Set(['nodename'])],
      ['every field', new Set(fields)],
      ['every field and nodename', new Set([...fields, 'nodename'])],
    ];
    fields.forEach((f, i) => (i + offset) % FIELD_STRIDE === 0 && sets.push([`${f} and _time`, new Set([f, '_time'])]));
    for (const [label, wanted] of sets) {
      const pruned = datasetProjection(dataset, wanted)!;
      checks.push({ dataset, wanted, label, project: pruned.project, demand: fieldDemand(['_raw', '_time', ...pruned.reads]) });
    }
  }
  if (checks.length === 0) return [];
  stats.entries++;
  stats.events += raws.length;
  stats.wanted += checks.length;

  // The wanted sets by the fields their reader must give (over every source the file's events have).
  const byFields = new Map<string, { fields: Set<string>; checks: Check[] }>();
  for (const check of checks) {
    const fields = new Set<string>();
    for (const meta of metas) readerFields(meta, check.demand).forEach((f) => fields.add(f));
    const key = [...fields].sort().join('\u0000');
    const group = byFields.get(key) ?? { fields, checks: [] };
    group.checks.push(check);
    byFields.set(key, group);
  }

  const problems: string[] = [];
  for (const { fields, checks: group } of byFields.values()) {
    const pruned = await readFirst(entry, fields);
    stats.reads++;
    if (pruned.length !== raws.length || pruned.some((e, i) => e._raw !== raws[i]._raw)) {
      problems.push(`${name}: reading with fields [${[...fields].sort().join(', ')}] gives other events than reading every field`);
      continue;
    }
    for (const check of group) {
      const expectedRows = fullRows.get(check.dataset)!;
      const keep = new Set([...ROW_BASE, ...check.wanted]);
      if (!check.wanted.has('nodename')) keep.delete('nodename');
      let i = 0;
      const events = pruned.map((raw, j) => ({ ...own(raw), source: sources[j] }));
      for await (const event of normalizeFresh(fromArray(events), check.demand)) {
        const actual = check.project(event);
        const expected = restrict(expectedRows[i], keep);
        stats.rows++;
        if (!isDeepStrictEqual(actual, expected) && problems.length < 20)
          problems.push(`${name} event #${i}, ${check.dataset}, wanted ${check.label}: ${diff(expected, actual)}`);
        i++;
      }
    }
  }
  return problems;
}

describeShared('demand-pruned extraction gives the full pipeline’s rows, restricted to the wanted fields', () => {
  const attack = attackDataEntries();
  const xml = xmlEntries();

  it('finds the local test datasets and the real Windows events', () => {
    expect(attack.length).toBeGreaterThanOrEqual(10);
    expect(xml.length).toBeGreaterThan(100);
  });

  it(
    `attack_data files that ESCU tests name (${FULL ? 'every event, every field' : `first ${LIMIT} events, every ${FIELD_STRIDE}th field`})`,
    async () => {
      const stats: Stats = { entries: 0, events: 0, datasets: 0, wanted: 0, reads: 0, rows: 0 };
      const problems: string[] = [];
      for (const [n, entry] of attack.entries()) problems.push(...(await checkEntry(entry, n, stats)));
      console.info(`[demand] attack_data: ${JSON.stringify(stats)}`);
      expect(problems).toEqual([]);
      expect(stats.entries).toBeGreaterThanOrEqual(10);
      expect(stats.wanted).toBeGreaterThan(100);
    },
    TIMEOUT,
  );

  it(
    `XML files of ../shared/events/evtx_xml (${FULL ? 'every file' : `every ${XML_STRIDE}th file`})`,
    async () => {
      const stats: Stats = { entries: 0, events: 0, datasets: 0, wanted: 0, reads: 0, rows: 0 };
      const problems: string[] = [];
      for (const [n, entry] of xml.entries()) if (n % XML_STRIDE === 0) problems.push(...(await checkEntry(entry, n / XML_STRIDE, stats)));
      console.info(`[demand] evtx_xml: ${JSON.stringify(stats)}`);
      expect(problems).toEqual([]);
      expect(stats.entries).toBeGreaterThan(50);
    },
    TIMEOUT,
  );
  // The reader alone: its pruning (ReadOptions.fields) leaves every field asked for as a full read
  // gives it. Checked on the XML files the row check above leaves out in `npm test`.
  it(
    `the XML reader gives the fields asked for as a full read does (${FULL ? 'every file' : `every ${XML_STRIDE}th file`})`,
    async () => {
      let events = 0;
      const extra = new Set<string>();
      const problems: string[] = [];
      for (const [n, entry] of xml.entries()) {
        if (n % XML_STRIDE !== (FULL ? 0 : 1)) continue;
        const full = await readFirst(entry);
        const names = new Set(full.flatMap((e) => Object.keys(e)));
        for (const only of [new Set([...names].filter((f) => f.length % 2 === 0)), new Set([...names].filter((f) => f.length % 2 === 1)), new Set<string>()]) {
          const keep = new Set([...READER_DEFAULTS, ...only]);
          const pruned = await readFirst(entry, only);
          expect(pruned.length, relative(SHARED, entry.path)).toBe(full.length);
          pruned.forEach((e, i) => {
            events++;
            const expected = restrict(full[i], keep);
            const actual = restrict(e, keep);
            if (!isDeepStrictEqual(actual, expected) && problems.length < 20)
              problems.push(`${relative(SHARED, entry.path)} event #${i}, fields [${[...only].join(', ')}]: ${diff(expected, actual)}`);
            // A reader may give more than asked for (ReadOptions.fields), but never another value.
            for (const [k, v] of Object.entries(e)) {
              if (keep.has(k)) continue;
              extra.add(k);
              if (!isDeepStrictEqual(v, full[i][k]) && problems.length < 20)
                problems.push(
                  `${relative(SHARED, entry.path)} event #${i}: unasked field ${k} is ${JSON.stringify(v)}, a full read gives ${JSON.stringify(full[i][k])}`,
                );
            }
          });
        }
      }
      console.info(`[demand] XML reader: ${events} events compared; fields given without being asked for: ${[...extra].sort().join(', ') || 'none'}`);
      expect(problems).toEqual([]);
      expect(events).toBeGreaterThan(1000);
    },
    TIMEOUT,
  );

  it(
    'memoised event types and tags are each event’s own: not shared between events, not dependent on order',
    async () => {
      const raws: Event[] = [];
      for (const [n, entry] of xml.entries()) {
        if (n % XML_STRIDE !== 0) continue;
        for (const raw of await readFirst(entry)) raws.push({ ...raw, source: sourceOf(entry, raw) });
      }
      const forward = raws.map((raw) => normalizeEvent(raw));
      // A fresh normalizer, going backwards, meets each combination of key values first at another event.
      const fresh = createNormalizer(SOURCE_SPECS);
      const backward = raws.map((_, i) => raws.length - 1 - i).map((i) => [i, fresh.normalizeEvent(raws[i])] as const);
      for (const [i, e] of backward)
        expect({ eventtype: e.eventtype, tag: e.tag }, `event #${i}`).toEqual({ eventtype: forward[i].eventtype, tag: forward[i].tag });

      // Changing a normalised event's multivalue tags must not change the next equal event's.
      const demand = fieldDemand(['tag', 'eventtype']);
      let mutated = 0;
      for (const [i, raw] of raws.entries()) {
        const original = structuredClone({ eventtype: forward[i].eventtype, tag: forward[i].tag });
        for (const normalize of [(e: Event) => normalizeEvent(e), (e: Event) => fresh.normalizeInPlace(own(e), demand)]) {
          for (let round = 0; round < 2; round++) {
            const e = normalize(raw);
            expect({ eventtype: e.eventtype, tag: e.tag }, `event #${i}`).toEqual(original);
            if (Array.isArray(e.tag)) {
              e.tag.push('leaked');
              e.tag[0] = 'overwritten';
              mutated++;
            }
            if (Array.isArray(e.eventtype)) e.eventtype.length = 0;
          }
        }
      }
      expect(mutated).toBeGreaterThan(1000);
    },
    TIMEOUT,
  );
});
