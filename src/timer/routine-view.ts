/** The routine's countdown line: the stretch, where in it, what to do now, and the seconds left. */
import type { InStream, OutStream } from '../context.js';
import type { Phase } from '../decision/routine.js';
import type { TimerEvent, TimerView } from './engine.js';
import type { TimerDisplay } from './run.js';
import { onRestore, onStop, type Stop } from '../terminal/stops.js';

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

/**
 * The live line of a stretch. With `bell`, the bell rings at every change a person lying on the floor
 * with eyes closed must know: each breath, the end of a hold, the next side, the end of the stretch.
 */
export function routineDisplay(out: OutStream, name: string, bell = false): TimerDisplay<Phase> & { restore(): void; setup(): void; note(text: string): void } {
  let lineShown = false;
  let lastView: TimerView<Phase> | null = null;
  let offRestore = () => {};
  const endLine = () => {
    if (lineShown) out.write('\n');
    lineShown = false;
  };
  const display = {
    granularityMs: 1000,
    setup: () => {
      out.write('\u001b[?25l');
      offRestore();
      offRestore = onRestore(() => display.restore());
    },
    restore: () => {
      endLine();
      out.write('\u001b[?25h');
    },
    note: (text: string) => {
      endLine();
      out.write(`${text}\n`);
    },
    event(event: TimerEvent<Phase>) {
      if (event.type === 'ended' && lineShown && lastView) out.write(`${CLEAR_LINE}${phaseLine(name, { ...lastView, remainingMs: 0, progress: 1, paused: false }, out.columns ?? 80)}`);
      // The first phase starts on the person's own key: no bell needed for it.
      if (bell && (event.type === 'finished' || (event.type === 'started' && lastView !== null))) out.write('\u0007');
    },
    render(view: TimerView<Phase>) {
      out.write(`${CLEAR_LINE}${phaseLine(name, view, out.columns ?? 80)}`);
      lastView = view;
      lineShown = true;
    },
    close() {
      display.restore();
      offRestore();
    },
  };
  return display;
}

/** What ended a wait for a key: a key (Ctrl+C is '\u0003'), or a stop from outside. */
export type Awaited = { key: string } | { stop: Stop };

/**
 * Waits for one of the keys (raw mode). A stop (SIGTERM, a hang-up) ends the wait too, with the
 * terminal put back, so the routine can record what was done before it exits. With `timeoutMs`,
 * the first key (Enter) is taken when the time is up.
 */
export function waitForKey(stdin: InStream, keys: readonly string[], timeoutMs?: number): Promise<Awaited> {
  return new Promise((resolve) => {
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => done({ key: keys[0]! }), timeoutMs);
    const raw = (on: boolean) => {
      if (stdin.isTTY) stdin.setRawMode?.(on);
    };
    const done = (result: Awaited) => {
      clearTimeout(timer);
      stdin.off('data', onData);
      offStop();
      offRestore();
      raw(false);
      stdin.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        const key = ch === '\n' ? '\r' : ch.toLowerCase();
        if (key === '\u0003' || keys.includes(key)) return done({ key });
      }
    };
    const offStop = onStop((stop) => done({ stop }));
    const offRestore = onRestore(() => raw(false));
    raw(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}
