/**
 * `back-relief config list|get|set|unset|path`: the settings kept in config.json. `unset` and `path`
 * work even when the file is broken, so the person can always repair it.
 */
import { ConfigError, ConfigUnreadable, readConfigJson, writeConfig } from '../config/file.js';
import type { Source } from '../config/resolve.js';
import { isSettingKey, SETTING_KEYS, SETTINGS, settingsFromFile, type SettingKey } from '../config/settings.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { sanitizeLine, visibleName } from '../render/sanitize.js';
import { closest } from '../text/suggest.js';
import { knownCountry } from '../render/emergency.js';

const SOURCE_WORDS: Record<Source, string> = {
  flag: 'from the command line',
  environment: 'from the environment',
  file: 'set in the settings file',
  locale: 'from your locale',
  default: 'the default',
};

function requirePath(ctx: CommandContext): string {
  if (!ctx.configPath) throw new UsageError('There is no folder for the settings file: neither HOME nor XDG_CONFIG_HOME is set. Set XDG_CONFIG_HOME to a folder of your own.');
  return ctx.configPath;
}

function requireKey(key: string): SettingKey {
  if (isSettingKey(key)) return key;
  const guess = closest(key, SETTING_KEYS);
  throw new UsageError(`"${visibleName(key)}" is not a setting.${guess ? ` Did you mean "${guess}"?` : ''} The settings: ${SETTING_KEYS.join(', ')}.`);
}

const shown = (value: unknown) => (value === null || value === undefined ? 'none' : String(value));

export function configPathCommand(ctx: CommandContext): void {
  const path = requirePath(ctx);
  if (ctx.options.json) ctx.json({ path });
  else ctx.out(sanitizeLine(path));
}

export function configList(ctx: CommandContext): void {
  const path = requirePath(ctx);
  const entries = SETTING_KEYS.map((key) => ({ key, value: ctx.settings[key], source: ctx.settingSources[key], about: SETTINGS[key].about }));
  if (ctx.options.json) {
    ctx.json({ path, settings: Object.fromEntries(entries.map((e) => [e.key, { value: e.value, source: e.source }])) });
    return;
  }
  const lines = [`Settings (${sanitizeLine(path)}):`];
  for (const e of entries) {
    lines.push(`  ${e.key.padEnd(8)} ${shown(e.value).padEnd(6)} ${SOURCE_WORDS[e.source]}`);
    lines.push(`           ${e.about}`);
  }
  lines.push('', 'Change one with: back-relief config set KEY VALUE (back-relief config unset KEY goes back to the default)');
  ctx.out(lines.join('\n'));
}

export function configGet(ctx: CommandContext, keyText: string): void {
  const key = requireKey(keyText);
  const value = ctx.settings[key];
  if (ctx.options.json) ctx.json({ key, value, source: ctx.settingSources[key] });
  else ctx.out(value === null ? '' : String(value));
}

/** The file's object, keys copied one by one onto an object without a prototype (never a merge). */
function fileObject(path: string, lenient = false): Record<string, unknown> {
  let json: { parsed: unknown } | null;
  try {
    json = readConfigJson(path, lenient);
  } catch (error) {
    // Changing a file that cannot be read would replace what is in it: refuse, in words.
    if (error instanceof ConfigUnreadable) throw new ConfigError(path, null, `cannot be read (${error.why})`);
    throw error;
  }
  const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (!json) return object;
  if (json.parsed === null || typeof json.parsed !== 'object' || Array.isArray(json.parsed)) throw new ConfigError(path, null, 'must be a JSON object; delete it and set the settings again');
  for (const [key, value] of Object.entries(json.parsed)) object[key] = value;
  return object;
}

/** After a change, what is still wrong in the file (another key), said as a warning. */
function remainingProblem(ctx: CommandContext, path: string, object: Record<string, unknown>): void {
  const check = settingsFromFile(object);
  if ('problem' in check) ctx.err(`back-relief: warning: ${new ConfigError(path, check.problem.key, check.problem.why).message}`);
}

export function configSet(ctx: CommandContext, keyText: string, text: string): void {
  const key = requireKey(keyText);
  const path = requirePath(ctx);
  const read = SETTINGS[key].read(text.trim());
  if ('problem' in read) throw new UsageError(`${key} ${read.problem}; "${visibleName([...text].slice(0, 40).join(''))}" is not one.`);
  if (key === 'country') {
    const unknown = knownCountry(ctx, read.value as string);
    if (unknown) throw new UsageError(unknown);
  }
  const object = fileObject(path);
  object[key] = read.value;
  writeConfig(path, object);
  if (ctx.options.json) ctx.json({ key, value: read.value, path });
  else ctx.out(`${key} = ${shown(read.value)} (saved in ${sanitizeLine(path)})`);
  remainingProblem(ctx, path, object);
}

export function configUnset(ctx: CommandContext, keyText: string): void {
  // A key that is not a setting may still be in a broken file: unset removes it too.
  const path = requirePath(ctx);
  // Leniently only where the problem is the very key being unset (given twice, nested too deeply):
  // a problem with another key is said, and that key is for its own unset, never rewritten here.
  let object: Record<string, unknown>;
  try {
    object = fileObject(path);
  } catch (error) {
    if (!(error instanceof ConfigError) || error.key !== keyText) throw error;
    object = fileObject(path, true);
  }
  if (!isSettingKey(keyText) && !Object.hasOwn(object, keyText)) requireKey(keyText);
  const had = Object.hasOwn(object, keyText);
  delete object[keyText];
  if (had) writeConfig(path, object);
  const words = isSettingKey(keyText) ? `; back to ${SETTINGS[keyText].unset}` : '';
  if (ctx.options.json) ctx.json({ key: keyText, removed: had, path });
  else ctx.out(had ? `${visibleName(keyText)} unset${words}.` : `${visibleName(keyText)} was not set${words}.`);
  remainingProblem(ctx, path, object);
}

