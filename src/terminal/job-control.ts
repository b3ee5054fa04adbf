/**
 * Job control, read from /proc/self/stat on Linux:
 *
 * - Whether Ctrl+Z can suspend this process. A command started straight in a terminal pane (no
 *   shell with job control) runs in its session leader's process group, which the kernel treats as
 *   orphaned: it silently discards SIGTSTP. Suspending there would turn the keys off and never turn
 *   them back on.
 * - Whether this process has the terminal (its process group is the terminal's foreground group). A
 *   job started with `&`, or put there with `bg`, does not: setting raw mode would stop it (SIGTTOU),
 *   reading a key would stop it (SIGTTIN), and hiding the cursor would hide the shell's.
 */
import { readFileSync } from 'node:fs';

/** The fields of /proc/self/stat this needs; null when it cannot be read. */
export interface ProcessGroups {
  pgrp: number;
  session: number;
  /** The terminal's foreground process group; -1 without a controlling terminal. */
  tpgid: number;
}

/** "pid (comm) state ppid pgrp session tty_nr tpgid ..."; comm may hold spaces or parentheses. */
export function parseStat(stat: string): ProcessGroups | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [pgrp, session, tpgid] = [fields[2], fields[3], fields[5]].map(Number);
  if (![pgrp, session, tpgid].every((n) => Number.isInteger(n))) return null;
  return { pgrp: pgrp!, session: session!, tpgid: tpgid! };
}

function groups(): ProcessGroups | null {
  try {
    return parseStat(readFileSync('/proc/self/stat', 'utf8'));
  } catch {
    return null;
  }
}

export function canSuspend(platform: NodeJS.Platform): boolean {
  if (platform === 'win32') return false;
  if (platform !== 'linux') return true;
  const g = groups();
  return g === null || g.pgrp !== g.session;
}

/**
 * Whether this process may use the terminal (raw mode, keys, the cursor): false only when it is
 * known to be in a background process group. Without a controlling terminal (tpgid -1) there is no
 * one to take it from; where it cannot be told (not Linux), it is taken as in the foreground.
 */
export function inForeground(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return true;
  const g = groups();
  return isForeground(g);
}

export function isForeground(g: ProcessGroups | null): boolean {
  return g === null || g.tpgid <= 0 || g.tpgid === g.pgrp;
}

/** Stops this process as the kernel stops a background job that reads the terminal; `fg` continues it. */
export function waitForForeground(): void {
  process.kill(process.pid, 'SIGTTIN');
}

/**
 * Keeps the process alive while it waits for SIGCONT (suspended, or a background job waiting for
 * `fg`) with nothing else pending: Node's signal listeners do not, so the process would otherwise
 * end as soon as it is continued, before the SIGCONT listener runs. Returns the release.
 */
export function holdForContinue(): () => void {
  const hold = setInterval(() => {}, 2 ** 30);
  return () => clearInterval(hold);
}

const NO_JOB_CONTROL = 'Ctrl+Z cannot suspend here (this terminal has no job control)';

/** During a countdown. */
export const NO_SUSPEND_MESSAGE = `${NO_JOB_CONTROL}; space pauses instead.`;
/** While waiting for a key ("Enter to start", the swap of packs). */
export const NO_SUSPEND_WAITING = `${NO_JOB_CONTROL}; the keys above still work.`;
/** At a question. */
export const NO_SUSPEND_PROMPT = `${NO_JOB_CONTROL}; Ctrl+C cancels.`;
