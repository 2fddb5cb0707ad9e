/**
 * Splunk's generating commands that the engine does not run. The parser still needs to know
 * them: the first command of a subsearch may be a generating command written without its `|`
 * (Search Manual, "About subsearches": `[ mstats ... ]`). Using one makes a test unsupported,
 * naming the command.
 */
import type { GenericCommand } from '../../spl/ast.js';
import { GENERIC_SYNTAX } from '../../spl/parse.js';
import { defineCommand } from './types.js';

/** `| datamodel <model> <dataset> [search]`: the dataset it names, for queries such as --changed. */
export const datamodelCommand = defineCommand<GenericCommand>({
  names: ['datamodel'],
  syntax: {
    ...GENERIC_SYNTAX,
    generating: true,
    datamodels: (c) =>
      c.args[0] === undefined || c.args[0].includes('=') ? [] : [c.args[1] && /^\w+$/.test(c.args[1]) ? `${c.args[0]}.${c.args[1]}` : c.args[0]],
  },
});

export const command = defineCommand<GenericCommand>({
  names: [
    'dbinspect',
    'eventcount',
    'inputcsv',
    'loadjob',
    'metadata',
    'metasearch',
    'mstats',
    'multisearch',
    'pivot',
    'rest',
    'savedsearch',
    'searchtxn',
    'summary',
  ],
  syntax: { ...GENERIC_SYNTAX, generating: true },
});
