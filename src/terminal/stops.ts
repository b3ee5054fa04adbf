/**
 * Every way a run can be stopped from outside, in one place: Ctrl+C (SIGINT), `kill` (SIGTERM), the
 * terminal window closing (SIGHUP, or the terminal's input ending: see onInputLost), and the output
 * going away (a pipe that closes, a disk that fills).
 *
 * Why one owner: a listener added and later removed for a signal resets it to the kernel's default,
 * which also drops Node's own terminal reset, so a terminal could be left raw with the cursor hidden.
 * Here the listeners are installed once, by the first command that needs them, and never removed;
 * each stop goes to the innermost handler (a timer, the routine's wait, a prompt), which records what
 * was done and ends the run with the stop's exit code. With no handler the terminal is put back and
 * the process exits at once.
 *
 * A closed terminal ends the process by SIGHUP itself, once what was done is recorded (see
 * endByHangUp): never by a normal exit, which would make Node abort trying to reset a terminal that
 * is gone.
 *
 * The state lives on globalThis: the commands that load on demand are separate bundles, each with its
 * own copy of this file, and they must all share one registry.
 */

export type Signal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
/** `output-closed`: a reader closed the pipe (EPIPE); `output-failed`: the output cannot be written. */
export type Stop = Signal | 'output-closed' | 'output-failed';

export const EXIT_CODES: Record<Stop, number> = {
  SIGINT: 130,
  SIGTERM: 143,
  SIGHUP: 129,
  'output-closed': 141,
  'output-failed': 1,
};

/** What each stop is, in words, for the message that ends the run. */
export const STOP_WORDS: Record<Stop, string> = {
  SIGINT: 'interrupted',
  SIGTERM: 'stopped by a signal',
  SIGHUP: 'stopped: the terminal was closed',
  'output-closed': 'stopped: the output was closed',
  'output-failed': 'stopped: the output could not be written',
};

const SIGNALS: readonly Signal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SHOW_CURSOR = '\u001b[?25h';

interface Registry {
  installed: boolean;
  handlers: ((stop: Stop) => void)[];
  received: Stop | null;
  /** Put the terminal back: raw mode off, cursor shown. Each display adds its own while it runs. */
  restorers: Set<() => void>;
  /** Journal lines appended by this run, so a failed output can say the record is safe. */
  recorded: number;
  /** The error behind an output-failed stop, for its message. */
  outputError: NodeJS.ErrnoException | null;
  /** The terminal was closed (SIGHUP, or its input ended): the process must end by the signal. */
  hungUp: boolean;
  exitInstalled: boolean;
}

const KEY = Symbol.for('back-relief.stops');

function registry(): Registry {
  const global = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (global[KEY] ??= { installed: false, handlers: [], received: null, restorers: new Set(), recorded: 0, outputError: null, hungUp: false, exitInstalled: false });
}

/** Listens for stops until the returned function is called; the newest handler gets them. */
export function onStop(handler: (stop: Stop) => void): () => void {
  install();
  const r = registry();
  r.handlers.push(handler);
  return () => {
    const at = r.handlers.lastIndexOf(handler);
    if (at !== -1) r.handlers.splice(at, 1);
  };
}

/** The first stop this run received, if any. */
export function stopReceived(): Stop | null {
  return registry().received;
}

export function exitCodeOf(stop: Stop | null): number {
  return EXIT_CODES[stop ?? 'SIGINT'];
}

/** Adds a way to put the terminal back; returns its removal. */
export function onRestore(restore: () => void): () => void {
  const r = registry();
  r.restorers.add(restore);
  return () => r.restorers.delete(restore);
}

export function restoreTerminal(): void {
  for (const restore of registry().restorers) {
    try {
      restore();
    } catch {
      // The terminal may be gone (after a hang-up); there is nothing left to put back.
    }
  }
}

export function noteRecorded(lines: number): void {
  registry().recorded += lines;
}

export function recordedThisRun(): number {
  return registry().recorded;
}

export function outputError(): NodeJS.ErrnoException | null {
  return registry().outputError;
}

/**
 * A stop arrives: the first one decides the exit code (Ctrl+C with a piped output is 130 even though
 * the pipe then closes too). The newest handler acts on it; without one the run ends here.
 */
export function deliver(stop: Stop, error?: NodeJS.ErrnoException): void {
  const r = registry();
  // A closed terminal is one event that arrives twice (its input ends, and the signal comes).
  if (stop === 'SIGHUP') {
    if (r.hungUp) return;
    r.hungUp = true;
  }
  if (r.received === null) {
    r.received = stop;
    if (error) r.outputError = error;
  }
  const handler = r.handlers.at(-1);
  if (handler) return handler(stop);
  restoreTerminal();
  exit(defaultExitCode(r.received));
}

