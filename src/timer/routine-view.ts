/** The routine's countdown line: the stretch, where in it, what to do now, and the seconds left. */
import type { InStream, OutStream } from '../context.js';
import type { Phase } from '../decision/routine.js';
import type { TimerEvent, TimerView } from './engine.js';
import type { TimerDisplay } from './run.js';
import { outputWidth, wrap } from '../render/layout.js';
import { count, lengthText } from '../text/durations.js';
import { canSuspend, holdForContinue, inForeground, NO_SUSPEND_WAITING } from '../terminal/job-control.js';
import { onInputLost, onRestore, onStop, type Stop } from '../terminal/stops.js';

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
export function plainRoutineDisplay(out: OutStream, name: string, bell = false, width = 80): TimerDisplay<Phase> & { restore(): void; setup(): void; note(text: string): void } {
  let paused = false;
  let started = false;
  // Words wrap at the width, as every other line does; the text may already hold its own breaks.
  const say = (text: string) => void out.write(`${text.split('\n').flatMap((line) => wrap(line, width)).join('\n')}\n`);
  return {
    granularityMs: 60_000,
    setup() {},
    restore() {},
    note: say,
    event(event: TimerEvent<Phase>) {
      if (bell && (event.type === 'finished' || (event.type === 'started' && started))) out.write('\u0007');
      if (event.type === 'started') {
        started = true;
        paused = false;
        say(`${name}, ${event.step.where}: ${event.step.cue} (${lengthText(event.step.durationMs / 1000)}).`);
      }
    },
    render(view: TimerView<Phase>) {
      if (view.paused === paused) return;
      paused = view.paused;
      say(paused ? `Paused, ${count(Math.ceil(view.remainingMs / 1000), 'second')} left. Space resumes.` : 'Resumed.');
    },
    close() {},
  };
}

/** What ended a wait for a key: a key (Ctrl+C is '\u0003'), or a stop from outside. */
export type Awaited = { key: string } | { stop: Stop };

export interface WaitOptions {
  /** The first key (Enter) is taken when the time is up. */
  timeoutMs?: number | undefined;
  /** Whether Ctrl+Z may suspend (job control); by default, what this terminal allows. */
  suspendable?: boolean;
  /** Where a note goes (Ctrl+Z refused, back after `fg`): the terminal, process.stdout by default. */
  out?: OutStream;
  /** Said again after `fg`, when the question is no longer on screen: what the keys do. */
  again?: string;
  /** Whether this process has the terminal (not a background job). */
  foreground?: () => boolean;
  /** Stops this process: SIGTSTP for Ctrl+Z, SIGTTIN to wait for `fg`. */
  stopProcess?: (signal: 'SIGTSTP' | 'SIGTTIN') => void;
}

/**
 * Waits for one of the keys (raw mode). A stop (SIGTERM, a hang-up, the terminal's input ending)
 * ends the wait too, with the terminal put back, so the routine can record what was done before it
 * exits. With a timeout, the first key (Enter) is taken when the time is up.
 *
 * Ctrl+Z suspends as the timer does (the terminal put back first; `fg` takes the keys again, says
 * what they do and starts the timeout over), or says it cannot where there is no job control. A
 * background job does not touch the terminal: it stops itself as the kernel stops a job that reads
 * the terminal, and `fg` continues it.
 */
export function waitForKey(stdin: InStream, keys: readonly string[], options?: number | WaitOptions): Promise<Awaited> {
  const {
    timeoutMs,
    suspendable = canSuspend(process.platform),
    out = process.stdout,
    again,
    foreground = () => inForeground(),
    stopProcess = (signal) => void process.kill(process.pid, signal),
  }: WaitOptions = typeof options === 'number' ? { timeoutMs: options } : (options ?? {});
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let armed = false;
    let offLost = () => {};
    // Not armed (suspended, or in the background): nothing else keeps the process alive until SIGCONT.
    let release: (() => void) | null = null;
    const hold = () => void (release ??= holdForContinue());
    const letGo = () => {
      release?.();
      release = null;
    };
    const raw = (on: boolean) => {
      try {
        if (stdin.isTTY) stdin.setRawMode?.(on);
      } catch {
        // The terminal is gone (after a hang-up).
      }
    };
    // Raw mode, the keys and the timeout on, if this process has the terminal.
    const arm = () => {
      if (armed) return;
      if (!foreground()) {
        hold();
        return stopProcess('SIGTTIN');
      }
      letGo();
      armed = true;
      raw(true);
      stdin.on('data', onData);
      offLost = onInputLost(stdin);
      stdin.resume();
      if (timeoutMs !== undefined) timer = setTimeout(() => done({ key: keys[0]! }), timeoutMs);
    };
    const disarm = () => {
      if (!armed) return;
      armed = false;
      clearTimeout(timer);
      stdin.off('data', onData);
      offLost();
      raw(false);
      stdin.pause();
    };
    const done = (result: Awaited) => {
      disarm();
      letGo();
      offStop();
      offRestore();
      process.off('SIGCONT', onCont);
      resolve(result);
    };
    const suspend = () => {
      if (!suspendable) {
        out.write(`${wrap(NO_SUSPEND_WAITING, outputWidth(out.columns)).join('\n')}\n`);
        return;
      }
      disarm();
      hold();
      stopProcess('SIGTSTP');
    };
    const onCont = () => {
      if (armed) return;
      arm();
      if (!armed) return;
      const starting = timeoutMs === undefined ? '' : ` Starting by itself in ${Math.round(timeoutMs / 1000)} seconds.`;
      out.write(`${again ?? 'Back: waiting for your key (the keys are above).'}${starting}\n`);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\u001a') {
          suspend();
          if (!armed) return;
          continue;
        }
        const key = ch === '\n' ? '\r' : ch.toLowerCase();
        if (key === '\u0003' || keys.includes(key)) return done({ key });
      }
    };
    const offStop = onStop((stop) => done({ stop }));
    const offRestore = onRestore(() => {
      if (armed) raw(false);
    });
    process.on('SIGCONT', onCont);
    arm();
  });
}
