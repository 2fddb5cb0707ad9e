/**
 * The dataset cache: content addressed by SHA-256, safe with several processes at once.
 *
 *   <root>/objects/ab/abcdef…      one file per distinct content (the SHA-256 of its bytes)
 *   <root>/index/<sha256(url)>.json URL → { sha256, size, etag, lastModified, fetchedAt, source }
 *   <root>/extracted/<sha256>/     an archive's entries, with .manifest.json listing them
 *   <root>/local/<sha256(path)>.json memo of a local (mirror) file's hash by (path, size, mtime)
 *   <root>/tmp/<kind>-<pid>-<hex>  files being written; renamed into place once verified
 *   <root>/CACHEDIR.TAG            the marker: upkeep (verify, prune) only acts on a folder that has it
 *
 * Every write goes to a unique temp file first and is renamed into place, so a reader (or a
 * second process) sees either nothing or a whole, verified file; never a half one.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { hashFile, hashText } from './hash.js';

export interface CacheEntry {
  /** The URL as written in the content (the key). */
  url: string;
  sha256: string;
  size: number;
  etag?: string;
  lastModified?: string;
  /** ISO time of the last download or successful revalidation. */
  fetchedAt: string;
  /** The URL actually fetched, when a mirror rule sent the request elsewhere. */
  source?: string;
}

export interface ExtractedFile {
  /** Path relative to the extraction folder, forward slashes. */
  path: string;
  size: number;
  sha256: string;
}

export interface ExtractManifest {
  archive: string;
  kind: string;
  files: ExtractedFile[];
  /** Entries not written out (links, devices), with the reason. */
  skipped: string[];
}

interface LocalMemo {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

export const MANIFEST_FILE = '.manifest.json';

/** `$XDG_CACHE_HOME/spl-harness`, or `~/.cache/spl-harness`. */
export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return resolve(xdg && xdg.trim() ? xdg : join(homedir(), '.cache'), 'spl-harness');
}

/**
 * The cache's marker, in the Cache Directory Tagging format (https://bford.info/cachedir/) so
 * that backup tools skip the folder too. Its second line says which program wrote it: `cache
 * prune` deletes files, and must not be pointed at a folder that merely has a tmp/ in it.
 */
export const CACHE_MARKER = 'CACHEDIR.TAG';
const MARKER_SIGNATURE = 'Signature: 8a477f597d28d172789f06886806bc55';
const MARKER_TEXT = `${MARKER_SIGNATURE}\n# This file is a cache directory tag created by spl-harness (its dataset cache).\n# For information about cache directory tags, see https://bford.info/cachedir/\n`;

/** What the cache writes under tmp/; nothing else there is the cache's to delete. */
export type TmpKind = 'download' | 'extract' | 'json';
const TMP_NAME = /^(download|extract|json)-(\d+)-[0-9a-f]{12}$/;

export interface TmpFile {
  path: string;
  kind: TmpKind;
  /** The process that was writing it (on this host, or on the one that made the cache). */
  pid: number;
  mtimeMs: number;
  /** Bytes, summed over an extraction folder. */
  size: number;
}

/** Names the cache gives its own files: a SHA-256 (objects, extracted/) or one plus `.json` (index/, local/). */
const SHA256_NAME = /^[0-9a-f]{64}$/;
const SHA256_JSON_NAME = /^[0-9a-f]{64}\.json$/;

