/**
 * Every way a run can be stopped from outside, in one place: Ctrl+C (SIGINT), `kill` (SIGTERM), the
 * terminal window closing (SIGHUP), and the output going away (a pipe that closes, a disk that fills).
 *
 * Why one owner: a listener added and later removed for a signal resets it to the kernel's default,
 * which also drops Node's own terminal reset, so a terminal could be left raw with the cursor hidden.
 * Here the listeners are installed once, by the first command that needs them, and never removed;
 * each stop goes to the innermost handler (a timer, the routine's wait, a prompt), which records what
 * was done and ends the run with the stop's exit code. With no handler the terminal is put back and
 * the process exits at once.
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
}

const KEY = Symbol.for('back-relief.stops');

function registry(): Registry {
  const global = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (global[KEY] ??= { installed: false, handlers: [], received: null, restorers: new Set(), recorded: 0, outputError: null });
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
  if (r.received === null) {
    r.received = stop;
    if (error) r.outputError = error;
  }
  const handler = r.handlers.at(-1);
  if (handler) return handler(stop);
  restoreTerminal();
  process.exit(defaultExitCode(r.received));
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
  // Whatever happens, the cursor comes back: a display that hid it is in the restorers.
  process.on('exit', restoreTerminal);
}

/** A restorer for the real terminal: raw mode off and the cursor shown. */
export function terminalRestorer(stdin: { isTTY?: boolean | undefined; setRawMode?(raw: boolean): unknown }, stdout: { write(s: string): unknown }): () => void {
  return () => {
    if (stdin.isTTY && typeof stdin.setRawMode === 'function') stdin.setRawMode(false);
    stdout.write(SHOW_CURSOR);
  };
}
