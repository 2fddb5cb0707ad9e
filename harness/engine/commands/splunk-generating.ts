/**
 * Splunk's generating commands that the engine does not run. The parser still needs to know
 * them: the first command of a subsearch may be a generating command written without its `|`
 * (Search Manual, "About subsearches": `[ mstats ... ]`). Using one makes a test unsupported,
 * naming the command.
 */
import type { GenericCommand } from '../../spl/ast.js';
import { GENERIC_SYNTAX } from '../../spl/parse.js';
import { defineCommand } from './types.js';

export const command = defineCommand<GenericCommand>({
  names: ['datamodel', 'dbinspect', 'eventcount', 'gentimes', 'inputcsv', 'loadjob', 'metadata', 'metasearch', 'mstats', 'multisearch', 'pivot', 'rest', 'savedsearch', 'searchtxn', 'summary'],
  syntax: { ...GENERIC_SYNTAX, generating: true },
});
