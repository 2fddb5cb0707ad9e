/**
 * iplocation: "Extracts location information from IP addresses by using 3rd-party databases."
 * The harness runs offline and ships no GeoIP database, so it cannot know where an address is.
 * Rather than invent empty City / Country fields (which would make a detection that reasons about
 * geography silently fail), iplocation is reported unsupported: such a detection ends as
 * `unsupported: command iplocation (no GeoIP database)`, never as pass or fail.
 */
import type { IplocationCommand } from '../../spl/ast.js';
import { UnsupportedError } from '../types.js';
import type { CommandSpec } from './types.js';

export const IPLOCATION_UNSUPPORTED = { kind: 'command' as const, name: 'iplocation (no GeoIP database offline)' };

export const iplocation: CommandSpec<IplocationCommand> = {
  check: () => [IPLOCATION_UNSUPPORTED],
  operator: () => {
    throw new UnsupportedError([IPLOCATION_UNSUPPORTED]);
  },
};
