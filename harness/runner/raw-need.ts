/**
 * The vocabulary of raw-text requirements (runner/prefilter.ts): what an event's raw text must hold
 * for a search to be able to match it, and how a `field=value` term turns into one, given where
 * the field's values come from (ingest/provenance.ts).
 */

import type { SearchValue } from '../spl/ast.js';
import { isNumeric } from '../engine/values.js';
import { looksLikeCidr } from '../engine/functions/cidr.js';
import { wildcardTest } from '../ingest/transforms.js';
import type { Origin } from '../ingest/provenance.js';
import type { RawForm } from '../ingest/types.js';

/**
 * What the raw text must contain: a tree of case-insensitive substrings; `true` when nothing is
 * known. `{ integer }`: the digits of a whole number, or a number written with an exponent.
 * `{ number, forms }`: a value equal to the whole number written in one of the field's forms
 * (`<EventID Qualifiers='0'>7</EventID>`), or any number with an exponent written there.
 * `{ value, forms }`: a literal (letters, digits, `._:-`), ignoring case, written as a whole value
 * in one of the field's forms (`<Data Name='tag'>process</Data>`).
 */
export type RawNeed =
  | true
  | { text: string }
  | { integer: string }
  | { number: string; forms: RawForm[] }
  | { value: string; forms: RawForm[] }
  | { all: RawNeed[] }
  | { any: RawNeed[] };

/**
 * Literal pieces shorter than this are not worth a test (almost every event holds them).
 * Pieces are cut at `*` and at every character a format may escape (XML entities, JSON `\`
 * escapes, spaces a reader may trim): only letters, digits and `._:-` are kept, so a piece of a
 * value extracted from the raw text is always also a piece of the raw text itself.
 */
const MIN_PIECE = 3;
const SAFE_CHARS = 'A-Za-z0-9._:-';
const SAFE_RUN = new RegExp(`[${SAFE_CHARS}]+`, 'g');
const ALL_SAFE = new RegExp(`^[${SAFE_CHARS}]+$`);

export function pieces(text: string): string[] {
  return (text.match(SAFE_RUN) ?? []).filter((p) => p.length >= MIN_PIECE).map((p) => p.toLowerCase());
}

/** Requirements without repeats (`process_name=x OR original_file_name=x` needs x once). */
function distinct(items: Array<Exclude<RawNeed, true>>): Array<Exclude<RawNeed, true>> {
  const seen = new Set<string>();
  return items.filter((n) => {
    const key = JSON.stringify(n);
    return !seen.has(key) && !!seen.add(key);
  });
}

export function all(items: RawNeed[]): RawNeed {
  const known = distinct(items.filter((n): n is Exclude<RawNeed, true> => n !== true));
  return known.length === 0 ? true : known.length === 1 ? known[0] : { all: known };
}

export function any(items: RawNeed[]): RawNeed {
  if (items.length === 0 || items.some((n) => n === true)) return true;
  const known = distinct(items as Array<Exclude<RawNeed, true>>);
  return known.length === 1 ? known[0] : { any: known };
}

/** What `field=value` asks of the raw text, given where the field's values come from. */
export function valueNeed(origin: Origin, value: SearchValue): RawNeed {
  const directive = /^(CASE|TERM)\(([\s\S]*)\)$/.exec(value.quoted ? '' : value.text);
  const text = directive ? directive[2] : value.text;
  // CIDR values match addresses, not text.
  if (looksLikeCidr(text) || origin.opaque || !origin.raw) return true;
  const matches = wildcardTest(text);
  const number = isNumeric(text) ? Number(text) : undefined;
  for (const c of origin.constants) if (matches(c) || (number !== undefined && isNumeric(c) && Number(c) === number)) return true;
  if (number !== undefined) return integerNeed(text, origin.forms);
  return all(pieces(text).map((p) => ({ text: p })));
}

/**
 * A number matches numerically (`EventCode=4688` matches "04688" and "4688.0"). Written without
 * an exponent, a decimal text equal to a whole number N holds N's digits; with an exponent
 * ("4.688e3") it need not, so such a token in the raw text keeps the event too. When the reader
 * says where the field is written (`EventCode` is the EventID element's text), that is where the
 * number must be, however short.
 */
function integerNeed(text: string, forms: readonly RawForm[] | undefined): RawNeed {
  if (!/^\s*\+?\d+\s*$/.test(text)) return true;
  const digits = String(Number(text));
  // Beyond 2^53 the digits of Number(text) are not the ones written.
  if (!Number.isSafeInteger(Number(text))) return true;
  if (forms && forms.length > 0) return { number: digits, forms: [...forms] };
  return digits.length >= MIN_PIECE ? { integer: digits } : true;
}

/**
 * What `field=value` asks of the raw text when the value must be the field's whole value and the
 * reader says how it writes the field (its forms): the literal written there. Used for the tags
 * and event types an event carries from its reader (constraint-need.ts), where the value is a
 * common word (`process`) that almost every event holds somewhere.
 */
export function wholeValueNeed(origin: Origin, value: string): RawNeed {
  if (origin.opaque) return true;
  const matches = wildcardTest(value);
  for (const c of origin.constants) if (matches(c)) return true;
  if (!origin.raw) return true;
  if (origin.forms && origin.forms.length > 0 && ALL_SAFE.test(value)) return { value: value.toLowerCase(), forms: [...origin.forms] };
  return valueNeed(origin, { text: value, quoted: true });
}
