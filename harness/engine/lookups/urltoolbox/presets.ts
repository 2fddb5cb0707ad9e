/**
 * The character-set presets of URL Toolbox 1.7 (`bin/ut_presets.py`, PRESETS), as the code builds
 * them, which is not always what the README says: the "digit" range is 0x30–0x3F, so it also
 * holds `:;<=>?`; the sets are combined with symmetric difference, so `@base64@` loses `=` (it is
 * in that range and in `+/=`); `@consonants_up@` subtracts uppercase vowels from lowercase
 * letters and so is every lowercase letter. Splunk runs the code, so the harness follows it.
 */
const range = (from: number, to: number) => new Set(Array.from({ length: to - from }, (_, i) => String.fromCharCode(from + i)));
const chars = (s: string) => new Set(Array.from(s));
const union = (...sets: Set<string>[]) => new Set(sets.flatMap((s) => [...s]));
const minus = (a: Set<string>, ...b: Set<string>[]) => new Set([...a].filter((c) => !b.some((s) => s.has(c))));
const xor = (a: Set<string>, b: Set<string>) => union(minus(a, b), minus(b, a));

const az = range(0x61, 0x7b);
const AZ = range(0x41, 0x5b);
const aZ = xor(az, AZ);
const d09 = range(0x30, 0x40);
const printable = range(0x20, 0x7f);

export const PRESETS: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, Set<string>>([
  ['@punct@', minus(printable, aZ, d09)],
  ['@typo@', chars('&*@\\^#%~_|')],
  ['@digits@', d09],
  ['@alpha@', az],
  ['@alpha_up@', AZ],
  ['@alpha_all@', aZ],
  ['@alphanum@', xor(az, d09)],
  ['@alphanum_up@', xor(AZ, d09)],
  ['@alphanum_all@', xor(aZ, d09)],
  ['@hexa@', xor(d09, chars('abcdef'))],
  ['@hexa_up@', xor(d09, chars('ABCDEF'))],
  ['@hexa_all@', xor(d09, chars('ABCDEFabcdef'))],
  ['@noalpha@', minus(printable, aZ)],
  ['@base64@', xor(xor(aZ, d09), chars('+/='))],
  ['@vowels@', chars('aeiouy')],
  ['@vowels_up@', chars('AEIOUY')],
  ['@vowels_all@', chars('aeiouyAEIOUY')],
  ['@consonants@', minus(az, chars('aeiouy'))],
  ['@consonants_up@', minus(az, chars('AEIOUY'))],
  ['@consonants_all@', minus(az, chars('aeiouyAEIOUY'))],
]);
