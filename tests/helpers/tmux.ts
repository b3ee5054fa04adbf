/**
 * A real terminal for the tests that need one: tmux runs the built binary in a pseudo-terminal; the
 * test types with send-keys and reads the screen with capture-pane. Each session has its own server.
 */
import { execFileSync } from 'node:child_process';
import { BIN } from './run-bin.js';

export interface Terminal {
  keys(...keys: string[]): void;
  screen(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  cursorVisible(): boolean;
  close(): void;
}

let counter = 0;

export function startTerminal(args: string[], env: Record<string, string>, size = { columns: 100, rows: 40 }): Terminal {
  const socket = `back-relief-test-${process.pid}-${counter++}`;
  const tmux = (...a: string[]) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
  // The shell stays after the program ends so its exit code and the final screen can be read.
  const command = `env ${assignments} ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${args.map((a) => JSON.stringify(a)).join(' ')}; echo "EXIT=$?"; sleep 60`;
  tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(size.columns), '-y', String(size.rows), command);
  const terminal: Terminal = {
    keys: (...keys) => void tmux('send-keys', ...keys),
    screen: () => tmux('capture-pane', '-p', '-S', '-200'),
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
    close: () => {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
  return terminal;
}
