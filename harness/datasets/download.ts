/**
 * HTTP downloads with undici 7: one dispatcher (EnvHttpProxyAgent, so HTTPS_PROXY / NO_PROXY
 * apply; a plain Agent underneath) with bounded connections and connect / header / body
 * timeouts, redirects via undici's interceptor, and our own retry loop, because a retry here
 * has to know about the file on disk: it resumes with a Range request when the server supports
 * it, and restarts from zero when it does not.
 *
 * Retried: network errors (reset, refused, timeouts), 5xx, and 429 (after Retry-After).
 * Never retried: other 4xx. Backoff is exponential with jitter. A name that does not resolve
 * (ENOTFOUND) is tried twice, not six times; each download has a total time budget across its
 * attempts; and after a few consecutive connection-level failures to one host (no response at
 * all) the host is taken as unreachable: its other downloads fail at once with one message,
 * instead of each paying the whole retry schedule (without network, an ESCU run would otherwise
 * spend hours on its ~1,000 datasets).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stat, truncate } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import { DatasetError, describeError } from './errors.js';
import { hashFile } from './hash.js';
import { createLimiter, type Limiter } from './limit.js';
import type { DownloadRequest, DownloadResult, Fetcher, HttpOptions } from './types.js';

export type { DownloadRequest, DownloadResult, Fetcher, HttpOptions } from './types.js';

const DEFAULTS = {
  connections: 4,
  concurrency: 4,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 60_000,
  retries: 5,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
  maxRetryAfterMs: 120_000,
  maxRedirections: 5,
  userAgent: 'spl-harness (dataset fetch)',
  proxy: 'env' as 'env' | 'none',
  totalTimeoutMs: 5 * 60_000,
  hostFailureLimit: 3,
  lookup: undefined as HttpOptions['lookup'],
};

/** Connection health of one host, shared by every download of a fetcher. */
interface HostHealth {
  /** Connection-level failures in a row (reset by any response). */
  failures: number;
  /** Set once the host is taken as unreachable: every later download fails with it. */
  down?: DatasetError;
}

/** Loopback never goes through a proxy (a local test server or mirror). */
function noProxyList(): string {
  const env = process.env.no_proxy ?? process.env.NO_PROXY ?? '';
  return [env, 'localhost', '127.0.0.1', '::1'].filter(Boolean).join(',');
}

export function createFetcher(opts: HttpOptions = {}): Fetcher {
  const options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as Fetcher['options'];
  const agentOptions = {
    connections: options.connections,
    connectTimeout: options.connectTimeoutMs,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    ...(options.lookup ? { connect: { lookup: options.lookup } } : {}),
  };
  const hosts = new Map<string, HostHealth>();
  // undici is loaded on the first real download: runs served by mirrors and the cache (most
  // runs, and every worker thread) never pay for importing it.
  let agent: Promise<{ base: Dispatcher; dispatcher: Dispatcher }> | undefined;
  const connect = () =>
    (agent ??= import('undici').then(({ Agent, EnvHttpProxyAgent, interceptors }) => {
      const base = options.proxy === 'none' ? new Agent(agentOptions) : new EnvHttpProxyAgent({ ...agentOptions, noProxy: noProxyList() });
      return { base, dispatcher: base.compose(interceptors.redirect({ maxRedirections: options.maxRedirections })) };
    }));
  const limiter: Limiter = createLimiter(options.concurrency);
  return {
    options,
    download: (req) => limiter.run(async () => downloadWithRetries((await connect()).dispatcher, options, req, hosts)),
    limit: (task) => limiter.run(task),
    close: async () => {
      if (agent) await (await agent).base.close();
    },
  };
}

/** Why an attempt failed, and whether (and when) to try again. */
interface AttemptFailure {
  retry: boolean;
  /** No response at all (refused, reset, DNS, connect or header timeout): counts against the host. */
  connection?: boolean;
  /** Server-requested delay (Retry-After), overriding backoff. */
  delayMs?: number;
  error: DatasetError;
}

