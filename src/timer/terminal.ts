/**
 * The timer in a terminal: one line redrawn in place, fitted to the window, the cursor hidden and
 * always restored; keys for pause, stop and Ctrl+C; Ctrl+Z suspends and `fg` redraws. In the
 * background (`&`, or `bg` after Ctrl+Z) the terminal is the shell's: no raw mode, no keys, no hidden
 * cursor, and plain announcements instead of the redrawn line, until `fg`.
 */
import type { InStream, OutStream } from '../context.js';
import { outputWidth, wrap } from '../render/layout.js';
import type { Style } from '../render/style.js';
import { countdown } from '../text/durations.js';
import type { TimerEvent, TimerView } from './engine.js';
import { clockTime, eventMessage, stepName } from './messages.js';
import type { Control, TimerDisplay } from './run.js';
import { inForeground, NO_SUSPEND_MESSAGE } from '../terminal/job-control.js';
import { onInputLost, onRestore, onStop } from '../terminal/stops.js';
import { plainDisplay } from './plain.js';

const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
const CLEAR_LINE = '\r\u001b[2K';

/**
 * A progress bar `cells` wide: block characters with eighths where the terminal shows Unicode
 * ("█████▍░░░░"), "[#####-----]" otherwise.
 */
export function progressBar(progress: number, cells: number, unicode: boolean): string {
  const p = Math.min(1, Math.max(0, progress));
  if (!unicode) {
    const inner = cells - 2;
    const filled = Math.round(p * inner);
    return `[${'#'.repeat(filled)}${'-'.repeat(inner - filled)}]`;
  }
  const eighths = Math.round(p * cells * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  const partial = part ? ' ▏▎▍▌▋▊▉'[part]! : '';
  return `${'█'.repeat(full)}${partial}${'░'.repeat(cells - full - (part ? 1 : 0))}`;
}

/**
 * The line for a moment of the countdown, fitted to `columns` less one (a line that fills the last
 * column makes some terminals wrap, and a wrapped line is redrawn as a new line each second).
 */
export function progressLine(view: TimerView, columns: number, unicode = false): string {
  const name = stepName(view.step);
  const left = `${countdown(view.remainingMs / 1000)} left`;
  const tail = view.paused ? 'PAUSED, space to resume' : `ends ${clockTime(view.endsAt)}`;
  const width = Math.max(1, columns - 1);
  for (const parts of [[name, left, tail], [name, left], [left]]) {
    const text = parts.join('  ');
    const room = width - text.length - 2;
    if (room >= 10) {
      const bar = progressBar(view.progress, Math.min(40, room), unicode);
      return [parts[0], bar, ...parts.slice(1)].join('  ');
    }
    if (text.length <= width) return text;
  }
  // Narrower than "12:34 left": the time alone, then as much of it as fits.
  return countdown(view.remainingMs / 1000).slice(0, width);
}

/** Desktop notifications, only where the terminal is known to show them (never inside tmux or screen). */
export function notification(env: Record<string, string | undefined>, message: string): string | null {
  if (env.TMUX || env.STY) return null;
  const text = message.replace(/[\u0000-\u001f\u007f-\u009f;]/g, ' ');
  if (env.TERM_PROGRAM === 'iTerm.app') return `\u001b]9;${text}\u0007`;
  if (env.TERM === 'xterm-kitty') return `\u001b]99;;${text}\u001b\\`;
  if (env.TERM_PROGRAM === 'WezTerm' || env.TERM?.startsWith('foot')) return `\u001b]777;notify;back-relief;${text}\u0007`;
  return null;
}

export interface TerminalOptions {
  out: OutStream;
  style: Style;
  bell: boolean;
  env: Record<string, string | undefined>;
  breakMs: number;
  /** Block characters for the bar (a UTF-8 terminal). */
  unicode?: boolean;
  /** Whether this process has the terminal (not a background job); asked at each setup(). */
  foreground?: () => boolean;
}

export type TerminalDisplay = TimerDisplay & { restore(): void; setup(): void; note(text: string): void; toBackground(): void };

export function terminalDisplay({ out, style, bell, env, breakMs, unicode = false, foreground = () => inForeground() }: TerminalOptions): TerminalDisplay {
  let lineShown = false;
  let lastView: TimerView | null = null;
  let offRestore = () => {};
  let hidden = false;
  // A background job announces like the plain display: a line redrawn every second would keep
  // overwriting the line the person is typing at the shell.
  let background = false;
  const plain = plainDisplay(out, breakMs, bell);
  const endLine = () => {
    if (lineShown) out.write('\n');
    lineShown = false;
  };
  const display = {
    // Every second in the background too (the plain announcements are made on whole minutes and at
    // the last 10 seconds, which a wake each second reaches), so fg finds the line ticking at once.
    granularityMs: 1000,
    setup() {
      // Whatever ends the run (a signal, an exit), the cursor comes back.
      offRestore();
      offRestore = onRestore(() => display.restore());
      background = !foreground();
      if (background) return;
      out.write(HIDE_CURSOR);
      hidden = true;
    },
    /** Continued in the background (`bg`): the cursor and the line are left to the shell. */
    toBackground() {
      display.restore();
      background = true;
    },
    /** Puts the terminal back: the line ended, the cursor shown. Safe to call more than once. */
    restore() {
      endLine();
      if (hidden) out.write(SHOW_CURSOR);
      hidden = false;
    },
    note(text: string) {
      endLine();
      out.write(`${text.split('\n').flatMap((line) => wrap(line, outputWidth(out.columns))).join('\n')}\n`);
    },
    event(event: TimerEvent, now: number) {
      if (background) return plain.event(event, now);
      // The countdown's last frame reads 0:00 with a full bar, never "0:01 left".
      if (event.type === 'ended' && lineShown && lastView) out.write(`${CLEAR_LINE}${progressLine({ ...lastView, remainingMs: 0, progress: 1, paused: false }, out.columns ?? 80, unicode)}`);
      endLine();
      const message = eventMessage(event, breakMs);
      const signal = event.type === 'ended' || event.type === 'finished';
      if (signal && event.type !== 'finished') {
        if (bell) out.write('\u0007');
        const note = notification(env, message ?? 'back-relief');
        if (note) out.write(note);
      }
      if (message) {
        const lines = wrap(message, outputWidth(out.columns));
        out.write(`${(event.type === 'started' ? lines.map((l) => style.bold(l)) : lines).join('\n')}\n`);
      }
    },
    render(view: TimerView, now: number) {
      if (background) return plain.render(view, now);
      out.write(`${CLEAR_LINE}${progressLine(view, out.columns ?? 80, unicode)}`);
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

export interface ControlSources {
  stdin: InStream;
  out: OutStream;
  /**
   * Restores and re-prepares the terminal around a Ctrl+Z suspension; `note` prints a line above the
   * countdown; `toBackground` (when continued with `bg`) leaves the terminal to the shell.
   */
  display: { restore(): void; setup(): void; note?(text: string): void; toBackground?(): void };
  keys: boolean;
  /** Whether Ctrl+Z may suspend the process: not where the terminal has no job control. */
  suspendable: boolean;
  /** More keys, such as the routine's s (skip) and h (the pain got worse). */
  extraKeys?: Record<string, Control>;
  /** Whether this process has the terminal (not a background job). */
  foreground?: () => boolean;
}

/**
 * Keys (in raw mode) and stops (signals, a closed output, the terminal's input ending) as timer
 * controls. Returns the unsubscribe. Ctrl+C from the keyboard or SIGINT interrupts; any other stop
 * terminates, and the command reads which one it was from stopReceived() for the exit code.
 *
 * The keys are read only while this process has the terminal: a background job (`&`, or `bg` after
 * Ctrl+Z) that set raw mode or read a key would be stopped by the kernel. `fg` (SIGCONT) turns them on.
 */
export function terminalControls({ stdin, out, display, keys, suspendable, extraKeys = {}, foreground = () => inForeground() }: ControlSources) {
  return (listener: (control: Control) => void) => {
    let reading = false;
    let offLost = () => {};
    // On a terminal that has hung up this fails (EIO); there is nothing left to set.
    const raw = (on: boolean) => {
      try {
        if (stdin.isTTY && stdin.setRawMode) stdin.setRawMode(on);
      } catch {
        // The terminal is gone.
      }
    };
    // The keys wanted but off (suspended, or a background job): every second, whether the terminal
    // is ours again. bash sends no SIGCONT when `fg` brings back a job that is running, so a signal
    // alone would leave the keys off. It also keeps the process alive until SIGCONT (Node's signal
    // listeners do not), with the countdown paused and nothing else pending.
    let watch: NodeJS.Timeout | null = null;
    const watchForeground = () => {
      watch ??= setInterval(() => {
        if (foreground()) takeTerminal();
      }, 1000);
    };
    const stopWatching = () => {
      if (watch) clearInterval(watch);
      watch = null;
    };
    const takeTerminal = () => {
      display.setup();
      startKeys();
      listener('redraw');
    };
    const startKeys = () => {
      if (!keys || reading) return;
      if (!foreground()) return watchForeground();
      stopWatching();
      reading = true;
      raw(true);
      stdin.on('data', onData);
      // The terminal closing ends its input, often before the hang-up signal is read.
      offLost = onInputLost(stdin);
      stdin.resume();
    };
    const stopKeys = () => {
      if (!reading) return;
      reading = false;
      stdin.off('data', onData);
      offLost();
      raw(false);
      stdin.pause();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (Object.hasOwn(extraKeys, ch.toLowerCase())) listener(extraKeys[ch.toLowerCase()]!);
        else if (ch === ' ' || ch === 'p' || ch === 'P') listener('toggle-pause');
        else if (ch === 'q' || ch === 'Q') listener('stop');
        else if (ch === '\u0003') listener('interrupt');
        else if (ch === '\u001a') suspend();
      }
    };
    // In raw mode Ctrl+Z is a key, not a signal: put the terminal back, then stop for real. Where
    // the kernel would discard the stop (no job control), say so and keep the keys working.
    const suspend = () => {
      if (!suspendable) {
        display.note?.(NO_SUSPEND_MESSAGE);
        listener('redraw');
        return;
      }
      stopKeys();
      display.restore();
      watchForeground();
      process.kill(process.pid, 'SIGTSTP');
    };
    // `fg`: the terminal is ours again. `bg`: it is the shell's; the countdown goes on without keys.
    const onCont = () => {
      if (foreground()) return takeTerminal();
      stopKeys();
      display.toBackground?.();
      if (keys) watchForeground();
      listener('redraw');
    };
    const onResize = () => listener('redraw');
    const offStop = onStop((stop) => listener(stop === 'SIGINT' ? 'interrupt' : 'terminate'));
    const offRestore = onRestore(() => {
      if (reading) raw(false);
    });
    process.on('SIGCONT', onCont);
    out.on?.('resize', onResize);
    startKeys();
    return () => {
      offStop();
      offRestore();
      process.off('SIGCONT', onCont);
      out.off?.('resize', onResize);
      stopKeys();
      stopWatching();
    };
  };
}
