/**
 * One session of a kind at a time: `ice` in a second terminal is refused while the first runs. The
 * lock is a small file in the state folder naming the process that holds it, made in one step (a
 * link, which fails if the file exists) so two starts cannot both win.
 *
 * Nothing can stay stuck: a lock whose process is gone (a crash, a kill -9) is stale and simply
 * taken over. So is one whose process id now belongs to another program: on Linux the lock records
 * when its process started (field 22 of /proc/<pid>/stat) and the boot it started in, so a process
 * id reused after a reboot, or by any other program, is told apart from the session that wrote it.
 * Elsewhere only whether the process is running can be checked. Something that is not a lock file
 * (a folder, a named pipe) in the lock's place is an error in words, never a wait or a loop.
 */
import { closeSync, constants, fstatSync, linkSync, openSync, readFileSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FileError } from '../errors.js';
import { sanitizeLine } from '../render/sanitize.js';
import { describeFsError, fileKind } from '../text/fs-errors.js';

export interface Holder {
  pid: number;
  startedAt: string;
  /** Linux: the boot and the start time of the process, "boot-id:ticks"; absent elsewhere. */
  process?: string;
}

export interface Lock {
  release(): void;
}

/** What can be learnt about the process a lock names. */
export interface Probe {
  alive: boolean;
  /** Its "boot-id:ticks" (Linux), or undefined when this system cannot tell. */
  identity?: string;
  /** Linux: whether its command line names back-relief (for a lock that records no identity). */
  backRelief?: boolean;
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;
/** A lock file is a line of JSON; anything longer is not one of ours. */
const MAX_LOCK = 4096;

/**
 * Whether a lock still holds, from what is known of its process. Pure.
 * - Its process is not running: stale.
 * - The lock records the process's identity and the system can tell it: holds only if the same.
 * - It records none (an older version, or made by hand) on a system that can tell: holds only if
 *   the process is a back-relief, so pid 1 or any unrelated program never blocks a session.
 * - The system cannot tell (not Linux): holds while the process runs.
 */
export function holds(holder: Holder, probe: Probe): boolean {
  if (!probe.alive) return false;
  if (probe.identity === undefined) return true;
  if (holder.process !== undefined) return holder.process === probe.identity;
  return probe.backRelief === true;
}

/** Takes the lock, or says who holds it. A lock that cannot be made or read is a FileError in words. */
export function acquire(dir: string, name: string, now: Date): Lock | { heldBy: Holder } {
  const path = join(dir, `${name}.lock`);
  const identity = processIdentity(process.pid);
  const mine: Holder = { pid: process.pid, startedAt: now.toISOString(), ...(identity ? { process: identity } : {}) };
  const fail = (what: string, error: unknown): never => {
    throw new FileError(`${what} ${sanitizeLine(path)}: ${describeFsError(error)}. Nothing was started.`);
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    const temp = join(dir, `.${name}.lock.${process.pid}.${attempt}`);
    try {
      writeTemp(temp, JSON.stringify(mine));
    } catch (error) {
      removeQuietly(temp);
      fail('cannot make the lock', error);
    }
    try {
      linkSync(temp, path);
      removeQuietly(temp);
      const release = () => {
        process.off('exit', release);
        try {
          const now = readHolder(path);
          if (now?.pid === process.pid && now.process === mine.process) unlinkSync(path);
        } catch {
          // Already gone, or no longer ours.
        }
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      removeQuietly(temp);
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') fail('cannot make the lock', error);
    }
    let holder: Holder | null = null;
    try {
      holder = readHolder(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // just released: try again
      if ((error as NodeJS.ErrnoException).code === 'ENOTREGULAR') {
        throw new FileError(
          `the lock ${sanitizeLine(path)} is not a file back-relief made: it is ${(error as LockShapeError).kind}. Remove it (it holds nothing), then start again. Nothing was started.`,
        );
      }
      fail('cannot read the lock', error);
    }
    if (holder && holder.pid !== process.pid && holds(holder, probe(holder.pid))) return { heldBy: holder };
    // Stale (its process is gone or is another program) or unreadable: take it over, unless it
    // changed hands since it was read (another start took it over first).
    if (!sameHolder(holder, readQuietly(path))) continue;
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') fail('cannot take over the lock left by a session that has ended,', error);
      // Another process took it over first; try again.
    }
  }
  // Three times a lock appeared and was found stale: something keeps making them.
  throw new FileError(`cannot take the lock ${sanitizeLine(path)}: other sessions keep taking it. Try again in a moment. Nothing was started.`);
}

function readQuietly(path: string): Holder | null | 'gone' {
  try {
    return readHolder(path);
  } catch {
    return 'gone';
  }
}

const sameHolder = (a: Holder | null, b: Holder | null | 'gone') =>
  b !== 'gone' && (a === null ? b === null : b !== null && a.pid === b.pid && a.startedAt === b.startedAt && a.process === b.process);

function writeTemp(temp: string, text: string): void {
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW, 0o600);
  try {
    const data = Buffer.from(text);
    for (let written = 0; written < data.length; ) written += writeSync(fd, data, written);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Not there, or cannot be removed: nothing more to do about it.
  }
}

/** A lock path that holds something else than a lock file. */
interface LockShapeError extends Error {
  code: 'ENOTREGULAR';
  kind: string;
}

/**
 * Who the lock names: null when its content is not a lock's. Throws ENOENT when it is gone, and
 * ENOTREGULAR (with its kind) when it is not a regular file: a folder, a named pipe (opened without
 * waiting, so it never hangs).
 */
function readHolder(path: string): Holder | null {
  const fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  let text: string;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const error = new Error('not a regular file') as LockShapeError;
      error.code = 'ENOTREGULAR';
      error.kind = fileKind(stat);
      throw error;
    }
    const bytes = Buffer.alloc(MAX_LOCK);
    const n = readSync(fd, bytes, 0, MAX_LOCK, 0);
    text = bytes.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { pid, startedAt, process: identity } = value as Record<string, unknown>;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return null;
  return { pid, startedAt: String(startedAt), ...(typeof identity === 'string' ? { process: identity } : {}) };
}

function probe(pid: number): Probe {
  if (!running(pid)) return { alive: false };
  const identity = processIdentity(pid);
  if (identity === undefined) return { alive: true };
  // Gone between the two looks (or hidden from us, so not a session of ours).
  if (identity === null) return { alive: false };
  return { alive: true, identity, backRelief: commandLine(pid).some((arg) => arg.includes('back-relief')) };
}

/** Whether a process is running: signal 0 checks without sending anything. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Linux: "boot-id:start-ticks" of a process, null when it does not exist; undefined where /proc
 * cannot tell (another system, /proc hidden).
 */
export function processIdentity(pid: number): string | null | undefined {
  if (process.platform !== 'linux') return undefined;
  let boot: string;
  try {
    boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
  const start = startTicks(stat);
  return start === undefined ? undefined : `${boot}:${start}`;
}

/**
 * Field 22 of /proc/<pid>/stat, the start time in clock ticks since boot. The command name (field
 * 2) is in parentheses and may hold spaces and parentheses itself, so fields are counted from the
 * last ")". Pure.
 */
export function startTicks(stat: string): string | undefined {
  const close = stat.lastIndexOf(')');
  if (close === -1) return undefined;
  // After ")": field 3 (the state) onwards, so field 22 is the 20th.
  const field = stat.slice(close + 1).trim().split(/\s+/)[19];
  return field && /^\d+$/.test(field) ? field : undefined;
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}
