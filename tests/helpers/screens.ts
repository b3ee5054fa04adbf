/**
 * Checks for a screen laid out at a width: no line wider than the width, and no command a person
 * would copy broken over two lines. The command check is independent of the wrapping code: it finds
 * the commands in the same screen laid out at full width and expects each whole in the narrow one.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import { expect } from 'vitest';

const SGR = /\u001b\[[0-9;]*m/g;
/** Terminal columns: a wide character (CJK, most emoji) takes two, a combining mark none. */
export const columns = (line: string) => [...line.replace(SGR, '')].reduce((sum, char) => sum + (/\p{Mn}|\p{Me}|\u200d|[\ufe00-\ufe0f]/u.test(char) ? 0 : eastAsianWidth(char.codePointAt(0)!)), 0);

const SUBCOMMANDS =
  'triage|ice|heat|contrast|stretches|routine|remedies|red-flags|sources|onset|pain|check-in|status|plan|history|export|explain|completion|undo|help|config';
const ARGUMENT = String.raw`--?[a-z][a-z-]*(?:=\S+)?|"[^"]*"|\d[\d:.]*[a-z]{0,3}|[a-z0-9]+(?:-[a-z0-9]+)+|precautions|causes|outlook|walking|plank|bash|zsh|fish|immediate|prevention|professional|gentle|build|none|unsure|now|yesterday|today|md|json|html|list|get|set|unset|path`;
/** `back-relief`, its subcommand (or an option) and the arguments that belong to it. */
// Not inside a path or a word ("$XDG_CONFIG_HOME/back-relief/config.json" is not a command).
const COMMAND = new RegExp(String.raw`(?<![\w/.$-])back-relief(?![\w/.-])(?: (?:${SUBCOMMANDS}|--?[a-z][a-z-]*)(?: (?:${SUBCOMMANDS}|${ARGUMENT})(?=$|[\s,.;:)\`'"]))*)?`, 'g');

/**
 * The lines of a screen with continued commands joined back as the shell joins them: " \" goes on
 * with the next argument, a bare "\" (an argument cut in two) with the rest of the same argument.
 */
export function joinedLines(text: string): string[] {
  return text.replace(SGR, '').replace(/ \\\n\s*/g, ' ').replace(/\\\n/g, '').split('\n');
}

export function commandsIn(text: string): string[] {
  return joinedLines(text).flatMap((line) => line.match(COMMAND) ?? []).sort();
}

/** Asserts the screen fits `width` and keeps every command of its full-width layout whole. */
export function expectLaidOut(name: string, narrow: string, wide: string, width: number): void {
  const over = narrow.split('\n').filter((line) => columns(line) > width);
  expect(over, `${name} at ${width} columns: lines wider than the screen`).toEqual([]);
  expect(commandsIn(narrow), `${name} at ${width} columns: a command split over two lines`).toEqual(commandsIn(wide));
}
