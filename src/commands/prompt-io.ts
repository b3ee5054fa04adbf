/** What a command's questions need from its context: the terminal, the clock, and how to ask. */
import type { CommandContext } from '../context.js';
import type { PromptIo } from '../prompts/ask.js';

/** The questions are plain (numbered, answered on a line) wherever lines are not redrawn: --plain, TERM=dumb, LC_ALL=C. */
export function promptIo(ctx: CommandContext): PromptIo {
  // Inquirer pipes into its output, so it needs a real stream, not the direct writer of a piped stdout.
  const output = ctx.stdout.stream ? (ctx.stdout.stream() as unknown as typeof ctx.stdout) : ctx.stdout;
  return { input: ctx.stdin, output, now: ctx.now, platform: ctx.platform, plain: !ctx.mode.redraw, width: ctx.width };
}
