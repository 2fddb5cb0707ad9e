/**
 * Splunk's TRUNCATE (props.conf, default 10000 bytes: "the default maximum line length, in bytes
 * ... rounded down when this would otherwise land mid-character for multi-byte characters";
 * https://docs.splunk.com/Documentation/Splunk/latest/Admin/Propsconf) in the line-based readers
 * (issue 19, item 8).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitLines, SPLUNK_TRUNCATE_BYTES } from '../../harness/ingest/lines.js';
import { readDataset } from '../../harness/ingest/read.js';
import { tempDir } from '../support/tmp.js';

async function lines(text: string | Buffer, chunk: number, max?: number): Promise<Array<{ text: string; line: number }>> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const out = [];
  for await (const r of splitLines(chunks(), max)) out.push(r);
  return out;
}

describe('TRUNCATE', () => {
  it('defaults to 10,000 bytes', () => {
    expect(SPLUNK_TRUNCATE_BYTES).toBe(10_000);
  });

  it('cuts a long line and keeps the following lines and their numbers, whatever the chunk size', async () => {
    const long = 'x'.repeat(25);
    for (const chunk of [3, 7, 10, 64]) {
      expect(await lines(`a=1\n${long}\r\nb=2\n${long}`, chunk, 10)).toEqual([
        { text: 'a=1', line: 1 },
        { text: 'x'.repeat(10), line: 2 },
        { text: 'b=2', line: 3 },
        { text: 'x'.repeat(10), line: 4 },
      ]);
    }
  });

  it('rounds down rather than split a multi-byte character', async () => {
    // 'é' is two bytes: 9 ASCII bytes then é would straddle byte 10.
    expect(await lines(`${'a'.repeat(9)}é and more\nok`, 4, 10)).toEqual([
      { text: 'a'.repeat(9), line: 1 },
      { text: 'ok', line: 2 },
    ]);
  });

  it('a 12 MB single-line event is read as its first 10,000 bytes', async () => {
    const dir = tempDir('spl-harness-truncate-');
    const path = join(dir, 'huge.log');
    writeFileSync(path, `user=alice ${'y'.repeat(12 * 1024 * 1024)}\nuser=bob\n`);
    const events = [];
    for await (const e of readDataset(path, { source: 'huge.log', sourcetype: 'my:kv' })) events.push(e);
    expect(events.map((e) => String(e._raw).length)).toEqual([10_000, 8]);
    expect(events[0].user).toBe('alice');
  });
});
