/**
 * The GeoIP database behind `iplocation`. Splunk ships MaxMind's GeoLite2 City database; the
 * harness uses the `geoip-country` package, which bundles GeoLite2 Country data, so it can
 * answer Country (and Continent) offline but not City, Region or coordinates. Those fields are
 * left out rather than invented, and docs/ENGINE.md says so.
 */
import { createRequire } from 'node:module';
import type { IpLocation } from './types.js';

interface CountryRecord {
  country: string;
  name?: string;
  continent?: string;
  continent_name?: string;
}

type Locator = (ip: string) => IpLocation | undefined;

let cached: Locator | null | undefined;

let installed: boolean | undefined;

/**
 * True when the database package is installed. Checked without loading it: loading reads the
 * whole database (~80 ms), which only the thread that runs an `iplocation` needs to pay.
 */
export function hasGeoDatabase(): boolean {
  if (cached !== undefined) return cached !== null;
  if (installed === undefined) {
    try {
      createRequire(import.meta.url).resolve('geoip-country');
      installed = true;
    } catch {
      installed = false;
    }
  }
  return installed;
}

/** A locator over the bundled database, or undefined when the package is not installed. */
export function geoLocator(): Locator | undefined {
  if (cached !== undefined) return cached ?? undefined;
  try {
    const geoip = createRequire(import.meta.url)('geoip-country') as { lookup(ip: string): CountryRecord | null };
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    cached = (ip: string) => {
      const hit = geoip.lookup(ip.trim());
      if (!hit?.country) return undefined;
      // Splunk reports the English country name ("United States"), not the ISO code.
      const country = names.of(hit.country) ?? hit.name ?? hit.country;
      return { Country: country, extra: hit.continent ? { Continent: hit.continent } : undefined };
    };
  } catch {
    cached = null;
  }
  return cached ?? undefined;
}
