/** The definition of `config`: the settings kept between runs. Its code loads only when it runs. */
import { Argument, type Command } from 'commander';
import type { Kit } from '../cli/kit.js';
import { SETTING_KEYS } from '../config/settings.js';

export function defineConfig({ program, ctx, define, examples, notes }: Kit): void {
  define('config', () => {
    const config = program
      .command('config')
      .description('keep settings between runs: country, bell, notify, clock, plain')
      .addHelpText(
        'after',
        () => `${examples('back-relief config list', 'back-relief config set country GB', 'back-relief config set clock 12h', 'back-relief config unset notify', 'back-relief config path')}
${notes(
  'A flag beats an environment variable (BACK_RELIEF_COUNTRY, BACK_RELIEF_BELL, BACK_RELIEF_NOTIFY, BACK_RELIEF_CLOCK, BACK_RELIEF_PLAIN), which beats the file. The file is $XDG_CONFIG_HOME/back-relief/config.json, else the platform\'s settings folder (back-relief config path). A broken file stops a command with exit 1, naming the key; config unset and config path still work, to repair it. The warning-sign screens (triage, check-in, red-flags, status and back-relief alone) never stop for it: they warn and keep its valid settings.',
)}`,
      );
    const key = () => new Argument('<key>', `one of: ${SETTING_KEYS.join(', ')}`);
    const run = async (self: Command, settingsFile: 'read' | 'ignore', action: (c: typeof import('./config.js'), context: Awaited<ReturnType<Kit['ctx']>>) => void | Promise<void>) => {
      const context = await ctx(self, settingsFile);
      await action(await import('./config.js'), context);
    };
    config
      .command('list')
      .description('every setting, its value and where it comes from')
      .action((_o: unknown, self: Command) => run(self, 'read', (c, context) => c.configList(context)));
    config
      .command('get')
      .description('the value in force for one setting')
      .addArgument(key())
      .action((k: string, _o: unknown, self: Command) => run(self, 'read', (c, context) => c.configGet(context, k)));
    config
      .command('set')
      .description('keep a value')
      .addArgument(key())
      .argument('<value>', 'true/false, 24h/12h, or a two-letter country code')
      .action((k: string, value: string, _o: unknown, self: Command) =>
        run(self, 'read', (c, context) => c.configSet(context, k, value)),
      );
    config
      .command('unset')
      .description('forget a value: back to the default (works on a broken file too)')
      .addArgument(new Argument('<key>', 'the setting to forget'))
      .action((k: string, _o: unknown, self: Command) => run(self, 'ignore', (c, context) => c.configUnset(context, k)));
    config
      .command('path')
      .description('where the settings file is (works on a broken file too)')
      .action((_o: unknown, self: Command) => run(self, 'ignore', (c, context) => c.configPathCommand(context)));
    return config;
  });
}
