/**
 * Unpacking archives into a folder: `.gz` (zlib, streamed), `.tar` / `.tar.gz` / `.tgz`
 * (tar-stream) and `.zip` (yauzl).
 *
 * Safety rules, the same for every format:
 * - an entry named with `..` or an absolute path makes the whole archive 'unsafe-archive';
 * - links (symbolic or hard) are never created, only listed as skipped, so nothing written can
 *   point outside the folder;
 * - the expanded size is capped in total and as a ratio of the archive's size ('too-large'),
 *   checked while streaming, so a bomb stops after a few megabytes rather than filling the disk;
 * - a truncated or damaged archive is 'corrupt-archive', never a silently short file.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import yauzl from 'yauzl';
import type { ExtractedFile } from './cache.js';
import { DatasetError, describeError } from './errors.js';
import { crc32 } from './hash.js';

export type ArchiveKind = 'gz' | 'tar' | 'tar.gz' | 'zip';

export interface ArchiveLimits {
  /** Most bytes all entries together may expand to. */
  maxBytes: number;
  /** Most expanded bytes per archive byte, once past `ratioFloorBytes`. */
  maxRatio: number;
  /** Expansion below this size is always allowed, whatever the ratio (tiny archives compress well). */
  ratioFloorBytes: number;
  maxEntries: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxBytes: 16 * 2 ** 30,
  // Real logs compress 5-30x; a deflate bomb runs near 1000x.
  maxRatio: 200,
  ratioFloorBytes: 16 * 2 ** 20,
  maxEntries: 100_000,
};

/** The archive kind named by a URL's or file's extension, or undefined for a plain file. */
export function archiveKind(nameOrUrl: string): ArchiveKind | undefined {
  const name = nameOrUrl.replace(/[?#].*$/, '').toLowerCase();
  if (name.endsWith('.tar.gz') || name.endsWith('.tgz')) return 'tar.gz';
  if (name.endsWith('.tar')) return 'tar';
  if (name.endsWith('.gz')) return 'gz';
  if (name.endsWith('.zip')) return 'zip';
  return undefined;
}

/** The file name a `.gz` expands to: the URL's last segment without `.gz`. */
export function gunzippedName(nameOrUrl: string): string {
  const last =
    nameOrUrl
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() || 'data';
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // keep the raw segment
  }
  const stem = name.replace(/\.gz$/i, '');
  return safeEntryPath(stem.replace(/[\\/]/g, '_'), nameOrUrl) ?? 'data';
}

export interface ExtractResult {
  files: ExtractedFile[];
  skipped: string[];
}

/**
 * Unpacks `archivePath` into `destDir` (which must exist and be empty). `url` names the
 * archive in errors; for `.gz`, the single output file is named after it.
 */
export async function extractArchive(
  archivePath: string,
  kind: ArchiveKind,
  destDir: string,
  url: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ExtractResult> {
  const archiveSize = (await stat(archivePath)).size;
  await checkMagic(archivePath, kind, url);
  const budget = new ExpansionBudget(url, archiveSize, limits);
  try {
    if (kind === 'gz') return await extractGzip(archivePath, destDir, url, budget);
    if (kind === 'zip') return await extractZip(archivePath, destDir, url, budget);
    return await extractTar(archivePath, kind === 'tar.gz', destDir, url, budget);
  } catch (err) {
    throw asArchiveError(err, url, kind);
  }
}

/** Counts expanded bytes and entries against the limits. */
class ExpansionBudget {
  bytes = 0;
  entries = 0;
  constructor(
    readonly url: string,
    readonly archiveSize: number,
    readonly limits: ArchiveLimits,
  ) {}

  /** Largest expansion allowed for this archive. */
  get allowed(): number {
    return Math.min(this.limits.maxBytes, Math.max(this.limits.ratioFloorBytes, this.limits.maxRatio * this.archiveSize));
  }

  addBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.allowed) throw this.tooLarge();
  }

  addEntry(): void {
    if (++this.entries > this.limits.maxEntries) {
      throw new DatasetError('too-large', this.url, `${this.url}: archive has more than ${this.limits.maxEntries} entries; refusing to unpack it`);
    }
  }

  tooLarge(): DatasetError {
    const byRatio = this.allowed < this.limits.maxBytes;
    const why = byRatio
      ? `more than ${this.limits.maxRatio}x its ${this.archiveSize} bytes (an archive bomb?)`
      : `more than the ${this.limits.maxBytes} byte cap`;
    return new DatasetError('too-large', this.url, `${this.url}: archive expands to ${why}; refusing to unpack it`);
  }
}

