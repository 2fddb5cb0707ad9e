import { it } from 'vitest';
import { parseSearchExpression, parseEvalExpression } from '../../../harness/spl/parse.js';
import { compileSearch } from '../../../harness/engine/match.js';
import { compileEval } from '../../../harness/engine/eval.js';
it('perf', () => {
  const N = 1_000_000;
  const names = ['cmd.exe', 'powershell.exe', 'svchost.exe', 'explorer.exe', 'rundll32.exe'];
  const events = Array.from({ length: 10000 }, (_, i) => ({
    process_name: names[i % 5], parent_process_name: names[(i * 7) % 5], CommandLine: `${names[i % 5]} -arg ${i} ${i % 13 === 0 ? '-enc AAA' : ''}`,
    dest: `host${i % 50}`, src: `10.${i % 256}.1.${i % 200}`,
    _raw: `<Event><EventID>4688</EventID><Data Name='NewProcessName'>C:\\Windows\\System32\\${names[i % 5]}</Data><Data Name='CommandLine'>${names[i % 5]} -arg ${i}</Data></Event>`,
  }));
  const searches = [
    'process_name IN ("cmd.exe","powershell.exe") NOT parent_process_name=explorer.exe CommandLine="*-enc*"',
    'EventCode=4688 OR src=10.0.0.0/8',
    '"*\\\\System32\\\\cmd.exe" 4688',
    'dest=host1*',
  ];
  for (const s of searches) {
    const p = compileSearch(parseSearchExpression(s).expr!);
    let hits = 0;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) if (p(events[i % events.length])) hits++;
    const ms = performance.now() - t0;
    console.log(`${s}: ${(N / ms / 1000).toFixed(2)} M events/s (${hits} hits)`);
  }
  for (const s of ['process_name = "cmd.exe"', 'match(CommandLine, "(?i)-enc")', 'lower(process_name)', 'if(true(), 1, 2)', 'if(match(CommandLine, "(?i)-enc"), "x", lower(process_name))', 'like(process_name, "%shell%") AND isnotnull(dest)', 'mvindex(split(CommandLine, " "), 0)']) {
    const f = compileEval(parseEvalExpression(s).expr!);
    const ctx = { now: 0 };
    const t0 = performance.now();
    for (let i = 0; i < N; i++) f(events[i % events.length], ctx);
    const ms = performance.now() - t0;
    console.log(`${s}: ${(N / ms / 1000).toFixed(2)} M evals/s`);
  }
});
