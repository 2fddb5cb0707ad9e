import '../harness/engine/commands/index.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The public reference data folder `shared/` beside the project root, found from this file
 * (bench/shared.ts, or dist/bench/shared.js once built), or `SPL_HARNESS_SHARED`.
 */
export function sharedRoot(): string {
  if (process.env.SPL_HARNESS_SHARED) return process.env.SPL_HARNESS_SHARED;
  let dir = resolve(fileURLToPath(import.meta.url), '..');
  for (let i = 0; i < 4; i++) {
    const candidate = resolve(dir, '..', 'shared');
    if (existsSync(resolve(candidate, 'README.md'))) return candidate;
    dir = resolve(dir, '..');
  }
  return resolve(process.cwd(), '..', 'shared');
}
