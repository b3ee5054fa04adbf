/**
 * What a command's definition needs from the program: the program itself, a way to build the
 * context for its action, and the help helpers. Each group of commands defines itself in a
 * `*.cli.ts` file beside its code (src/commands/), registered here without being loaded.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import type { SettingsFileUse } from './context.js';
import { continued, visibleLength, wrap } from '../render/layout.js';

export interface Kit {
  program: Command;
  /** The context for an action: the global options parsed, the streams, the content. */
  ctx(self: Command, settingsFile?: SettingsFileUse): Promise<CommandContext>;
  /**
   * Registers a command. It is defined only when needed: the one named on the command line, or all
   * of them for help, suggestions and completion (defining them all costs about 2 ms of start-up).
   */
  define(name: string, definition: () => Command): void;
  /** Prose under a command's help, each paragraph wrapped to the width. */
  notes(...paragraphs: string[]): string;
  /** The examples block of a command's help. */
  examples(...commands: string[]): string;
  /** Text laid out by hand (a JSON sample): long lines wrap at spaces, keeping their indent. */
  preformatted(text: string): string;
}

/**
 * The examples block of a command's help: each command on its own line after "$ ". One too long
 * for the width goes on over continued lines (" \\"), so it still runs when copied.
 */
export function examplesBlock(width: number, commands: readonly string[]): string {
  const lines = commands.flatMap((command) =>
    continued(command, width - 4).map((part, i) => (i === 0 ? `  $ ${part.text}` : part.flush ? part.text : `    ${part.text}`)),
  );
  return `\nExamples:\n${lines.join('\n')}\n`;
}

/**
 * Preformatted lines (a JSON sample) kept as they are where they fit. A longer one wraps at its
 * spaces, indented less where the screen is narrow, so no word is ever cut: in JSON a line break
 * between tokens changes nothing.
 */
export function preformattedBlock(width: number, text: string): string {
  const longest = Math.max(...text.split(/\s+/).map(visibleLength));
  const room = Math.max(0, width - longest);
  return text
    .split('\n')
    .flatMap((line) => {
      if (visibleLength(line) <= width) return [line];
      const indent = /^ */.exec(line)![0].length;
      return wrap(line.trimStart(), width, ' '.repeat(Math.min(indent, room)), ' '.repeat(Math.min(indent + 2, room)));
    })
    .join('\n');
}
