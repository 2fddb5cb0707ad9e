/**
 * ipmask(MASK, IP): the IPv4 address with the mask applied ("ipmask("255.255.255.0",
 * "10.20.30.120") returns 10.20.30.0").
 */
import { parseIPv4 } from './cidr.js';
import { eager, mapText, text } from './helpers.js';
import type { EvalFunction } from './types.js';

function ipText(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export const networkFunctions: EvalFunction[] = [
  eager('ipmask', 2, 2, ([m, ip]) => {
    const maskText = text(m);
    const mask = maskText === null ? undefined : parseIPv4(maskText);
    if (mask === undefined || ip === null) return null;
    return mapText(ip, (s) => {
      const n = parseIPv4(s.trim());
      if (n === undefined) return null;
      // Bitwise AND on unsigned 32-bit values.
      return ipText((n & mask) >>> 0);
    });
  }),
];
