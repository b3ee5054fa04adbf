/** The plain questions (--plain, TERM=dumb): numbered lines, an answer on a line, asked again when wrong. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkbox, confirm, input, openLines, select } from '../../src/prompts/plain.js';

function io(typed: string, end = true, width = 80) {
  const stdin = new PassThrough();
  let out = '';
  const output = new PassThrough();
  output.on('data', (chunk) => (out += chunk.toString()));
  const controller = new AbortController();
  const lines = openLines(stdin);
  stdin.write(typed);
  if (end) stdin.end();
  return { context: { lines, output, signal: controller.signal, width }, out: () => out, controller, stdin };
}

const SIGNS = [{ name: 'None of these', value: 'none' }, { name: "I'm not sure", value: 'unsure' }, { separator: '---' }, { name: 'Fever', value: 'fever' }, { name: 'Pain at night', value: 'night' }];

describe('plain checkbox', () => {
  it('numbers the choices (no separator), reads the numbers typed, in any order and form', async () => {
    const t = io('4, 3\n');
    expect(await checkbox({ message: 'Signs?', choices: SIGNS }, t.context)).toEqual(['night', 'fever']);
    expect(t.out()).toBe("Signs?\n  1. None of these\n  2. I'm not sure\n  3. Fever\n  4. Pain at night\nType the numbers of all that apply, with spaces between (Enter for none): ");
  });

  it('asks again after an answer that is not a number, or out of range, saying why; Enter is none', async () => {
    const t = io('yes\n9\n\n');
    expect(await checkbox({ message: 'Signs?', choices: SIGNS }, t.context)).toEqual([]);
    expect(t.out()).toContain('"yes" is not one of the numbers 1 to 4.');
    expect(t.out()).toContain('"9" is not one of the numbers 1 to 4.');
  });

  it('runs the same validation as the terminal prompt', async () => {
    const t = io('\n1 3\n1\n');
    const validate = (chosen: readonly { value: string }[]) =>
      chosen.length === 0 ? 'Choose every sign that applies, or "None of these".' : chosen.length > 1 && chosen.some((c) => c.value === 'none') ? '"None of these" cannot go with another choice.' : true;
    expect(await checkbox({ message: 'Signs?', choices: SIGNS, validate }, t.context)).toEqual(['none']);
    expect(t.out()).toContain('Choose every sign that applies, or "None of these".');
    expect(t.out()).toContain('"None of these" cannot go with another choice.');
  });
});

describe('plain questions at the width of the screen', () => {
  const LONG = [
    { name: 'None of these', value: 'none' },
    { name: 'Less feeling than usual in the skin where the pack would go (for example nerve damage from diabetes)', value: 'skin' },
  ];
  it.each([20, 40])('at %i columns: words move whole, a choice hangs under its number, the prompt keeps its space', async (width) => {
    const t = io('1\n', true, width);
    await checkbox({ message: 'Before heat, ice or stretches: do any of these apply to you?', choices: LONG }, t.context);
    const out = t.out();
    const lines = out.split('\n');
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(width);
    // Every word whole: the text read back with the line breaks as spaces is the text written.
    expect(out.replace(/\n\s*/g, ' ')).toContain('Less feeling than usual in the skin where the pack would go (for example nerve damage from diabetes)');
    expect(out.replace(/\n\s*/g, ' ')).toContain('Type the numbers of all that apply, with spaces between (Enter for none): ');
    expect(out.endsWith(': ')).toBe(true);
    // The item's text hangs under its own start, not under the number.
    const item = lines.findIndex((l) => l.startsWith('  2. '));
    expect(lines[item + 1]).toMatch(/^ {5}\S/);
  });

  it('a message that fits is written as it is', async () => {
    const t = io('y\n', true, 40);
    await confirm({ message: 'Save?' }, t.context);
    expect(t.out()).toBe('Save? (Y/n) ');
  });
});

describe('plain select, confirm and input', () => {
  it('select takes one number', async () => {
    const t = io('1 2\n2\n');
    expect(await select({ message: 'When?', choices: [{ name: 'Today', value: 'today' }, { name: 'Yesterday', value: 'yesterday' }] }, t.context)).toBe('yesterday');
    expect(t.out()).toContain('Type one number, from 1 to 2.');
  });

  it.each([
    ['\n', true, true],
    ['\n', false, false],
    ['y\n', false, true],
    ['NO\n', true, false],
    ['maybe\nn\n', true, false],
  ])('confirm %j with default %s: %s', async (typed, fallback, expected) => {
    expect(await confirm({ message: 'Save?', default: fallback }, io(typed).context)).toBe(expected);
  });

  it('input validates and asks again', async () => {
    const t = io('11\n7\n');
    const value = await input({ message: 'Pain?', validate: (v) => (Number(v) <= 10 ? true : 'From 0 to 10.') }, t.context);
    expect(value).toBe('7');
    expect(t.out()).toContain('From 0 to 10.');
  });
});

describe('the end of the input and a stop', () => {
  it('lines typed ahead are kept for the next question', async () => {
    const t = io('y\nn\n');
    expect(await confirm({ message: 'One?' }, t.context)).toBe(true);
    expect(await confirm({ message: 'Two?' }, t.context)).toBe(false);
  });

  it('the end of the input (Ctrl+D) is ExitPromptError, as Inquirer names it', async () => {
    await expect(confirm({ message: 'Save?' }, io('').context)).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('a stop (Ctrl+C, SIGTERM) aborts the question as AbortPromptError', async () => {
    const t = io('', false);
    const asked = confirm({ message: 'Save?' }, t.context);
    t.controller.abort();
    await expect(asked).rejects.toMatchObject({ name: 'AbortPromptError' });
  });
});
