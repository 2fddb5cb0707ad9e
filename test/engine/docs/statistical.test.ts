/** Search Reference, "Statistical eval functions". */
import { docPage, ev, FUNCTIONS } from './helpers.js';

const PAGE = FUNCTIONS + 'statistical-eval-functions';

docPage(PAGE, [
  ev('avg(): returns the average of the numerical values: avg(1, 2, 3) is 2', 'a=avg(1, 2, 3)', { a: '2' }),
  ev('avg(): multivalue fields are averaged over their values', 'a=avg(mvappend(1, 2), 6)', { a: '3' }),
  ev('avg(): the mean keeps its fraction', 'a=avg(1, 2)', { a: '1.5' }),
  ev('max(): example max(1, 3, 6, 7, "f", count): "Strings are greater than numbers", so "f" is returned', 'count=12 | eval n=max(1, 3, 6, 7, "f", count)', {
    n: 'f',
  }),
  ev('max(): numbers compare numerically', 'n=max(1, 3, 16, 7)', { n: '16' }),
  ev('min(): example min(3, 6, 7, "maria", field) returns 3 when the field holds a larger number', 'field=12 | eval n=min(3, 6, 7, "maria", field)', {
    n: '3',
  }),
  ev('min(): between strings, lexicographic order', 'n=min("maria", "bob")', { n: 'bob' }),
  ev('min()/max(): the values of multivalue arguments take part', 'a=min(mvappend(5, 2, 9)), b=max(mvappend(5, 2, 9))', { a: '2', b: '9' }),
  ev(
    'random(): "returns a pseudo-random integer ranging from zero to 2^31-1"',
    'r=random() | eval ok=if(r >= 0 AND r < pow(2, 31) AND isint(r), "yes", "no")',
    { ok: 'yes' },
  ),
  ev('sum(): example sum(1, 2, 3) returns 6', 's=sum(1, 2, 3)', { s: '6' }),
  ev('sum(): multivalue arguments add all their values', 's=sum(mvappend(1, 2), 3.5)', { s: '6.5' }),
]);
