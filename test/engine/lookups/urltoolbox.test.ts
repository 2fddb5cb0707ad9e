/**
 * Golden tests: URL Toolbox's lookups as built-ins (URL Toolbox 1.7, `bin/ut_*.py` and
 * `default/transforms.conf`; README "Included Macros"). Expected values are worked out by hand
 * in each case, not by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../commands/helpers.js';
import { pythonFloat } from '../../../harness/engine/lookups/urltoolbox/python.js';
import { UnsupportedError } from '../../../harness/engine/types.js';

describe('ut_shannon_lookup', () => {
  it('bits per character over the stripped word, written as Python writes a float', async () => {
    // ut_shannon.py: entropy -= p * log(p, 2) over the distinct characters of row['word'].strip().
    const rows = await run('* | lookup ut_shannon_lookup word AS w', {
      events: [{ w: 'aaaa' }, { w: ' ab ' }, { w: 'abc' }, { w: 'google' }, { w: '' }],
    });
    expect(rows.map((r) => r.ut_shannon)).toEqual(['0.0', '1.0', rows[2].ut_shannon, rows[3].ut_shannon, '0.0']); // one symbol; two equally likely (spaces stripped); …; empty
    expect(Number(rows[2].ut_shannon)).toBeCloseTo(Math.log2(3), 12); // three equally likely symbols
    expect(Number(rows[3].ut_shannon)).toBeCloseTo((2 / 3) * Math.log2(3) + (1 / 3) * Math.log2(6), 12); // g,o twice (p=1/3); l,e once (p=1/6)
  });

  it('as ESCU calls it: the output compares as a number; null input passes unchanged; multivalue value by value', async () => {
    // potential_password_in_username.yml: `lookup ut_shannon_lookup word AS user | where ut_shannon>3`.
    const rows = await run('* | lookup ut_shannon_lookup word AS user | where ut_shannon>3', {
      events: [{ user: 'abcdefghij' }, { user: 'aaaabbbb' }, { other: 'x' }],
    });
    expect(rows).toEqual([{ user: 'abcdefghij', ut_shannon: String(Math.log2(10)) }]);
    const passed = await run('* | lookup ut_shannon_lookup word AS user', { events: [{ other: 'x' }, { user: ['ab', 'aaaa'] }] });
    expect(passed).toEqual([{ other: 'x' }, { user: ['ab', 'aaaa'], ut_shannon: ['1.0', '0.0'] }]);
  });

  it('Python float text', () => {
    expect([pythonFloat(2), pythonFloat(0.5), pythonFloat(0.00001), pythonFloat(1e16)]).toEqual(['2.0', '0.5', '1e-05', '1e+16']);
  });
});

describe('ut_levenshtein_lookup', () => {
  it('edit distance between the stripped words, ignoring case', async () => {
    const rows = await run('* | lookup ut_levenshtein_lookup word1 AS a word2 AS b', {
      events: [
        { a: 'kitten', b: 'sitting' },
        { a: 'ABC', b: 'abd' },
        { a: 'abc', b: ' ' },
      ],
    });
    // kitten→sitten→sittin→sitting; c→d; three deletions.
    expect(rows.map((r) => r.ut_levenshtein)).toEqual(['3', '1', '3']);
  });
});

describe('ut_countset_lookup and ut_suites_lookup', () => {
  it('counts the set characters by hex code point, with a sum', async () => {
    // README: `eval countme="a.b.c.domain.tld" | eval set="."` gives ut_countset.2E, the number of dots.
    const rows = await run('* | lookup ut_countset_lookup word AS w set AS s', {
      events: [
        { w: 'a.b.c.domain.tld', s: '.' },
        { w: 'aab', s: '@word@' },
        { w: 'AB12', s: '@hexa@' },
      ],
    });
    expect(rows[0].ut_countset).toBe('{"ut_countset": {"sum": 4, "2E": 4}}');
    expect(rows[1].ut_countset).toBe('{"ut_countset": {"sum": 3, "61": 2, "62": 1}}');
    // @hexa@ is 0x30-0x3F plus a-f: the two digits count, uppercase A and B do not.
    expect(JSON.parse(rows[2].ut_countset as string).ut_countset.sum).toBe(2);
  });

  it('longest run of each preset named', async () => {
    const rows = await run('* | lookup ut_suites_lookup word AS w set AS s', { events: [{ w: 'abc123de4567', s: '@digits@,@vowels@,nope' }] });
    expect(rows[0].ut_suites).toBe('{"ut_max_suite_digits": 4, "ut_max_suite_vowels": 1}');
  });
});

describe('ut_parse_simple_lookup and ut_parse_extended_lookup', () => {
  it('urlparse parts, "None" where a part is empty', async () => {
    const rows = await run('* | lookup ut_parse_simple_lookup url AS u', {
      events: [{ u: 'https://www.splunk.com/en_us/blog.html?x=1#top' }, { u: 'www.example.com/a;b' }],
    });
    expect(rows[0]).toMatchObject({
      ut_scheme: 'https',
      ut_netloc: 'www.splunk.com',
      ut_path: '/en_us/blog.html',
      ut_params: 'None',
      ut_query: 'x=1',
      ut_fragment: 'top',
    });
    // No "://": the script prefixes "//", so the host is the netloc; `;b` is a parameter.
    expect(rows[1]).toMatchObject({ ut_scheme: 'None', ut_netloc: 'www.example.com', ut_path: '/a', ut_params: 'b' });
  });

  it('domain, TLD and subdomains with the IANA list (the default)', async () => {
    // README: the IANA list "contains entries like 'UK' but will not contain 'CO.UK'".
    const rows = await run('* | lookup ut_parse_extended_lookup url AS u', {
      events: [{ u: 'http://WWW.Mail.Google.co.uk:8080/x' }, { u: '10.1.2.3' }, { u: 'localhost' }, { u: 'evil.com' }],
    });
    expect(rows[0]).toMatchObject({
      ut_port: '8080',
      ut_tld: 'uk',
      ut_domain: 'co.uk',
      ut_domain_without_tld: 'co',
      ut_subdomain: 'WWW.Mail.Google',
      ut_subdomain_count: '3',
      ut_subdomain_parts: '{"ut_subdomain_level_3": "WWW", "ut_subdomain_level_2": "Mail", "ut_subdomain_level_1": "Google"}',
    });
    expect(rows[1]).toMatchObject({ ut_domain: '10.1.2.3', ut_domain_without_tld: '10.1.2.3', ut_tld: 'None', ut_port: '80' });
    expect(rows[2]).toMatchObject({ ut_domain: 'None', ut_tld: 'None', ut_subdomain_count: '0' });
    expect(rows[3]).toMatchObject({ ut_domain: 'evil.com', ut_tld: 'com', ut_subdomain: 'None', ut_subdomain_parts: 'None' });
  });

  it('the Mozilla list is not bundled: unsupported, named', async () => {
    await expect(run('* | lookup ut_parse_extended_lookup url AS u list AS l', { events: [{ u: 'a.b.com', l: 'mozilla' }] })).rejects.toThrow(UnsupportedError);
  });
});

describe('ut_meaning_lookup and ut_bayesian_lookup', () => {
  it('need word lists the harness does not bundle: unsupported with the reason', async () => {
    await expect(run('* | lookup ut_meaning_lookup word AS w', { events: [{ w: 'microsoft' }] })).rejects.toThrow(/meaning\.dic/);
    await expect(run('* | lookup ut_bayesian_lookup word AS w', { events: [{ w: 'torcash' }] })).rejects.toThrow(/bayesian_good\.dic/);
  });
});
