/**
 * Where a test's local `data:` may point. Detections come from pull requests (forks included), and
 * the runner prints events of the data it reads (the no-hit explanation, SARIF, annotations), so a
 * `data: /etc/passwd` or `../../home/runner/.ssh/id_rsa` would publish the runner's files. A local
 * dataset is read only when, after every symlink is resolved, it lies inside the content root, a
 * mirror directory, or a directory the repository's own `spl-harness.yml` lists under
 * `allow_data_dirs:` (the detection file cannot widen this).
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { DatasetError } from './errors.js';

export interface DataRoot {
  dir: string;
  /** What this directory is, for the refusal message: "the content root", "mirror …". */
  what: string;
}

/** True when `path` is `dir` or lies below it (both absolute and already resolved). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith('..' + sep));
}

/**
 * A `..` written as percent escapes (`%2e%2e`, `%2E.`): the path is not decoded when read, but a
 * mirror or a later tool may decode it, and no honest dataset name needs it.
 */
function encodedEscape(ref: string): boolean {
  if (!/%/.test(ref)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(ref);
  } catch {
    return true;
  }
  return /(?:^|[\\/])\.\.(?:[\\/]|$)/.test(decoded) || /%2f|%5c/i.test(ref);
}

function refusal(ref: string, why: string): DatasetError {
  return new DatasetError(
    'outside-content',
    ref,
    `${ref}: refused: ${why}. A local dataset must lie inside the content root or a mirror directory, after resolving symlinks; ` +
      `a repository can allow another directory with allow_data_dirs: in its spl-harness.yml`,
  );
}

/** Refuses a local `data:` path that hides `..` or a separator in percent escapes, before it is looked up. */
export function refuseEncodedEscape(ref: string): void {
  if (encodedEscape(ref)) throw refusal(ref, 'the path climbs out of its directory through percent-encoded `..` or separators');
}

/**
 * The real path of `path` when it is inside one of `roots` (each also resolved); otherwise a
 * DatasetError ('outside-content') naming the rule. The message names paths only: never what the
 * file holds.
 */
export async function confineDataPath(ref: string, path: string, roots: readonly DataRoot[]): Promise<string> {
  const refuse = (why: string) => refusal(ref, why);
  const real = await realpath(path);
  const allowed: string[] = [];
  for (const root of roots) {
    const dir = await realpath(resolve(root.dir)).catch(() => undefined);
    if (dir && isInside(dir, real)) return real;
    if (dir) allowed.push(`${root.what} ${dir}`);
  }
  const how =
    real === resolve(path) ? `${real} is outside every allowed directory` : `${path} resolves (through a symlink) to ${real}, outside every allowed directory`;
  throw refuse(`${how} (${allowed.join('; ') || 'none could be resolved'})`);
}
