import { homedir } from 'node:os';
import { isAbsolute, relative, sep } from 'node:path';

// Lives in datasets/ because the datasets stage, which is self-contained (it runs on its own in
// child processes, test/datasets/processes.test.ts), names paths in its errors; the CLI uses it too.

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
