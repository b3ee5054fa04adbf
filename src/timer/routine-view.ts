/** The routine's countdown line: the stretch, where in it, what to do now, and the seconds left. */
import type { InStream, OutStream } from '../context.js';
import type { Phase } from '../decision/routine.js';
import type { TimerView } from './engine.js';
import type { TimerDisplay } from './run.js';

const CLEAR_LINE = '\r\u001b[2K';

export function phaseLine(name: string, view: TimerView<Phase>, columns: number): string {
  const seconds = Math.ceil(view.remainingMs / 1000);
  const tail = view.paused ? `${seconds}s  PAUSED, space to resume` : `${seconds}s`;
  const head = `${name}, ${view.step.where}: `;
  const width = Math.max(20, columns - 1);
  const room = width - head.length - tail.length - 2;
  const cue = room >= view.step.cue.length ? view.step.cue : room > 3 ? `${view.step.cue.slice(0, room - 3)}...` : '';
  const line = `${head}${cue}  ${tail}`;
  return line.length <= width ? line : `${view.step.where}: ${tail}`.slice(0, width);
}

export function routineDisplay(out: OutStream, name: string): TimerDisplay<Phase> & { restore(): void; setup(): void } {
  let lineShown = false;
  const endLine = () => {
    if (lineShown) out.write('\n');
    lineShown = false;
  };
  return {
    granularityMs: 1000,
    setup: () => void out.write('\u001b[?25l'),
    restore: () => {
      endLine();
      out.write('\u001b[?25h');
    },
    event() {},
    render(view) {
      out.write(`${CLEAR_LINE}${phaseLine(name, view, out.columns ?? 80)}`);
      lineShown = true;
    },
    close() {
      endLine();
      out.write('\u001b[?25h');
    },
  };
}

/** Waits for one of the keys (raw mode); Ctrl+C is returned as '\u0003'. */
export function waitForKey(stdin: InStream, keys: readonly string[]): Promise<string> {
  return new Promise((resolve) => {
    stdin.setRawMode?.(true);
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        const key = ch === '\n' ? '\r' : ch.toLowerCase();
        if (key === '\u0003' || keys.includes(key)) {
          stdin.off('data', onData);
          stdin.setRawMode?.(false);
          stdin.pause();
          resolve(key);
          return;
        }
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
