/**
 * nomv: "Converts values of the specified multivalue field into one single value. Separates the
 * values using a new line "\n" delimiter." A distributable streaming command.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/nomv
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Unsupported } from '../types.js';
import { mvValues, toText } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { streaming } from './lib/streaming.js';
import { TOKEN_SYNTAX } from './lib/token-syntax.js';
import { defineCommand } from './types.js';

export const nomv = streaming<GenericCommand>(
  (command) => {
    const field = readGenericArgs(command.args).words[0];
    return (event) => {
      const vs = mvValues(event[field]);
      if (vs.length < 2) return event;
      return { ...event, [field]: vs.map((v) => toText(v) ?? '').join('\n') };
    };
  },
  {
    check: (command): Unsupported[] => (readGenericArgs(command.args).words.length === 1 ? [] : [{ kind: 'option', name: 'nomv: exactly one field' }]),
  },
);

export const command = defineCommand<GenericCommand>({ names: ['nomv'], syntax: TOKEN_SYNTAX, spec: nomv });
