/**
 * fetchAll: resolve many datasets at once under one concurrency limit, collecting each
 * outcome instead of stopping at the first failure (one bad URL never hides the others).
 */
import { createFetcher, type Fetcher, type HttpOptions } from './download.js';
import { DatasetError, describeError } from './errors.js';
import { createLimiter } from './limit.js';
import { resolveDataset } from './resolve.js';
import type { ResolveOptions, ResolvedDataset } from './types.js';

export interface FetchAllOptions extends ResolveOptions {
  /** Datasets resolved at once (default: the fetcher's concurrency). */
  concurrency?: number;
  /** HTTP settings for a fetcher created for this call, when `fetcher` is not given. */
  http?: HttpOptions;
}

export type FetchOutcome = { ref: string; ok: true; dataset: ResolvedDataset } | { ref: string; ok: false; error: DatasetError };

export async function fetchAll(refs: readonly string[], opts: FetchAllOptions): Promise<FetchOutcome[]> {
  const unique = [...new Set(refs)];
  const ownFetcher: Fetcher | undefined = opts.fetcher ? undefined : createFetcher({ ...opts.http, concurrency: opts.concurrency ?? opts.http?.concurrency });
  const fetcher = opts.fetcher ?? ownFetcher!;
  const limiter = createLimiter(opts.concurrency ?? fetcher.options.concurrency);
  try {
    return await Promise.all(
      unique.map((ref) =>
        limiter.run(async (): Promise<FetchOutcome> => {
          try {
            return { ref, ok: true, dataset: await resolveDataset(ref, { ...opts, fetcher }) };
          } catch (err) {
            const error = err instanceof DatasetError ? err : new DatasetError('network', ref, `${ref}: ${describeError(err)}`, { cause: err });
            return { ref, ok: false, error };
          }
        }),
      ),
    );
  } finally {
    await ownFetcher?.close();
  }
}
