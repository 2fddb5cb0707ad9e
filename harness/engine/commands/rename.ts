/**
 * rename: "Use the rename command to rename one or more fields ... If you want to rename fields
 * with similar names, you can use a wildcard character" (`rename EU* AS EMEA*`, and ESCU's
 * `rename Processes.* as *`): the part each `*` matched carries over. "Both the original and
 * renamed fields must include the same number of wildcards, otherwise a wildcard mismatch error
 * is returned." Renames apply left to right. A field renamed onto a name that already exists
 * replaces it; renaming a field that does not exist changes nothing.
 */
import type { Event } from '../types.js';
import { hasWildcard, substituteWildcards, wildcardRegex } from './lib/wildcard.js';
import { streaming } from './lib/streaming.js';
import { fail, describeToken } from '../../spl/context.js';
import { renderWord } from '../../spl/render.js';
import { renameField } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { FieldRename, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface RenameCommand extends CommandNodeBase {
  cmd: 'rename';
  renames: FieldRename[];
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    rename: RenameCommand;
  }
}

/** `rename <from> AS <to> [, <from> AS <to>]...`; wildcards stay in the names. */
const syntax: CommandSyntax<RenameCommand> = {
  cmd: 'rename',
  parse(r, base) {
    const renames: FieldRename[] = [];
    while (!r.atEnd()) {
      if (r.eatComma()) continue;
      const from = r.field();
      if (!r.eatKeyword('as')) fail(`expected AS after '${from}' but found ${describeToken(r.peek())}`, r.peek());
      renames.push({ from, to: r.field('a new name after AS') });
    }
    if (renames.length === 0) fail('rename needs at least one <field> AS <name>', base.span);
    return { ...base, cmd: 'rename', renames };
  },
  render: (c) => `rename ${c.renames.map((r) => `${renderWord(r.from)} as ${renderWord(r.to)}`).join(', ')}`,
  outputFields(before, c) {
    if (!before.closed) return { closed: false, fields: new Set([...before.fields, ...c.renames.filter((r) => !r.to.includes('*')).map((r) => r.to)]) };
    const fields = new Set<string>();
    for (const f of before.fields) {
      let name = f;
      for (const r of c.renames) {
        const renamed = renameField(name, r.from, r.to);
        if (renamed !== undefined) {
          name = renamed;
          break;
        }
      }
      fields.add(name);
    }
    return { closed: true, fields };
  },
};

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

export const command = defineCommand<RenameCommand>({ names: ['rename'], syntax, spec: rename });
