/**
 * The datasets stage: a test's `data:` URL or path → a verified local file.
 * Mirror → verified cache → undici download; gz / tar / zip unpacked; LFS pointers refused.
 * See docs/DATASETS.md for mirror rules and the cache layout.
 */
export { resolveDataset, clearResolveMemo, sharedFetcher } from './resolve.js';
export { createFetcher, backoff, parseRetryAfter } from './download.js';
export type { Fetcher, HttpOptions, DownloadRequest, DownloadResult } from './download.js';
export { fetchAll } from './fetch-all.js';
export type { FetchAllOptions, FetchOutcome } from './fetch-all.js';
export { DatasetCache, defaultCacheDir } from './cache.js';
export type { CacheEntry, ExtractManifest, ExtractedFile, TmpFile } from './cache.js';
export { DatasetError, isDatasetError, describeError } from './errors.js';
export type { DatasetErrorCode } from './errors.js';
export { applyMirrors } from './mirror.js';
export type { MirrorTarget } from './mirror.js';
export { archiveKind, extractArchive, DEFAULT_ARCHIVE_LIMITS } from './archive.js';
export type { ArchiveKind, ArchiveLimits } from './archive.js';
export { parseLfsPointer, lfsMediaUrl } from './lfs.js';
export { createProgress } from './progress.js';
export type { ProgressReporter } from './progress.js';
export { verifyCache, pruneCache, NotACacheError } from './maintenance.js';
export type { VerifyReport, PruneReport, PruneOptions } from './maintenance.js';
export type { ResolveOptions, ResolvedDataset, DatasetOrigin, ProgressEvent } from './types.js';
