/**
 * The command-line program: the global options, the wiring of the commands (each group defines
 * itself in src/commands/*.cli.ts), and `run()`, the one place where errors become exit codes.
 */
import { Command, CommanderError, Help } from 'commander';
import { makeContext, type SettingsFileUse } from './cli/context.js';
import { examplesBlock, preformattedBlock, type Kit } from './cli/kit.js';
import { defineConfig } from './commands/config.cli.js';
import { defineJournal } from './commands/journal.cli.js';
import { defineListings } from './commands/listings.cli.js';
import { defineTimers } from './commands/timer.cli.js';
import { defineAssessments } from './commands/triage.cli.js';
import type { CommandContext, Environment, GlobalOptions } from './context.js';
import { isCancelled, isExitError } from './errors.js';
import { fitLines, messageWidth, streamWidth, wrap } from './render/layout.js';
import { sanitize } from './render/sanitize.js';
import { configPath, readConfig } from './config/file.js';
import { resolveSettings } from './config/resolve.js';
import { loadContent } from './content/load.js';
import { emergencyContact, emergencyNumberWords, type EmergencyContact } from './render/emergency.js';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export function buildProgram(env: Environment, argv: readonly string[] = []): Command {
  const program = new Command('back-relief');
  const ctx = (command: Command, settingsFile: SettingsFileUse = 'read'): Promise<CommandContext> => {
    const o = command.optsWithGlobals<Partial<GlobalOptions>>();
    return makeContext(env, { json: o.json === true, color: o.color, input: o.input !== false, dataDir: o.dataDir, plain: o.plain }, settingsFile);
  };
  const helpWidth = streamWidth(env.stdout, env.env);
  /** Prose under the help, each paragraph wrapped to the width. */
  const notes = (...paragraphs: string[]) => paragraphs.map((p) => wrap(p, helpWidth).join('\n')).join('\n');
  const examples = (...commands: string[]) => examplesBlock(helpWidth, commands);

  program
    .description('Self-care for adults with back spasms: warning-sign triage, ice and heat timers, stretches, a journal.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--json', 'machine-readable output on stdout')
    .option('--color', 'force colour on')
    .option('--no-color', 'force colour off (also NO_COLOR=1 or TERM=dumb)')
    .option('--no-input', 'never prompt; fail and name the flag to use instead')
    .option('--plain', 'words only, for screen readers and logs: no redrawn lines, boxes or bars (also BACK_RELIEF_PLAIN=1)')
    .option('--no-plain', 'the usual output, whatever BACK_RELIEF_PLAIN or the settings say')
    .option('--data-dir <dir>', 'extra content on top of the built-in files (also BACK_RELIEF_DATA_DIR)')
    .usage('[options] [command]')
    .argument('[command]')
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError('(see: back-relief --help)')
    .helpCommand('help [command]', 'show help for a command, like --help')
    .configureOutput({
      // Commander echoes what was typed ("unknown command '...'"): strip any escape sequence in it.
      writeOut: (s) => void env.stdout.write(sanitize(s)),
      writeErr: (s) => void env.stderr.write(fitLines(sanitize(s), messageWidth(env.stderr, env.env))),
      // One style for every error: "back-relief: ...", as the tool's own errors are written.
      outputError: (s, write) => write(s.replace(/^error: /, 'back-relief: ')),
      getOutHelpWidth: () => helpWidth,
      getErrHelpWidth: () => helpWidth,
    })
    .configureHelp(helpLayout(helpWidth))
    // A function: the emergency number is looked up only when the help is shown.
    .addHelpText(
      'after',
      () => `${examples('back-relief triage', 'back-relief stretches glute-bridge', 'back-relief red-flags --json', 'back-relief remedies --category immediate')}
${notes(
  'For adults. Under 16 with back pain: see a doctor rather than use this tool.',
  `Not a diagnosis. Loss of bladder or bowel control, numbness around the groin, or weakness in both legs: call ${emergencyNumberWords(emergencyForHelp(env))} now.`,
)}`,
    )
    .action(async (command: string | undefined, _options: unknown, self: Command) => {
      // With no command, a short overview; anything else is a mistyped command.
      if (command !== undefined) (self as unknown as { unknownCommand(): never }).unknownCommand();
      // Loaded on use: with an episode recorded it reads the journal.
      (await import('./commands/overview.js')).overviewCommand(await ctx(self, 'safety'), VERSION);
    });

  // Each command is defined only when it is needed (see Kit.define); its definition lives beside its
  // code in src/commands/*.cli.ts.
  const definitions = new Map<string, () => unknown>();
  const kit: Kit = {
    program,
    ctx,
    notes,
    examples,
    preformatted: (text) => preformattedBlock(helpWidth, text),
    // Every error of a command points to that command's own help.
    define: (name, definition) => void definitions.set(name, () => definition().showHelpAfterError(`(see: back-relief ${name} --help)`)),
  };
  defineAssessments(kit);
  defineTimers(kit);
  defineJournal(kit);
  defineListings(kit);
  defineConfig(kit);

  const wanted = invokedCommand(argv, definitions);
  for (const [name, definition] of definitions) {
    if (wanted === undefined || wanted === name) definition();
  }
  return program;
}

