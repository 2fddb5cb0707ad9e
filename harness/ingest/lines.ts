/**
 * Streaming text helpers shared by the readers: open a file as decoded text chunks (gunzipping
 * transparently when the file starts with the gzip magic bytes), and split a chunk stream into
 * records, at newlines or at a marker such as `<Event xmlns=`, with a carry-over buffer so that
 * memory stays bounded by the largest record plus one chunk, whatever the file size.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/** Chunk size of file reads: large enough that per-chunk overhead vanishes, small enough to bound memory. */
export const CHUNK_BYTES = 1 << 20;

/** A file-level failure (cannot open, corrupt gzip, ...). Per-event problems are warnings, not errors. */
export class ReaderError extends Error {
  constructor(
    public readonly file: string,
    /** 1-based line where reading stopped; 0 when the file could not be opened at all. */
    public readonly line: number,
    message: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${message}`);
    this.name = 'ReaderError';
  }
}

/** One record cut from a text stream: its text and the 1-based line it starts on. */
export interface TextRecord {
  text: string;
  line: number;
}

async function startsWithGzipMagic(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new ReaderError(path, 0, `cannot open: ${(err as Error).message}`);
  }
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * The file's text in chunks, UTF-8 decoded (multi-byte characters split across chunks are kept
 * whole), a leading byte-order mark dropped, gunzipped when the content is gzip whatever the name.
 */
export async function* textChunks(path: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<string> {
  const gzip = await startsWithGzipMagic(path);
  const file = createReadStream(path, { highWaterMark: chunkBytes });
  let stream: Readable = file;
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: 64 * 1024 });
    file.on('error', (err) => gunzip.destroy(err));
    stream = file.pipe(gunzip);
  }
  const decoder = new StringDecoder('utf8');
  let first = true;
  try {
    for await (const buf of stream as AsyncIterable<Buffer>) {
      let text = decoder.write(buf);
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text.length > 0) yield text;
    }
  } catch (err) {
    throw new ReaderError(path, 0, `${gzip ? 'gunzip' : 'read'} failed: ${(err as Error).message}`);
  } finally {
    file.destroy();
    if (stream !== file) stream.destroy();
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

/** The first `maxChars` characters of the file's text (gunzipped when gzip), for sniffing. */
export async function readHead(path: string, maxChars = 1024): Promise<string> {
  let head = '';
  for await (const chunk of textChunks(path, 64 * 1024)) {
    head += chunk;
    if (head.length >= maxChars) break;
  }
  return head.slice(0, maxChars);
}

/** Number of `\n` in text[from, to). */
export function countNewlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  let i = text.indexOf('\n', from);
  while (i !== -1 && i < to) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

/** Lines of the stream (without their `\n` or `\r\n`), each with its 1-based line number. */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<TextRecord> {
  let carry = '';
  let line = 1;
  for await (const chunk of chunks) {
    const buf = carry.length > 0 ? carry + chunk : chunk;
    let start = 0;
    let nl = buf.indexOf('\n');
    while (nl !== -1) {
      const end = nl > start && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: buf.slice(start, end), line };
      line++;
      start = nl + 1;
      nl = buf.indexOf('\n', start);
    }
    carry = buf.slice(start);
  }
  if (carry.length > 0) {
    yield { text: carry.endsWith('\r') ? carry.slice(0, -1) : carry, line };
  }
}

/**
 * Records that each begin with `marker` and run to the next marker or the end of the stream,
 * trimmed of surrounding whitespace. Newlines inside a record are part of it. `followedBy`
 * lists the characters allowed right after the marker (so `<Event` followed by a space or `>`
 * starts a record, `<EventData` does not); empty means any. Non-blank text before the first
 * record is passed to `onStray` with its line.
 */
export async function* splitAtMarker(
  chunks: AsyncIterable<string>,
  marker: string,
  followedBy = '',
  onStray?: (record: TextRecord) => void,
): AsyncGenerator<TextRecord> {
  const m = marker.length;
  /** Next record start at or after `from`: its index, -1 when none, -2 when undecidable until more text arrives. */
  const find = (buf: string, from: number): number => {
    let i = buf.indexOf(marker, from);
    while (i !== -1) {
      if (followedBy.length === 0) return i;
      if (i + m >= buf.length) return -2;
      if (followedBy.indexOf(buf[i + m]) !== -1) return i;
      i = buf.indexOf(marker, i + 1);
    }
    return -1;
  };
  let buf = '';
  let bufLine = 1; // line number of buf[0]
  let started = false; // buf[0] is the start of a record
  let searchFrom = 0;
  for await (const chunk of chunks) {
    buf = buf.length > 0 ? buf + chunk : chunk;
    if (!started) {
      const first = find(buf, searchFrom);
      if (first < 0) {
        // Keep only a tail that could hold the beginning of a split marker.
        const keep = first === -2 ? buf.lastIndexOf(marker) : Math.max(0, buf.length - m);
        reportStray(buf.slice(0, keep), bufLine, onStray);
        bufLine += countNewlines(buf, 0, keep);
        buf = buf.slice(keep);
        searchFrom = 0;
        continue;
      }
      reportStray(buf.slice(0, first), bufLine, onStray);
      bufLine += countNewlines(buf, 0, first);
      buf = buf.slice(first);
      started = true;
      searchFrom = m;
    }
    let start = 0;
    let next = find(buf, Math.max(searchFrom, 1));
    while (next >= 0) {
      const record = trimmedRecord(buf, start, next, bufLine);
      bufLine += countNewlines(buf, start, next);
      if (record) yield record;
      start = next;
      next = find(buf, start + m);
    }
    const undecided = next === -2 ? buf.lastIndexOf(marker) : -1;
    buf = start > 0 ? buf.slice(start) : buf;
    searchFrom = undecided >= 0 ? undecided - start : Math.max(m, buf.length - m);
  }
  if (started) {
    const record = trimmedRecord(buf, 0, buf.length, bufLine);
    if (record) yield record;
  } else {
    reportStray(buf, bufLine, onStray);
  }
}

function reportStray(text: string, line: number, onStray?: (record: TextRecord) => void): void {
  if (!onStray) return;
  const record = trimmedRecord(text, 0, text.length, line);
  if (record) onStray(record);
}

/** text[from, to) without surrounding whitespace, with the line its first non-blank character is on. */
function trimmedRecord(text: string, from: number, to: number, lineAtFrom: number): TextRecord | undefined {
  let s = from;
  let e = to;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (s === e) return undefined;
  return { text: text.slice(s, e), line: lineAtFrom + countNewlines(text, from, s) };
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
