/**
 * The dataset cache: content addressed by SHA-256, safe with several processes at once.
 *
 *   <root>/objects/ab/abcdef…      one file per distinct content (the SHA-256 of its bytes)
 *   <root>/index/<sha256(url)>.json URL → { sha256, size, etag, lastModified, fetchedAt, source }
 *   <root>/extracted/<sha256>/     an archive's entries, with .manifest.json listing them
 *   <root>/local/<sha256(path)>.json memo of a local (mirror) file's hash by (path, size, mtime)
 *   <root>/tmp/                    files being written; renamed into place once verified
 *
 * Every write goes to a unique temp file first and is renamed into place, so a reader (or a
 * second process) sees either nothing or a whole, verified file; never a half one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
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

const uniqueSuffix = () => `${process.pid}-${randomBytes(6).toString('hex')}`;

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export class DatasetCache {
  readonly root: string;

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

  /** A fresh, unique path under tmp/ (same file system as the cache, so rename is atomic). */
  async tmpPath(tag: string): Promise<string> {
    const dir = join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    return join(dir, `${tag}-${uniqueSuffix()}`);
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
      if (!name.endsWith('.json')) continue;
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
      const names = await readdir(join(dir, shard)).catch(() => [] as string[]);
      for (const name of names) {
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
    return names.filter((n) => /^[0-9a-f]{64}$/.test(n));
  }

  async readManifest(sha256: string): Promise<ExtractManifest | undefined> {
    return this.readJson<ExtractManifest>(join(this.extractedDir(sha256), MANIFEST_FILE));
  }

  async listTmp(): Promise<Array<{ path: string; mtimeMs: number }>> {
    const dir = join(this.root, 'tmp');
    const names = await readdir(dir).catch((err) => (isMissing(err) ? [] : Promise.reject(err)));
    const out: Array<{ path: string; mtimeMs: number }> = [];
    for (const name of names) {
      const st = await stat(join(dir, name)).catch(() => undefined);
      if (st) out.push({ path: join(dir, name), mtimeMs: st.mtimeMs });
    }
    return out;
  }

  async listLocalMemos(): Promise<Array<{ file: string; memo: LocalMemo | undefined }>> {
    const dir = join(this.root, 'local');
    const names = await readdir(dir).catch((err) => (isMissing(err) ? [] : Promise.reject(err)));
    const out: Array<{ file: string; memo: LocalMemo | undefined }> = [];
    for (const name of names) out.push({ file: join(dir, name), memo: await this.readJson<LocalMemo>(join(dir, name)) });
    return out;
  }
}
