import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Every file under `dir` whose name ends with one of `exts`, sorted for stable output. Missing dir → [].
 * Symlinked directories are followed, but each real directory is walked once: a link back to an
 * ancestor (a loop) ends there instead of walking until the path is too long.
 */
export function listFiles(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  const walked = new Set<string>();
  const visit = (d: string) => {
    let real: string;
    try {
      real = realpathSync(d);
    } catch {
      return;
    }
    if (walked.has(real)) return;
    walked.add(real);
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(d, name);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) visit(full);
      else if (exts.some((e) => name.endsWith(e))) out.push(full);
    }
  };
  visit(dir);
  return out.sort();
}

export function toRel(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}
