/** The country of the emergency number from the locale: LC_ALL, then LC_MESSAGES, then LANG. */
import { describe, expect, it } from 'vitest';
import { localeRegion } from '../../src/config/resolve.js';

describe('localeRegion', () => {
  it.each([
    ['en_GB.UTF-8', 'GB'],
    ['de_DE', 'DE'],
    ['en-AU', 'AU'],
    ['en_US@euro', 'US'],
    ['ja_JP.eucJP', 'JP'],
    ['ast_ES.UTF-8', 'ES'],
    // A script between the language and the region.
    ['zh_Hans_CN.UTF-8', 'CN'],
    ['sr-Latn-RS', 'RS'],
    ['sr_RS@latin', 'RS'],
    // No region at all.
    ['C', null],
    ['C.UTF-8', null],
    ['POSIX', null],
    ['en', null],
    ['en_US1', null],
    ['es_419.UTF-8', null],
  ])('%s: %s', (locale, region) => {
    expect(localeRegion({ LANG: locale }, 'linux')).toBe(region);
  });

  it('LC_ALL beats LC_MESSAGES beats LANG', () => {
    expect(localeRegion({ LC_ALL: 'fr_FR.UTF-8', LC_MESSAGES: 'de_DE', LANG: 'en_GB' }, 'linux')).toBe('FR');
    expect(localeRegion({ LC_MESSAGES: 'de_DE', LANG: 'en_GB' }, 'linux')).toBe('DE');
    expect(localeRegion({ LANG: 'en_GB' }, 'linux')).toBe('GB');
  });

  it('no locale variable: the system locale on macOS and Windows, none on Linux', () => {
    expect(localeRegion({}, 'darwin', () => 'en-NZ')).toBe('NZ');
    expect(localeRegion({}, 'win32', () => 'zh-Hant-TW')).toBe('TW');
    expect(localeRegion({}, 'linux', () => 'en-US')).toBeNull();
    expect(localeRegion({}, 'darwin', () => 'not a locale!')).toBeNull();
  });
});
