/**
 * What the prompts read the keyboard through, and write the screen through. What a raw terminal
 * would otherwise get wrong:
 * - Ctrl+Z. Left to readline, it turns raw mode off and stops the process; where the terminal has
 *   no job control the kernel discards the stop and the keys stay dead, and with job control `fg`
 *   brings back a paused readline that nothing resumes (the process then ends, the question
 *   cancelled) and a screen with the cursor still hidden. Here Ctrl+Z never reaches readline: with
 *   job control the terminal is put back (cooked, the cursor shown, the shell's line below the
 *   question) and the process stops; `fg` sets raw mode again and draws the question again, exactly
 *   as Inquirer last drew it, so its next redraw erases the right lines. Without job control a note
 *   says so above the question.
 * - A flood (a 20,000-character paste): each key redraws the prompt, so a paste that size would
 *   freeze it for a long while. A line keeps at most MAX_LINE characters; the rest are dropped.
 * - The terminal closing: its input ends (or fails), which is the same stop as SIGHUP.
 * - A background job (`&`, `bg`): it stops itself until `fg` rather than take the terminal.
 * Only a real terminal is wrapped; anything else (a test's stream) passes through untouched.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { InStream, OutStream } from '../context.js';
import { inForeground, NO_SUSPEND_PROMPT, waitForForeground } from './job-control.js';
import { onInputLost } from './stops.js';
import { outputWidth, wrap } from '../render/layout.js';

/** More than any answer here needs (the longest is a date and time), less than a paste that hangs. */
export const MAX_LINE = 200;

/** A key's escape sequence: CSI (ESC [ ... final byte) or ESC and one character. */
const KEY_SEQUENCE = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|[^[])?/y;

const SHOW_CURSOR = '\u001b[?25h';

export interface PromptInput {
  input: InStream;
  /** The screen to give Inquirer: the terminal, through the frame tracker. */
  output: OutStream;
  /** Stops forwarding; the terminal's own stream is left paused and cooked. */
  close(): void;
}

export interface PromptInputOptions {
  /** Whether this process has the terminal (not a background job). */
  foreground?: () => boolean;
  /** Stops the process (Ctrl+Z with job control). */
  suspend?: () => void;
}

/**
 * Inquirer's screen writes, as it makes them (src: @inquirer/core's ScreenManager): a frame is
 * "down to the last line, erase the lines drawn before" followed by the prompt's lines, and ends by
 * moving the cursor up to the answer's line and to its column; the end of a prompt shows the cursor.
 */
