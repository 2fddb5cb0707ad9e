/**
 * Corpus scale (issue 17, item 4): every production ESCU detection whose data source is Sysmon or
 * Windows Security, each with one test over a generated mix of real Windows events, run in ONE
 * `spl-harness test --no-explain --jobs 1` invocation as a nightly shard would, then again with
 * `--no-group` (test by test, each test reading its file itself).
 *
 * The mix: the Sysmon and Security channel events of ../shared/events/evtx_xml, repeated until
 * each file reaches its share of `SPL_HARNESS_CORPUS_MB` (default 1 GB): a Sysmon file (source
 * `XmlWinEventLog:Microsoft-Windows-Sysmon/Operational`) and a Security file (source
 * `XmlWinEventLog:Security`), as attack_data stores one channel per file. A detection whose data
 * sources name Sysmon reads the Sysmon file, any other the Security file.
 *
 * Reported: event×search per second per core (the events of each test's file, summed over the
 * tests, divided by the child's CPU seconds), wall time and peak RSS (`/usr/bin/time`), the
 * verdict counts, and whether both runs agree. Most detections find nothing in generic events:
 * that is the nightly workload too (the explanation is off, as nightly shards run).
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { BenchResult } from './types.js';
import { splitAtMarker } from '../harness/ingest/lines.js';
import { sharedRoot } from './shared.js';
import { benchDir, timedTest, type TimedTest } from './timed-test.js';

const PREFIX = 'https://bench.spl-harness.invalid/';
/** Size of the whole mix in MB (both files), overridable to develop on a smaller corpus. */
const CORPUS_MB = Number(process.env.SPL_HARNESS_CORPUS_MB ?? 1024);
/** Share of the bytes that are Sysmon events (the rest Security), about the attack data's mix. */
const SYSMON_SHARE = 0.6;
/** Above this size the test-by-test run (every test reads its file again) is not attempted. */
const NO_GROUP_MAX_MB = Number(process.env.SPL_HARNESS_CORPUS_NO_GROUP_MB ?? 200);

interface Channel {
  key: 'sysmon' | 'security';
  channel: string;
  source: string;
  share: number;
}

const CHANNELS: Channel[] = [
  { key: 'sysmon', channel: 'Microsoft-Windows-Sysmon/Operational', source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', share: SYSMON_SHARE },
  { key: 'security', channel: 'Security', source: 'XmlWinEventLog:Security', share: 1 - SYSMON_SHARE },
];

function walk(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, ext));
    else if (name.endsWith(ext)) out.push(path);
  }
  return out;
}

async function* chunksOf(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text, 'utf8');
}

/** The real events of one channel in ../shared/events/evtx_xml. */
async function channelEvents(evtx: string, channel: string): Promise<string[]> {
  const marker = `<Channel>${channel}</Channel>`;
  const events: string[] = [];
  for (const file of walk(evtx, '.xml')) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes(marker)) continue;
    for await (const r of splitAtMarker(chunksOf(text), '<Event', ' >')) if (r.text.includes(marker)) events.push(r.text.trim());
  }
  return events;
}

/** Writes `events` repeated (one per line) until `target` holds `sizeMB`; returns the events written. */
async function writeRepeated(target: string, events: string[], sizeMB: number): Promise<number> {
  const want = sizeMB * 2 ** 20;
  const batch = events.join('\n') + '\n';
  const perBatch = Buffer.byteLength(batch);
  const batches = Math.max(1, Math.ceil(want / perBatch));
  const count = `${target}.events`;
  if (existsSync(target) && existsSync(count) && statSync(target).size === batches * perBatch) return Number(readFileSync(count, 'utf8'));
  const out = createWriteStream(target);
  for (let i = 0; i < batches; i++) if (!out.write(batch)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  writeFileSync(count, String(batches * events.length));
  return batches * events.length;
}

/** Production Sysmon / Windows Security detections, each given one test on its channel's file. */
function buildCorpusContent(escu: string, root: string, files: Record<Channel['key'], string>): Record<Channel['key'], number> {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'detections'), { recursive: true });
  for (const entry of readdirSync(escu)) if (entry !== 'detections') symlinkSync(join(escu, entry), join(root, entry));
  const counts = { sysmon: 0, security: 0 };
  for (const file of walk(join(escu, 'detections'), '.yml')) {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const sources = (doc.get('data_source') as { toJSON(): unknown } | undefined)?.toJSON();
    if (doc.get('status') !== 'production' || !Array.isArray(sources)) continue;
    const names = sources.map(String);
    const sysmon = names.some((s) => /^Sysmon EventID \d+/.test(s));
    const security = names.some((s) => /^Windows (Event Log )?Security \d+/.test(s));
    if (!sysmon && !security) continue;
    const channel = CHANNELS.find((c) => c.key === (sysmon ? 'sysmon' : 'security'))!;
    doc.set('tests', [
      {
        name: 'True Positive Test',
        attack_data: [{ data: `${PREFIX}${files[channel.key]}`, source: channel.source, sourcetype: 'XmlWinEventLog' }],
      },
    ]);
    const target = join(root, 'detections', relative(join(escu, 'detections'), file));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, doc.toString());
    counts[channel.key]++;
  }
  return counts;
}

