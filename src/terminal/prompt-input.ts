/**
 * What the prompts read the keyboard through. Two things a raw terminal would otherwise let through:
 * - Ctrl+Z where the terminal has no job control: readline would turn raw mode off and stop the
 *   process, the kernel would discard the stop, and the keys would stay dead. Here it is dropped.
 * - A flood (a 20,000-character paste): each key redraws the prompt, so a paste that size would
 *   freeze it for a long while. A line keeps at most MAX_LINE characters; the rest are dropped.
 * Only a real terminal is wrapped; anything else (a test's stream) passes through untouched.
 */
import { PassThrough } from 'node:stream';
import type { InStream } from '../context.js';

/** More than any answer here needs (the longest is a date and time), less than a paste that hangs. */
export const MAX_LINE = 200;

/** A key's escape sequence: CSI (ESC [ ... final byte) or ESC and one character. */
const KEY_SEQUENCE = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|[^[])?/y;

export interface PromptInput {
  input: InStream;
  /** Stops forwarding; the terminal's own stream is left paused and cooked. */
  close(): void;
}

export function promptInput(stdin: InStream, suspendable: boolean): PromptInput {
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return { input: stdin, close() {} };
  const tty = stdin;
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    get isRaw() {
      return (tty as unknown as { isRaw?: boolean }).isRaw ?? false;
    },
    setRawMode(raw: boolean) {
      tty.setRawMode!(raw);
      return input;
    },
  });
  // Characters typed on the line so far: past MAX_LINE, more are dropped until Enter (or a clear).
  let typed = 0;
  const onData = (chunk: Buffer | string) => {
    let text = chunk.toString();
    if (!suspendable) text = text.replaceAll('\u001a', '');
    let kept = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const code = ch.charCodeAt(0);
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
  return {
    input: input as unknown as InStream,
    close() {
      tty.off('data', onData);
      tty.pause();
    },
  };
}