/**
 * The emergency number for the help, from the settings and the locale as for any command; the
 * generic words when anything is missing or broken (the help itself must always show).
 */
function emergencyForHelp(env: Environment): EmergencyContact | null {
  try {
    const path = configPath({ env: env.env, platform: env.platform, homedir: env.homedir });
    const { values } = resolveSettings(readConfig(path), env.env, {}, env.platform, () => Intl.DateTimeFormat().resolvedOptions().locale);
    if (!values.country) return null;
    return emergencyContact(loadContent(['emergency-numbers'], { builtin: env.builtinDataDir })['emergency-numbers'], values.country);
  } catch {
    return null;
  }
}

/**
 * Commander's help laid out by our own wrapping, at any width: an option's description beside it
 * where there is room, under it where the screen is narrow; the usage line wrapped like prose; a
 * command in a description never split.
 */
function helpLayout(width: number): Partial<Help> {
  return {
    boxWrap: (text: string, room: number) => wrap(text, room).join('\n'),
    formatItem(term: string, termWidth: number, description: string, helper: Help): string {
      const terms = wrap(term, width, '  ', '    ');
      if (!description) return terms.join('\n');
      const beside = width - termWidth - 4;
      if (beside >= 24 && terms.length === 1) {
        return wrap(description, width, `  ${term.padEnd(termWidth + term.length - helper.displayWidth(term))}  `, ' '.repeat(termWidth + 4)).join('\n');
      }
      return [...terms, ...wrap(description, width, '      ')].join('\n');
    },
    formatHelp(command: Command, helper: Help): string {
      const text = Help.prototype.formatHelp.call(helper, command, helper);
      return text
        .split('\n')
        .flatMap((line) => (helper.displayWidth(line) <= width ? [line] : wrap(line, width, '', '  ')))
        .join('\n');
    },
  };
}

/**
 * The command named on the command line, if it is one of ours; undefined means "define them all".
 * completion describes every command, so it needs them all too.
 */
export function invokedCommand(argv: readonly string[], known: ReadonlyMap<string, unknown>): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (arg === '--data-dir') {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return known.has(arg) && arg !== 'completion' ? arg : undefined;
  }
  return undefined;
}

/** Runs one invocation and returns the exit code; never exits the process itself. */
export async function run(argv: readonly string[], env: Environment): Promise<number> {
  const program = buildProgram(env, argv);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    const command = program.commands.find((c) => argv.includes(c.name()))?.name();
    return exitCodeFor(error, env, command);
  }
}

function exitCodeFor(error: unknown, env: Environment, command: string | undefined): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; every other commander error is a usage mistake it has reported.
    // `help [command]` ends with 'commander.help': 0 when it was asked for, else a usage mistake
    // (`help bogus`, `config` without its subcommand), which is 2 like every other.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
    return 2;
  }
  const debug = env.env.BACK_RELIEF_DEBUG === '1';
  // Every message is cleaned (it may quote a path, a variable or an answer, all from outside) and
  // fitted to the width.
  const say = (text: string) => void env.stderr.write(`${fitLines(sanitize(text), messageWidth(env.stderr, env.env))}\n`);
  if (isCancelled(error)) {
    say(error.message);
    return error.exitCode;
  }
  if (isExitError(error)) {
    say(`back-relief: ${error.message}`);
    // A usage mistake points to the command's own help, as commander's own errors do.
    if (error.exitCode === 2) say(`(see: back-relief ${command ? `${command} ` : ''}--help)`);
    if (debug && error.stack) env.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`back-relief: unexpected error: ${message}`);
  env.stderr.write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'Run again with BACK_RELIEF_DEBUG=1 to see the details.\n');
  return 1;
}
