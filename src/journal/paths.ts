/**
 * Where the journal lives (cli.md, "Files"): BACK_RELIEF_HOME if set; else $XDG_STATE_HOME/back-relief
 * when XDG_STATE_HOME is absolute; else the platform's own place for state. Pure: inputs in, path out.
 */
import { isAbsolute, join, resolve, win32 } from 'node:path';
import { UsageError } from '../errors.js';

export interface PathInputs {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** A function: it is called only when the state folder is under the home folder. */
  homedir: string | (() => string);
  /** Null when the current folder has been deleted: a relative BACK_RELIEF_HOME cannot work then. */
  cwd: string | null;
}

export function stateDir(inputs: PathInputs): string {
  return stateDirSource(inputs).dir;
}

/** The state folder and the setting it comes from, so a message about it can name the setting. */
export function stateDirSource({ env, platform, homedir: home, cwd }: PathInputs): { dir: string; variable: string } {
  // An empty variable counts as unset; a relative BACK_RELIEF_HOME is taken from where you are.
  if (env.BACK_RELIEF_HOME) {
    if (cwd === null && !isAbsolute(env.BACK_RELIEF_HOME)) {
      throw new UsageError('BACK_RELIEF_HOME is a relative path, but the current folder no longer exists (it was deleted or moved). Set it to a full path, or cd to a folder that exists.');
    }
    return { dir: resolve(cwd ?? '/', env.BACK_RELIEF_HOME), variable: 'BACK_RELIEF_HOME' };
  }
  // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
  if (env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME)) return { dir: join(env.XDG_STATE_HOME, 'back-relief'), variable: 'XDG_STATE_HOME' };
  if (platform === 'win32' && env.LOCALAPPDATA) return { dir: win32.join(env.LOCALAPPDATA, 'back-relief'), variable: 'LOCALAPPDATA' };
  const homedir = typeof home === 'function' ? home() : home;
  if (platform === 'darwin') return { dir: join(homedir, 'Library', 'Application Support', 'back-relief'), variable: 'HOME' };
  if (platform === 'win32') return { dir: win32.join(homedir, 'AppData', 'Local', 'back-relief'), variable: 'HOME' };
  return { dir: join(homedir, '.local', 'state', 'back-relief'), variable: 'HOME' };
}

export const JOURNAL_FILE = 'journal.jsonl';
export const QUARANTINE_FILE = 'journal.quarantine.jsonl';
