import { it } from 'vitest';
it('term strategies', () => {
  const raws = Array.from({ length: 10000 }, (_, i) => `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4688</EventID><Computer>host${i}.corp.local</Computer></System><EventData><Data Name='NewProcessName'>C:\\Windows\\System32\\${i % 7 ? 'svchost' : 'cmd'}.exe</Data><Data Name='CommandLine'>cmd /c whoami ${i}</Data></EventData></Event>`);
  const N = 300_000;
  const lit = '\\system32\\cmd.exe';
  let t0 = performance.now(); let h = 0;
  for (let i = 0; i < N; i++) if (raws[i % raws.length].toLowerCase().includes(lit)) h++;
  console.log('lower+includes', (N / (performance.now() - t0) / 1000).toFixed(2), 'M/s', h);
  const re = /\\system32\\cmd\.exe/i;
  t0 = performance.now(); h = 0;
  for (let i = 0; i < N; i++) if (re.test(raws[i % raws.length])) h++;
  console.log('regex /i', (N / (performance.now() - t0) / 1000).toFixed(2), 'M/s', h);
  const re2 = /(?<![A-Za-z0-9\u0080-\uffff])4688(?![A-Za-z0-9\u0080-\uffff])/i;
  t0 = performance.now(); h = 0;
  for (let i = 0; i < N; i++) if (re2.test(raws[i % raws.length])) h++;
  console.log('regex boundary /i', (N / (performance.now() - t0) / 1000).toFixed(2), 'M/s', h);
  t0 = performance.now(); h = 0;
  for (let i = 0; i < N; i++) { const r = raws[i % raws.length].toLowerCase(); if (r.includes('4688') && re2.test(r)) h++; }
  console.log('lower + includes + boundary', (N / (performance.now() - t0) / 1000).toFixed(2), 'M/s', h);
});
