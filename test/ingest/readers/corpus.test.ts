/**
 * Summary suite: every dataset file under ../shared/events and ../shared/attack_data/datasets
 * is read without a reader error, and yields events with the default fields. The sourcetype of
 * each file comes from the attack_data `.yml` descriptors, else FORMATS.tsv, else the folder
 * (events/*: XML, NXLog JSON, CrowdStrike FDR); where a file has an independent event count
 * (events/evtx_xml/INDEX.tsv, exact), the count read must equal it.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { ATTACK_DATA, ESCU, EVENTS, describeShared, filesUnder } from '../../support/shared.js';
import { readDataset, ReaderError } from '../../../harness/ingest/read.js';
import type { ReaderWarning } from '../../../harness/ingest/types.js';

/** Files that are descriptors or documentation, not datasets. */
function isDataset(path: string): boolean {
  const name = path.split('/').pop()!;
  return !/\.(ya?ml|md)$/i.test(name) && !/^(INDEX\.tsv|_summary\.json|README.*|LICENSE.*)$/i.test(name) && !/\.zip$/i.test(name);
}

/**
 * Sourcetypes the ESCU tests give their attack_data files (detections/**.yml, `- data: <url>`
 * followed by `sourcetype:`): dataset path (relative to attack_data) → sourcetype.
 */
function escuSourcetypes(): Map<string, string> {
  const map = new Map<string, string>();
  for (const file of filesUnder(join(ESCU, 'detections')).filter((f) => f.endsWith('.yml'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/- data: \S*?\/attack_data\/master\/(\S+)\n((?:\s+\w+: .*\n){0,4})/g)) {
      const st = /sourcetype: ['"]?([^'"\n]+)/.exec(m[2]);
      if (st && !map.has(m[1])) map.set(m[1], st[1].trim());
    }
  }
  return map;
}

/** Sourcetypes named by the attack_data descriptors: dataset path (relative to attack_data) → sourcetype. */
function descriptorSourcetypes(): Map<string, string> {
  const map = new Map<string, string>();
  for (const file of filesUnder(join(ATTACK_DATA, 'datasets')).filter((f) => /\.ya?ml$/.test(f))) {
    let doc: unknown;
    try {
      doc = load(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const d = doc as { datasets?: Array<{ path?: string; sourcetype?: string }>; dataset?: string[]; sourcetypes?: string[] };
    for (const entry of d?.datasets ?? []) {
      if (entry.path && entry.sourcetype) map.set(entry.path.replace(/^\//, ''), String(entry.sourcetype));
    }
    if (Array.isArray(d?.dataset) && d.sourcetypes?.length === 1) {
      for (const url of d.dataset) {
        const at = String(url).indexOf('/datasets/');
        if (at !== -1) map.set(String(url).slice(at + 1), d.sourcetypes[0]);
      }
    }
  }
  return map;
}

const FORMAT_SOURCETYPE: Record<string, string> = {
  XmlWinEventLog: 'XmlWinEventLog',
  'WinEventLog-classic': 'WinEventLog',
  JSON: '_json',
  'Sysmon-Linux-XML': 'sysmon:linux',
};

function formatSourcetypes(): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync(join(ATTACK_DATA, 'FORMATS.tsv'), 'utf8').split('\n').slice(1)) {
    const [format, , path] = line.split('\t');
    if (path && FORMAT_SOURCETYPE[format]) map.set(path, FORMAT_SOURCETYPE[format]);
  }
  return map;
}

function eventsSourcetype(rel: string): string {
  if (/\.xml(\.gz)?$/.test(rel) || rel.includes('evtx_xml/')) return 'XmlWinEventLog';
  if (rel.startsWith('crowdstrike/') && !rel.includes('panther_fdr_test_events')) return 'crowdstrike:events:sensor';
  return '_json';
}

function indexCounts(): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of readFileSync(join(EVENTS, 'evtx_xml', 'INDEX.tsv'), 'utf8')
    .split('\n')
    .slice(1)) {
    const [file, events] = line.split('\t');
    if (file) map.set(join('evtx_xml', file), Number(events));
  }
  return map;
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Unpack a .tar.gz into a temporary directory; the member files' paths. */
async function unpackTar(archive: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'spl-harness-tar-'));
  tempDirs.push(dir);
  const paths: string[] = [];
  const extractor = extract();
  extractor.on('entry', (header, stream, next) => {
    if (header.type !== 'file') {
      stream.resume();
      stream.on('end', next);
      return;
    }
    const out = join(dir, `${paths.length}-${header.name.replace(/[^\w.-]/g, '_')}`);
    paths.push(out);
    stream.pipe(createWriteStream(out)).on('finish', next);
  });
  await pipeline(createReadStream(archive), createGunzip(), extractor);
  return paths;
}

