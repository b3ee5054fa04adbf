/**
 * What the prompts read the keyboard through. Two things a raw terminal would otherwise let through:
 * - Ctrl+Z where the terminal has no job control: readline would turn raw mode off and stop the
 *   process, the kernel would discard the stop, and the keys would stay dead. Here it is dropped.
 * - A flood (a 20,000-character paste): each key redraws the prompt, so a paste that size would
 *   freeze it for a long while. Chunks are cut to what a person could mean to type.
 * Only a real terminal is wrapped; anything else (a test's stream) passes through untouched.
 */
import { PassThrough } from 'node:stream';
import type { InStream } from '../context.js';

/** More than any answer here needs (the longest is a date and time), less than a paste that hangs. */
export const MAX_CHUNK = 256;

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
  const onData = (chunk: Buffer | string) => {
    let text = chunk.toString();
    if (!suspendable) text = text.replaceAll('\u001a', '');
    if (text.length > MAX_CHUNK) text = text.slice(0, MAX_CHUNK);
    if (text) input.write(text);
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
