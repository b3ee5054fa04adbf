/**
 * The definitions of the commands that show the content (stretches, remedies, red-flags, sources)
 * and explain it (explain, completion). The listings are in the main bundle: they are the commands
 * people start most, and they load nothing else.
 */
import { Argument, Option, type Command } from 'commander';
import type { Kit } from '../cli/kit.js';
import { CATEGORIES, type Category } from '../content/schema.js';
import { redFlags, remedies, sources, stretches } from './listings.js';

export function defineListings({ program, ctx, define, examples }: Kit): void {
  define('explain', () =>
    program
      .command('explain')
      .description('how the tool decides and what it advises, with the sources')
      .argument('[topic]', 'red-flags, ice-or-heat, precautions, pain-relief, causes, doctor-visit, outlook, daily-life, journal or sources')
      .addHelpText('after', () => examples('back-relief explain', 'back-relief explain ice-or-heat', 'back-relief explain pain-relief'))
      .action(async (topic: string | undefined, _o: unknown, self: Command) => (await import('./explain.js')).explainCommand(await ctx(self), topic)),
  );

  define('completion', () =>
    program
      .command('completion')
      .description('print a shell completion script (bash or zsh)')
      .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
      .addHelpText(
        'after',
        () => `${examples('back-relief completion bash > ~/.local/share/bash-completion/completions/back-relief', 'back-relief completion zsh > "${fpath[1]}/_back-relief"')}`,
      )
      .action(async (shell: 'bash' | 'zsh', _o: unknown, self: Command) => (await import('./completion.js')).completionCommand(await ctx(self), shell, program)),
  );

  define('stretches', () =>
    program
      .command('stretches')
      .description('list the stretches, or show one in full')
      .argument('[id]', 'a stretch id, such as glute-bridge')
      .addHelpText('after', () => examples('back-relief stretches', 'back-relief stretches cat-cow', 'back-relief stretches --json'))
      .action(async (id: string | undefined, _o: unknown, self: Command) => stretches(await ctx(self), id)),
  );

  define('remedies', () =>
    program
      .command('remedies')
      .description('what helps, when and how, with the strength of the evidence')
      .addOption(new Option('--category <category>', 'only one category').choices(CATEGORIES))
      .addHelpText('after', () => examples('back-relief remedies', 'back-relief remedies --category prevention'))
      .action(async (o: { category?: Category }, self: Command) => remedies(await ctx(self), o.category)),
  );

  define('red-flags', () =>
    program
      .command('red-flags')
      .description('the warning signs that need a doctor, most serious first')
      .addHelpText('after', () => examples('back-relief red-flags', 'back-relief red-flags --json'))
      .action(async (_o: unknown, self: Command) => redFlags(await ctx(self, 'safety'))),
  );

  define('sources', () =>
    program
      .command('sources')
      .description('the references behind the content')
      .addHelpText('after', () => examples('back-relief sources', 'back-relief sources --json'))
      .action(async (_o: unknown, self: Command) => sources(await ctx(self))),
  );
}
