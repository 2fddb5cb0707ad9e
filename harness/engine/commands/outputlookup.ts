/**
 * outputlookup: "Writes search results to a static lookup table." The harness never writes files
 * while testing a detection, so here it is a sink that passes the results on unchanged (Splunk
 * also returns the results it wrote).
 */
import type { CommandSpec } from './types.js';
import { renderWord, renderOptions, joinParts } from '../../spl/render.js';
import { keepFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { Options, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface OutputlookupCommand extends CommandNodeBase {
  cmd: 'outputlookup';
  lookup: string;
  options: Options;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    outputlookup: OutputlookupCommand;
  }
}

const syntax: CommandSyntax<OutputlookupCommand> = {
  cmd: 'outputlookup',
  parse(r, base) {
    const options = r.options({});
    const name = r.field('a lookup name');
    r.options(options);
    r.expectEnd('outputlookup');
    return { ...base, cmd: 'outputlookup', lookup: name, options };
  },
  render: (c) => joinParts('outputlookup', ...renderOptions(c.options), renderWord(c.lookup)),
  outputFields: keepFields,
};

export const outputlookup: CommandSpec<OutputlookupCommand> = {
  options: ['append', 'create_empty', 'override_if_empty', 'max', 'key_field', 'allow_updates', 'createinapp', 'create_context', 'output_format'],
  operator: (input) => input,
};

export const command = defineCommand<OutputlookupCommand>({ names: ['outputlookup'], syntax, spec: outputlookup });
