/**
 * from: "Retrieves data from a dataset, such as a data model dataset." `| from datamodel:Web.Web`
 * (or `from datamodel Web.Web`) gives the dataset's events with their fields named without the
 * dataset prefix (`Web.url` becomes `url`), as the detections that use it expect.
 */
import type { FromCommand } from '../../spl/ast.js';
import type { Event } from '../types.js';
import { UnsupportedError } from '../types.js';
import { datasetName } from './lib/datamodel.js';
import type { CommandSpec } from './types.js';

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
