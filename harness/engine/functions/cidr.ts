/**
 * IPv4 / IPv6 addresses and CIDR ranges: `cidrmatch()`, CIDR values in searches
 * (`src=10.0.0.0/8`) and `ipmask()` share these.
 */

/** An IPv4 address as an unsigned 32-bit number, undefined when `text` is not one. */
export function parseIPv4(text: string): number | undefined {
  // Hand-rolled: this runs per event for CIDR search values, so no split() or regex.
  let n = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else if (c === 46) {
      if (digits === 0 || ++parts > 4) return undefined;
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
    } else return undefined;
  }
  return parts === 4 ? n : undefined;
}

/** An IPv6 address as a 128-bit bigint (embedded IPv4 tail and `::` accepted), or undefined. */
export function parseIPv6(text: string): bigint | undefined {
  let s = text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) becomes the two hex groups it stands for.
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (v4 === undefined) return undefined;
    s = s.slice(0, lastColon + 1) + Math.floor(v4 / 65536).toString(16) + ':' + (v4 % 65536).toString(16);
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !rest) return undefined;
  const total = head.length + rest.length;
  let groups: number[];
  if (halves.length === 2) {
    if (total > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - total).fill(0), ...rest];
  } else {
    if (total !== 8) return undefined;
    groups = head;
  }
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(g);
  return n;
}

/** A predicate on address text for a CIDR range, or undefined when `cidr` is not a CIDR. */
export function compileCidr(cidr: string): ((ip: string) => boolean) | undefined {
  const slash = cidr.indexOf('/');
  const addr = slash >= 0 ? cidr.slice(0, slash).trim() : cidr.trim();
  const bitsText = slash >= 0 ? cidr.slice(slash + 1).trim() : undefined;
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText)) return undefined;
  const v4 = parseIPv4(addr);
  if (v4 !== undefined) {
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    if (bits > 32) return undefined;
    const size = 2 ** (32 - bits);
    const base = Math.floor(v4 / size) * size;
    return (ip) => {
      const n = parseIPv4(ip.trim());
      return n !== undefined && n >= base && n < base + size;
    };
  }
  const v6 = parseIPv6(addr);
  if (v6 !== undefined) {
    const bits = bitsText === undefined ? 128 : Number(bitsText);
    if (bits > 128) return undefined;
    const shift = BigInt(128 - bits);
    const prefix = v6 >> shift;
    return (ip) => {
      const n = parseIPv6(ip.trim());
      return n !== undefined && n >> shift === prefix;
    };
  }
  return undefined;
}

/** True when the text looks like a CIDR range (`a.b.c.d/n` or an IPv6 address with `/n`). */
export function looksLikeCidr(text: string): boolean {
  return /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(text) && compileCidr(text) !== undefined;
}
