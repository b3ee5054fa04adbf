/**
 * The prompts' keyboard filter and screen: Ctrl+Z (never to readline: a note without job control, a
 * suspension that draws the question again with it), a line that cannot flood, the terminal closing.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { InStream } from '../../src/context.js';
import { FrameTracker, MAX_LINE, promptInput } from '../../src/terminal/prompt-input.js';
import { onStop } from '../../src/terminal/stops.js';
import { resetStops } from '../helpers/stops.js';

function tty() {
  const stream = new PassThrough() as unknown as InStream & { raw: boolean[] };
  stream.isTTY = true;
  stream.raw = [];
  stream.setRawMode = (on: boolean) => stream.raw.push(on);
  return stream;
}

function screen() {
  let text = '';
  return { out: { write: (s: string) => (text += s), isTTY: true, columns: 80 }, text: () => text, clear: () => (text = '') };
}

function through(input: string[], suspendable: boolean) {
  const stdin = tty();
  let suspended = 0;
  const s = screen();
  const wrapped = promptInput(stdin, suspendable, s.out, { suspend: () => suspended++, foreground: () => true });
  let out = '';
  wrapped.input.on('data', (d: Buffer) => (out += d.toString()));
  for (const chunk of input) (stdin as unknown as PassThrough).write(chunk);
  wrapped.close();
  return { out, stdin, suspended, screen: s.text() };
}

// Frames as Inquirer's ScreenManager writes them: the erase of the last frame, the lines, then up to
// the answer's line and to its column.
const FIRST = '? Pick one\n❯ a\n  b\u001b[?25l\u001b[2A\u001b[11G';
const SECOND = `\u001b[2B${'\u001b[2K\u001b[1A'.repeat(2)}\u001b[2K\u001b[G? Pick one\n  a\n❯ b\u001b[?25l\u001b[2A\u001b[11G`;
const DONE = '\u001b[2B\n\u001b[?25h';

describe('prompt input', () => {
  afterEach(resetStops);

  it('Ctrl+Z never reaches readline: a note where it cannot suspend, a suspension where it can', () => {
    const refused = through(['a\u001ab'], false);
    expect(refused.out).toBe('ab');
    expect(refused.suspended).toBe(0);
    expect(refused.screen).toContain('Ctrl+Z cannot suspend here (this terminal has no job control); Ctrl+C cancels.');
    const suspended = through(['a\u001ab'], true);
    expect(suspended.out).toBe('ab');
    expect(suspended.suspended).toBe(1);
    // Cooked and the cursor shown before the stop.
    expect(suspended.stdin.raw).toEqual([false]);
    expect(suspended.screen).toContain('\u001b[?25h');
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
    const s = screen();
    const wrapped = promptInput(plain, false, s.out);
    expect(wrapped.input).toBe(plain);
    expect(wrapped.output).toBe(s.out);
  });

  it("raw mode is the terminal's own", () => {
    const stdin = tty();
    const wrapped = promptInput(stdin, true, screen().out, { foreground: () => true });
    wrapped.input.setRawMode!(true);
    wrapped.input.setRawMode!(false);
    wrapped.close();
    expect((stdin as unknown as { raw: boolean[] }).raw).toEqual([true, false]);
  });

  it('raw mode that fails (a terminal that has hung up) is not an error', () => {
    const stdin = tty();
    stdin.setRawMode = () => {
      throw new Error('setRawMode EIO');
    };
    const wrapped = promptInput(stdin, true, screen().out, { foreground: () => true });
    expect(() => wrapped.input.setRawMode!(false)).not.toThrow();
    wrapped.close();
  });

  it("the terminal's input ending is the terminal closing: the SIGHUP stop", () => {
    const got: string[] = [];
    const offStop = onStop((stop) => got.push(stop));
    const stdin = tty();
    const wrapped = promptInput(stdin, true, screen().out, { foreground: () => true });
    (stdin as unknown as PassThrough).emit('end');
    expect(got).toEqual(['SIGHUP']);
    wrapped.close();
    offStop();
  });

  it('the output Inquirer ends after each prompt is not the terminal: it stays open', () => {
    const s = screen();
    const wrapped = promptInput(tty(), true, s.out, { foreground: () => true });
    const output = wrapped.output as unknown as { write(s: string): boolean; end(): unknown; columns?: number };
    expect(output.columns).toBe(80);
    output.write('one');
    output.end();
    output.write('two');
    expect(s.text()).toBe('onetwo');
    wrapped.close();
  });
});

describe('the frame tracker', () => {
  it('keeps the last frame without the erase in front, and forgets it when the prompt is done', () => {
    const frames = new FrameTracker();
    frames.see(FIRST);
    expect(frames.frame).toBe(FIRST);
    frames.see(SECOND);
    expect(frames.frame).toBe('? Pick one\n  a\n❯ b\u001b[?25l\u001b[2A\u001b[11G');
    frames.see('\u001b[4G');
    expect(frames.redraw()).toBe('? Pick one\n  a\n❯ b\u001b[?25l\u001b[2A\u001b[11G\u001b[4G');
    frames.see(DONE);
    expect(frames.frame).toBeNull();
    expect(frames.redraw()).toBe('');
  });

  it('leaves below the prompt, so the shell writes under it', () => {
    const frames = new FrameTracker();
    expect(frames.leave()).toBe('');
    frames.see(FIRST);
    expect(frames.leave()).toBe('\u001b[2B\r\n');
  });

  it('a line above the prompt: the prompt erased, the line, the prompt again (its next redraw erases only itself)', () => {
    const frames = new FrameTracker();
    expect(frames.above('note')).toBe('note\n');
    frames.see(FIRST);
    expect(frames.above('note')).toBe(`\u001b[2B${'\u001b[2K\u001b[1A'.repeat(2)}\u001b[2K\u001b[Gnote\n${FIRST}`);
  });
});
