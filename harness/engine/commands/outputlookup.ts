/**
 * outputlookup: "Writes search results to a static lookup table." The harness never writes files
 * while testing a detection, so here it is a sink that passes the results on unchanged (Splunk
 * also returns the results it wrote).
 */
import type { OutputlookupCommand } from '../../spl/ast.js';
import type { CommandSpec } from './types.js';

export const outputlookup: CommandSpec<OutputlookupCommand> = {
  options: ['append', 'create_empty', 'override_if_empty', 'max', 'key_field', 'allow_updates', 'createinapp', 'create_context', 'output_format'],
  operator: (input) => input,
};
