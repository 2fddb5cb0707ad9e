/**
 * Git LFS pointers. A repository that stores data in LFS serves, from its raw URL or a plain
 * checkout, a ~130-byte text file instead of the data:
 *
 *   version https://git-lfs.github.com/spec/v1
 *   oid sha256:4d7a…
 *   size 12345
 *
 * Reading that as a log silently yields zero events, so it is an error with directions.
 */
import { open } from 'node:fs/promises';
import { DatasetError } from './errors.js';

const LFS_PREFIX = 'version https://git-lfs.github.com/spec/v1';
/** The LFS spec says pointer files are under 1024 bytes. */
export const LFS_POINTER_MAX = 1024;

export interface LfsPointer {
  oid?: string;
  size?: number;
}

/** Parses `bytes` as an LFS pointer, or returns undefined when it is not one. */
export function parseLfsPointer(bytes: Buffer): LfsPointer | undefined {
  if (bytes.length >= LFS_POINTER_MAX) return undefined;
  const text = bytes.toString('utf8');
  if (!text.startsWith(LFS_PREFIX)) return undefined;
  const oid = /^oid (\S+)$/m.exec(text)?.[1];
  const size = /^size (\d+)$/m.exec(text)?.[1];
  return { oid, size: size === undefined ? undefined : Number(size) };
}

/** Reads the head of a file (only small files can be pointers) and parses it as an LFS pointer. */
export async function readLfsPointer(path: string, size: number): Promise<LfsPointer | undefined> {
  if (size >= LFS_POINTER_MAX) return undefined;
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    return parseLfsPointer(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * The URL that serves the real LFS object for a GitHub raw/blob URL, when one can be derived:
 * raw.githubusercontent.com/O/R/REF/P and github.com/O/R/(raw|blob)/REF/P
 * → media.githubusercontent.com/media/O/R/REF/P.
 */
export function lfsMediaUrl(url: string): string | undefined {
  const raw = /^https?:\/\/raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\/(.+)$/i.exec(url);
  if (raw) return `https://media.githubusercontent.com/media/${raw[1]}/${raw[2]}/${raw[3]}`;
  const gh = /^https?:\/\/github\.com\/([^/]+)\/([^/]+)\/(?:raw|blob)\/(.+)$/i.exec(url);
  if (gh) return `https://media.githubusercontent.com/media/${gh[1]}/${gh[2]}/${gh[3].replace(/\?.*$/, '')}`;
  return undefined;
}

/** The lfs-pointer error for `url` (where the pointer came from: `servedBy`, a URL or a path). */
export function lfsPointerError(url: string, pointer: LfsPointer, servedBy: string = url): DatasetError {
  const what = pointer.size !== undefined ? ` (LFS object of ${pointer.size} bytes${pointer.oid ? `, ${pointer.oid}` : ''})` : '';
  const media = lfsMediaUrl(url);
  const fix = media
    ? `use ${media} instead, or a mirror holding the real file`
    : /media\.githubusercontent\.com/i.test(servedBy)
      ? 'the LFS object is not available from this URL; point --mirror at a directory or server holding the real file'
      : 'use the media.githubusercontent.com URL for this file (it serves LFS content), or point --mirror at a directory holding the real file (e.g. a checkout after `git lfs pull`)';
  const where = servedBy === url ? '' : ` (served by ${servedBy})`;
  return new DatasetError('lfs-pointer', url, `${url}${where} is a Git LFS pointer, not the data${what}: ${fix}`);
}
