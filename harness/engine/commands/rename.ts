/**
 * rename: "Use the rename command to rename one or more fields ... If you want to rename fields
 * with similar names, you can use a wildcard character" (`rename EU* AS EMEA*`, and ESCU's
 * `rename Processes.* as *`): the part each `*` matched carries over. "Both the original and
 * renamed fields must include the same number of wildcards, otherwise a wildcard mismatch error
 * is returned." Renames apply left to right. A field renamed onto a name that already exists
 * replaces it; renaming a field that does not exist changes nothing.
 */
import type { RenameCommand } from '../../spl/ast.js';
import type { Event } from '../types.js';
import { hasWildcard, substituteWildcards, wildcardRegex } from './lib/wildcard.js';
import { streaming } from './lib/streaming.js';

export const rename = streaming<RenameCommand>((command) => {
  for (const r of command.renames) {
    const n = (t: string) => t.split('*').length - 1;
    if (n(r.to) > 0 && n(r.from) !== n(r.to)) throw new Error(`wildcard mismatch: ${r.from} has ${n(r.from)} wildcard(s), ${r.to} has ${n(r.to)}`);
  }
  const steps = command.renames.map((r) => ({ ...r, re: hasWildcard(r.from) ? wildcardRegex(r.from) : undefined }));
  return (event) => {
    let out: Event = event;
    for (const step of steps) out = applyRename(out, step.from, step.to, step.re);
    return out;
  };
});

function applyRename(event: Event, from: string, to: string, re: RegExp | undefined): Event {
  if (!re) {
    if (!(from in event) || from === to) return event;
    const out: Event = { ...event };
    const value = out[from];
    delete out[from];
    out[to] = value;
    return out;
  }
  let out: Event | undefined;
  for (const name of Object.keys(event)) {
    const m = re.exec(name);
    if (!m) continue;
    const target = substituteWildcards(to, m.slice(1));
    if (target === name) continue;
    out ??= { ...event };
    const value = event[name];
    delete out[name];
    out[target] = value;
  }
  return out ?? event;
}
