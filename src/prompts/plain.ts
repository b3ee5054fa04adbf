/**
 * The prompts without a redrawn screen: for --plain (a screen reader reads each question once, in
 * order, instead of a list redrawn at every key) and for a basic terminal (TERM=dumb, LC_ALL=C)
 * where Inquirer's cursor movements would print as garbage. Each question is a few numbered lines
 * and an answer typed on one line, in the terminal's own line editing; a wrong answer says why and
 * asks again. The same shapes as the Inquirer prompts ask.ts uses, so the flows are one.
 */
import { createInterface } from 'node:readline';
import { fitLines } from '../render/layout.js';

interface Choice<V> {
  name: string;
  value: V;
  description?: string;
}
/** Inquirer's Separator, or anything else that is not a choice: skipped here. */
type Item<V> = Choice<V> | { separator: string } | object;

/** The lines typed, one at a time: one reader for a whole flow, so no line typed ahead is lost. */
export interface Lines {
  next(signal: AbortSignal): Promise<string>;
  close(): void;
}

export function openLines(input: NodeJS.ReadableStream): Lines {
  const rl = createInterface({ input, terminal: false });
  const queue: string[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  let ended = false;
  rl.on('line', (line) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(line);
    } else queue.push(line);
  });
  rl.on('close', () => {
    ended = true;
    if (waiting) waiting(null);
  });
  return {
    next(signal) {
      return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(cancelled('AbortPromptError'));
        if (queue.length) return resolve(queue.shift()!);
        if (ended) return reject(cancelled('ExitPromptError'));
        const onAbort = () => {
          waiting = null;
          reject(cancelled('AbortPromptError'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiting = (line) => {
          signal.removeEventListener('abort', onAbort);
          if (line === null) reject(cancelled('ExitPromptError'));
          else resolve(line);
        };
      });
    },
    close: () => rl.close(),
  };
}

export interface PlainContext {
  lines: Lines;
  output: NodeJS.WritableStream;
  signal: AbortSignal;
  /** The columns to wrap at: words move to the next line whole, a list item's text hangs under it. */
  width: number;
}

/** Text laid out for the screen; a prompt (no newline at its end) keeps the space the answer follows. */
function say(context: PlainContext, text: string): void {
  const open = !text.endsWith('\n');
  const body = open ? text.trimEnd() : text.slice(0, -1);
  const gap = open ? text.slice(body.length) : '\n';
  context.output.write(`${fitLines(body, context.width)}${gap}`);
}

/** An error named as Inquirer names its own, so the caller treats both the same way. */
function cancelled(name: 'ExitPromptError' | 'AbortPromptError'): Error {
  const error = new Error('The question was not answered.');
  error.name = name;
  return error;
}

const isChoice = <V>(item: Item<V>): item is Choice<V> => typeof item === 'object' && item !== null && 'value' in item && 'name' in item;

function readLine(context: PlainContext, prompt: string): Promise<string> {
  say(context, prompt);
  return context.lines.next(context.signal);
}

async function ask<T>(context: PlainContext, prompt: string, parse: (line: string) => T | string): Promise<T> {
  for (;;) {
    const result = parse((await readLine(context, prompt)).trim());
    if (typeof result !== 'string') return result;
    say(context, `${result}\n`);
  }
}

function list<V>(context: PlainContext, message: string, choices: Choice<V>[]): void {
  say(context, `${message}\n${choices.map((c, i) => `  ${i + 1}. ${c.name}`).join('\n')}\n`);
}

/** Numbers typed with spaces or commas: "1 3", "1,3". */
function numbers(line: string, count: number): number[] | string {
  const parts = line.split(/[\s,]+/).filter(Boolean);
  const picked: number[] = [];
  for (const part of parts) {
    const n = /^\d{1,3}$/.test(part) ? Number(part) : NaN;
    if (!(n >= 1 && n <= count)) return `"${part.slice(0, 20)}" is not one of the numbers 1 to ${count}.`;
    if (!picked.includes(n)) picked.push(n);
  }
  return picked;
}

export async function checkbox<V>(
  config: { message: string; choices: readonly Item<V>[]; validate?: (choices: readonly Choice<V>[]) => true | string | Promise<true | string> },
  context: PlainContext,
): Promise<V[]> {
  const choices = config.choices.filter(isChoice);
  list(context, config.message, choices);
  for (;;) {
    // Nothing typed is an answer too (none of them), unless the question's own check refuses it.
    const picked = await ask(context, `Type the numbers of all that apply, with spaces between${config.validate ? '' : ' (Enter for none)'}: `, (line) => numbers(line, choices.length));
    const chosen = picked.map((n) => choices[n - 1]!);
    const verdict = config.validate ? await config.validate(chosen) : true;
    if (verdict === true) return chosen.map((c) => c.value);
    say(context, `${verdict}\n`);
  }
}

export async function select<V>(config: { message: string; choices: readonly Item<V>[] }, context: PlainContext): Promise<V> {
  const choices = config.choices.filter(isChoice);
  list(context, config.message, choices);
  const [n] = await ask(context, 'Type its number: ', (line) => {
    const picked = numbers(line, choices.length);
    return typeof picked === 'string' || picked.length === 1 ? picked : 'Type one number, from 1 to ' + String(choices.length) + '.';
  });
  return choices[n! - 1]!.value;
}

export function confirm(config: { message: string; default?: boolean }, context: PlainContext): Promise<boolean> {
  const fallback = config.default ?? true;
  return ask(context, `${config.message} (${fallback ? 'Y/n' : 'y/N'}) `, (line) => {
    if (line === '') return fallback;
    if (/^(y|yes)$/i.test(line)) return true;
    if (/^(n|no)$/i.test(line)) return false;
    return 'Type y for yes or n for no.';
  });
}

export function input(config: { message: string; validate?: (value: string) => true | string | Promise<true | string> }, context: PlainContext): Promise<string> {
  const validate = config.validate;
  return (async () => {
    for (;;) {
      const line = await readLine(context, `${config.message} `);
      const verdict = validate ? await validate(line) : true;
      if (verdict === true) return line;
      say(context, `${verdict}\n`);
    }
  })();
}
