/**
 * The program as the built entry runs it: wires the real process into run(). Bundled to dist/cli.cjs
 * and started by dist/main.js (src/entry.ts), which passes in `__entryUrl`, its own address.
 */
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { run } from './cli.js';
import { UsageError } from './errors.js';
import { deliver, stopReceived } from './terminal/stops.js';

declare const __entryUrl: string;

/**
 * Output that goes away is a stop like a signal: a reader closing the pipe early
 * (`back-relief sources | head -3`) ends a listing quietly and a timer as interrupted; a full disk
 * ends the run with one line saying so. After a stop, the output may well be gone: say nothing.
 */
function outputFailed(error: NodeJS.ErrnoException): void {
  if (stopReceived()) return;
  if (error.code === 'EPIPE') return deliver('output-closed');
  // The terminal itself is gone (its window closed before the hang-up signal arrived).
  if (error.code === 'EIO') return deliver('SIGHUP');
  deliver('output-failed', error);
}

export function main(argv: readonly string[]): Promise<number> {
  const stdout = directOutput(1) ?? realStdout();
  const stderr = directOutput(2, { fstat: fstatSync, write: writeSync, real: realStderr, failed: stderrFailed }) ?? realStderr();
  return run(argv, {
    env: process.env,
    get stdin() {
      return process.stdin;
    },
    stdout,
    stderr,
    now: () => new Date(),
    builtinDataDir: fileURLToPath(new URL('../data/', __entryUrl)),
    cwd: currentFolder(),
    platform: process.platform,
    // node:os is loaded only by the commands that need the home folder (the journal's).
    homedir: () => homeFolder(() => (createRequire(__entryUrl)('node:os') as typeof import('node:os')).homedir()),
  });
}

function realStdout(): NodeJS.WriteStream {
  writeWhole(process.stdout);
  process.stdout.on('error', outputFailed);
  return process.stdout;
}

function realStderr(): NodeJS.WriteStream {
  writeWhole(process.stderr);
  process.stderr.on('error', stderrFailed);
  return process.stderr;
}

/**
 * Standard output (or error) that is a pipe or a file, written straight to its descriptor. Node's stdout stream
 * for a pipe is a socket, and making it loads the whole network and stream stack: 18 million
 * instructions, near 4% of a start, for `back-relief red-flags --json | jq` (callgrind). Each write
 * is whole and synchronous, as Node's own stdout is for files; an error is the stop above. Where a
 * stream is needed after all (a question asked with the answers piped elsewhere), or the pipe turns
 * out to be non-blocking (EAGAIN), the real stream takes over from there. A terminal, /dev/null and
 * other devices keep the real stream.
 */
export function directOutput(
  fd: number,
  io: { fstat: typeof fstatSync; write: typeof writeSync; real: () => NodeJS.WriteStream; failed?: (error: NodeJS.ErrnoException) => void } = { fstat: fstatSync, write: writeSync, real: realStdout },
): DirectOutput | null {
  try {
    const stat = io.fstat(fd);
    if (!stat.isFIFO() && !stat.isFile()) return null;
  } catch {
    return null;
  }
  let real: NodeJS.WriteStream | null = null;
  let failed = false;
  const takeOver = () => (real ??= io.real());
  return {
    isTTY: false,
    columns: undefined,
    rows: undefined,
    write(chunk: string) {
      if (real) return real.write(chunk);
      if (failed) return false;
      const data = Buffer.from(chunk);
      let at = 0;
      try {
        while (at < data.length) {
          const n = io.write(fd, data, at, data.length - at);
          if (!(n > 0)) throw Object.assign(new Error(`write returned ${n}`), { code: 'EIO' });
          at += n;
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return takeOver().write(data.subarray(at));
        failed = true;
        (io.failed ?? outputFailed)(error as NodeJS.ErrnoException);
        return false;
      }
      return true;
    },
    stream: takeOver,
  };
}

export interface DirectOutput {
  readonly isTTY: false;
  readonly columns: undefined;
  readonly rows: undefined;
  write(chunk: string): boolean;
  /** The real stream, for what needs one (Inquirer's output); from then on every write goes there. */
  stream(): NodeJS.WriteStream;
}

/**
 * Messages that cannot be shown cannot be reported either; but a run whose messages were lost
 * (stderr on a full disk) has not fully succeeded: it ends with exit 1 rather than 0, whatever path
 * it exits by.
 */
function stderrFailed(): void {
  process.once('exit', () => {
    if (!process.exitCode) process.exitCode = 1;
  });
}

/**
 * A stdout or stderr that is a file (a regular file, or a device such as /dev/full) is written by
 * Node's SyncWriteStream, which ignores a short write: a disk that fills up or a file size limit
 * (`ulimit -f`) cut the output short, and the run still ended with exit 0. Here each chunk is written
 * whole, the rest after a short write, so the error behind it (ENOSPC, EFBIG) surfaces on the next
 * write and reaches the stream's 'error' listener above: exit 1 and one line saying why. Node
 * ignores SIGXFSZ, so a file size limit arrives as EFBIG rather than killing the process.
 * Pipes and terminals are written by libuv, which already finishes a short write.
 */
function writeWhole(stream: NodeJS.WriteStream): void {
  const target = stream as unknown as { fd?: unknown; isTTY?: boolean; _write?: unknown; [WHOLE]?: true };
  const fd = target.fd;
  if (typeof fd !== 'number' || target.isTTY || typeof target._write !== 'function' || target[WHOLE]) return;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() && !stat.isCharacterDevice()) return;
  } catch {
    return;
  }
  target[WHOLE] = true;
  target._write = (chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void) => {
    try {
      writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback();
  };
}

const WHOLE = Symbol.for('back-relief.write-whole');

/** Writes all of `data`, going on after a short write; a write that takes nothing is an error. */
export function writeAll(fd: number, data: Uint8Array, write: typeof writeSync = writeSync): void {
  for (let at = 0; at < data.length; ) {
    const n = write(fd, data, at, data.length - at);
    if (!(n > 0)) throw Object.assign(new Error(`write returned ${n}`), { code: 'EIO' });
    at += n;
  }
}

/**
 * The folder the command was started in, or null when it has been deleted (or moved away) since:
 * then only a relative path (--output, --answers, --data-dir, BACK_RELIEF_HOME) cannot work, and
 * each says so where it is used; everything else runs as usual.
 */
export function currentFolder(cwd: () => string = process.cwd): string | null {
  try {
    return cwd();
  } catch {
    return null;
  }
}

/**
 * The home folder, for the default state folder. With HOME unset and no entry for this user in the
 * system's user list (a container run with an arbitrary user id), there is none: say so, and how
 * to choose a folder instead, rather than "uv_os_homedir returned ENOENT".
 */
export function homeFolder(homedir: () => string): string {
  let home: string;
  try {
    home = homedir();
  } catch {
    home = '';
  }
  if (!home) {
    throw new UsageError(
      'HOME is not set and this user has no home folder in the system\'s user list, so there is no default place for the journal. Set HOME, or choose a folder with BACK_RELIEF_HOME (or XDG_STATE_HOME, an absolute path).',
    );
  }
  return home;
}