async function downloadWithRetries(
  dispatcher: Dispatcher,
  options: Fetcher['options'],
  req: DownloadRequest,
  hosts: Map<string, HostHealth>,
): Promise<DownloadResult> {
  const shown = req.displayUrl ?? req.url;
  const host = new URL(req.url).host;
  const health = hosts.get(host) ?? { failures: 0 };
  hosts.set(host, health);
  const state: TransferState = { offset: 0, validator: undefined, acceptsRanges: false, resumes: 0 };
  const deadline = AbortSignal.timeout(options.totalTimeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
  const attemptReq = { ...req, signal };
  const outOfTime = (last?: DatasetError) =>
    new DatasetError(
      'timeout',
      shown,
      `${shown}: gave up after ${Math.round(options.totalTimeoutMs / 1000)} s, the time budget of one download${last ? ` (last: ${last.message})` : ''}`,
    );
  let attempt = 0;
  let unresolved = 0;
  let last: DatasetError | undefined;
  for (;;) {
    attempt++;
    if (health.down) throw hostDown(shown, health.down);
    if (deadline.aborted && !req.signal?.aborted) throw outOfTime(last);
    checkAborted(req.signal, shown);
    const outcome = await attemptOnce(dispatcher, options, attemptReq, state);
    if (outcome.kind === 'done') {
      health.failures = 0;
      const result = outcome.result;
      return result.status === 'ok' ? { ...result, attempts: attempt, resumes: state.resumes } : result;
    }
    const failure = outcome.failure;
    if (failure.error.code === 'aborted' && deadline.aborted && !req.signal?.aborted) throw outOfTime(last);
    last = failure.error;
    if (failure.connection) {
      if (health.down) throw hostDown(shown, health.down);
      if (++health.failures >= options.hostFailureLimit) {
        health.down = new DatasetError(
          'host-unreachable',
          shown,
          `${host}: unreachable, ${health.failures} connection failures in a row (last: ${failure.error.message}); ` +
            `its remaining downloads fail at once. Without network, run with --offline (cache and mirrors only) or add --mirror PREFIX=DIR pointing at a local copy; behind a proxy, set HTTPS_PROXY (and NO_PROXY)`,
        );
        throw health.down;
      }
    } else {
      health.failures = 0;
    }
    // A name that does not resolve will not resolve a few seconds later: one more try, not five.
    const dns = isUnresolved(failure.error.cause) && ++unresolved >= 2;
    if (!failure.retry || dns || attempt > options.retries) {
      if (failure.retry && attempt > 1) failure.error.message = `${failure.error.message} (gave up after ${attempt} attempts)`;
      throw failure.error;
    }
    const delayMs = failure.delayMs ?? backoff(attempt, options.retryBaseMs, options.retryMaxMs);
    req.onProgress?.({ type: 'retry', url: req.progressUrl ?? shown, attempt, delayMs, reason: failure.error.message });
    try {
      await sleep(delayMs, signal, shown);
    } catch (err) {
      if (deadline.aborted && !req.signal?.aborted) throw outOfTime(last);
      throw err;
    }
  }
}

/** The error a download gets when its host was already found unreachable. */
function hostDown(shown: string, down: DatasetError): DatasetError {
  return new DatasetError('host-unreachable', shown, `${shown}: not tried: ${down.message}`);
}

function isUnresolved(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === 'ENOTFOUND') return true;
  }
  return false;
}

/** What survives between attempts: how much of the file is on disk and whether we may resume. */
interface TransferState {
  offset: number;
  /** Strong ETag or Last-Modified of the response being resumed (for If-Range). */
  validator: string | undefined;
  acceptsRanges: boolean;
  resumes: number;
}

type AttemptOutcome =
  | { kind: 'done'; result: { status: 'not-modified' } | Omit<Extract<DownloadResult, { status: 'ok' }>, 'attempts' | 'resumes'> }
  | { kind: 'failed'; failure: AttemptFailure };

