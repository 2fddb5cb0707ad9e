import type { MirrorRule } from '../config.js';
import type { ArchiveLimits } from './archive.js';

/** Where the bytes of a resolved dataset came from. */
export type DatasetOrigin = 'mirror' | 'cache' | 'download' | 'local';

/** Progress events, emitted by resolveDataset and the fetcher; see progress.ts for a renderer. */
export type ProgressEvent =
  | { type: 'start'; url: string }
  | { type: 'bytes'; url: string; received: number; total?: number }
  | { type: 'retry'; url: string; attempt: number; delayMs: number; reason: string }
  | { type: 'done'; url: string; origin: DatasetOrigin; size: number }
  | { type: 'fail'; url: string; message: string };

export interface ResolveOptions {
  /** Relative `data:` paths are resolved against this directory. */
  contentRoot: string;
  /** URL prefix → local directory or base URL (config file and `--mirror`). */
  mirrors: MirrorRule[];
  /** Ignore every mirror rule. */
  noMirror?: boolean;
  /**
   * Directories besides the content root and the mirror directories that a local dataset may
   * lie in (the repository's `allow_data_dirs:`); see confine.ts.
   */
  allowDataDirs?: string[];
  /** Never touch the network: serve from mirrors and the cache or fail with 'offline-unavailable'. */
  offline?: boolean;
  /** Cache root; default `$XDG_CACHE_HOME/spl-harness` (or ~/.cache/spl-harness). */
  cacheDir?: string;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** The HTTP client to use; default one shared process-wide fetcher (see createFetcher). */
  fetcher?: Fetcher;
  /** Skip the conditional request when a cached copy exists (it is still verified). Default false. */
  noRevalidate?: boolean;
  /** Caps for unpacking archives (bomb protection). */
  archiveLimits?: Partial<ArchiveLimits>;
}

export interface ResolvedDataset {
  /** The reference as given (URL or content-relative path). */
  url: string;
  /** A local file to read. For an archive: the extracted file (the first one when there are several). */
  path: string;
  /** Every extracted file, for an archive; absent for plain files. */
  paths?: string[];
  /** SHA-256 (hex) of the file as fetched (for an archive, of the archive itself). */
  sha256: string;
  /** Size in bytes of the file as fetched. */
  size: number;
  origin: DatasetOrigin;
  /** Things that went wrong but did not stop resolution (e.g. revalidation failed, stale copy used). */
  warnings?: string[];
}

// ---------------------------------------------------------------- the HTTP client (download.ts)

export interface HttpOptions {
  /** Connections per origin (default 4). */
  connections?: number;
  /** Files downloading at once, across every caller of this fetcher (default 4). */
  concurrency?: number;
  connectTimeoutMs?: number;
  /** Time to wait for response headers (default 30 s). */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks (default 60 s). */
  bodyTimeoutMs?: number;
  /** Retries after the first attempt (default 5). */
  retries?: number;
  /** First backoff delay; doubles each retry, with jitter (default 500 ms). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A Retry-After longer than this is not waited for: the download fails (default 120 s). */
  maxRetryAfterMs?: number;
  maxRedirections?: number;
  userAgent?: string;
  /** 'env' (default) honours HTTP(S)_PROXY / NO_PROXY; 'none' connects directly. */
  proxy?: 'env' | 'none';
  /** Time for one download, every attempt and backoff included (default 5 min). */
  totalTimeoutMs?: number;
  /** Consecutive connection-level failures after which a host's downloads fail at once (default 3). */
  hostFailureLimit?: number;
  /** Name resolution for connections (default the system's); lets a test simulate DNS failures. */
  lookup?: (
    hostname: string,
    options: object,
    callback: (err: NodeJS.ErrnoException | null, address: string | Array<{ address: string; family: number }>, family?: number) => void,
  ) => void;
}

export interface DownloadRequest {
  url: string;
  /** File to write (created or truncated). */
  dest: string;
  /** Validators of a cached copy: a conditional request is sent and 304 answered as not-modified. */
  etag?: string;
  lastModified?: string;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** The URL to name in errors (the content's URL when a mirror rewrote it). */
  displayUrl?: string;
  /** The key progress events carry (default: displayUrl, else url). */
  progressUrl?: string;
}

export type DownloadResult =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      sha256: string;
      size: number;
      etag?: string;
      lastModified?: string;
      /** Attempts made (1 when nothing failed) and how many of them resumed with Range. */
      attempts: number;
      resumes: number;
    };

export interface Fetcher {
  readonly options: Required<Omit<HttpOptions, 'userAgent' | 'lookup'>> & Pick<HttpOptions, 'lookup'> & { userAgent: string };
  download(req: DownloadRequest): Promise<DownloadResult>;
  /** Runs `task` under the fetcher's concurrency limit (used to bound whole-file work). */
  limit<T>(task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
