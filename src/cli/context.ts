/** The context a command's action receives, built once from the process and the global options. */
import { loadContent } from '../content/load.js';
import type { Kind } from '../content/schema.js';
import type { CommandContext, Environment, GlobalOptions, OutStream } from '../context.js';
import { ConfigError, readConfig, readConfigJson, configPath } from '../config/file.js';
import { usableSettings, type Settings } from '../config/settings.js';
import { resolveSettings } from '../config/resolve.js';
import { setClock } from '../render/dates.js';
import { outputMode } from '../render/mode.js';
import { fitLines, messageWidth, streamWidth } from '../render/layout.js';
import { sanitize } from '../render/sanitize.js';
import { jsonChunks } from '../text/json-chunks.js';
import { colourEnabled, createStyle } from '../render/style.js';

/** The settings file, if it can be located: without a home folder and XDG_CONFIG_HOME there is none to read. */
function locateConfig(env: Environment): string | null {
  try {
    return configPath({ env: env.env, platform: env.platform, homedir: env.homedir });
  } catch {
    return null;
  }
}

/**
 * How a command treats the settings file. `read`: a broken file stops it (exit 1, naming the file and
 * the key). `ignore`: for `config unset` and `config path`, which must work when the file is broken
 * so the person can repair it. `safety`: for the screens that say when to call for help (triage,
 * check-in, red-flags, status, the overview): a typo in a setting must never hold back the warning
 * signs, so a broken file is a warning, and its valid settings are kept.
 */
export type SettingsFileUse = 'read' | 'ignore' | 'safety';

function settingsFrom(path: string | null, use: SettingsFileUse, warn: (message: string) => void): Settings {
  if (use === 'ignore' || !path) return {};
  try {
    return readConfig(path, warn);
  } catch (error) {
    if (use !== 'safety' || !(error instanceof ConfigError)) throw error;
    // Keep what can be kept: the settings that are valid, read as leniently as config unset reads.
    let kept: Settings = {};
    try {
      kept = usableSettings(readConfigJson(path, true)?.parsed ?? null);
    } catch {
      // Not JSON at all, or not readable: the defaults.
    }
    const keys = Object.keys(kept);
    warn(`back-relief: warning: ${error.message} Until then ${keys.length ? `only its valid settings (${keys.join(', ')}) are used` : 'the defaults are used'}.`);
    return kept;
  }
}

export async function makeContext(env: Environment, options: GlobalOptions, settingsFile: SettingsFileUse = 'read'): Promise<CommandContext> {
  const path = locateConfig(env);
  const warn = (message: string) => void env.stderr.write(`${fitLines(sanitize(message), messageWidth(env.stderr, env.env))}\n`);
  const file = settingsFrom(path, settingsFile, warn);
  const settings = resolveSettings(file, env.env, { plain: options.plain }, env.platform, () => Intl.DateTimeFormat().resolvedOptions().locale, warn);
  setClock(settings.values.clock);
  const plain = settings.values.plain;
  // Plain output is for screen readers and logs: no colour either, unless asked for by --color.
  const colourFlag = options.color ?? (plain ? false : undefined);
  const stdoutColour = colourEnabled({ flag: colourFlag, env: env.env, isTTY: env.stdout.isTTY === true });
  const stderrColour = colourEnabled({ flag: colourFlag, env: env.env, isTTY: env.stderr.isTTY === true });
  const modeOf = (stream: OutStream) => outputMode(stream, env.env, env.platform, plain);
  const dataDir = options.dataDir ?? (env.env.BACK_RELIEF_DATA_DIR || undefined);
  const contentDirs = { builtin: env.builtinDataDir, extra: dataDir, cwd: env.cwd };
  const width = streamWidth(env.stdout, env.env);
  const errWidth = messageWidth(env.stderr, env.env);
  return {
    options,
    env: env.env,
    // Getters: touching process.stdin creates a stream (about 1 ms), which most commands never need.
    get stdin() {
      return env.stdin;
    },
    stdout: env.stdout,
    stderr: env.stderr,
    now: env.now,
    cwd: env.cwd,
    style: await createStyle(stdoutColour),
    errStyle: await createStyle(stderrColour),
    width,
    mode: modeOf(env.stdout),
    modeOf,
    // Whatever a command prints fits the width: a line that does not is wrapped, never cut.
    out: (text = '') => void env.stdout.write(`${fitLines(text, width)}\n`),
    // Messages carry paths and names from the environment: never an escape sequence.
    err: (text) => void env.stderr.write(`${fitLines(sanitize(text), errWidth)}\n`),
    // In pieces: a history of a million entries never becomes one string of hundreds of megabytes.
    json: (value) => {
      for (const chunk of jsonChunks(value)) env.stdout.write(chunk);
    },
    get interactive() {
      return options.input && env.stdin.isTTY === true && env.stdout.isTTY === true;
    },
    content: <K extends Kind>(kinds: readonly K[]) => loadContent(kinds, contentDirs),
    contentDirs,
    platform: env.platform,
    homedir: env.homedir,
    settings: settings.values,
    settingSources: settings.sources,
    configPath: path,
  };
}
