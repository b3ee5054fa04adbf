/**
 * What a command's definition needs from the program: the program itself, a way to build the
 * context for its action, and the help helpers. Each group of commands defines itself in a
 * `*.cli.ts` file beside its code (src/commands/), registered here without being loaded.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';

export interface Kit {
  program: Command;
  /** The context for an action: the global options parsed, the streams, the content. */
  ctx(self: Command): Promise<CommandContext>;
  /**
   * Registers a command. It is defined only when needed: the one named on the command line, or all
   * of them for help, suggestions and completion (defining them all costs about 2 ms of start-up).
   */
  define(name: string, definition: () => Command): void;
  /** Prose under a command's help, each paragraph wrapped to the width (examples never are). */
  notes(...paragraphs: string[]): string;
}

/** The examples block of a command's help: each a command line, never wrapped. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
