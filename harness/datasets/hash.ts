/** SHA-256 of files and strings, streamed so a 500 MB file costs no memory. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

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
