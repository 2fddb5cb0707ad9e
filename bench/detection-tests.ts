/** Generated content trees for the benchmarks: a detection whose `tests:` block reads one bench file. */

/** A `tests:` block with one true-positive test over Sysmon XML at `dataUrl`. */
export function sysmonTestsBlock(dataUrl: string): string {
  return [
    'tests:',
    '- name: True Positive Test',
    '  attack_data:',
    `  - data: ${dataUrl}`,
    '    source: XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
    '    sourcetype: XmlWinEventLog',
    '',
  ].join('\n');
}

/**
 * The detection text with its `tests:` block replaced by `sysmonTestsBlock(dataUrl)`; undefined when
 * the block is missing or not the last top-level key (cutting it would then cut other keys).
 */
export function withSysmonTest(text: string, dataUrl: string): string | undefined {
  const at = text.search(/^tests:\s*$/m);
  if (at < 0 || /^[A-Za-z_]+:/m.test(text.slice(at + 'tests:'.length))) return undefined;
  return text.slice(0, at) + sysmonTestsBlock(dataUrl);
}
