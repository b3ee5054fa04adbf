/**
 * The settings a person can keep (`back-relief config`): what each key means, how a value typed on
 * the command line is read, and what the file may hold. Pure: no file is touched here.
 */

export const CLOCKS = ['24h', '12h'] as const;
export type Clock = (typeof CLOCKS)[number];

export interface Settings {
  /** ISO 3166-1 alpha-2, upper case: whose emergency number to show. */
  country?: string;
  bell?: boolean;
  notify?: boolean;
  clock?: Clock;
  plain?: boolean;
}

export type SettingKey = keyof Settings;

interface Definition {
  /** What it does, for `config list` and the help. */
  about: string;
  /** The value when nothing sets it, in words. */
  unset: string;
  /** The environment variable that beats the file, if any. */
  variable?: string;
  /** What a value must be, in words: "true or false". */
  expects: string;
  /** A value typed by a person: the value, or why not. */
  read(text: string): { value: Settings[SettingKey] } | { problem: string };
  /** A value found in the file: whether it is one this key can hold. */
  valid(value: unknown): boolean;
}

const YES = /^(?:true|on|yes|1)$/i;
const NO = /^(?:false|off|no|0)$/i;

const flag = (about: string, unset: string, variable: string): Definition => ({
  about,
  unset,
  variable,
  expects: 'true or false (also on/off, yes/no)',
  read: (text) => (YES.test(text) ? { value: true } : NO.test(text) ? { value: false } : { problem: 'must be true or false (also on/off, yes/no)' }),
  valid: (value) => typeof value === 'boolean',
});

export const SETTINGS: Record<SettingKey, Definition> = {
  country: {
    about: 'whose emergency number to show: a two-letter country code such as GB, US, DE or IN',
    unset: 'the region of your locale (LANG), else "your local emergency number"',
    variable: 'BACK_RELIEF_COUNTRY',
    expects: 'a two-letter country code in capitals, such as "GB"',
    read: (text) => (/^[a-z]{2}$/i.test(text) ? { value: text.toUpperCase() } : { problem: 'must be a two-letter country code, such as GB, US, DE or IN' }),
    valid: (value) => typeof value === 'string' && /^[A-Z]{2}$/.test(value),
  },
  bell: flag('ring the bell when a session, a break or a stretch ends (--no-bell for one run)', 'true', 'BACK_RELIEF_BELL'),
  notify: flag('a desktop notification when a session or a break ends, and at each change of the routine with --auto (--no-notify for one run)', 'true', 'BACK_RELIEF_NOTIFY'),
  clock: {
    about: 'how times are shown: 24h (14:05) or 12h (2:05 pm)',
    unset: '24h',
    variable: 'BACK_RELIEF_CLOCK',
    expects: '"24h" or "12h"',
    read: (text) => ((CLOCKS as readonly string[]).includes(text.toLowerCase()) ? { value: text.toLowerCase() as Clock } : { problem: 'must be 24h or 12h' }),
    valid: (value) => typeof value === 'string' && (CLOCKS as readonly string[]).includes(value),
  },
  plain: flag('words only, for screen readers and logs: no redrawn lines, boxes or bars (--plain / --no-plain for one run)', 'false', 'BACK_RELIEF_PLAIN'),
};

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** A problem in the file's content: the key it concerns (null for the file as a whole) and why. */
export interface SettingsProblem {
  key: string | null;
  why: string;
}

/**
 * Reads the parsed file: the settings it holds, or the first problem. An unknown key is a problem
 * (a typo would otherwise be ignored without a word); so is a value of the wrong kind.
 */
export function settingsFromFile(parsed: unknown): { settings: Settings } | { problem: SettingsProblem } {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: { key: null, why: 'must be a JSON object, such as { "clock": "12h" }' } };
  const settings: Settings = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!isSettingKey(key)) return { problem: { key, why: `is not a setting (the settings: ${SETTING_KEYS.join(', ')})` } };
    const definition = SETTINGS[key];
    if (!definition.valid(value)) return { problem: { key, why: wrongValue(definition, value) } };
    // One key at a time, by name: never a merge of what the file holds.
    (settings as Record<string, unknown>)[key] = value;
  }
  return { settings };
}

/**
 * The settings of a broken file that can still be used, for the screens that must go on: every key
 * that is a setting with a valid value. A typo in one setting must not lose the others (the country
 * that decides the emergency number, plain output for a screen reader).
 */
export function usableSettings(parsed: unknown): Settings {
  const settings: Settings = {};
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return settings;
  for (const [key, value] of Object.entries(parsed)) {
    if (isSettingKey(key) && SETTINGS[key].valid(value)) (settings as Record<string, unknown>)[key] = value;
  }
  return settings;
}

/** Why a value in the file will not do, in words; "false" in quotes is text, not the value false. */
function wrongValue(definition: Definition, value: unknown): string {
  const shown = [...(JSON.stringify(value) ?? 'empty')].slice(0, 40).join('');
  if (typeof value === 'string') {
    const typed = definition.read(value.trim());
    if ('value' in typed && typeof typed.value !== 'string') return `is the text ${shown}; write it without quotes: ${JSON.stringify(typed.value)}`;
  }
  return `is ${shown}, but must be ${definition.expects}`;
}

/** An environment variable's value for a key, if it is set to something this key can hold. */
export function fromEnvironment(key: SettingKey, env: Record<string, string | undefined>, warn: (message: string) => void = () => {}): Settings[SettingKey] | undefined {
  const variable = SETTINGS[key].variable;
  const text = variable ? env[variable] : undefined;
  if (text === undefined || text === '') return undefined;
  const read = SETTINGS[key].read(text);
  if ('value' in read) return read.value;
  // Not silently: the person set it for a reason, and the file's value or the default applies instead.
  warn(`back-relief: warning: ${variable}="${[...text].slice(0, 40).join('')}" is ignored: it ${read.problem}.`);
  return undefined;
}