/** Ends the process now with this code, or by the signal once the terminal was closed. */
function exit(code: number): never {
  if (registry().hungUp) installExit();
  process.exit(code);
}

/**
 * Ends the process by SIGHUP, as a process without a SIGHUP listener ends when its terminal closes;
 * the shell reports 129. Why not process.exit(129): at exit Node resets the terminal's modes, and on a
 * terminal that has hung up that fails (EIO) and Node aborts (SIGABRT, exit 134, a native stack on
 * stderr). Node installs no SIGHUP handler of its own (checked: SigCgt), so once the listeners are
 * gone libuv puts back the default action, and a signal that kills the process with its default
 * action takes every thread at once: nothing runs after the kill.
 */
export function endByHangUp(): void {
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
}

/**
 * A terminal's input that ends, fails or closes means the terminal is gone (its window was closed):
 * the same stop as SIGHUP, delivered at once. The signal alone is not enough: Node's signal
 * listeners do not keep the process alive, so with nothing else pending (a paused timer, a wait for
 * a key, a question) the process would otherwise end with the input, before the signal is read and
 * before anything is recorded. Only a terminal counts: a pipe or a file on stdin ending is just the
 * end of the input. Returns the removal.
 */
export function onInputLost(stdin: NodeJS.ReadableStream & { isTTY?: boolean | undefined }): () => void {
  if (!stdin.isTTY) return () => {};
  const lost = () => deliver('SIGHUP');
  stdin.on('end', lost);
  stdin.on('error', lost);
  stdin.on('close', lost);
  let active = true;
  // Already gone: nothing more will be emitted, so say it now (once the caller is listening).
  const state = stdin as { readableEnded?: boolean; destroyed?: boolean };
  if (state.readableEnded || state.destroyed) process.nextTick(() => active && lost());
  return () => {
    active = false;
    stdin.off('end', lost);
    stdin.off('error', lost);
    stdin.off('close', lost);
  };
}

/** Without a session under way, a closed pipe is the reader being done: success. */
function defaultExitCode(stop: Stop): number {
  if (stop === 'output-closed') return 0;
  if (stop === 'output-failed') {
    process.stderr.write(`${outputFailureMessage()}\n`);
    return 1;
  }
  return EXIT_CODES[stop];
}

/** "cannot write the output: no space left on the disk", and whether the record is safe. */
export function outputFailureMessage(): string {
  const error = registry().outputError;
  const why = error ? describeWriteError(error) : 'the output cannot be written';
  const saved = recordedThisRun() > 0 ? ' What was recorded is saved in the journal: there is no need to record it again.' : '';
  return `back-relief: cannot write the output (${why}).${saved}`;
}

function describeWriteError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOSPC':
      return 'no space left on the disk';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EFBIG':
      return 'the file is too large';
    case 'EIO':
      return 'an input/output error';
    case 'EBADF':
      return 'the output is closed';
    default:
      return error.code ? `error ${error.code}` : 'an unknown error';
  }
}

function install(): void {
  const r = registry();
  if (r.installed) return;
  r.installed = true;
  for (const signal of SIGNALS) process.on(signal, () => deliver(signal));
  installExit();
}

/**
 * Whatever happens, the cursor comes back: a display that hid it is in the restorers. After a
 * hang-up the run ends by the signal instead of a normal exit (see endByHangUp), once the other
 * exit listeners (a lock's release) have run.
 */
function installExit(): void {
  const r = registry();
  if (r.exitInstalled) return;
  r.exitInstalled = true;
  const atExit = (code: number) => {
    restoreTerminal();
    if (!r.hungUp) return;
    const listeners = process.listeners('exit');
    for (const listener of listeners.slice(listeners.indexOf(atExit) + 1)) {
      try {
        listener.call(process, code);
      } catch {
        // Nothing can be reported any more; the run ends all the same.
      }
    }
    endByHangUp();
  };
  process.on('exit', atExit);
}

/** A restorer for the real terminal: raw mode off and the cursor shown. */
export function terminalRestorer(stdin: { isTTY?: boolean | undefined; setRawMode?(raw: boolean): unknown }, stdout: { write(s: string): unknown }): () => void {
  return () => {
    if (stdin.isTTY && typeof stdin.setRawMode === 'function') stdin.setRawMode(false);
    stdout.write(SHOW_CURSOR);
  };
}
