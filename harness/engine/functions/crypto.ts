/**
 * Cryptographic functions (Search Reference: "Cryptographic functions"): md5, sha1, sha256,
 * sha512 of the text of X, as lower-case hex.
 */
import { createHash } from 'node:crypto';
import { eager, mapText } from './helpers.js';
import type { EvalFunction } from './types.js';

function hash(name: string, algorithm: string): EvalFunction {
  return eager(name, 1, 1, ([x]) => mapText(x, (s) => createHash(algorithm).update(s, 'utf8').digest('hex')));
}

export const cryptoFunctions: EvalFunction[] = [hash('md5', 'md5'), hash('sha1', 'sha1'), hash('sha256', 'sha256'), hash('sha512', 'sha512')];