async function attemptOnce(dispatcher: Dispatcher, options: Fetcher['options'], req: DownloadRequest, state: TransferState): Promise<AttemptOutcome> {
  const shown = req.displayUrl ?? req.url;
  const url = new URL(req.url);
  const headers: Record<string, string> = { 'user-agent': options.userAgent, 'accept-encoding': 'identity' };
  const resuming = state.offset > 0 && state.acceptsRanges && state.validator !== undefined;
  if (resuming) {
    headers.range = `bytes=${state.offset}-`;
    headers['if-range'] = state.validator!;
  } else {
    state.offset = 0;
    // Conditional on every fresh start (a retry after a 5xx too): a 304 at any point still
    // means the cached copy is current.
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  }

  let res: Dispatcher.ResponseData;
  try {
    res = await dispatcher.request({ origin: url.origin, path: url.pathname + url.search, method: 'GET', headers, signal: req.signal });
  } catch (err) {
    const outcome = networkFailure(err, shown, req.signal);
    if (outcome.kind === 'failed' && outcome.failure.error.code === 'network') outcome.failure.connection = true;
    return outcome;
  }

  const status = res.statusCode;
  const header = (name: string) => {
    const v = res.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const discard = () => res.body.dump().catch(() => undefined);

  if (status === 304 && (req.etag || req.lastModified) && !resuming) {
    await discard();
    return { kind: 'done', result: { status: 'not-modified' } };
  }
  if (status === 416 && resuming) {
    // The range no longer fits the resource: start over.
    await discard();
    state.offset = 0;
    state.acceptsRanges = false;
    return {
      kind: 'failed',
      failure: { retry: true, delayMs: 0, error: new DatasetError('http', shown, `${shown}: range not satisfiable on resume; restarting`) },
    };
  }
  if (status === 429 || status >= 500) {
    await discard();
    const retryAfter = parseRetryAfter(header('retry-after'));
    if (retryAfter !== undefined && retryAfter > options.maxRetryAfterMs) {
      return {
        kind: 'failed',
        failure: {
          retry: false,
          error: new DatasetError(
            'http',
            shown,
            `${shown}: HTTP ${status}; the server asks to retry after ${Math.round(retryAfter / 1000)} s, longer than the ${Math.round(options.maxRetryAfterMs / 1000)} s limit`,
          ),
        },
      };
    }
    return {
      kind: 'failed',
      failure: { retry: true, delayMs: retryAfter, error: new DatasetError('http', shown, `${shown}: HTTP ${status} from the server`) },
    };
  }
  if (status === 404 || status === 410) {
    await discard();
    return {
      kind: 'failed',
      failure: {
        retry: false,
        error: new DatasetError('not-found', shown, `${shown}: HTTP ${status} not found; check the URL, or add a --mirror that holds this file`),
      },
    };
  }
  if (status !== 200 && status !== 206) {
    await discard();
    const hint = status === 401 || status === 403 ? ' (access denied: the file is private or needs credentials)' : '';
    return { kind: 'failed', failure: { retry: false, error: new DatasetError('http', shown, `${shown}: HTTP ${status}${hint}`) } };
  }

  // 206 must continue exactly where we stopped; anything else (or a 200) restarts the file.
  let append = false;
  if (status === 206) {
    const start = /^bytes (\d+)-/.exec(header('content-range') ?? '')?.[1];
    if (resuming && start !== undefined && Number(start) === state.offset) {
      append = true;
      state.resumes++;
    } else {
      await discard();
      state.offset = 0;
      state.acceptsRanges = false;
      return {
        kind: 'failed',
        failure: { retry: true, delayMs: 0, error: new DatasetError('http', shown, `${shown}: unexpected partial response; restarting`) },
      };
    }
  } else {
    state.offset = 0;
    const etag = header('etag');
    const lastModified = header('last-modified');
    state.validator = etag && !etag.startsWith('W/') ? etag : lastModified;
    state.acceptsRanges = /\bbytes\b/i.test(header('accept-ranges') ?? '');
  }

  const lengthHeader = header('content-length');
  const expected = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? state.offset + Number(lengthHeader) : undefined;
  const total = status === 206 ? Number(/\/(\d+)$/.exec(header('content-range') ?? '')?.[1]) || expected : expected;
  let received = state.offset;
  const hash = append ? undefined : createHash('sha256');
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      hash?.update(chunk);
      req.onProgress?.({ type: 'bytes', url: req.progressUrl ?? shown, received, total });
      done(null, chunk);
    },
  });
  const sink = createWriteStream(req.dest, { flags: append ? 'a' : 'w' });
  try {
    await pipeline(res.body, meter, sink);
  } catch (err) {
    // A write still in flight would land after the size is taken for the resume, doubling bytes.
    if (!sink.closed) await once(sink, 'close').catch(() => undefined);
    if (isLocalFsError(err)) {
      throw new DatasetError('cache', shown, `${shown}: cannot write ${req.dest}: ${describeError(err)}`, { cause: err });
    }
    await rememberPartial(req.dest, state);
    return networkFailure(err, shown, req.signal, 'transfer broken');
  }
  if (expected !== undefined && received !== expected) {
    await rememberPartial(req.dest, state);
    return {
      kind: 'failed',
      failure: { retry: true, error: new DatasetError('incomplete', shown, `${shown}: body ended after ${received} of ${expected} bytes`) },
    };
  }
  // After a resume the streamed hash covers only the tail: hash the whole file from disk.
  const whole = hash ? { sha256: hash.digest('hex'), size: received } : await hashFile(req.dest);
  return {
    kind: 'done',
    result: { status: 'ok', sha256: whole.sha256, size: whole.size, etag: header('etag'), lastModified: header('last-modified') },
  };
}

/** After a broken transfer: keep what reached the disk so the next attempt can resume. */
async function rememberPartial(dest: string, state: TransferState): Promise<void> {
  const size = await stat(dest).then(
    (s) => s.size,
    () => 0,
  );
  if (state.acceptsRanges && state.validator !== undefined && size > 0) {
    state.offset = size;
  } else {
    state.offset = 0;
    await truncate(dest, 0).catch(() => undefined);
  }
}

function networkFailure(err: unknown, shown: string, signal: AbortSignal | undefined, what = 'request failed'): AttemptOutcome {
  if (signal?.aborted) return { kind: 'failed', failure: { retry: false, error: new DatasetError('aborted', shown, `${shown}: aborted`, { cause: err }) } };
  return { kind: 'failed', failure: { retry: true, error: new DatasetError('network', shown, `${shown}: ${what}: ${describeError(err)}`, { cause: err }) } };
}

const LOCAL_FS_CODES = new Set(['ENOSPC', 'EACCES', 'EROFS', 'EDQUOT', 'EISDIR', 'ENOENT', 'EPERM']);
function isLocalFsError(err: unknown): boolean {
  const e = err as NodeJS.ErrnoException;
  return typeof e?.code === 'string' && LOCAL_FS_CODES.has(e.code) && typeof e.syscall === 'string';
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function checkAborted(signal: AbortSignal | undefined, shown: string): void {
  if (signal?.aborted) throw new DatasetError('aborted', shown, `${shown}: aborted`);
}

function sleep(ms: number, signal: AbortSignal | undefined, shown: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DatasetError('aborted', shown, `${shown}: aborted`));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DatasetError('aborted', shown, `${shown}: aborted`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
