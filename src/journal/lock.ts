/**
 * One session of a kind at a time: `ice` in a second terminal is refused while the first runs. The
 * lock is a small file in the state folder naming the process that holds it, made in one step (a
 * link, which fails if the file exists) so two starts cannot both win. A lock whose process is gone
 * (a crash, a kill -9) is stale and simply taken over, so nothing can stay stuck.
 */
import { closeSync, constants, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface Holder {
  pid: number;
  startedAt: string;
}

export interface Lock {
  release(): void;
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Takes the lock, or says who holds it. */
export function acquire(dir: string, name: string, now: Date): Lock | { heldBy: Holder } {
  const path = join(dir, `${name}.lock`);
  const mine: Holder = { pid: process.pid, startedAt: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    const temp = join(dir, `.${name}.lock.${process.pid}.${attempt}`);
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW, 0o600);
    try {
      writeSync(fd, JSON.stringify(mine));
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, path);
      unlinkSync(temp);
      const release = () => {
        process.off('exit', release);
        if (readHolder(path)?.pid === process.pid) {
          try {
            unlinkSync(path);
          } catch {
            // Already gone.
          }
        }
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      unlinkSync(temp);
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder && holder.pid !== process.pid && alive(holder.pid)) return { heldBy: holder };
    // Stale (its process is gone) or unreadable: take it over.
    try {
      unlinkSync(path);
    } catch {
      // Another process took it over first; try again.
    }
  }
  const holder = readHolder(path);
  return { heldBy: holder ?? { pid: 0, startedAt: now.toISOString() } };
}

function readHolder(path: string): Holder | null {
  try {
    const fd = openSync(path, constants.O_RDONLY | NOFOLLOW);
    try {
      const value = JSON.parse(readFileSync(fd, 'utf8')) as Partial<Holder>;
      return typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0 ? { pid: value.pid, startedAt: String(value.startedAt) } : null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** Whether a process is running: signal 0 checks without sending anything. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
