/**
 * Search Reference, "Date and Time functions". makeresults stamps _time with the run's now,
 * 1700000000 (2023-11-14T22:13:20Z); the harness formats and parses in UTC.
 */
import { docPage, ev, FUNCTIONS, on } from './helpers.js';

const PAGE = FUNCTIONS + 'date-and-time-functions';

docPage(PAGE, [
  ev('now(): "returns the time that the search was started", in epoch seconds', 'n=now()', { n: '1700000000' }),
  ev('time(): "returns the wall-clock time", in epoch seconds', 'ok=if(time() >= now(), "yes", "no")', { ok: 'yes' }),
  ev('relative_time(): example n=relative_time(now(), "-1d@d"): one day back, snapped to midnight', 'n=relative_time(now(), "-1d@d")', { n: '1699833600' }),
  ev('relative_time(): "+" moves forward and "@" snaps to the unit', 'a=relative_time(now(), "+1h"), b=relative_time(now(), "@h")', {
    a: '1700003600',
    b: '1699999200',
  }),
  ev('relative_time(): a week snap @w0 goes back to Sunday', 'n=strftime(relative_time(now(), "@w0"), "%Y-%m-%d %A")', { n: '2023-11-12 Sunday' }),
  ev('strftime(): example mytime=strftime(_time,"%Y-%m-%dT%H:%M:%S.%Q")', 'mytime=strftime(_time,"%Y-%m-%dT%H:%M:%S.%Q")', {
    mytime: '2023-11-14T22:13:20.000',
  }),
  ev('strftime(): example n=strftime(_time, "%H:%M") returns hour and minute', 'n=strftime(_time, "%H:%M")', { n: '22:13' }),
  ev('strftime(): day and month names, day of year', 'n=strftime(_time, "%a %b %d %j")', { n: 'Tue Nov 14 318' }),
  on(
    'strptime(): "If timeStr is in the form "11:59", n=strptime(timeStr, "%H:%M") returns it as a timestamp"',
    [{ timeStr: '2023-11-14 11:59' }],
    '| eval n=strptime(timeStr, "%Y-%m-%d %H:%M")',
    [{ n: '1699963140' }],
  ),
  ev('strptime(): the example date and time "2018-05-03T14:52:00" with %Y-%m-%dT%H:%M:%S', 'n=strptime("2018-05-03T14:52:00", "%Y-%m-%dT%H:%M:%S")', {
    n: '1525359120',
  }),
  ev('strptime(): a string that does not fit the format gives null', 'n=strptime("not a date", "%Y-%m-%d")', { n: null }),
  ev('strftime() of strptime() round-trips the text', 'n=strftime(strptime("2020-02-29 12:00:00", "%Y-%m-%d %H:%M:%S"), "%d/%m/%Y %H:%M:%S")', {
    n: '29/02/2020 12:00:00',
  }),
]);
