/**
 * A real terminal for the tests that need one: tmux runs the built binary in a pseudo-terminal; the
 * test types with send-keys and reads the screen with capture-pane. Each session has its own server.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, tempDir } from './run-bin.js';

export interface Terminal {
  keys(...keys: string[]): void;
  screen(): string;
  /** The screen with the lines the terminal wrapped joined back: a line longer than the width shows as such. */
  logicalScreen(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  cursorVisible(): boolean;
  /** The pid of the program under test (the shell's child). */
  programPid(): number;
  /** Pastes text as a terminal would (all at once), however long. */
  paste(text: string): void;
  /** Sends a signal to the program under test. */
  signal(name: string): void;
  /** Ends the whole session, as closing the terminal window does (the program gets SIGHUP). */
  kill(): void;
  resize(columns: number, rows: number): void;
  close(): void;
}

let counter = 0;

/** The command line that runs the built binary with these arguments and environment. */
export function binCommand(args: string[], env: Record<string, string | null>): string {
  // A UTF-8 locale unless the test chooses one, so a run does not depend on the machine's.
  const locale = 'LANG' in env || 'LC_ALL' in env ? {} : { LANG: 'C.UTF-8' };
  // Never the machine's own settings, and never a desktop notification unless a test asks.
  const isolated = { XDG_CONFIG_HOME: tempDir('back-relief-config-'), BACK_RELIEF_NOTIFY: '0' };
  // null: the variable is removed, so the program sees it unset whatever the machine has.
  const entries = Object.entries({ ...locale, ...isolated, ...env });
  const assignments = [
    ...entries.filter(([, v]) => v === null).map(([k]) => `-u ${k}`),
    ...entries.filter(([, v]) => v !== null).map(([k, v]) => `${k}=${JSON.stringify(v)}`),
  ].join(' ');
  return `env ${assignments} ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${args.map((a) => JSON.stringify(a)).join(' ')}`;
}

/**
 * Runs the binary in a fresh terminal. By default the command runs under `sh -c` and the pane stays
 * after it ends, showing EXIT=code; with `shell: true` an interactive bash runs instead (for job
 * control: Ctrl+Z and fg), and the test types the command itself.
 */
export function startTerminal(args: string[], env: Record<string, string | null>, size = { columns: 100, rows: 40 }, shell = false): Terminal {
  // After the program: its exit code, and whether it left the terminal cooked (icanon and echo on).
  const after = `echo "EXIT=$?"; echo "TTY=$(stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | tr '\\n' ' ')"; sleep 60`;
  return openTerminal(shell ? 'bash --norc --noprofile -i' : `${binCommand(args, env)}; ${after}`, size);
}

/** Where a run in a terminal that will be closed leaves its exit status and its stderr. */
export interface ClosedRun {
  /** The exit status as the shell reports it (129 for SIGHUP), once the program has ended. */
  status(timeoutMs?: number): Promise<string>;
  stderr(): string;
}

/**
 * Runs the binary in a terminal that the test will close (kill()), when the pane and its EXIT= line
 * go with it. A shell that ignores SIGHUP itself waits for the program and writes its exit status to
 * a file; the program runs with SIGHUP at its default (the subshell resets the trap before exec) and
 * its stderr goes to a file, so an abort's native stack trace would be seen.
 */
export function startClosableTerminal(args: string[], env: Record<string, string | null>, size = { columns: 100, rows: 40 }): { terminal: Terminal; run: ClosedRun } {
  const dir = tempDir('back-relief-closed-');
  const statusFile = join(dir, 'status');
  const stderrFile = join(dir, 'stderr');
  const command = `trap '' HUP; (trap - HUP; exec ${binCommand(args, env)} 2> ${JSON.stringify(stderrFile)}); echo $? > ${JSON.stringify(statusFile)}`;
  const terminal = openTerminal(command, size);
  const run: ClosedRun = {
    async status(timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      while (!existsSync(statusFile) || readFileSync(statusFile, 'utf8').trim() === '') {
        if (Date.now() > deadline) throw new Error(`no exit status after ${timeoutMs} ms; stderr:\n${run.stderr()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return readFileSync(statusFile, 'utf8').trim();
    },
    stderr: () => (existsSync(stderrFile) ? readFileSync(stderrFile, 'utf8') : ''),
  };
  return { terminal, run };
}

function openTerminal(command: string, size: { columns: number; rows: number }): Terminal {
  const socket = `back-relief-test-${process.pid}-${counter++}`;
  // -u: the terminal shows UTF-8, whatever the locale of the machine running the tests.
  const tmux = (...a: string[]) => execFileSync('tmux', ['-u', '-L', socket, ...a], { encoding: 'utf8' });
  tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(size.columns), '-y', String(size.rows), command);
  const terminal: Terminal = {
    keys: (...keys) => void tmux('send-keys', ...keys),
    screen: () => tmux('capture-pane', '-p', '-S', '-200'),
    logicalScreen: () => tmux('capture-pane', '-p', '-J', '-S', '-200'),
    async waitFor(pattern, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = terminal.screen();
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the screen:\n${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    cursorVisible: () => tmux('display-message', '-p', '#{cursor_flag}').trim() === '1',
    programPid: () => {
      const shell = tmux('display-message', '-p', '#{pane_pid}').trim();
      return Number(execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]);
    },
    paste: (text) => {
      const file = join(tempDir('back-relief-paste-'), 'text');
      writeFileSync(file, text);
      tmux('load-buffer', file);
      tmux('paste-buffer', '-d');
    },
    signal: (name) => void execFileSync('kill', [`-${name}`, String(terminal.programPid())]),
    kill: () => void tmux('kill-session'),
    resize: (columns, rows) => void tmux('resize-window', '-x', String(columns), '-y', String(rows)),
    close: () => {
      try {
        execFileSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
      } catch {
        // already gone
      }
    },
  };
  return terminal;
}
