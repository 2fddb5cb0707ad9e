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
 * The file's bytes in chunks: gunzipped when the content is gzip (whatever the name), a UTF-8
 * byte-order mark dropped, UTF-16 (BOM FF FE / FE FF, as some Windows exports are) transcoded to
 * UTF-8. Splitting works on these bytes: the markers and newlines the readers split at are ASCII,
 * and ASCII bytes never occur inside a UTF-8 multi-byte character, so a cut is always clean.
 */
export async function* byteChunks(path: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<Buffer> {
  const gzip = await startsWithGzipMagic(path);
  const file = createReadStream(path, { highWaterMark: chunkBytes });
  let stream: Readable = file;
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: chunkBytes });
    file.on('error', (err) => gunzip.destroy(err));
    stream = file.pipe(gunzip);
  }
  let first = true;
  let utf16: StringDecoder | undefined;
  // UTF-16 big-endian: byte pairs swapped to little-endian (an odd byte waits for the next chunk).
  let bigEndian = false;
  let carry: Buffer | undefined;
  try {
    for await (let buf of stream as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
        else if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
          utf16 = new StringDecoder('utf16le');
          buf = buf.subarray(2);
        } else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
          utf16 = new StringDecoder('utf16le');
          bigEndian = true;
          buf = buf.subarray(2);
        } else {
          const nul = buf.subarray(0, BINARY_CHECK_BYTES).indexOf(0);
          if (nul >= 0) throw new ReaderError(path, 0, binaryMessage(nul));
        }
      }
      if (bigEndian) {
        if (carry) buf = Buffer.concat([carry, buf]);
        carry = buf.length % 2 ? buf.subarray(buf.length - 1) : undefined;
        buf = Buffer.from(buf.subarray(0, buf.length - (buf.length % 2))).swap16();
      }
      if (utf16) buf = Buffer.from(utf16.write(buf), 'utf8');
      if (buf.length > 0) yield buf;
    }
  } catch (err) {
    if (err instanceof ReaderError) throw err;
    throw new ReaderError(path, 0, `${gzip ? 'gunzip' : 'read'} failed: ${(err as Error).message}`);
  } finally {
    file.destroy();
    if (stream !== file) stream.destroy();
  }
}

/** How much of a file's start is looked at for NUL bytes, the mark of binary content. */
const BINARY_CHECK_BYTES = 8192;

/**
 * Splunk does not index binary files (props.conf NO_BINARY_CHECK, default false: "Splunk
 * software ignores files that it detects as binary"); read as text they would give garbage or
 * no rows at all, a quiet wrong answer. So a dataset with NUL bytes (and no UTF-16 byte-order
 * mark) is refused.
 */
function binaryMessage(offset: number): string {
  return `binary content (a NUL byte at offset ${offset}), not a text log: Splunk skips binary files (props.conf NO_BINARY_CHECK); UTF-16 text needs its byte-order mark`;
}

/** The file's text in chunks (see byteChunks), UTF-8 decoded with characters split across chunks kept whole. */
export async function* textChunks(path: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const buf of byteChunks(path, chunkBytes)) {
    const text = decoder.write(buf);
    if (text.length > 0) yield text;
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

/** Number of newline bytes in buf[from, to). */
function countNewlineBytes(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let i = buf.indexOf(10, from);
  while (i !== -1 && i < to) {
    n++;
    i = buf.indexOf(10, i + 1);
  }
  return n;
}

/**
 * A growable working buffer that holds the unconsumed tail of the previous chunk followed by the
 * next chunk. Reusing one allocation matters: a fresh megabyte per chunk (Buffer.concat) costs
 * more in page faults than the whole split.
 */
class CarryBuffer {
  private work = Buffer.allocUnsafe(0);
  private length = 0;

  /** Keep work[from, length) as the carry and append `chunk`; the combined bytes. */
  append(from: number, chunk: Buffer): Buffer {
    const carry = this.length - from;
    const needed = carry + chunk.length;
    if (needed > this.work.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.work.length * 2, 2 * CHUNK_BYTES));
      this.work.copy(grown, 0, from, this.length);
      this.work = grown;
    } else if (carry > 0 && from > 0) {
      this.work.copy(this.work, 0, from, this.length);
    }
    chunk.copy(this.work, carry);
    this.length = needed;
    return this.work.subarray(0, needed);
  }
}

