/**
 * Commands the parser leaves untyped (`cmd: 'generic'`, arguments as tokens) that the engine
 * implements from their tokens, each in its own file.
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { CommandSpec } from './types.js';
import { anomalydetection } from './anomalydetection.js';
import { apply } from './apply.js';
import { extract } from './extract.js';
import { map } from './map.js';
import { outlier } from './outlier.js';
import { reverse } from './reverse.js';
import { rare, top } from './top.js';

export { mapTemplate } from './map.js';

export const GENERIC_COMMANDS: Record<string, CommandSpec<GenericCommand>> = { reverse, top, rare, map, extract, kv: extract, outlier, anomalydetection, apply };
