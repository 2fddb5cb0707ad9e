import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { parse } from 'yaml';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';
import type { Event } from '../../harness/engine/types.js';
import { normalizeEvent } from '../../harness/ingest/normalize.js';
import { readDataset } from '../../harness/ingest/read.js';

/** The project root (this file is test/support/shared.ts). */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/** `../shared` beside the project root: public reference data, absent on some checkouts. */
export const SHARED = process.env.SPL_HARNESS_SHARED ?? resolve(PROJECT_ROOT, '..', 'shared');
export const HAS_SHARED = existsSync(resolve(SHARED, 'README.md'));
export const ESCU = resolve(SHARED, 'security_content');
export const ATTACK_DATA = resolve(SHARED, 'attack_data');
export const EVENTS = resolve(SHARED, 'events');

if (!HAS_SHARED) {
  // Said once per test file that imports this, so a skipped corpus suite is never silent.
  console.warn(`[spl-harness tests] ../shared not found at ${SHARED}: corpus suites are skipped (set SPL_HARNESS_SHARED to point at it).`);
}

/** `describe` for suites that need ../shared; skipped with a clear title when it is absent. */
export const describeShared = (name: string, fn: () => void) =>
  HAS_SHARED
    ? describe(name, fn)
    : // The suite's own body is not run: it may read ../shared while collecting its tests.
      describe.skip(`${name} [skipped: ../shared reference data not present]`, () => {
        it.skip('needs ../shared', () => {});
      });

/** Every file below `dir`, recursively, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out.sort();
}

/** The real Windows events of `../shared/events/evtx_xml`, normalised, by their channel's source (`XmlWinEventLog:<Channel>`). */
export async function windowsEventsBySource(): Promise<Map<string, Event[]>> {
  const bySource = new Map<string, Event[]>();
  for (const file of filesUnder(join(EVENTS, 'evtx_xml')).filter((f) => f.endsWith('.xml'))) {
    for await (const raw of readDataset(file, { source: 'XmlWinEventLog', sourcetype: 'XmlWinEventLog' })) {
      const source = `XmlWinEventLog:${String(raw.Channel ?? '')}`;
      const list = bySource.get(source) ?? [];
      list.push(normalizeEvent({ ...raw, source }));
      bySource.set(source, list);
    }
  }
  return bySource;
}

const ATTACK_DATA_URL = 'https://media.githubusercontent.com/media/splunk/attack_data/master/';

/** An attack_data file an ESCU test names, present under ../shared, with the source and sourcetype the test gives it. */
export interface LocalAttackData {
  path: string;
  source: string;
  sourcetype: string;
}

/** The attack_data files ESCU tests name that are present locally, one entry per file/source/sourcetype, sorted by path. */
export function localAttackData(): LocalAttackData[] {
  const seen = new Map<string, LocalAttackData>();
  for (const file of filesUnder(join(ESCU, 'detections')).filter((f) => f.endsWith('.yml'))) {
    let d: { tests?: Array<{ attack_data?: Array<{ data?: string; source?: string; sourcetype?: string }> }> };
    try {
      d = parse(readFileSync(file, 'utf8'));
    } catch {
      continue; // a few ESCU files are not valid YAML; the content loader reports those
    }
    for (const t of d?.tests ?? []) {
      for (const a of t.attack_data ?? []) {
        if (!a.data?.startsWith(ATTACK_DATA_URL) || !a.source || !a.sourcetype) continue;
        const path = join(ATTACK_DATA, a.data.slice(ATTACK_DATA_URL.length));
        if (existsSync(path)) seen.set(`${path}|${a.source}|${a.sourcetype}`, { path, source: a.source, sourcetype: a.sourcetype });
      }
    }
  }
  return [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