/**
 * Splunk's default maximum line length, props.conf `TRUNCATE` (default 10000 bytes, "rounded
 * down when this would otherwise land mid-character for multi-byte characters";
 * https://docs.splunk.com/Documentation/Splunk/latest/Admin/Propsconf). Longer lines are cut.
 */
export const SPLUNK_TRUNCATE_BYTES = 10_000;

/** The largest cut ≤ `max` bytes from `start` that does not split a UTF-8 character. */
function utf8Cut(buf: Buffer, start: number, max: number): number {
  let cut = max;
  while (cut > 0 && (buf[start + cut] & 0xc0) === 0x80) cut--;
  return cut;
}

/**
 * Lines of the stream (without their `\n` or `\r\n`), each with its 1-based line number. A line
 * longer than `maxLineBytes` is truncated as Splunk's TRUNCATE does (0: never); the rest of it is
 * skipped as it streams by, so a 100 MB line costs no more memory than a short one.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxLineBytes = SPLUNK_TRUNCATE_BYTES): AsyncGenerator<TextRecord> {
  const work = new CarryBuffer();
  let buf: Buffer = Buffer.alloc(0);
  let start = 0;
  let line = 1;
  // The kept head of an overlong line whose end (its newline) has not arrived yet.
  let overlong: string | undefined;
  for await (const chunk of chunks) {
    buf = work.append(start, chunk);
    start = 0;
    let nl = buf.indexOf(10);
    if (overlong !== undefined) {
      if (nl === -1) {
        start = buf.length;
        continue;
      }
      yield { text: overlong, line };
      overlong = undefined;
      line++;
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    while (nl !== -1) {
      let end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      if (maxLineBytes > 0 && end - start > maxLineBytes) end = start + utf8Cut(buf, start, maxLineBytes);
      yield { text: buf.toString('utf8', start, end), line };
      line++;
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    if (maxLineBytes > 0 && buf.length - start > maxLineBytes) {
      overlong = buf.toString('utf8', start, start + utf8Cut(buf, start, maxLineBytes));
      start = buf.length;
    }
  }
  if (overlong !== undefined) {
    yield { text: overlong, line };
  } else if (start < buf.length) {
    let end = buf[buf.length - 1] === 13 ? buf.length - 1 : buf.length;
    if (maxLineBytes > 0 && end - start > maxLineBytes) end = start + utf8Cut(buf, start, maxLineBytes);
    yield { text: buf.toString('utf8', start, end), line };
  }
}

/**
 * Records that each begin with `marker` (ASCII) and run to the next marker or the end of the
 * stream, trimmed of surrounding whitespace. Newlines inside a record are part of it.
 * `followedBy` lists the characters allowed right after the marker (so `<Event` followed by a
 * space or `>` starts a record, `<EventData` does not); empty means any. Non-blank text before
 * the first record is passed to `onStray` with its line. Works on bytes: one Buffer.indexOf per
 * candidate and one UTF-8 decode per record, the cheapest split there is.
 */
export async function* splitAtMarker(
  chunks: AsyncIterable<Buffer>,
  marker: string,
  followedBy = '',
  onStray?: (record: TextRecord) => void,
): AsyncGenerator<TextRecord> {
  for await (const batch of splitAtMarkerBatches(chunks, marker, followedBy, onStray)) yield* batch;
}

/**
 * splitAtMarker, one array of records per chunk read: a reader looping over these pays one
 * asynchronous step per chunk instead of one per record.
 */
