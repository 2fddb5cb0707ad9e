/**
 * Search Reference, "Trig and Hyperbolic functions". Results are compared rounded to 4 decimals:
 * the page gives the functions, not the printed digits of their irrational results.
 */
import { docPage, ev, FUNCTIONS } from './helpers.js';

const PAGE = FUNCTIONS + 'trig-and-hyperbolic-functions';

docPage(PAGE, [
  ev('acos(): example n=acos(0)', 'n=round(acos(0), 4)', { n: '1.5708' }),
  ev('acos(): example degrees=acos(0)*180/pi() returns 90', 'degrees=acos(0)*180/pi()', { degrees: '90' }),
  ev('acos(): an argument outside [-1,1] is not a number: null', 'n=acos(2)', { n: null }),
  ev('acosh(): example acosh(2)', 'n=round(acosh(2), 4)', { n: '1.317' }),
  ev('asin(): example n=asin(1)', 'n=round(asin(1), 4)', { n: '1.5708' }),
  ev('asin(): example degrees=asin(1)*180/pi() returns 90', 'degrees=asin(1)*180/pi()', { degrees: '90' }),
  ev('asinh(): example asinh(1)', 'n=round(asinh(1), 4)', { n: '0.8814' }),
  ev('atan(): example atan(0.50)', 'n=round(atan(0.50), 4)', { n: '0.4636' }),
  ev('atan2(): example atan2(0.50, 0.75): Y first, then X', 'n=round(atan2(0.50, 0.75), 4)', { n: '0.588' }),
  ev('atanh(): example atanh(0.500)', 'n=round(atanh(0.500), 4)', { n: '0.5493' }),
  ev('cos(): example cos(-1)', 'n=round(cos(-1), 4)', { n: '0.5403' }),
  ev('cos(): example cos(pi()) returns -1', 'n=cos(pi())', { n: '-1' }),
  ev('cosh(): example cosh(1)', 'n=round(cosh(1), 4)', { n: '1.5431' }),
  ev('hypot(): example hypot(3,4) returns 5', 'n=hypot(3,4)', { n: '5' }),
  ev('sin(): example sin(1)', 'n=round(sin(1), 4)', { n: '0.8415' }),
  ev('sin(): example sin(90 * pi()/180) returns 1 (degrees to radians)', 'n=sin(90 * pi()/180)', { n: '1' }),
  ev('sinh(): example sinh(1)', 'n=round(sinh(1), 4)', { n: '1.1752' }),
  ev('tan(): example tan(1)', 'n=round(tan(1), 4)', { n: '1.5574' }),
  ev('tanh(): example tanh(1)', 'n=round(tanh(1), 4)', { n: '0.7616' }),
]);
