/**
 * apply (Machine Learning Toolkit): "applies a machine learning model that was learned using the
 * fit command" — `apply <model_name> [as <output_field>]`. The model is the lookup
 * `__mlspl_<model_name>` (see engine/mltk/model.ts for what the harness can evaluate from it);
 * a LinearRegression model adds `predicted(<target>)` (or the `as` field) to each result. A
 * result whose feature fields are not all single numbers gets no prediction: the model has no
 * value to multiply. A model the content does not ship, or an algorithm the harness cannot
 * evaluate exactly, makes the test unsupported, naming the model and why.
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Unsupported } from '../types.js';
import { UnsupportedError } from '../types.js';
import { modelLookupName, readModel } from '../mltk/model.js';
import { isNumeric, toNumber } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import type { CommandSpec } from './types.js';
import { defineCommand } from './types.js';
import type { CommandSyntax } from '../../spl/grammar.js';
import { GENERIC_SYNTAX } from '../../spl/parse.js';

/** The model a use of `apply` names and the field its prediction goes to (undefined: the default). */
export function applyTarget(command: GenericCommand): { model?: string; as?: string } {
  const { words } = readGenericArgs(command.args);
  const as = words.findIndex((w, i) => i > 0 && w.toLowerCase() === 'as');
  return { model: words[0], as: as > 0 ? words[as + 1] : undefined };
}

export const apply: CommandSpec<GenericCommand> = {
  check(command) {
    const { options, words } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options).map((k) => ({ kind: 'option', name: `apply:${k}` }));
    const extra = words.length - 1 - (applyTarget(command).as !== undefined ? 2 : 0);
    if (!words.length || extra !== 0) out.push({ kind: 'option', name: `apply:${command.args.join(' ')}` });
    return out;
  },
  operator: async function* (input, command, ctx) {
    const { model: name, as } = applyTarget(command);
    const read = readModel(name ?? '', ctx.source.lookup(modelLookupName(name ?? '')));
    if ('unsupported' in read) throw new UnsupportedError([{ kind: 'model', name: read.unsupported }]);
    const { model } = read;
    const output = as ?? `predicted(${model.target})`;
    for await (const event of input) {
      let sum = model.intercept;
      let complete = true;
      for (let i = 0; i < model.features.length && complete; i++) {
        const value = event[model.features[i]];
        if (Array.isArray(value) || value === undefined || !isNumeric(value)) complete = false;
        else sum += model.coefficients[i] * toNumber(value)!;
      }
      yield complete ? { ...event, [output]: sum } : event;
    }
  },
};

const syntax: CommandSyntax<GenericCommand> = {
  ...GENERIC_SYNTAX,
  // It scores the rows that reach it; it reads no events of its own.
  readsEvents: false,
  // The model is read from the `__mlspl_<model>` lookup file the content ships.
  lookups(c) {
    const { model } = applyTarget(c);
    return model ? [modelLookupName(model)] : [];
  },
};

export const command = defineCommand<GenericCommand>({ names: ['apply'], syntax, spec: apply });
