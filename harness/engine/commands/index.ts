/**
 * The command registry: command name as written → its implementation. A name is only served when
 * the parser typed the command as the implementation expects (`cmd`); anything else is unsupported.
 */
import type { Command } from '../../spl/ast.js';
import type { CommandSpec } from './types.js';
import { addtotals } from './addtotals.js';
import { append } from './append.js';
import { appendpipe } from './appendpipe.js';
import { bin } from './bin.js';
import { convert } from './convert.js';
import { dedup } from './dedup.js';
import { evalCommand } from './eval.js';
import { eventstats } from './eventstats.js';
import { fields } from './fields.js';
import { fillnull } from './fillnull.js';
import { foreach } from './foreach.js';
import { from } from './from.js';
import { fromjson } from './fromjson.js';
import { head } from './head.js';
import { tail } from './tail.js';
import { inputlookup } from './inputlookup.js';
import { iplocation } from './iplocation.js';
import { join } from './join.js';
import { lookup } from './lookup.js';
import { makemv } from './makemv.js';
import { makeresults } from './makeresults.js';
import { mvexpand } from './mvexpand.js';
import { outputlookup } from './outputlookup.js';
import { regex } from './regex.js';
import { rename } from './rename.js';
import { replace } from './replace.js';
import { rex } from './rex.js';
import { search } from './search.js';
import { sort } from './sort.js';
import { spath } from './spath.js';
import { stats } from './stats.js';
import { streamstats } from './streamstats.js';
import { timechart } from './timechart.js';
import { transaction } from './transaction.js';
import { tstats } from './tstats.js';
import { where } from './where.js';
import { xmlkv } from './xmlkv.js';
import { GENERIC_COMMANDS } from './generic.js';

type Entry = { cmd: Command['cmd']; spec: CommandSpec<any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

const entry = <C extends Command>(cmd: C['cmd'], spec: CommandSpec<C>): Entry => ({ cmd, spec });

const REGISTRY: Record<string, Entry> = {
  search: entry('search', search),
  where: entry('where', where),
  eval: entry('eval', evalCommand),
  stats: entry('stats', stats),
  eventstats: entry('stats', eventstats),
  streamstats: entry('stats', streamstats),
  tstats: entry('tstats', tstats),
  from: entry('from', from),
  rename: entry('rename', rename),
  fields: entry('fields', fields),
  table: entry('fields', fields),
  rex: entry('rex', rex),
  regex: entry('regex', regex),
  lookup: entry('lookup', lookup),
  inputlookup: entry('inputlookup', inputlookup),
  outputlookup: entry('outputlookup', outputlookup),
  spath: entry('spath', spath),
  mvexpand: entry('mvexpand', mvexpand),
  makemv: entry('makemv', makemv),
  bin: entry('bin', bin),
  bucket: entry('bin', bin),
  dedup: entry('dedup', dedup),
  sort: entry('sort', sort),
  head: entry('head', head),
  tail: entry('head', tail),
  fillnull: entry('fillnull', fillnull),
  join: entry('join', join),
  append: entry('append', append),
  appendpipe: entry('appendpipe', appendpipe),
  iplocation: entry('iplocation', iplocation),
  xmlkv: entry('xmlkv', xmlkv),
  transaction: entry('transaction', transaction),
  convert: entry('convert', convert),
  foreach: entry('foreach', foreach),
  replace: entry('replace', replace),
  fromjson: entry('fromjson', fromjson),
  makeresults: entry('makeresults', makeresults),
  timechart: entry('timechart', timechart),
  addtotals: entry('addtotals', addtotals),
  ...Object.fromEntries(Object.entries(GENERIC_COMMANDS).map(([name, spec]) => [name, entry('generic', spec)])),
};

/** The implementation of a command, or undefined when the engine has none for it. */
export function commandSpec(command: Command): CommandSpec | undefined {
  const e = REGISTRY[command.name.toLowerCase()];
  return e && e.cmd === command.cmd ? (e.spec as CommandSpec) : undefined;
}

/** Names of every implemented command. */
export function supportedCommands(): string[] {
  return Object.keys(REGISTRY).sort();
}
