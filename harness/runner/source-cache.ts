import type { EngineSource } from '../engine/types.js';

/**
 * Dataset-grouped execution, the reading half: the engine source of a set of input files (their
 * events read, normalised and ordered newest first, and each data-model view once built) is kept
 * for the next test that reads the same files with the same pre-filter. The pool queues the tests
 * of one dataset one after another and gives them one pre-filter, the union of theirs (see
 * groups.ts), so a file shared by twenty detections is read once, not twenty times.
 *
 * Held events are bounded by their raw bytes; the least recently used sources go first. One
 * cache per thread (each worker has its own) and per content, since lookups come from it.
 */
export class SourceCache {
  private readonly entries = new Map<string, { source: EngineSource; bytes: number }>();
  private total = 0;
  /** Tests served from memory so far (for tests and benchmarks). */
  hits = 0;

  constructor(readonly budgetBytes: number) {}

  get(key: string): EngineSource | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.hits++;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.source;
  }

  put(key: string, source: EngineSource, bytes: number): void {
    if (bytes > this.budgetBytes || this.entries.has(key)) return;
    for (const [k, e] of this.entries) {
      if (this.total + bytes <= this.budgetBytes) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
    this.entries.set(key, { source, bytes });
    this.total += bytes;
  }

  /** Sources that were read and did not fit (a large file's union of pre-filters kept too much). */
  private readonly tooLarge = new Set<string>();

  markUnheld(key: string): void {
    this.tooLarge.add(key);
  }

  unheld(key: string): boolean {
    return this.tooLarge.has(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Raw bytes of events a thread keeps between tests (about three times that in heap). */
export const SOURCE_CACHE_BYTES = 48 * 2 ** 20;

const caches = new WeakMap<object, SourceCache>();

/** The cache of this thread for one content. */
export function sourceCacheFor(content: object, budgetBytes = SOURCE_CACHE_BYTES): SourceCache {
  let cache = caches.get(content);
  if (!cache) caches.set(content, (cache = new SourceCache(budgetBytes)));
  return cache;
}
