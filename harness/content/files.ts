import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';

/** Every file under `dir` whose name ends with one of `exts`, sorted for stable output. Missing dir → []. */
export function listFiles(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
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

/**
 * A path as messages show it: relative to `base` (the working directory) when it is inside it or
 * in a folder beside it (`../shared/…`), `~/…` under the home directory, else as it is (a path
 * the user gave outside both, e.g. in /tmp). A runner's checkout path never shows.
 */
export function displayPath(abs: string, base: string = process.cwd(), home: string = homedir()): string {
  const rel = relative(base, abs);
  if (rel === '') return '.';
  if (!isAbsolute(rel) && !/^(\.\.[\\/]){2}/.test(rel + sep)) return rel.split(sep).join('/');
  const fromHome = relative(home, abs);
  if (home && !fromHome.startsWith('..') && !isAbsolute(fromHome)) return `~/${fromHome.split(sep).join('/')}`;
  return abs;
}

export function toRel(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}