/**
 * A Transform that hashes, counts against the budget, and fails the stream when the budget is
 * spent, so the write stops there.
 */
function meter(budget: ExpansionBudget): Transform & { digest(): { sha256: string; size: number }; crc(): number } {
  const hash = createHash('sha256');
  let size = 0;
  let crc = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        budget.addBytes(chunk.length);
      } catch (err) {
        return done(err as Error);
      }
      size += chunk.length;
      hash.update(chunk);
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
  }) as Transform & { digest(): { sha256: string; size: number }; crc(): number };
  t.digest = () => ({ sha256: hash.digest('hex'), size });
  t.crc = () => crc;
  return t;
}

async function checkMagic(path: string, kind: ArchiveKind, url: string): Promise<void> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(4);
  const { bytesRead } = await handle.read(head, 0, 4, 0).finally(() => handle.close());
  const ok =
    kind === 'gz' || kind === 'tar.gz'
      ? bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b
      : kind === 'zip'
        ? bytesRead >= 2 && head[0] === 0x50 && head[1] === 0x4b
        : true;
  if (!ok) {
    const what = kind === 'zip' ? 'a zip file' : 'gzip data';
    const shown = bytesRead ? `starts with ${head.subarray(0, bytesRead).toString('hex')}` : 'is empty';
    throw new DatasetError('corrupt-archive', url, `${url}: not ${what} (the file ${shown}); the URL's extension says .${kind}`);
  }
}

/**
 * The entry name as a safe relative path with forward slashes, undefined for the folder itself;
 * throws 'unsafe-archive' for an absolute path or a `..` segment.
 */
export function safeEntryPath(name: string, url: string): string | undefined {
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) {
    throw new DatasetError('unsafe-archive', url, `${url}: archive entry '${name}' has an absolute path; refusing to unpack it`);
  }
  const parts = slashed.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) {
    throw new DatasetError('unsafe-archive', url, `${url}: archive entry '${name}' climbs out of its folder with '..'; refusing to unpack it`);
  }
  return parts.length ? parts.join('/') : undefined;
}

/** Where a relative entry path lands under `destDir`; re-checked after path resolution. */
function entryTarget(destDir: string, rel: string, url: string): string {
  const root = resolve(destDir);
  const target = resolve(root, rel);
  const back = relative(root, target);
  if (!back || back === '..' || back.startsWith('..' + sep)) {
    throw new DatasetError('unsafe-archive', url, `${url}: archive entry '${rel}' resolves outside its folder`);
  }
  return target;
}

/** Streams one entry to its file. `crc` is the CRC-32 the archive records, checked when given. */
async function writeEntry(
  stream: Readable | AsyncIterable<Uint8Array>,
  destDir: string,
  rel: string,
  budget: ExpansionBudget,
  crc?: number,
): Promise<ExtractedFile> {
  const target = entryTarget(destDir, rel, budget.url);
  await mkdir(dirname(target), { recursive: true });
  const m = meter(budget);
  await pipeline(stream, m, createWriteStream(target));
  if (crc !== undefined && m.crc() !== crc >>> 0) {
    throw new DatasetError('corrupt-archive', budget.url, `${budget.url}: archive entry '${rel}' is corrupt (CRC-32 mismatch)`);
  }
  return { path: rel, ...m.digest() };
}

/** Adds or replaces (a later entry with the same name wins, as when unpacking by hand). */
function record(files: ExtractedFile[], file: ExtractedFile): void {
  const at = files.findIndex((f) => f.path === file.path);
  if (at >= 0) files[at] = file;
  else files.push(file);
}

async function extractGzip(archivePath: string, destDir: string, url: string, budget: ExpansionBudget): Promise<ExtractResult> {
  const name = gunzippedName(url);
  budget.addEntry();
  const target = entryTarget(destDir, name, url);
  const m = meter(budget);
  // Node's gunzip also reads concatenated gzip members, as gzip(1) does.
  await pipeline(createReadStream(archivePath), createGunzip(), m, createWriteStream(target));
  return { files: [{ path: name, ...m.digest() }], skipped: [] };
}

async function extractTar(archivePath: string, gzipped: boolean, destDir: string, url: string, budget: ExpansionBudget): Promise<ExtractResult> {
  const extract = tar.extract();
  const source = createReadStream(archivePath);
  const feeding = gzipped ? pipeline(source, createGunzip(), extract) : pipeline(source, extract);
  try {
    const result = await readTarEntries(extract, feeding, destDir, url, budget);
    await feeding;
    return result;
  } finally {
    // On an early exit (unsafe name, bomb), stop reading the archive and release its file.
    source.destroy();
    extract.destroy();
  }
}

