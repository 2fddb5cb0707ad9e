/** Test helpers: write a sample to a temporary file and read it back through a reader. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll } from 'vitest';
import type { Event } from '../../../harness/engine/types.js';
import type { DatasetMeta, ReaderWarning } from '../../../harness/ingest/types.js';
import { readDataset } from '../../../harness/ingest/read.js';

const dir = mkdtempSync(join(tmpdir(), 'spl-harness-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Write `text` (gzipped when `gzip`) to a fresh temporary file; its path. */
export function sampleFile(text: string, name = 'sample.log', gzip = false): string {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, gzip ? gzipSync(Buffer.from(text, 'utf8')) : text);
  return path;
}

/** Read a sample through readDataset; its events and warnings. */
export async function readSample(
  text: string,
  meta: Partial<DatasetMeta> & { sourcetype: string },
  opts: { name?: string; gzip?: boolean } = {},
): Promise<{ events: Event[]; warnings: ReaderWarning[]; path: string }> {
  const path = sampleFile(text, opts.name, opts.gzip);
  const events: Event[] = [];
  const warnings: ReaderWarning[] = [];
  for await (const e of readDataset(path, { source: meta.source ?? 'test', ...meta }, { onWarning: (w) => warnings.push(w) })) events.push(e);
  return { events, warnings, path };
}
