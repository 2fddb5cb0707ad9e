/**
 * from: "Retrieves data from a dataset, such as a data model dataset." `| from datamodel:Web.Web`
 * (or `from datamodel Web.Web`) gives the dataset's events with their fields named without the
 * dataset prefix (`Web.url` becomes `url`), as the detections that use it expect.
 */
import type { Event } from '../types.js';
import { UnsupportedError } from '../types.js';
import { datasetName } from './lib/datamodel.js';
import type { CommandSpec } from './types.js';
import { fail } from '../../spl/context.js';
import { defineCommand } from './types.js';
import type { CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface FromCommand extends CommandNodeBase {
  cmd: 'from';
  datamodel?: string;
  dataset: string;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    from: FromCommand;
  }
}

/** `from <dataset>`: `from datamodel Risk.All_Risk`, `from datamodel:X.Y`, `from lookup:name`. */
const syntax: CommandSyntax<FromCommand> = {
  cmd: 'from',
  generating: true,
  readsEvents: true,
  datamodels: (c) => {
    const name = fromDataset(c);
    return name ? [name] : [];
  },
  parse(r, base) {
    const first = r.peek();
    let kind: string;
    let name: string;
    const o = r.option();
    if (o) [kind, name] = o;
    else {
      const word = r.field('a dataset');
      const m = /^([A-Za-z_]+):(.+)$/.exec(word);
      if (m) [, kind, name] = m;
      else if (!r.atEnd() && /^(datamodel|lookup|savedsearch|inputlookup)$/i.test(word)) {
        kind = word;
        name = r.field('a dataset name');
      } else fail(`expected a dataset such as 'datamodel Risk.All_Risk' but found '${first.raw}'`, first);
    }
    r.expectEnd('from');
    kind = kind!.toLowerCase();
    const cmd: FromCommand = { ...base, cmd: 'from', dataset: `${kind}:${name!}` };
    if (kind === 'datamodel') cmd.datamodel = name!;
    return cmd;
  },
  render: (c) => `from ${c.dataset}`,
};

/** The data model dataset a `from` names, or undefined when it names something else (a lookup, a saved search). */
export function fromDataset(command: FromCommand): string | undefined {
  if (command.datamodel !== undefined) return datasetName(command.datamodel);
  const m = /^datamodel[:= ]\s*(.+)$/i.exec(command.dataset);
  return m ? datasetName(m[1]) : undefined;
}

export const from: CommandSpec<FromCommand> = {
  check: (command) => (fromDataset(command) === undefined ? [{ kind: 'command', name: `from ${command.dataset}` }] : []),
  operator: async function* (_input, command, ctx) {
    const name = fromDataset(command)!;
    const events = ctx.source.datamodel(name);
    if (!events) throw new UnsupportedError([{ kind: 'datamodel', name }]);
    for await (const event of events) {
      const out: Event = {};
      for (const [k, v] of Object.entries(event)) {
        // `Web.url` → `url`, `All_Changes.Instance_Changes.image_id` → `image_id`.
        const dot = k.lastIndexOf('.');
        out[dot > 0 && k !== 'nodename' ? k.slice(dot + 1) : k] = v;
      }
      yield out;
    }
  },
};

export const command = defineCommand<FromCommand>({ names: ['from'], syntax, spec: from });