const outcome = (r: TimedTest) => JSON.stringify(r.results.map((x) => ({ ...x, timings: undefined })));

function statuses(r: TimedTest): string {
  const counts = new Map<string, number>();
  for (const x of r.results) counts.set(x.status, (counts.get(x.status) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${s}:${n}`).join(',');
}

export async function benchCorpus(): Promise<BenchResult[]> {
  const shared = sharedRoot();
  const escu = join(shared, 'security_content');
  const evtx = join(shared, 'events', 'evtx_xml');
  const name = `corpus: Sysmon + Security detections over ${CORPUS_MB} MB, one invocation`;
  if (!existsSync(join(escu, 'detections')) || !existsSync(evtx)) return [{ name, value: NaN, unit: '', skipped: `../shared not found (${shared})` }];
  const dir = benchDir();
  mkdirSync(dir, { recursive: true });

  const files = {} as Record<Channel['key'], string>;
  const events = {} as Record<Channel['key'], number>;
  let bytes = 0;
  for (const c of CHANNELS) {
    const sample = await channelEvents(evtx, c.channel);
    if (sample.length === 0) return [{ name, value: NaN, unit: '', skipped: `no ${c.channel} events in ${evtx}` }];
    files[c.key] = `corpus-${c.key}-${CORPUS_MB}mb.xml`;
    events[c.key] = await writeRepeated(join(dir, files[c.key]), sample, CORPUS_MB * c.share);
    bytes += statSync(join(dir, files[c.key])).size;
  }
  const root = join(dir, 'corpus-content');
  const tests = buildCorpusContent(escu, root, files);
  const eventSearches = tests.sysmon * events.sysmon + tests.security * events.security;
  const args = ['--content', root, '--mirror', `${PREFIX}=${dir}`, '--offline', '--cache-dir', join(dir, 'corpus-cache'), '--no-explain'];
  const out = (tag: string) => join(dir, `corpus-${tag}.json`);
  const mb = bytes / 2 ** 20;

  const row = (label: string, run: TimedTest, extra: Record<string, number | string> = {}): BenchResult => ({
    name: `corpus (${label}): ${tests.sysmon + tests.security} tests over ${mb.toFixed(0)} MB`,
    value: Math.round(eventSearches / run.cpu),
    unit: 'event×search/s/core',
    details: {
      corpus_mb: +mb.toFixed(1),
      sysmon_tests: tests.sysmon,
      security_tests: tests.security,
      sysmon_events: events.sysmon,
      security_events: events.security,
      event_searches: eventSearches,
      wall_s: +run.wall.toFixed(1),
      cpu_s: +run.cpu.toFixed(1),
      cpu_s_per_mb: +(run.cpu / mb).toFixed(2),
      peak_rss_mb: run.rssMb,
      statuses: statuses(run),
      load: run.load,
      cores: cpus().length,
      ...extra,
    },
  });

  const grouped = await timedTest(args, out('grouped'));
  const rows = [row('grouped', grouped, { rss_target: '< 512 MB', rss_met: String(grouped.rssMb < 512) })];
  // The pool on this workload: two threads against one (the scans are cut so that both have work).
  const two = await timedTest(args, out('grouped-2-jobs'), 2);
  rows.push(
    row('grouped, --jobs 2', two, {
      wall_speedup_vs_1_job: +(grouped.wall / two.wall).toFixed(2),
      identical_results: String(outcome(grouped) === outcome(two)),
    }),
  );
  if (mb > NO_GROUP_MAX_MB) {
    rows.push({
      name: 'corpus (--no-group)',
      value: NaN,
      unit: '',
      skipped: `over ${NO_GROUP_MAX_MB} MB (SPL_HARNESS_CORPUS_NO_GROUP_MB): every test would read its file again`,
    });
    return rows;
  }
  const alone = await timedTest([...args, '--no-group'], out('test-by-test'));
  rows.push(
    row('--no-group', alone, {
      grouped_speedup: +(alone.cpu / grouped.cpu).toFixed(2),
      identical_results: String(outcome(grouped) === outcome(alone)),
    }),
  );
  return rows;
}
