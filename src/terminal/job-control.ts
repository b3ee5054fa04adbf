/**
 * Whether Ctrl+Z can suspend this process. A command started straight in a terminal pane (no shell
 * with job control) runs in its session leader's process group, which the kernel treats as orphaned:
 * it silently discards SIGTSTP. Suspending there would turn the keys off and never turn them back on.
 */
import { readFileSync } from 'node:fs';

export function canSuspend(platform: NodeJS.Platform): boolean {
  if (platform === 'win32') return false;
  if (platform !== 'linux') return true;
  try {
    // /proc/self/stat: "pid (comm) state ppid pgrp session ..."; comm may hold spaces or parentheses.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgrp = fields[2];
    const session = fields[3];
    return pgrp !== undefined && pgrp !== session;
  } catch {
    return true;
  }
}

export const NO_SUSPEND_MESSAGE = 'Ctrl+Z cannot suspend here (this terminal has no job control); space pauses instead.';
