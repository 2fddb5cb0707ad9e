/**
 * The one error type of the datasets stage. Every failure a user can meet (no network, a
 * 404, an LFS pointer, a bad archive) is a DatasetError with a stable `code`, the URL (or path)
 * it concerns, and a message that says what to do next.
 */
export type DatasetErrorCode =
  | 'offline-unavailable' // --offline and no local copy
  | 'not-found' // 404/410, or a local path that does not exist
  | 'invalid-url' // a `data:` value that is not a parseable URL
  | 'http' // any other HTTP status we give up on
  | 'network' // connection refused/reset, timeouts, after retries
  | 'lfs-pointer' // a Git LFS pointer instead of the data
  | 'corrupt-archive' // truncated or damaged gz / tar / zip
  | 'unsafe-archive' // an entry that would leave its folder
  | 'too-large' // expanded size or ratio over the cap (archive bombs)
  | 'incomplete' // a body shorter than its Content-Length, after retries
  | 'cache' // the cache directory cannot be used
  | 'outside-content' // a local path outside the content root, its mirrors and allow_data_dirs
  | 'host-unreachable' // several connection failures to one host: its other downloads fail at once
  | 'timeout' // the dataset's total time budget ran out
  | 'aborted'; // the caller's AbortSignal fired

export class DatasetError extends Error {
  override name = 'DatasetError';
  constructor(
    readonly code: DatasetErrorCode,
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isDatasetError(err: unknown): err is DatasetError {
  return err instanceof DatasetError;
}

/** A one-line description of any error, for CLI output and wrapped errors. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}
