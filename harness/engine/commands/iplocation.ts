/**
 * iplocation: "Extracts location information from IP addresses by using 3rd-party databases. This
 * command supports IPv4 and IPv6." It adds City, Country, Region, lat and lon ("allfields=true"
 * adds Continent, MetroCode and Timezone), each name prefixed by `prefix=`.
 *
 * Locations come from the EngineSource's lookup when it offers one (`iplocation()`), else from
 * the bundled GeoLite2 Country data (engine/geoip.ts: Country and Continent only). Without either
 * the command is unsupported, so a detection that reasons about geography ends as `unsupported`,
 * never as a silent fail on invented empty fields. An address the database does not know adds
 * no fields.
 */
import type { Event } from '../types.js';
import { UnsupportedError } from '../types.js';
import { geoLocator, hasGeoDatabase } from '../geoip.js';
import { mvValues, toText } from '../values.js';
import { optionFlag, optionText } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { renderWord, renderOptions, joinParts } from '../../spl/render.js';
import { defineCommand } from './types.js';
import type { Options, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface IplocationCommand extends CommandNodeBase {
  cmd: 'iplocation';
  field: string;
  options: Options;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    iplocation: IplocationCommand;
  }
}

const syntax: CommandSyntax<IplocationCommand> = {
  cmd: 'iplocation',
  parse(r, base) {
    const options = r.options({});
    const field = r.field();
    r.options(options);
    r.expectEnd('iplocation');
    return { ...base, cmd: 'iplocation', field, options };
  },
  render: (c) => joinParts('iplocation', ...renderOptions(c.options), renderWord(c.field)),
};

export const IPLOCATION_UNSUPPORTED = { kind: 'command' as const, name: 'iplocation (no GeoIP database offline)' };

export const iplocation: CommandSpec<IplocationCommand> = {
  options: ['prefix', 'allfields', 'lang'],
  /** Reported by checkSupport unless the source has a geolocation lookup (see support.ts). */
  check: () => (hasGeoDatabase() ? [] : [IPLOCATION_UNSUPPORTED]),
  operator: async function* (input, command, ctx) {
    const locate = ctx.source.iplocation?.bind(ctx.source) ?? geoLocator();
    if (!locate) throw new UnsupportedError([IPLOCATION_UNSUPPORTED]);
    const prefix = optionText(command.options.prefix) ?? '';
    const all = optionFlag(command.options.allfields, false);
    for await (const event of input) {
      const ip = toText(mvValues(event[command.field])[0]);
      const loc = ip === undefined ? undefined : locate(ip);
      if (!loc) {
        yield event;
        continue;
      }
      const out: Event = { ...event };
      for (const k of ['City', 'Country', 'Region', 'lat', 'lon'] as const) if (loc[k] !== undefined && loc[k] !== '') out[prefix + k] = loc[k];
      if (all) for (const [k, v] of Object.entries(loc.extra ?? {})) out[prefix + k] = v;
      yield out;
    }
  },
};

export const command = defineCommand<IplocationCommand>({ names: ['iplocation'], syntax, spec: iplocation });