const ERASE_BEFORE = /^(?:\u001b\[\d+B)?(?:(?:\u001b\[2K\u001b\[1A)*\u001b\[2K\u001b\[G)?/;
const FRAME_END = /(?:\u001b\[(\d+)A)?\u001b\[\d+G$/;
const COLUMN_ONLY = /^\u001b\[\d+G$/;

/** What is on screen of the current prompt, to draw it again or to write a line above it. */
export class FrameTracker {
  /** The prompt's lines as last drawn, without the erase in front; null between prompts. */
  frame: string | null = null;
  /** A later move to another column on the answer's line. */
  column = '';

  see(text: string): void {
    if (text.endsWith(SHOW_CURSOR)) {
      this.frame = null;
      this.column = '';
      return;
    }
    const body = text.replace(ERASE_BEFORE, '');
    if (COLUMN_ONLY.test(body)) {
      this.column = body;
    } else if (FRAME_END.test(body)) {
      this.frame = body;
      this.column = '';
    }
  }

  /** The lines of the prompt below the cursor. */
  private below(): number {
    return Number(this.frame?.match(FRAME_END)?.[1] ?? 0);
  }

  /** Moves below the prompt and ends the line there, so what is written next does not overwrite it. */
  leave(): string {
    return this.frame === null ? '' : `${this.below() ? `\u001b[${this.below()}B` : ''}\r\n`;
  }

  /** The prompt drawn again where the cursor is (a new line). */
  redraw(): string {
    return this.frame === null ? '' : `${this.frame}${this.column}`;
  }

  /** A line written above the prompt, the prompt drawn again under it. */
  above(line: string): string {
    if (this.frame === null) return `${line}\n`;
    const height = this.frame.split('\n').length;
    const down = this.below() ? `\u001b[${this.below()}B` : '';
    const erase = `${'\u001b[2K\u001b[1A'.repeat(height - 1)}\u001b[2K\u001b[G`;
    return `${down}${erase}${line}\n${this.redraw()}`;
  }
}

export function promptInput(stdin: InStream, suspendable: boolean, stdout: OutStream, options: PromptInputOptions = {}): PromptInput {
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return { input: stdin, output: stdout, close() {} };
  const { foreground = () => inForeground(), suspend = () => process.kill(process.pid, 'SIGTSTP') } = options;
  const tty = stdin;
  const raw = (on: boolean) => {
    try {
      tty.setRawMode!(on);
    } catch {
      // The terminal has hung up: nothing left to set.
    }
  };
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    get isRaw() {
      return (tty as unknown as { isRaw?: boolean }).isRaw ?? false;
    },
    setRawMode(on: boolean) {
      // A background job waits for `fg` (as the kernel would stop it) before taking the terminal.
      if (on && !foreground()) waitForForeground();
      raw(on);
      return input;
    },
  });
  const frames = new FrameTracker();
  const output = promptOutput(stdout, frames);
  let suspended = false;
  const ctrlZ = () => {
    if (!suspendable) {
      stdout.write(frames.above(wrap(NO_SUSPEND_PROMPT, outputWidth(stdout.columns)).join('\n')));
      return;
    }
    stdout.write(`${frames.leave()}${SHOW_CURSOR}`);
    raw(false);
    suspended = true;
    suspend();
  };
  // `fg`: raw mode again and the question drawn again. `bg`: the terminal is not ours; wait for `fg`.
  const onCont = () => {
    if (!suspended) return;
    if (!foreground()) return waitForForeground();
    suspended = false;
    raw(true);
    stdout.write(frames.redraw());
  };
  // Characters typed on the line so far: past MAX_LINE, more are dropped until Enter (or a clear).
  let typed = 0;
  const onData = (chunk: Buffer | string) => {
    const text = chunk.toString();
    let kept = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const code = ch.charCodeAt(0);
      if (ch === '\u001a') {
        if (kept) input.write(kept);
        kept = '';
        ctrlZ();
        continue;
      }
      if (ch === '\u001b') {
        // An escape sequence (an arrow key): whole, and not counted.
        KEY_SEQUENCE.lastIndex = i;
        const length = KEY_SEQUENCE.exec(text)?.[0].length ?? 1;
        kept += text.slice(i, i + length);
        i += length - 1;
        continue;
      }
      if (ch === '\r' || ch === '\n' || ch === '\u0015') typed = 0;
      else if (ch === '\u007f' || ch === '\b') typed = Math.max(0, typed - 1);
      else if (code >= 0x20) {
        if (typed >= MAX_LINE) continue;
        typed++;
      }
      kept += ch;
    }
    if (kept) input.write(kept);
  };
  // readline pauses and resumes its input; the terminal's stream follows.
  const resume = input.resume.bind(input);
  const pause = input.pause.bind(input);
  input.resume = () => {
    tty.resume();
    return resume();
  };
  input.pause = () => {
    tty.pause();
    return pause();
  };
  tty.on('data', onData);
  const offLost = onInputLost(tty);
  process.on('SIGCONT', onCont);
  return {
    input: input as unknown as InStream,
    output,
    close() {
      tty.off('data', onData);
      offLost();
      process.off('SIGCONT', onCont);
      tty.pause();
    },
  };
}

/**
 * The terminal as Inquirer's output: every write goes through to it and is seen by the tracker.
 * Inquirer pipes into it and ends it after each prompt; ending it does not end the terminal.
 */
function promptOutput(stdout: OutStream, frames: FrameTracker): OutStream {
  const output = new (class extends EventEmitter {
    readonly writable = true;
    get isTTY() {
      return stdout.isTTY;
    }
    get columns() {
      return stdout.columns;
    }
    get rows() {
      return (stdout as { rows?: number }).rows;
    }
    write(chunk: string | Buffer) {
      const text = chunk.toString();
      frames.see(text);
      stdout.write(text);
      return true;
    }
    end() {
      return this;
    }
  })();
  return output as unknown as OutStream;
}
