/**
 * Progress for dataset fetching. On a terminal: one line redrawn in place (files done, bytes,
 * speed, a bar when sizes are known). Elsewhere (CI, pipes): a quiet line per download and per
 * retry, nothing for files already local, so logs stay short.
 */
import type { ProgressEvent } from './types.js';

export interface ProgressReporter {
  onProgress(event: ProgressEvent): void;
  /** Clears the live line (call before printing results). */
  finish(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Force the terminal or the plain rendering (default: the stream's isTTY). */
  tty?: boolean;
  /** Files expected, when known, for "3/10 files". */
  totalFiles?: number;
  /** Redraw at most this often (ms). */
  intervalMs?: number;
}

interface FileState {
  received: number;
  total?: number;
  startedAt: number;
  downloading: boolean;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

export function createProgress(opts: ProgressOptions = {}): ProgressReporter {
  const stream = opts.stream ?? process.stderr;
  const tty = opts.tty ?? !!(stream as { isTTY?: boolean }).isTTY;
  const interval = opts.intervalMs ?? 100;
  const files = new Map<string, FileState>();
  const started = Date.now();
  let done = 0;
  let failed = 0;
  /** Bytes of downloads already finished, for the running total and the speed. */
  let finishedBytes = 0;
  let lastDraw = 0;
  let lineShown = false;

  const clearLine = () => {
    if (tty && lineShown) {
      stream.write('\r\x1b[2K');
      lineShown = false;
    }
  };
  const say = (line: string) => {
    clearLine();
    stream.write(line + '\n');
  };

  const draw = (force = false) => {
    if (!tty) return;
    const now = Date.now();
    if (!force && now - lastDraw < interval) return;
    lastDraw = now;
    let received = 0;
    let total = 0;
    let allKnown = true;
    let current = '';
    for (const [url, f] of files) {
      if (!f.downloading) continue;
      received += f.received;
      if (f.total === undefined) allKnown = false;
      else total += f.total;
      current = url;
    }
    const seconds = Math.max(0.001, (now - started) / 1000);
    const count = `${done}${opts.totalFiles ? `/${opts.totalFiles}` : ''} files${failed ? `, ${failed} failed` : ''}`;
    // The bar and "x/y" describe the downloads in flight; the speed, everything downloaded.
    const inFlight = allKnown && total > 0;
    const bytes = inFlight ? `  ${formatBytes(received)}/${formatBytes(total)}` : received ? `  ${formatBytes(received)}` : '';
    const bar = inFlight ? `[${'#'.repeat(Math.round((received / total) * 20)).padEnd(20, '-')}] ` : '';
    const all = finishedBytes + received;
    const speed = all ? `  ${formatBytes(all / seconds)}/s` : '';
    const width = (stream as { columns?: number }).columns ?? 100;
    const name = current ? `  ${current.split('/').pop()}` : '';
    stream.write('\r\x1b[2K' + `fetch ${bar}${count}${bytes}${speed}${name}`.slice(0, Math.max(20, width - 1)));
    lineShown = true;
  };

  return {
    onProgress(event) {
      switch (event.type) {
        case 'start':
          files.set(event.url, { received: 0, startedAt: Date.now(), downloading: false });
          break;
        case 'bytes': {
          const f = files.get(event.url) ?? { received: 0, startedAt: Date.now(), downloading: true };
          f.downloading = true;
          f.received = event.received;
          f.total = event.total;
          files.set(event.url, f);
          draw();
          break;
        }
        case 'retry':
          say(`retrying ${event.url} in ${(event.delayMs / 1000).toFixed(1)} s (attempt ${event.attempt + 1}): ${event.reason}`);
          break;
        case 'done': {
          done++;
          const f = files.get(event.url);
          if (f?.downloading) finishedBytes += event.size;
          if (!tty && f?.downloading) {
            const secs = (Date.now() - f.startedAt) / 1000;
            say(`fetched ${event.url} (${formatBytes(event.size)} in ${secs.toFixed(1)} s)`);
          }
          files.delete(event.url);
          draw(true);
          break;
        }
        case 'fail':
          failed++;
          files.delete(event.url);
          draw(true);
          break;
      }
    },
    finish() {
      clearLine();
    },
  };
}
