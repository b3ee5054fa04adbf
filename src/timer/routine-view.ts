/** The routine's countdown line: the stretch, where in it, what to do now, and the seconds left. */
import type { InStream, OutStream } from '../context.js';
import type { Phase } from '../decision/routine.js';
import type { TimerEvent, TimerView } from './engine.js';
import type { TimerDisplay } from './run.js';
import { wrap } from '../render/layout.js';
import { count, lengthText } from '../text/durations.js';
import { onRestore, onStop, type Stop } from '../terminal/stops.js';

const CLEAR_LINE = '\r\u001b[2K';

/**
 * The live line of a phase, fitted to `columns` less one: "Cat-cow, breath 2 of 5: Breathe in  3s".
 * Where the cue does not fit whole, it is never cut: the display prints it on a line of its own when
 * the phase starts (see cueFits), and the live line keeps the place and the seconds.
 */
export function phaseLine(name: string, view: TimerView<Phase>, columns: number): string {
  const width = Math.max(1, columns - 1);
  const tail = secondsText(view);
  const full = `${name}, ${view.step.where}: ${view.step.cue}  ${tail}`;
  if (full.length <= width) return full;
  for (const line of [`${view.step.where}: ${tail}`, tail, `${Math.ceil(view.remainingMs / 1000)}s`]) if (line.length <= width) return line;
  return `${Math.ceil(view.remainingMs / 1000)}`.slice(0, width);
}

const secondsText = (view: TimerView<Phase>) => `${Math.ceil(view.remainingMs / 1000)}s${view.paused ? '  PAUSED, space to resume' : ''}`;

/** Whether the live line has room for the cue; if not, the cue gets a line of its own. */
export function cueFits(name: string, phase: Phase, columns: number): boolean {
  return `${name}, ${phase.where}: ${phase.cue}  ${Math.ceil(phase.durationMs / 1000)}s`.length <= Math.max(1, columns - 1);
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
      // On a narrow screen the cue is a line of its own, written once, above the live line.
      if (event.type === 'started' && !cueFits(name, event.step, out.columns ?? 80)) {
        display.note(wrap(`${event.step.where}: ${event.step.cue}`, Math.max(1, (out.columns ?? 80) - 1)).join('\n'));
      }
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

/**
 * The stretch without redrawn lines (`--plain`, `TERM=dumb`): each phase announced as it starts,
 * with its length, so a screen reader speaks every change; a pause and a resume said in words.
 */
export function plainRoutineDisplay(out: OutStream, name: string, bell = false): TimerDisplay<Phase> & { restore(): void; setup(): void; note(text: string): void } {
  let paused = false;
  let started = false;
  return {
    granularityMs: 60_000,
    setup() {},
    restore() {},
    note: (text: string) => void out.write(`${text}\n`),
    event(event: TimerEvent<Phase>) {
      if (bell && (event.type === 'finished' || (event.type === 'started' && started))) out.write('\u0007');
      if (event.type === 'started') {
        started = true;
        paused = false;
        out.write(`${name}, ${event.step.where}: ${event.step.cue} (${lengthText(event.step.durationMs / 1000)}).\n`);
      }
    },
    render(view: TimerView<Phase>) {
      if (view.paused === paused) return;
      paused = view.paused;
      out.write(paused ? `Paused, ${count(Math.ceil(view.remainingMs / 1000), 'second')} left. Space resumes.\n` : 'Resumed.\n');
    },
    close() {},
  };
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
