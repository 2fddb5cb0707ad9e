import { describe, expect, it } from 'vitest';
import { fieldAppears, lastCommand, lookupReferences, topLevelCommands } from '../../harness/spl/query.js';
import { dollarTokens } from '../../harness/lint/util.js';

describe('topLevelCommands', () => {
  it('splits at pipes outside quotes, subsearches and comments', () => {
    const s = 'search a="x | y" [ search b | head 1 ] ```c | d``` | stats count | `m_filter`';
    expect(topLevelCommands(s).map((c) => c.text)).toEqual(['search a="x | y" [ search b | head 1 ] ```c | d```', 'stats count', '`m_filter`']);
  });
  it('keeps offsets that point back into the text', () => {
    const s = '| tstats count |  eval x=1';
    for (const c of topLevelCommands(s)) expect(s.slice(c.start, c.end)).toBe(c.text);
  });
  it('treats an escaped quote outside a string as a literal, not a string start', () => {
    // SPL: a backslash outside quotes escapes the next character.
    const s = 'search x=*\\"privileged\\":true* | stats count | `f_filter`';
    expect(topLevelCommands(s).map((c) => c.text)).toEqual(['search x=*\\"privileged\\":true*', 'stats count', '`f_filter`']);
  });
});

describe('lastCommand', () => {
  it('skips a trailing comment-only segment and comments after the command', () => {
    expect(lastCommand('search a | `x_filter` ```tune```')?.text).toBe('`x_filter`');
    expect(lastCommand('search a | `x_filter` | ```nothing here```')?.text).toBe('`x_filter`');
  });
  it('returns undefined for an empty search', () => {
    expect(lastCommand('  ')).toBeUndefined();
  });
});

describe('lookupReferences', () => {
  it('finds the table name after options, at any depth', () => {
    const s = '| lookup update=true local=t ad_groups name OUTPUT g | search NOT [| inputlookup append=t admins.csv | fields user] | outputlookup seen_users';
    expect(lookupReferences(s).map((r) => [r.command, r.name])).toEqual([
      ['lookup', 'ad_groups'],
      ['inputlookup', 'admins.csv'],
      ['outputlookup', 'seen_users'],
    ]);
  });
  it('ignores the word lookup inside strings and in field names', () => {
    expect(lookupReferences('search msg="| lookup fake" lookup_name=x | eval a=1')).toEqual([]);
  });
  it('skips names built from macro arguments', () => {
    expect(lookupReferences('| lookup $table$ x')).toEqual([]);
  });
});

describe('fieldAppears', () => {
  it('matches whole field names, data-model prefixes included', () => {
    expect(fieldAppears('dest', 'by Processes.dest Processes.user')).toBe(true);
    expect(fieldAppears('user', 'by src_user user_id')).toBe(false);
    expect(fieldAppears('src_ip', 'rename x as "src_ip"')).toBe(true);
  });
});

describe('dollarTokens', () => {
  it('reads $tokens$', () => {
    expect(dollarTokens('on $dest$ by $user$ at $info_min_time$').map((t) => t.name)).toEqual(['dest', 'user', 'info_min_time']);
  });
});
