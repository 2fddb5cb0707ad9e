/** One line of the benchmark table (`npm run bench`). */
export interface BenchResult {
  name: string;
  /** Headline value and its unit, e.g. 1.42 "s" or 250000 "events/s". */
  value: number;
  unit: string;
  /** Target as text, e.g. "< 2 s", and whether it was met (undefined when no target). */
  target?: string;
  met?: boolean;
  /** Anything else worth recording: sizes, counts, ratios. */
  details?: Record<string, number | string>;
  /** Set when the benchmark could not run (e.g. ../shared absent). */
  skipped?: string;
}
