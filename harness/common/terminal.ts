/**
 * Terminal conventions shared by every command: when to colour, how wide a line may be, and
 * progress that suits both a terminal (one line redrawn in place) and a CI log (a line now and
 * then, never a screenful of carriage returns).
 */

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

type Env = Record<string, string | undefined>;

/**
 * Whether to write ANSI colours to `stream`, as Node's own tty.getColorDepth decides:
 * FORCE_COLOR wins (0 or false turns colour off, any other value on), then NO_COLOR (any
 * non-empty value, https://no-color.org), then TERM=dumb, then whether the stream is a terminal.
 */
export function useColor(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

/** `text` cut to `width` characters (by code point), with an ellipsis when cut. */
export function fitWidth(text: string, width: number | undefined): string {
  if (!width || width < 2) return text;
  const chars = [...text];
  return chars.length <= width - 1 ? text : chars.slice(0, width - 2).join('') + '…';
}

export interface ProgressOptions {
  /** On a non-terminal, a line every `every` tests ... */
  every?: number;
  /** ... or every `intervalMs`, whichever comes first (also while no test finishes). */
  intervalMs?: number;
  now?: () => number;
  /** Items expected, known before the first one finishes (so the timer can report 0/N). */
  total?: number;
}

export interface Progress {
  update(status: string, done: number, total: number): void;
  /** Clears the terminal line (or prints nothing more on a log). */
  stop(): void;
}

/**
 * Progress of a run of `total` items. On a terminal: one line redrawn at most ten times a
 * second, cut to the terminal's width. Elsewhere (CI logs): a plain line every `every` items or
 * `intervalMs` milliseconds, so a long run is never silent.
 */
export function progress(stream: Stream, opts: ProgressOptions = {}): Progress {
  const now = opts.now ?? Date.now;
  const tally: Record<string, number> = {};
  let done = 0;
  let total = opts.total ?? 0;
  let last = 0;
  let lastDone = -1;
  const counts = () =>
    Object.entries(tally)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  if (stream.isTTY) {
    return {
      update(status, d, t) {
        tally[status] = (tally[status] ?? 0) + 1;
        if (now() - last < 100 && d < t) return;
        last = now();
        const width = 24;
        const filled = Math.round((d / Math.max(1, t)) * width);
        stream.write(`\r\x1b[K${fitWidth(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${d}/${t}  ${counts()}`, stream.columns)}`);
      },
      stop() {
        stream.write('\r\x1b[K');
      },
    };
  }
  const every = opts.every ?? 250;
  const interval = opts.intervalMs ?? 10_000;
  const started = now();
  last = started;
  const line = () => {
    last = now();
    lastDone = done;
    stream.write(`progress: ${done}/${total} tests${done ? ` (${counts()})` : ''} after ${Math.round((last - started) / 1000)} s\n`);
  };
  const timer = setInterval(
    () => {
      if (now() - last >= interval && total > 0) line();
    },
    Math.min(interval, 1000),
  );
  timer.unref();
  return {
    update(status, d, t) {
      tally[status] = (tally[status] ?? 0) + 1;
      done = d;
      total = t;
      if (d < t && (d % every === 0 || now() - last >= interval)) {
        if (d !== lastDone) line();
      }
    },
    stop() {
      clearInterval(timer);
    },
  };
}
