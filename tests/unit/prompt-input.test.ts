/** The prompts' keyboard filter: Ctrl+Z without job control, and a line that cannot flood. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { InStream } from '../../src/context.js';
import { MAX_LINE, promptInput } from '../../src/terminal/prompt-input.js';

function tty() {
  const stream = new PassThrough() as unknown as InStream & { raw: boolean[] };
  stream.isTTY = true;
  stream.raw = [];
  stream.setRawMode = (on: boolean) => stream.raw.push(on);
  return stream;
}

function through(input: string[], suspendable: boolean) {
  const stdin = tty();
  const wrapped = promptInput(stdin, suspendable);
  let out = '';
  wrapped.input.on('data', (d: Buffer) => (out += d.toString()));
  for (const chunk of input) (stdin as unknown as PassThrough).write(chunk);
  wrapped.close();
  return { out, stdin };
}

describe('prompt input', () => {
  it('drops Ctrl+Z only where it cannot suspend', () => {
    expect(through(['a\u001ab'], false).out).toBe('ab');
    expect(through(['a\u001ab'], true).out).toBe('a\u001ab');
  });

  it('keeps a line to MAX_LINE characters, however it arrives; Enter starts a new line', () => {
    const paste = 'y'.repeat(20_000);
    const { out } = through([paste.slice(0, 7000), paste.slice(7000), '\r', 'ok'], true);
    expect(out).toBe(`${'y'.repeat(MAX_LINE)}\rok`);
  });

  it('arrow keys and backspace pass through; backspace gives room back', () => {
    const { out } = through([`${'x'.repeat(MAX_LINE)}\u007fz\u001b[A\u001b[Bq`], true);
    expect(out).toBe(`${'x'.repeat(MAX_LINE)}\u007fz\u001b[A\u001b[B`);
  });

  it('a stream that is not a terminal passes untouched', () => {
    const plain = new PassThrough() as unknown as InStream;
    expect(promptInput(plain, false).input).toBe(plain);
  });

  it('raw mode is the terminal\'s own', () => {
    const stdin = tty();
    const wrapped = promptInput(stdin, true);
    wrapped.input.setRawMode!(true);
    wrapped.input.setRawMode!(false);
    wrapped.close();
    expect((stdin as unknown as { raw: boolean[] }).raw).toEqual([true, false]);
  });
});
