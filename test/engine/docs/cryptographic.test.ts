/**
 * Search Reference, "Cryptographic functions": each "computes and returns the ... hash of a string
 * value", printed as lower-case hexadecimal. The expected digests are the standard test vectors
 * for "abc" (RFC 1321, FIPS 180-2).
 */
import { docPage, ev, FUNCTIONS, on } from './helpers.js';

const PAGE = FUNCTIONS + 'cryptographic-functions';

docPage(PAGE, [
  ev('md5(): "computes and returns the MD5 hash of a string value"', 'n=md5("abc")', { n: '900150983cd24fb0d6963f7d28e17f72' }),
  ev('sha1(): "computes and returns the secure hash of a string value based on the FIPS compliant SHA-1 hash function"', 'n=sha1("abc")', {
    n: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  }),
  ev('sha256(): the FIPS compliant SHA-256 hash', 'n=sha256("abc")', { n: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' }),
  ev('sha512(): the FIPS compliant SHA-512 hash', 'n=sha512("abc")', {
    n: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  }),
  on('md5(): example n=md5(field) on a field', [{ field: 'abc' }], '| eval n=md5(field)', [{ n: '900150983cd24fb0d6963f7d28e17f72' }]),
  ev('md5(): a number is hashed as its text', 'n=md5(123)', { n: '202cb962ac59075b964b07152d234b70' }),
]);