export async function* splitAtMarkerBatches(
  chunks: AsyncIterable<Buffer>,
  marker: string,
  followedBy = '',
  onStray?: (record: TextRecord) => void,
): AsyncGenerator<TextRecord[]> {
  const pattern = Buffer.from(marker, 'latin1');
  const m = pattern.length;
  const allowed = new Set([...followedBy].map((c) => c.charCodeAt(0)));
  /** Next record start at or after `from`: its index, -1 when none, -2 when undecidable until more bytes arrive. */
  const find = (buf: Buffer, from: number): number => {
    let i = buf.indexOf(pattern, from);
    while (i !== -1) {
      if (allowed.size === 0) return i;
      if (i + m >= buf.length) return -2;
      if (allowed.has(buf[i + m])) return i;
      i = buf.indexOf(pattern, i + 1);
    }
    return -1;
  };
  let bufLine = 1; // line number of the first byte of `carry`
  // Before the first record: bytes not yet known to be stray text (a marker may be split).
  let lead: Buffer | undefined = Buffer.alloc(0);
  // From the first record on: the unfinished record, always starting at a marker.
  let carry: Buffer = Buffer.alloc(0);

  /**
   * Records of `buf`, whose byte `start` begins a record, that end at a later decidable
   * marker; leaves `rest` at the start of the last (unfinished) record.
   */
  let rest = 0;
  let batch: TextRecord[] = [];
  function records(buf: Buffer, start: number): void {
    let next = find(buf, start + m);
    while (next >= 0) {
      const record = trimmedRecord(buf, start, next, bufLine);
      bufLine += countNewlineBytes(buf, start, next);
      if (record) batch.push(record);
      start = next;
      next = find(buf, start + m);
    }
    rest = start;
  }

  for await (const chunk of chunks) {
    if (lead !== undefined) {
      const buf = Buffer.concat([lead, chunk]);
      const first = find(buf, 0);
      if (first < 0) {
        // Keep only a tail that could hold the beginning of a split marker.
        const keep = first === -2 ? buf.lastIndexOf(pattern) : Math.max(0, buf.length - m);
        reportStray(buf, 0, keep, bufLine, onStray);
        bufLine += countNewlineBytes(buf, 0, keep);
        lead = buf.subarray(keep);
        continue;
      }
      reportStray(buf, 0, first, bufLine, onStray);
      bufLine += countNewlineBytes(buf, 0, first);
      lead = undefined;
      records(buf, first);
      carry = buf.subarray(rest);
      if (batch.length > 0) yield batch;
      batch = [];
      continue;
    }
    // The junction: the unfinished record plus the chunk up to (just past) its first marker,
    // the only bytes copied; a marker split between the two is found here too.
    const firstInChunk = find(chunk, 0);
    const headEnd = firstInChunk >= 0 ? Math.min(chunk.length, firstInChunk + m + 1) : chunk.length;
    const junction = Buffer.concat([carry, chunk.subarray(0, headEnd)]);
    records(junction, 0);
    if (rest < carry.length || headEnd === chunk.length) {
      // No record start in the chunk beyond the junction: the unfinished record grows.
      carry = junction.subarray(rest);
      if (headEnd < chunk.length) carry = Buffer.concat([carry, chunk.subarray(headEnd)]);
    } else {
      // The rest of the chunk, in place.
      records(chunk, rest - carry.length);
      carry = chunk.subarray(rest);
    }
    if (batch.length > 0) yield batch;
    batch = [];
  }
  if (lead === undefined) {
    const record = trimmedRecord(carry, 0, carry.length, bufLine);
    if (record) yield [record];
  } else {
    reportStray(lead, 0, lead.length, bufLine, onStray);
  }
}

function reportStray(buf: Buffer, from: number, to: number, line: number, onStray?: (record: TextRecord) => void): void {
  if (!onStray) return;
  const record = trimmedRecord(buf, from, to, line);
  if (record) onStray(record);
}

/** buf[from, to) decoded, without surrounding whitespace, with the line its first non-blank character is on. */
function trimmedRecord(buf: Buffer, from: number, to: number, lineAtFrom: number): TextRecord | undefined {
  let s = from;
  let e = to;
  while (s < e && isSpace(buf[s])) s++;
  while (e > s && isSpace(buf[e - 1])) e--;
  if (s === e) return undefined;
  return { text: buf.toString('utf8', s, e), line: lineAtFrom + countNewlineBytes(buf, from, s) };
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
