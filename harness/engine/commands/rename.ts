/**
 * rename: "Use the rename command to rename one or more fields ... Use wildcards to specify
 * multiple fields" (`rename Processes.* as *`: the part the `*` matched carries over). "If both
 * the source and destination fields are wildcard expressions with the same number of wildcards,
 * the renaming will carry over the wildcarded portions to the destination expression." A field
 * renamed onto an existing name replaces it.
 */
import type { RenameCommand } from '../../spl/ast.js';
import type { Event } from '../types.js';
import { hasWildcard, substituteWildcards, wildcardRegex } from './lib/wildcard.js';
import type { CommandSpec } from './types.js';

export const rename: CommandSpec<RenameCommand> = {
  operator: async function* (input, command) {
    const steps = command.renames.map((r) => ({ ...r, re: hasWildcard(r.from) ? wildcardRegex(r.from) : undefined }));
    for await (const event of input) {
      let out: Event = event;
      for (const step of steps) out = applyRename(out, step.from, step.to, step.re);
      yield out;
    }
  },
};

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
