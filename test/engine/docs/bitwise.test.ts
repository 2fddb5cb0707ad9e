/** Search Reference, "Bitwise functions". */
import { docPage, ev, FUNCTIONS } from './helpers.js';

const PAGE = FUNCTIONS + 'bitwise-functions';

docPage(PAGE, [
  ev('bit_and(): bitwise AND of two or more integers: 12 AND 10 is 8', 'n=bit_and(12, 10), m=bit_and(15, 7, 3)', { n: '8', m: '3' }),
  ev('bit_or(): bitwise OR: 12 OR 10 is 14', 'n=bit_or(12, 10), m=bit_or(1, 2, 4)', { n: '14', m: '7' }),
  ev('bit_xor(): bitwise XOR: 12 XOR 10 is 6', 'n=bit_xor(12, 10)', { n: '6' }),
  ev('bit_not(): the complement within the given number of bits (32 by default)', 'n=bit_not(12), m=bit_not(12, 4)', { n: '4294967283', m: '3' }),
  ev('bit_shift_left(): shifts the bits left: 1 << 4 is 16', 'n=bit_shift_left(1, 4)', { n: '16' }),
  ev('bit_shift_right(): logical right shift: 16 >> 2 is 4', 'n=bit_shift_right(16, 2)', { n: '4' }),
  ev('bit_and(): values beyond 32 bits keep their bits', 'n=bit_and(4294967296 + 5, 4294967296 + 3)', { n: '4294967297' }),
]);
