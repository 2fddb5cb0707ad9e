/**
 * The command registry: every SPL command, registered once. Each module under this folder is one
 * command whole (its syntax, rendering, metadata and operator; see docs/ENGINE.md); this list is
 * the only place that names them. Loading this module installs their syntax in the SPL layer's
 * grammar (spl/grammar.ts), which the parser, renderer, walker and analyses read.
 */
import type { Command } from '../../spl/ast.js';
import { installGrammar, syntaxOf } from '../../spl/grammar.js';
import type { CommandDef, CommandSpec } from './types.js';
import * as search from './search.js';
import * as where from './where.js';
import * as evalCmd from './eval.js';
import * as stats from './stats.js';
import * as eventstats from './eventstats.js';
import * as streamstats from './streamstats.js';
import * as tstats from './tstats.js';
import * as fromCmd from './from.js';
import * as rename from './rename.js';
import * as fields from './fields.js';
import * as rex from './rex.js';
import * as regex from './regex.js';
import * as lookup from './lookup.js';
import * as inputlookup from './inputlookup.js';
import * as outputlookup from './outputlookup.js';
import * as spath from './spath.js';
import * as mvexpand from './mvexpand.js';
import * as makemv from './makemv.js';
import * as bin from './bin.js';
import * as dedup from './dedup.js';
import * as sort from './sort.js';
import * as head from './head.js';
import * as tail from './tail.js';
import * as fillnull from './fillnull.js';
import * as join from './join.js';
import * as append from './append.js';
import * as appendpipe from './appendpipe.js';
import * as iplocation from './iplocation.js';
import * as xmlkv from './xmlkv.js';
import * as transaction from './transaction.js';
import * as convert from './convert.js';
import * as foreach from './foreach.js';
import * as replace from './replace.js';
import * as fromjson from './fromjson.js';
import * as makeresults from './makeresults.js';
import * as timechart from './timechart.js';
import * as addtotals from './addtotals.js';
import * as reverse from './reverse.js';
import * as top from './top.js';
import * as map from './map.js';
import * as extract from './extract.js';
import * as outlier from './outlier.js';
import * as anomalydetection from './anomalydetection.js';
import * as apply from './apply.js';
import * as transpose from './transpose.js';
import * as nomv from './nomv.js';
import * as mvcombine from './mvcombine.js';
import * as filldown from './filldown.js';
import * as accum from './accum.js';
import * as delta from './delta.js';
import * as autoregress from './autoregress.js';
import * as fieldformat from './fieldformat.js';
import * as untable from './untable.js';
import * as xyseries from './xyseries.js';
import * as chart from './chart.js';
import * as gentimes from './gentimes.js';
import * as makecontinuous from './makecontinuous.js';
import * as splunkGenerating from './splunk-generating.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const COMMANDS: ReadonlyArray<CommandDef<any>> = [
  search.command,
  where.command,
  evalCmd.command,
  stats.command,
  eventstats.command,
  streamstats.command,
  tstats.command,
  fromCmd.command,
  rename.command,
  fields.command,
  rex.command,
  regex.command,
  lookup.command,
  inputlookup.command,
  outputlookup.command,
  spath.command,
  mvexpand.command,
  makemv.command,
  bin.command,
  dedup.command,
  sort.command,
  head.command,
  tail.command,
  fillnull.command,
  join.command,
  append.command,
  appendpipe.command,
  iplocation.command,
  xmlkv.command,
  transaction.command,
  convert.command,
  foreach.command,
  replace.command,
  fromjson.command,
  makeresults.command,
  timechart.command,
  addtotals.command,
  reverse.command,
  top.command,
  top.rareCommand,
  map.command,
  extract.command,
  outlier.command,
  anomalydetection.command,
  apply.command,
  transpose.command,
  nomv.command,
  mvcombine.command,
  filldown.command,
  accum.command,
  delta.command,
  autoregress.command,
  fieldformat.command,
  untable.command,
  xyseries.command,
  chart.command,
  gentimes.command,
  makecontinuous.command,
  splunkGenerating.datamodelCommand,
  splunkGenerating.command,
];

const BY_NAME = new Map<string, CommandDef>();
for (const def of COMMANDS) {
  for (const name of def.names) {
    if (BY_NAME.has(name)) throw new Error(`command '${name}' defined twice`);
    BY_NAME.set(name, def);
  }
}
installGrammar([...BY_NAME].map(([name, def]) => [name, def.syntax] as const));

/** The implementation of a command, or undefined when the engine has none for it. */
export function commandSpec(command: Command): CommandSpec | undefined {
  if (!syntaxOf(command)) return undefined; // not typed as the command's module expects
  return BY_NAME.get(command.name.toLowerCase())?.spec as CommandSpec | undefined;
}

/** Names of every implemented command. */
export function supportedCommands(): string[] {
  return [...BY_NAME]
    .filter(([, def]) => def.spec)
    .map(([name]) => name)
    .sort();
}
