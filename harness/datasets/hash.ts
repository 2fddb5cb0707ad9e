/** SHA-256 of files and strings, streamed so a 500 MB file costs no memory. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as zlib from 'node:zlib';

export async function hashFile(path: string, end?: number): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  // `end` is inclusive in createReadStream; hashing the first 0 bytes must read nothing.
  if (end === 0) return { sha256: hash.digest('hex'), size: 0 };
  const stream = createReadStream(path, end === undefined ? { highWaterMark: 1 << 20 } : { highWaterMark: 1 << 20, end: end - 1 });
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** CRC-32 (the zip/gzip polynomial), continued from `previous`: node's zlib.crc32 when present (Node ≥ 20.15). */
export const crc32: (data: Uint8Array, previous?: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (data, previous = 0) => zlib.crc32(data, previous) : crc32Fallback;

let table: Uint32Array | undefined;
function crc32Fallback(data: Uint8Array, previous = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
