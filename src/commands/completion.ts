/** `back-relief completion bash|zsh`: a completion script built from the program and the content. */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { bashCompletion, zshCompletion, type CompletionSpec } from '../render/completion.js';
import { TOPICS } from './explain.js';

export function completionCommand(ctx: CommandContext, shell: 'bash' | 'zsh', program: Command): void {
  const ids = ctx.content(['stretches']).stretches.map((s) => s.id);
  const values: Record<string, string[]> = { '--format': ['md', 'json', 'html'], '--only': ids };
  const args: Record<string, string[]> = { stretches: ids, explain: Object.keys(TOPICS), completion: ['bash', 'zsh'] };
  const commands = program.commands.map((c) => {
    for (const o of c.options) if (o.long && o.argChoices) values[o.long] = [...o.argChoices];
    return {
      name: c.name(),
      description: c.description(),
      options: [...c.options.map((o) => o.long).filter((l): l is string => Boolean(l)), '--help'],
      args: args[c.name()] ?? [],
    };
  });
  const globals = program.options.map((o) => o.long).filter((l): l is string => Boolean(l));
  const spec: CompletionSpec = { commands, globals: [...globals, '--help'], values, files: ['--answers', '--output'], dirs: ['--data-dir'] };
  ctx.stdout.write(shell === 'bash' ? bashCompletion(spec) : zshCompletion(spec));
}