async function readTarEntries(extract: tar.Extract, feeding: Promise<void>, destDir: string, url: string, budget: ExpansionBudget): Promise<ExtractResult> {
  // When the input breaks (truncated, corrupt), tar-stream fails the pipeline but leaves the
  // entry being read, and the iterator, waiting forever: race every wait against the failure.
  const broken = new Promise<never>((_, reject) => feeding.catch(reject));
  broken.catch(() => undefined);
  const entries = extract[Symbol.asyncIterator]();
  const files: ExtractedFile[] = [];
  const skipped: string[] = [];
  for (;;) {
    const step = await Promise.race([entries.next(), broken]);
    if (step.done) break;
    const entry = step.value;
    const { name, type } = entry.header;
    budget.addEntry();
    const rel = safeEntryPath(name, url);
    if (type === 'directory' || rel === undefined) {
      if (rel) await mkdir(entryTarget(destDir, rel, url), { recursive: true });
      entry.resume();
    } else if (type === 'file' || type === 'contiguous-file' || type == null) {
      // tar-stream's entries are streamx Readables: async-iterable, though not typed as such.
      const writing = writeEntry(entry as unknown as AsyncIterable<Uint8Array>, destDir, rel, budget);
      writing.catch(() => undefined); // when `broken` wins the race, this rejection is expected
      const stopped = broken.catch((err: unknown) => {
        entry.destroy(err as Error);
        throw err;
      });
      record(files, await Promise.race([writing, stopped]));
    } else {
      skipped.push(`${rel} (${type}${entry.header.linkname ? ` → ${entry.header.linkname}` : ''}: not unpacked)`);
      entry.resume();
    }
  }
  return { files, skipped };
}

async function extractZip(archivePath: string, destDir: string, url: string, budget: ExpansionBudget): Promise<ExtractResult> {
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) =>
    yauzl.open(archivePath, { lazyEntries: true, autoClose: true, validateEntrySizes: true, decodeStrings: true }, (err, z) => (err ? fail(err) : ok(z))),
  );
  const files: ExtractedFile[] = [];
  const skipped: string[] = [];
  try {
    await new Promise<void>((done, fail) => {
      const onEntry = async (entry: yauzl.Entry) => {
        try {
          budget.addEntry();
          const rel = safeEntryPath(entry.fileName, url);
          const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
          if (entry.fileName.endsWith('/') || rel === undefined) {
            if (rel) await mkdir(entryTarget(destDir, rel, url), { recursive: true });
          } else if (mode === 0o120000) {
            skipped.push(`${rel} (symlink: not unpacked)`);
          } else {
            // The central directory's sizes let a bomb be refused before inflating anything.
            if (budget.bytes + entry.uncompressedSize > budget.allowed) throw budget.tooLarge();
            const stream = await new Promise<Readable>((ok, bad) => zip.openReadStream(entry, (err, s) => (err ? bad(err) : ok(s))));
            // yauzl does not check CRC-32 itself; a damaged stored entry would pass unnoticed.
            record(files, await writeEntry(stream, destDir, rel, budget, entry.crc32));
          }
          zip.readEntry();
        } catch (err) {
          fail(err);
        }
      };
      zip.on('entry', (entry: yauzl.Entry) => void onEntry(entry));
      zip.on('end', () => done());
      zip.on('error', fail);
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return { files, skipped };
}

/** Maps library errors (zlib, tar-stream, yauzl) to a DatasetError a person can act on. */
function asArchiveError(err: unknown, url: string, kind: ArchiveKind): DatasetError {
  if (err instanceof DatasetError) return err;
  const message = describeError(err);
  // yauzl refuses these names itself when it decodes them.
  if (/invalid relative path|absolute path/i.test(message)) {
    return new DatasetError('unsafe-archive', url, `${url}: ${message}; refusing to unpack it`, { cause: err });
  }
  const fsCode = (err as NodeJS.ErrnoException)?.code;
  if (fsCode === 'ENOSPC' || fsCode === 'EACCES' || fsCode === 'EROFS' || fsCode === 'EDQUOT') {
    return new DatasetError('cache', url, `${url}: cannot unpack into the cache: ${message}`, { cause: err });
  }
  return new DatasetError('corrupt-archive', url, `${url}: the .${kind} archive is truncated or corrupt: ${message}`, { cause: err });
}
