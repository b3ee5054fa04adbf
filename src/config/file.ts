/**
 * The settings file: where it lives, reading it strictly, and writing it so that it is never seen
 * half-written. $XDG_CONFIG_HOME/back-relief/config.json when XDG_CONFIG_HOME is an absolute path;
 * else the platform's place for settings (~/.config on Linux, ~/Library/Application Support on
 * macOS, %APPDATA% on Windows).
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, win32 } from 'node:path';
import { FileError } from '../errors.js';
import { readCappedFile } from '../input/files.js';
import { sanitizeLine, visibleName } from '../render/sanitize.js';
import { describeFsError } from '../text/fs-errors.js';
import { describePath, strictJsonProblem } from '../text/strict-json.js';
import { settingsFromFile, type Settings } from './settings.js';

/** A settings file is a few lines; anything far larger is not one. */
const MAX_BYTES = 64 * 1024;

export interface ConfigInputs {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homedir: () => string;
}

export function configPath({ env, platform, homedir }: ConfigInputs): string {
  // The XDG spec: a relative XDG_CONFIG_HOME is invalid and is ignored.
  if (env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)) return join(env.XDG_CONFIG_HOME, 'back-relief', 'config.json');
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(homedir(), 'AppData', 'Roaming'), 'back-relief', 'config.json');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'back-relief', 'config.json');
  return join(homedir(), '.config', 'back-relief', 'config.json');
}

/** The file is broken: exit 1, naming the file and the key, and how to repair it. */
export class ConfigError extends FileError {
  override name = 'FileError';
  constructor(
    readonly path: string,
    readonly key: string | null,
    why: string,
  ) {
    const shown = key === null ? '' : visibleName(key);
    const where = key === null ? '' : ` the setting "${shown}"`;
    const repair = key === null || !/^[\w-]+$/.test(shown) ? 'edit or delete the file' : `run back-relief config unset ${shown}, or edit the file`;
    super(`settings file ${sanitizeLine(path)}:${where} ${why}. To repair it, ${repair}.`);
  }
}

/** A settings file this user may not read (another user's home): the defaults, with a warning. */
export class ConfigUnreadable extends Error {
  constructor(
    readonly path: string,
    readonly why: string,
  ) {
    super(`back-relief: warning: the settings file ${sanitizeLine(path)} cannot be read (${why}); the defaults are used.`);
  }
}

/** Whether the file is there, without the cost of an exception in the common case of no file. */
function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    // A folder on the way that this user may not enter (HOME still root's under sudo -u or setpriv)
    // is the same as a file this user may not read; a file on the way (ENOTDIR) means there is none.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'ENAMETOOLONG') return false;
    if (code === 'ELOOP') throw new ConfigError(path, null, 'cannot be read (it is a symbolic link that leads round in a loop)');
    if (code === 'EACCES' || code === 'EPERM') throw new ConfigUnreadable(path, describeFsError(error));
    throw new ConfigError(path, null, `cannot be read (${describeFsError(error)})`);
  }
}

/**
 * What the file holds as parsed JSON (or null when there is none); its problems are for readConfig.
 * `lenient` (for `config unset`, which repairs): a key given twice or nested too deeply is read as
 * JSON.parse reads it, so the key can be removed; the file still has to be JSON and of a sane size.
 */
export function readConfigJson(path: string, lenient = false): { parsed: unknown } | null {
  // Most people have no settings file: find that out without the cost of an exception.
  if (!exists(path)) return null;
  let text: string;
  try {
    text = readCappedFile(path, MAX_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EACCES' || code === 'EPERM') throw new ConfigUnreadable(path, describeFsError(error));
    throw new ConfigError(path, null, `cannot be read (${describeFsError(error)})`);
  }
  const problem = strictJsonProblem(text, 4);
  if (problem && !lenient) {
    const key = problem.path.length ? String(problem.path[0]) : null;
    const inside = problem.path.length > 1 ? ` (${describePath(problem.path, visibleName)})` : '';
    throw new ConfigError(path, key, problem.kind === 'duplicate-key' ? `is given more than once${inside}` : 'is nested too deeply');
  }
  try {
    return { parsed: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    throw new ConfigError(path, null, `is not valid JSON (${sanitizeLine((error as Error).message)})`);
  }
}

/**
 * The settings in the file ({} when there is none), or a ConfigError naming the file and the key.
 * A file this user may not read (running as another user, with HOME still someone else's) gives the
 * defaults and a warning through `warn`: the settings are preferences, and the safe ones are the defaults.
 */
export function readConfig(path: string, warn: (message: string) => void = () => {}): Settings {
  let json: { parsed: unknown } | null;
  try {
    json = readConfigJson(path);
  } catch (error) {
    if (!(error instanceof ConfigUnreadable)) throw error;
    warn(error.message);
    return {};
  }
  if (!json) return {};
  const read = settingsFromFile(json.parsed);
  if ('problem' in read) throw new ConfigError(path, read.problem.key, read.problem.why);
  return read.settings;
}

/** The file a symbolic link at `path` leads to, or `path` itself when it is not a link. */
function linkTarget(path: string): string {
  let link: boolean;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    return path;
  }
  if (!link) return path;
  try {
    return realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ELOOP' ? 'it is a symbolic link that leads round in a loop' : code === 'ENOENT' ? 'it is a symbolic link to a file that does not exist' : describeFsError(error);
    throw new ConfigError(path, null, `cannot be written (${why})`);
  }
}

/**
 * Writes the settings: a private temporary file beside it, flushed, then renamed over the old one,
 * so a crash or a full disk leaves the old file or the new one, never half of either.
 */
export function writeConfig(path: string, settings: Record<string, unknown>): void {
  // A symbolic link in its place (a dotfiles manager's) is kept: the file it leads to is replaced.
  const target = linkTarget(path);
  const dir = dirname(target);
  const temp = join(dir, `.config.json.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = openSync(temp, 'w', 0o600);
    try {
      const text = Buffer.from(`${JSON.stringify(settings, null, 2)}\n`);
      let written = 0;
      while (written < text.length) written += writeSync(fd, text, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ConfigError(path, null, `cannot be written (${describeFsError(error)})`);
  }
}