interface FileResult {
  file: string;
  sourcetype: string;
  events: number;
  warnings: number;
  error?: string;
}

describeShared('readers: every shared dataset file', () => {
  it('reads every file without a reader error', async () => {
    const escu = escuSourcetypes();
    const descriptors = descriptorSourcetypes();
    const formats = formatSourcetypes();
    const counts = indexCounts();
    const files: Array<{ path: string; rel: string; sourcetype: string; expected?: number }> = [];
    for (const path of filesUnder(join(ATTACK_DATA, 'datasets')).filter(isDataset)) {
      const rel = relative(ATTACK_DATA, path);
      const sourcetype = escu.get(rel) ?? descriptors.get(rel) ?? formats.get(rel) ?? 'unknown';
      if (/\.(tar\.gz|tgz)$/.test(path)) {
        // Archives are unpacked by the dataset resolver before reading; do the same here.
        for (const member of await unpackTar(path)) files.push({ path: member, rel: `${rel}!${member.split('/').pop()}`, sourcetype });
      } else {
        files.push({ path, rel, sourcetype });
      }
    }
    for (const path of filesUnder(EVENTS).filter(isDataset)) {
      const rel = relative(EVENTS, path);
      files.push({ path, rel: `events/${rel}`, sourcetype: eventsSourcetype(rel), expected: counts.get(rel) });
    }
    expect(files.length).toBeGreaterThan(900);

    const results: FileResult[] = [];
    const problems: string[] = [];
    const warningSamples: ReaderWarning[] = [];
    for (const f of files) {
      const result: FileResult = { file: f.rel, sourcetype: f.sourcetype, events: 0, warnings: 0 };
      const onWarning = (w: ReaderWarning) => {
        result.warnings++;
        if (warningSamples.length < 30) warningSamples.push(w);
      };
      try {
        for await (const event of readDataset(f.path, { source: f.rel, sourcetype: f.sourcetype }, { onWarning })) {
          result.events++;
          if (typeof event._raw !== 'string' || typeof event._time !== 'number' || !Number.isFinite(event._time)) {
            problems.push(`${f.rel}: event ${result.events} lacks _raw or a numeric _time`);
            break;
          }
          if (event.sourcetype !== f.sourcetype || typeof event.host !== 'string' || event.index !== 'main') {
            problems.push(`${f.rel}: event ${result.events} has wrong default fields`);
            break;
          }
        }
      } catch (err) {
        result.error = err instanceof ReaderError ? err.message : `unexpected ${(err as Error).stack}`;
        problems.push(`${f.rel}: ${result.error}`);
      }
      if (result.events === 0 && !result.error) problems.push(`${f.rel}: no events`);
      if (f.expected !== undefined && f.expected !== result.events) problems.push(`${f.rel}: ${result.events} events, INDEX.tsv says ${f.expected}`);
      results.push(result);
    }
    // Record events per file (for the report and for anyone chasing a count).
    const out = join(tmpdir(), 'spl-harness-reader-corpus.json');
    const total = results.reduce((n, r) => n + r.events, 0);
    writeFileSync(out, JSON.stringify({ files: results.length, events: total, results, warningSamples }, null, 1));
    console.log(`readers corpus: ${results.length} files, ${total} events, ${results.reduce((n, r) => n + r.warnings, 0)} warnings (per file: ${out})`);
    expect(problems).toEqual([]);
  }, 300_000);
});
