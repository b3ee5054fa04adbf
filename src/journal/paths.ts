/**
 * Where the journal lives (cli.md, "Files"): BACK_RELIEF_HOME if set; else $XDG_STATE_HOME/back-relief
 * when XDG_STATE_HOME is absolute; else the platform's own place for state. Pure: inputs in, path out.
 */
import { isAbsolute, join, resolve, win32 } from 'node:path';

export interface PathInputs {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homedir: string;
  cwd: string;
}

export function stateDir({ env, platform, homedir, cwd }: PathInputs): string {
  // An empty variable counts as unset; a relative BACK_RELIEF_HOME is taken from where you are.
  if (env.BACK_RELIEF_HOME) return resolve(cwd, env.BACK_RELIEF_HOME);
  // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
  if (env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME)) return join(env.XDG_STATE_HOME, 'back-relief');
  if (platform === 'darwin') return join(homedir, 'Library', 'Application Support', 'back-relief');
  if (platform === 'win32') return win32.join(env.LOCALAPPDATA || win32.join(homedir, 'AppData', 'Local'), 'back-relief');
  return join(homedir, '.local', 'state', 'back-relief');
}

export const JOURNAL_FILE = 'journal.jsonl';
export const QUARANTINE_FILE = 'journal.quarantine.jsonl';
