/**
 * Guess a file's format from its first kilobyte, for files whose sourcetype no reader claims.
 * Returns the name of a reader (see read.ts); the generic line reader when nothing else fits.
 */

export type SniffedFormat = 'xmlwineventlog' | 'wineventlog' | 'json' | 'auditd' | 'syslog' | 'w3c' | 'lines';

const CLASSIC_HEADER = /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}(?: [AP]M)?\s*$/im;
const AUDIT = /^(?:node=\S+ )?type=\w+ msg=audit\(\d+(?:\.\d+)?:\d+\):/m;
const SYSLOG = /^(?:<\d+>)?[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} \S+ [^\s:[]+(?:\[\d+\])?:/;

export function sniffFormat(head: string): SniffedFormat {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const start = text.trimStart();
  // An event tag at the start of any line: XML events, perhaps after a stray header line.
  if (/^<Event[\s>]/m.test(start)) return 'xmlwineventlog';
  // `[` alone is not enough: `[19/Aug/2024:...]` opens many text logs.
  if (start.startsWith('{') || /^\[\s*(?:[{["\]]|$)/.test(start)) return 'json';
  if (AUDIT.test(start)) return 'auditd';
  if (/^#(Software|Version|Fields|Date):/m.test(start) && /^#Fields:/m.test(start)) return 'w3c';
  if (CLASSIC_HEADER.test(start.split('\n', 1)[0]) && /^(LogName|EventCode|SourceName)=/m.test(start)) return 'wineventlog';
  if (SYSLOG.test(start)) return 'syslog';
  return 'lines';
}
