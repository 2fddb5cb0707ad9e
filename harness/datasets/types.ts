import type { MirrorRule } from '../config.js';
import type { Fetcher } from './download.js';
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
