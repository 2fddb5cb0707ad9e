/**
 * Garbage is not events, and a gzip bomb is stopped wherever it is read (issue 19, item 8):
 * - text read as XmlWinEventLog yields events only from `<Event>` elements that parse (closed by
 *   `</Event>`, or cut short with a readable System block); the rest is one reader warning per
 *   skipped record, and a file where nothing parses is a ReaderError saying it is not that data;
 * - `search --data` on a gzip bomb meets the archive guard of `test` (datasets/archive.ts: capped
 *   by expanded size and by ratio) instead of expanding until memory runs out.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readDataset, ReaderError, type ReaderWarning } from '../../harness/ingest/read.js';
import { run as runSearch } from '../../harness/cli/commands/search.js';
import { PROJECT_ROOT } from '../support/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'spl-harness-garbage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const XML_META = { sourcetype: 'XmlWinEventLog', source: 'XmlWinEventLog:Security' };
const EVENT =
  "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>4688</EventID><TimeCreated SystemTime='2024-01-01T00:00:00Z'/><Computer>h1</Computer></System>" +
  "<EventData><Data Name='NewProcessName'>C:\\Windows\\cmd.exe</Data></EventData></Event>";

/** Random bytes without NUL (a NUL alone already marks a file as binary and refused). */
function garbage(bytes: number): Buffer {
  const buf = randomBytes(bytes);
  for (let i = 0; i < buf.length; i++) if (buf[i] === 0) buf[i] = 1;
  return buf;
}

async function read(path: string): Promise<{ events: number; warnings: ReaderWarning[]; error?: Error }> {
  const warnings: ReaderWarning[] = [];
  let events = 0;
  try {
    for await (const _ of readDataset(path, XML_META, { onWarning: (w) => warnings.push(w) })) events++;
  } catch (err) {
    return { events, warnings, error: err as Error };
  }
  return { events, warnings };
}

describe('garbage read as XmlWinEventLog', () => {
  it('2 MB of random bytes yield no event but a clear error, and one warning per skipped line', async () => {
    const path = join(dir, 'random.log');
    writeFileSync(path, garbage(2 * 2 ** 20));
    const r = await read(path);
    expect(r.events).toBe(0);
    expect(r.error).toBeInstanceOf(ReaderError);
    expect(r.error!.message).toMatch(/random\.log:\d+: not XmlWinEventLog data: none of its \d+ line\(s\) holds an <Event> element/);
    expect(r.warnings.length).toBeGreaterThan(1000);
  });

  it('random bytes after an <Event tag are not an event either', async () => {
    const path = join(dir, 'random-tagged.xml');
    writeFileSync(path, Buffer.concat([Buffer.from('<Event '), garbage(64 * 1024), Buffer.from('\n<Event>'), garbage(1024)]));
    const r = await read(path);
    expect(r.events).toBe(0);
    expect(r.error?.message).toMatch(/not XmlWinEventLog data: none of its 2 <Event> element\(s\) parses/);
  });

  it('events among garbage are kept, each garbage record skipped with a warning', async () => {
    const path = join(dir, 'mixed.xml');
    const junk = Array.from({ length: 50 }, (_, i) => `<Event junk ${i} ${garbage(200).toString('latin1').replace(/<|>/g, '')}`);
    writeFileSync(path, [EVENT, ...junk, EVENT].join('\n'));
    const r = await read(path);
    expect(r.error).toBeUndefined();
    expect(r.events).toBe(2);
    expect(r.warnings.filter((w) => /not an event: an <Event> element that is neither closed nor has a readable System block/.test(w.message))).toHaveLength(
      50,
    );
  });

  it('an event cut short with a readable System block is still an event, as Splunk indexes it', async () => {
    const path = join(dir, 'cut.xml');
    writeFileSync(path, EVENT.slice(0, EVENT.indexOf('<EventData>') + 30));
    const r = await read(path);
    expect(r.error).toBeUndefined();
    expect(r.events).toBe(1);
  });

  it('syslog lines carrying XML events are read as before', async () => {
    const path = join(dir, 'sysmon-linux.log');
    writeFileSync(path, `2024-01-01T00:00:00.000000+00:00 h1 sysmon: ${EVENT}\n2024-01-01T00:00:01.000000+00:00 h1 sysmon: ${EVENT}\n`);
    const events: unknown[] = [];
    for await (const e of readDataset(path, { sourcetype: 'sysmon:linux', source: 'Syslog:Linux-Sysmon/Operational' })) events.push(e);
    expect(events).toHaveLength(2);
  });
});

describe('search --data on a gzip bomb', () => {
  it('stops at the archive guard with a clear error (exit 2), no V8 string error', async () => {
    // 24 MB of short lines compress about 1000x: past the 16 MB floor at more than 200x.
    const path = join(dir, 'bomb.log.gz');
    writeFileSync(path, gzipSync(Buffer.from('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(800_000))));
    let stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
    const code = await runSearch(['--data', path, '--sourcetype', 'syslog', '--source', 'bomb', '--content', PROJECT_ROOT, 'sourcetype=syslog | stats count']);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(stderr).toMatch(/bomb\.log\.gz: gzip content expands to more than 200x its \d+ bytes \(an archive bomb\?\); refusing to unpack it/);
  });
});
