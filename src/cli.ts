/**
 * The command-line program: commander definitions with their help text, and `run()`, the one place
 * where errors become exit codes. Commands are thin functions in src/commands/.
 */
import { Command, CommanderError, Option } from 'commander';
import { CATEGORIES, type Category, type Kind } from './content/schema.js';
import { loadContent } from './content/load.js';
import type { CommandContext, Environment, GlobalOptions } from './context.js';
import { CancelledError, isExitError } from './errors.js';
import { outputWidth } from './render/layout.js';
import { colourEnabled, createStyle } from './render/style.js';
import { redFlags, remedies, sources, stretches } from './commands/listings.js';
import { overview } from './commands/overview.js';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

function makeContext(env: Environment, options: GlobalOptions): CommandContext {
  const stdoutColour = colourEnabled({ flag: options.color, env: env.env, isTTY: env.stdout.isTTY === true });
  const stderrColour = colourEnabled({ flag: options.color, env: env.env, isTTY: env.stderr.isTTY === true });
  const dataDir = options.dataDir ?? (env.env.BACK_RELIEF_DATA_DIR || undefined);
  const contentDirs = { builtin: env.builtinDataDir, extra: dataDir };
  return {
    options,
    env: env.env,
    // Getters: touching process.stdin creates a stream (about 1 ms), which most commands never need.
    get stdin() {
      return env.stdin;
    },
    stdout: env.stdout,
    stderr: env.stderr,
    now: env.now,
    cwd: env.cwd,
    style: createStyle(stdoutColour),
    errStyle: createStyle(stderrColour),
    width: outputWidth(env.stdout.isTTY ? env.stdout.columns : undefined),
    out: (text = '') => void env.stdout.write(`${text}\n`),
    err: (text) => void env.stderr.write(`${text}\n`),
    json: (value) => void env.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    get interactive() {
      return options.input && env.stdin.isTTY === true && env.stdout.isTTY === true;
    },
    content: <K extends Kind>(kinds: readonly K[]) => loadContent(kinds, contentDirs),
    contentDirs,
  };
}

export function buildProgram(env: Environment): Command {
  const program = new Command('back-relief');
  const ctx = (command: Command): CommandContext => {
    const o = command.optsWithGlobals<Partial<GlobalOptions>>();
    return makeContext(env, { json: o.json === true, color: o.color, input: o.input !== false, dataDir: o.dataDir });
  };
  const helpWidth = outputWidth(env.stdout.isTTY ? env.stdout.columns : undefined);

  program
    .description('Self-care for back spasms: warning-sign triage, ice and heat timers, stretches, a journal.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--json', 'machine-readable output on stdout')
    .option('--color', 'force colour on')
    .option('--no-color', 'force colour off (also NO_COLOR=1 or TERM=dumb)')
    .option('--no-input', 'never prompt; fail and name the flag to use instead')
    .option('--data-dir <dir>', 'extra content on top of the built-in files (also BACK_RELIEF_DATA_DIR)')
    .usage('[options] [command]')
    .argument('[command]')
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run back-relief --help for usage)')
    .configureOutput({
      writeOut: (s) => void env.stdout.write(s),
      writeErr: (s) => void env.stderr.write(s),
      getOutHelpWidth: () => helpWidth,
      getErrHelpWidth: () => helpWidth,
    })
    .addHelpText(
      'after',
      `${examples('back-relief triage', 'back-relief stretches glute-bridge', 'back-relief red-flags --json', 'back-relief remedies --category immediate')}
Not a diagnosis. Loss of bladder or bowel control, numbness around the groin,
or weakness in both legs: call emergency services now.`,
    )
    .action((command: string | undefined, _options: unknown, self: Command) => {
      // With no command, a short overview; anything else is a mistyped command.
      if (command !== undefined) (self as unknown as { unknownCommand(): never }).unknownCommand();
      overview(ctx(self), VERSION);
    });

  program
    .command('triage')
    .description('check the warning signs, then get a verdict and a plan for now')
    .option('--answers <file>', 'answer from a JSON file instead of prompts ("-" reads stdin)')
    .addHelpText(
      'after',
      `${examples('back-relief triage', 'back-relief triage --answers answers.json --json', 'cat answers.json | back-relief triage --answers -')}
The answers file (every red-flag id of back-relief red-flags --json is needed):
  { "onset": "2026-11-22T09:00:00Z" or null,
    "redFlags": { "bladder-bowel": false, "fever": false, ... },
    "painScore": 6, "triggers": ["lifting"] }
Exit code 0 whatever the verdict; 2 for a bad answers file.`,
    )
    .action(async (o: { answers?: string }, self: Command) => {
      // Loaded on use: the decision, the verdict and the prompts cost nothing to the other commands.
      const { triageCommand } = await import('./commands/triage.js');
      await triageCommand(ctx(self), o);
    });

  program
    .command('stretches')
    .description('list the stretches, or show one in full')
    .argument('[id]', 'a stretch id, such as glute-bridge')
    .addHelpText('after', examples('back-relief stretches', 'back-relief stretches cat-cow', 'back-relief stretches --json'))
    .action((id: string | undefined, _o: unknown, self: Command) => stretches(ctx(self), id));

  program
    .command('remedies')
    .description('what helps, when and how, with the strength of the evidence')
    .addOption(new Option('--category <category>', 'only one category').choices(CATEGORIES))
    .addHelpText('after', examples('back-relief remedies', 'back-relief remedies --category prevention'))
    .action((o: { category?: Category }, self: Command) => remedies(ctx(self), o.category));

  program
    .command('red-flags')
    .description('the warning signs that need a doctor, most serious first')
    .addHelpText('after', examples('back-relief red-flags', 'back-relief red-flags --json'))
    .action((_o: unknown, self: Command) => redFlags(ctx(self)));

  program
    .command('sources')
    .description('the references behind the content')
    .addHelpText('after', examples('back-relief sources', 'back-relief sources --json'))
    .action((_o: unknown, self: Command) => sources(ctx(self)));

  return program;
}

/** Runs one invocation and returns the exit code; never exits the process itself. */
export async function run(argv: readonly string[], env: Environment): Promise<number> {
  const program = buildProgram(env);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    return exitCodeFor(error, env);
  }
}

function exitCodeFor(error: unknown, env: Environment): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; every other commander error is a usage mistake it has reported.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    return 2;
  }
  const debug = env.env.BACK_RELIEF_DEBUG === '1';
  if (error instanceof CancelledError) {
    env.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  if (isExitError(error)) {
    env.stderr.write(`back-relief: ${error.message}\n`);
    if (debug && error.stack) env.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  env.stderr.write(`back-relief: unexpected error: ${message}\n`);
  env.stderr.write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'Run again with BACK_RELIEF_DEBUG=1 to see the details.\n');
  return 1;
}
