/**
 * The settings in force for a run: a flag beats an environment variable, which beats the settings
 * file, which beats the default. The country has one more step before the default: the region of
 * the locale. Pure: the file's settings, the environment and the flags come in.
 */
import { fromEnvironment, SETTING_KEYS, type Clock, type SettingKey, type Settings } from './settings.js';

export type Source = 'flag' | 'environment' | 'file' | 'locale' | 'default';

export interface Effective {
  country: string | null;
  bell: boolean;
  notify: boolean;
  clock: Clock;
  plain: boolean;
}

export interface Resolved {
  values: Effective;
  sources: Record<SettingKey, Source>;
}

const DEFAULTS: Effective = { country: null, bell: true, notify: true, clock: '24h', plain: false };

/**
 * The region of the locale: "en_GB.UTF-8" gives GB. LC_ALL, then LC_MESSAGES, then LANG, as the C
 * library reads them. Where none is set (macOS and Windows pass the locale another way), the
 * system's own, through Intl; on Linux an unset locale has no region (Intl would say en-US).
 */
export function localeRegion(env: Record<string, string | undefined>, platform: NodeJS.Platform, systemLocale?: () => string): string | null {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (locale) {
    // language, an optional script (zh_Hans_CN, sr-Latn-RS), then the region; "C", "POSIX" and a
    // language alone have none.
    const match = /^[a-z]{2,3}(?:[_-][a-z]{4})?[_-]([a-z]{2})(?![a-z0-9])/i.exec(locale);
    return match ? match[1]!.toUpperCase() : null;
  }
  if (platform === 'linux' || !systemLocale) return null;
  try {
    const region = new Intl.Locale(systemLocale()).region;
    return region && /^[A-Z]{2}$/.test(region) ? region : null;
  } catch {
    return null;
  }
}

export function resolveSettings(
  file: Settings,
  env: Record<string, string | undefined>,
  flags: Partial<Record<SettingKey, boolean | string | undefined>>,
  platform: NodeJS.Platform,
  systemLocale?: () => string,
  warn: (message: string) => void = () => {},
): Resolved {
  const values = { ...DEFAULTS };
  const sources = {} as Record<SettingKey, Source>;
  for (const key of SETTING_KEYS) {
    const flag = flags[key];
    // The variable is read (and a bad value warned about) only when no flag decides already.
    const fromEnv = flag === undefined ? fromEnvironment(key, env, warn) : undefined;
    const candidates: [unknown, Source][] = [
      [flag, 'flag'],
      [fromEnv, 'environment'],
      [file[key], 'file'],
    ];
    const found = candidates.find(([value]) => value !== undefined);
    if (found) {
      (values as Record<string, unknown>)[key] = found[0];
      sources[key] = found[1];
    } else sources[key] = 'default';
  }
  if (values.country === null) {
    const region = localeRegion(env, platform, systemLocale);
    if (region) {
      values.country = region;
      sources.country = 'locale';
    }
  }
  return { values, sources };
}