const uniqueSuffix = () => `${process.pid}-${randomBytes(6).toString('hex')}`;

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export class DatasetCache {
  readonly root: string;
  private marked = false;

  constructor(root: string = defaultCacheDir()) {
    this.root = resolve(root);
  }

  objectPath(sha256: string): string {
    return join(this.root, 'objects', sha256.slice(0, 2), sha256);
  }

  extractedDir(sha256: string): string {
    return join(this.root, 'extracted', sha256);
  }

  private entryPath(url: string): string {
    return join(this.root, 'index', `${hashText(url)}.json`);
  }

  private memoPath(path: string): string {
    return join(this.root, 'local', `${hashText(path)}.json`);
  }

  /**
   * A fresh, unique path under tmp/ (same file system as the cache, so rename is atomic). Every
   * write starts here, so this is where the cache folder gets its marker.
   */
  async tmpPath(kind: TmpKind): Promise<string> {
    const dir = join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    await this.mark();
    return join(dir, `${kind}-${uniqueSuffix()}`);
  }

  private async mark(): Promise<void> {
    if (this.marked) return;
    await writeFile(join(this.root, CACHE_MARKER), MARKER_TEXT, { flag: 'wx' }).catch((err) => {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    });
    this.marked = true;
  }

  /** Whether the folder carries the marker this program writes (not just any CACHEDIR.TAG). */
  async isMarked(): Promise<boolean> {
    const text = await readFile(join(this.root, CACHE_MARKER), 'utf8').catch(() => '');
    return text.startsWith(MARKER_SIGNATURE) && text.includes('spl-harness');
  }

  private async writeJsonAtomic(path: string, value: unknown): Promise<void> {
    const tmp = await this.tmpPath('json');
    await writeFile(tmp, JSON.stringify(value, null, 1) + '\n');
    await mkdir(join(path, '..'), { recursive: true });
    await rename(tmp, path);
  }

  private async readJson<T>(path: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as T;
    } catch (err) {
      // A missing or unreadable entry is a cache miss: it will be fetched and rewritten.
      if (isMissing(err) || err instanceof SyntaxError) return undefined;
      throw err;
    }
  }

  async getEntry(url: string): Promise<CacheEntry | undefined> {
    const entry = await this.readJson<CacheEntry>(this.entryPath(url));
    return entry && entry.url === url && typeof entry.sha256 === 'string' ? entry : undefined;
  }

  async putEntry(entry: CacheEntry): Promise<void> {
    await this.writeJsonAtomic(this.entryPath(entry.url), entry);
  }

  async deleteEntry(url: string): Promise<void> {
    await rm(this.entryPath(url), { force: true });
  }

  async listEntries(): Promise<CacheEntry[]> {
    const dir = join(this.root, 'index');
    const names = await readdir(dir).catch((err) => (isMissing(err) ? [] : Promise.reject(err)));
    const entries: CacheEntry[] = [];
    for (const name of names) {
      if (!SHA256_JSON_NAME.test(name)) continue;
      const entry = await this.readJson<CacheEntry>(join(dir, name));
      if (entry && typeof entry.url === 'string' && typeof entry.sha256 === 'string') entries.push(entry);
    }
    return entries.sort((a, b) => a.url.localeCompare(b.url));
  }

  async listObjects(): Promise<Array<{ sha256: string; path: string; size: number }>> {
    const dir = join(this.root, 'objects');
    const out: Array<{ sha256: string; path: string; size: number }> = [];
    const shards = await readdir(dir).catch((err) => (isMissing(err) ? [] : Promise.reject(err)));
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      const names = await readdir(join(dir, shard)).catch(() => [] as string[]);
      for (const name of names) {
        if (!SHA256_NAME.test(name) || !name.startsWith(shard)) continue;
        const path = join(dir, shard, name);
        const st = await stat(path).catch(() => undefined);
        if (st?.isFile()) out.push({ sha256: name, path, size: st.size });
      }
    }
    return out;
  }

  /**
   * The object's path when it exists and its bytes hash to `sha256` (and have `size`, when
   * given); a corrupt object is deleted so that the caller fetches it again.
   */
  async verifiedObject(sha256: string, size?: number): Promise<string | undefined> {
    const path = this.objectPath(sha256);
    const st = await stat(path).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    if (size !== undefined && st.size !== size) {
      await rm(path, { force: true });
      return undefined;
    }
    const actual = await hashFile(path);
    if (actual.sha256 !== sha256) {
      await rm(path, { force: true });
      return undefined;
    }
    return path;
  }

  /** Moves a verified temp file into the object store (atomic; a concurrent twin is harmless). */
  async storeObject(tmpFile: string, sha256: string): Promise<string> {
    const path = this.objectPath(sha256);
    await mkdir(join(path, '..'), { recursive: true });
    await rename(tmpFile, path);
    return path;
  }

  /**
   * SHA-256 of a local file, memoised by (path, size, mtime) so a second run does not rehash
   * a 500 MB mirror file. Any change to size or mtime invalidates the memo.
   */
  async localHash(path: string): Promise<{ sha256: string; size: number }> {
    const abs = resolve(path);
    const st = await stat(abs);
    const memoFile = this.memoPath(abs);
    const memo = await this.readJson<LocalMemo>(memoFile);
    if (memo && memo.path === abs && memo.size === st.size && memo.mtimeMs === st.mtimeMs) {
      return { sha256: memo.sha256, size: memo.size };
    }
    const { sha256, size } = await hashFile(abs);
    // Only memoise when the file did not change while it was being hashed.
    const after = await stat(abs);
    if (after.size === size && after.mtimeMs === st.mtimeMs) {
      await this.writeJsonAtomic(memoFile, { path: abs, size, mtimeMs: st.mtimeMs, sha256 } satisfies LocalMemo).catch(() => undefined);
    }
    return { sha256, size };
  }

  /** The manifest of an extracted archive, when every listed file is present with its size. */
  async extracted(sha256: string): Promise<ExtractManifest | undefined> {
    const dir = this.extractedDir(sha256);
    const manifest = await this.readJson<ExtractManifest>(join(dir, MANIFEST_FILE));
    if (!manifest || manifest.archive !== sha256 || !Array.isArray(manifest.files)) return undefined;
    for (const file of manifest.files) {
      const st = await stat(join(dir, file.path)).catch(() => undefined);
      if (!st?.isFile() || st.size !== file.size) {
        await rm(dir, { recursive: true, force: true });
        return undefined;
      }
    }
    return manifest;
  }

  /**
   * Publishes a fully extracted temp folder as extracted/<sha256>. When another process got
   * there first its (identical) folder is kept and ours removed.
   */
  async publishExtracted(tmpDir: string, manifest: ExtractManifest): Promise<string> {
    await writeFile(join(tmpDir, MANIFEST_FILE), JSON.stringify(manifest, null, 1) + '\n');
    const dir = this.extractedDir(manifest.archive);
    await mkdir(join(dir, '..'), { recursive: true });
    try {
      await rename(tmpDir, dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTEMPTY' && code !== 'EPERM') throw err;
      await rm(tmpDir, { recursive: true, force: true });
    }
    return dir;
  }

  async listExtracted(): Promise<string[]> {
    const names = await readdir(join(this.root, 'extracted')).catch((err) => (isMissing(err) ? [] : Promise.reject(err)));
    return names.filter((n) => SHA256_NAME.test(n));
  }

  async readManifest(sha256: string): Promise<ExtractManifest | undefined> {
    return this.readJson<ExtractManifest>(join(this.extractedDir(sha256), MANIFEST_FILE));
  }

  /** The files and folders the cache is writing (or a killed process left) under tmp/; nothing else there. */
  async listTmp(): Promise<TmpFile[]> {
    const dir = join(this.root, 'tmp');
    const names = await readdir(dir).catch((err) => (isMissing(err) ? [] : Promise.reject(err)));
    const out: TmpFile[] = [];
    for (const name of names) {
      const m = TMP_NAME.exec(name);
      if (!m) continue;
      const path = join(dir, name);
      const st = await lstat(path).catch(() => undefined);
      if (!st || !(st.isFile() || st.isDirectory())) continue;
      out.push({ path, kind: m[1] as TmpKind, pid: Number(m[2]), mtimeMs: st.mtimeMs, size: st.isDirectory() ? await folderSize(path) : st.size });
    }
    return out;
  }

  async listLocalMemos(): Promise<Array<{ file: string; memo: LocalMemo | undefined }>> {
    const dir = join(this.root, 'local');
    const names = await readdir(dir).catch((err) => (isMissing(err) ? [] : Promise.reject(err)));
    const out: Array<{ file: string; memo: LocalMemo | undefined }> = [];
    for (const name of names) if (SHA256_JSON_NAME.test(name)) out.push({ file: join(dir, name), memo: await this.readJson<LocalMemo>(join(dir, name)) });
    return out;
  }
}

/** Bytes of the regular files under `dir`, symlinks not followed. */
async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await folderSize(path);
    else if (entry.isFile()) total += (await lstat(path).catch(() => undefined))?.size ?? 0;
  }
  return total;
}
