/**
 * The command-line program: commander definitions with their help text, and `run()`, the one place
 * where errors become exit codes. Commands are thin functions in src/commands/.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { CATEGORIES, type Category, type Kind } from './content/schema.js';
import { loadContent } from './content/load.js';
import type { CommandContext, Environment, GlobalOptions } from './context.js';
import { isCancelled, isExitError } from './errors.js';
import { outputWidth, wrap } from './render/layout.js';
import { sanitize } from './render/sanitize.js';
import { colourEnabled, createStyle } from './render/style.js';
import { redFlags, remedies, sources, stretches } from './commands/listings.js';
import { overview } from './commands/overview.js';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

async function makeContext(env: Environment, options: GlobalOptions): Promise<CommandContext> {
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
    style: await createStyle(stdoutColour),
    errStyle: await createStyle(stderrColour),
    width: outputWidth(env.stdout.isTTY ? env.stdout.columns : undefined),
    out: (text = '') => void env.stdout.write(`${text}\n`),
    // Messages carry paths and names from the environment: never an escape sequence.
    err: (text) => void env.stderr.write(`${sanitize(text)}\n`),
    json: (value) => void env.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    get interactive() {
      return options.input && env.stdin.isTTY === true && env.stdout.isTTY === true;
    },
    content: <K extends Kind>(kinds: readonly K[]) => loadContent(kinds, contentDirs),
    contentDirs,
    platform: env.platform,
    homedir: env.homedir,
  };
}

export function buildProgram(env: Environment, argv: readonly string[] = []): Command {
  const program = new Command('back-relief');
  const ctx = (command: Command): Promise<CommandContext> => {
    const o = command.optsWithGlobals<Partial<GlobalOptions>>();
    return makeContext(env, { json: o.json === true, color: o.color, input: o.input !== false, dataDir: o.dataDir });
  };
  const helpWidth = outputWidth(env.stdout.isTTY ? env.stdout.columns : undefined);
  /** Prose under the help, each paragraph wrapped to the width (the examples above it never are). */
  const notes = (...paragraphs: string[]) => paragraphs.map((p) => wrap(p, helpWidth).join('\n')).join('\n');

  program
    .description('Self-care for adults with back spasms: warning-sign triage, ice and heat timers, stretches, a journal.')
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
      // Commander echoes what was typed ("unknown command '...'"): strip any escape sequence in it.
      writeOut: (s) => void env.stdout.write(sanitize(s)),
      writeErr: (s) => void env.stderr.write(sanitize(s)),
      getOutHelpWidth: () => helpWidth,
      getErrHelpWidth: () => helpWidth,
    })
    .addHelpText(
      'after',
      `${examples('back-relief triage', 'back-relief stretches glute-bridge', 'back-relief red-flags --json', 'back-relief remedies --category immediate')}
${notes(
  'For adults. Under 16 with back pain: see a doctor rather than use this tool.',
  'Not a diagnosis. Loss of bladder or bowel control, numbness around the groin, or weakness in both legs: call emergency services now.',
)}`,
    )
    .action(async (command: string | undefined, _options: unknown, self: Command) => {
      // With no command, a short overview; anything else is a mistyped command.
      if (command !== undefined) (self as unknown as { unknownCommand(): never }).unknownCommand();
      overview(await ctx(self), VERSION);
    });

  // Commands are registered here and defined only when needed: the one named on the command line, or
  // all of them for help, suggestions, the overview and completion. Defining them all costs about 2 ms
  // of start-up.
  const definitions = new Map<string, () => unknown>();
  const define = (name: string, definition: () => unknown) => void definitions.set(name, definition);

  define('triage', () =>
    program
      .command('triage')
      .description('check the warning signs, then get a verdict and a plan for now')
      .option('--answers <file>', 'answer from a JSON file instead of prompts ("-" reads stdin)')
      .option('--record', 'with --answers: record the verdict (and the onset) in the journal')
      .addHelpText(
        'after',
        `${examples('back-relief triage', 'back-relief triage --answers answers.json --json', 'cat answers.json | back-relief triage --answers -')}
The answers file (every red-flag id of back-relief red-flags --json is needed):
  { "onset": "2026-11-22T09:00:00Z" or null,
    "redFlags": { "bladder-bowel": false, "fever": false, ... },
    "painScore": 6, "triggers": ["lifting"],
    "precautions": { "skin-sensation": false, "circulation": false,
                     "broken-skin": false, "osteoporosis": false } }
painScore, triggers and precautions are optional; each key may appear once.
Exit code 0 whatever the verdict; 2 for a bad answers file.`,
      )
      .action(async (o: { answers?: string; record?: boolean }, self: Command) => {
        // Loaded on use: the decision, the verdict and the prompts cost nothing to the other commands.
        const { triageCommand } = await import('./commands/triage.js');
        await triageCommand(await ctx(self), o);
      }),
  );

  for (const mode of ['ice', 'heat', 'contrast'] as const) {
    const what = {
      ice: 'a timed ice session (20 minutes at most), with the skin break after it',
      heat: 'a timed heat session (20 minutes at most), with the skin break after it; fine from the first hour',
      contrast: 'alternating heat then ice, each for --duration, with a break between rounds',
    }[mode];
    define(mode, () =>
      program
        .command(mode)
        .description(what)
        .option('--duration <d>', 'how long each session lasts: 90s, 5m, 1m30s or minutes (default and most 20m)')
        .option('--rounds <n>', 'repeat, with a break between (default 1)')
        .option('--break <d>', 'the break between rounds (default and least 20m)')
        .option('--no-bell', 'no bell at the end')
        .option('--force', 'start even if the skin break has not ended, or a precaution holds it back (only if a doctor or pharmacist said it is safe)')
        .addHelpText(
          'after',
          `${examples(`back-relief ${mode}`, `back-relief ${mode} --duration 15m`, `back-relief ${mode} --rounds 3 --no-bell`)}
${notes('Keys: space or p pauses and resumes, q stops early, Ctrl+C stops. Without a terminal it prints a line a minute. Every session is recorded in the journal.')}`,
        )
        .action(async (o: { duration?: string; rounds?: string; break?: string; bell?: boolean; force?: boolean }, self: Command) => {
          const { timerCommand } = await import('./commands/timer.js');
          await timerCommand(await ctx(self), mode, o);
        }),
    );
  }

  const journal = () => import('./commands/journal.js');
  define('onset', () =>
    program
      .command('onset')
      .description('record when this episode started (now by default), or end it')
      .argument('[when...]', 'now, 2026-11-20T09:00, yesterday 18:00, 3 days ago, 5h ago, 90m ago')
      .option('--clear', 'end the current episode')
      .addHelpText('after', examples('back-relief onset', 'back-relief onset yesterday 18:00', 'back-relief onset 3 days ago', 'back-relief onset --clear'))
      .action(async (words: string[], o: { clear?: boolean }, self: Command) => (await journal()).onsetCommand(await ctx(self), words, o)),
  );

  define('pain', () =>
    program
      .command('pain')
      .description('record a pain score from 0 (none) to 10 (the worst)')
      .argument('<score>', 'a whole number from 0 to 10')
      .option('--note <text>', 'a short note to keep with it')
      .addHelpText('after', examples('back-relief pain 6', 'back-relief pain 3 --note "better after the walk"'))
      .action(async (score: string, o: { note?: string }, self: Command) => (await journal()).painCommand(await ctx(self), score, o)),
  );

  define('check-in', () =>
    program
      .command('check-in')
      .description('a short daily re-check: the emergency signs again, then a pain score')
      .option('--signs <answer>', 'without prompts: none, unsure, or emergency sign ids (comma-separated)')
      .option('--pain <score>', 'without prompts: a pain score from 0 to 10')
      .addHelpText('after', examples('back-relief check-in', 'back-relief check-in --signs none --pain 4'))
      .action(async (o: { signs?: string; pain?: string }, self: Command) => {
        const { checkInCommand } = await import('./commands/check-in.js');
        await checkInCommand(await ctx(self), o);
      }),
  );

  define('status', () =>
    program
      .command('status')
      .description('this episode at a glance: time since onset, ice or heat now, last session and pain')
      .addHelpText('after', examples('back-relief status', 'back-relief status --json'))
      .action(async (_o: unknown, self: Command) => (await journal()).statusCommand(await ctx(self))),
  );

  define('plan', () =>
    program
      .command('plan')
      .description('a dated day-by-day plan for this episode')
      .addHelpText('after', examples('back-relief plan', 'back-relief plan --json'))
      .action(async (_o: unknown, self: Command) => (await journal()).planCommand(await ctx(self))),
  );

  define('history', () =>
    program
      .command('history')
      .description('sessions, pain scores and check-ins, with a pain trend chart')
      .option('--days <n>', 'how many days back (default 30)')
      .addHelpText('after', examples('back-relief history', 'back-relief history --days 7', 'back-relief history --json'))
      .action(async (o: { days?: string }, self: Command) => (await journal()).historyCommand(await ctx(self), o)),
  );

  define('export', () =>
    program
      .command('export')
      .description('a summary of this episode to take to a clinician')
      .option('--format <format>', 'md (default) or json')
      .option('--output <file>', 'write to a file instead of stdout')
      .option('--force', 'replace the output file if it exists')
      .addHelpText('after', examples('back-relief export', 'back-relief export --output summary.md', 'back-relief export --format json --output summary.json --force'))
      .action(async (o: { format?: string; output?: string; force?: boolean }, self: Command) => (await journal()).exportCommand(await ctx(self), o)),
  );

  define('routine', () =>
    program
      .command('routine')
      .description('a guided stretch session: timed holds, paced breathing; stop if the pain gets worse')
      .option('--plan', 'print the steps and timings without running them')
      .addOption(new Option('--level <level>', 'gentle (default) or build: more breaths, longer holds, more glute bridges over sessions').choices(['gentle', 'build']))
      .option('--only <ids>', 'only these stretches, comma-separated')
      .option('--walk <minutes>', 'walk first, for this many minutes')
      .addHelpText(
        'after',
        `${examples('back-relief routine', 'back-relief routine --walk 5', 'back-relief routine --only cat-cow,childs-pose', 'back-relief routine --plan --json')}
${notes('Keys: Enter starts a stretch, s skips, q stops, h says the pain got worse (the routine ends with advice), space pauses, Ctrl+C quits. What was done is recorded in the journal.')}`,
      )
      .action(async (o: { plan?: boolean; level?: 'gentle' | 'build'; only?: string; walk?: string }, self: Command) => {
        const { routineCommand } = await import('./commands/routine.js');
        await routineCommand(await ctx(self), o);
      }),
  );

  define('explain', () =>
    program
      .command('explain')
      .description('how the tool decides and what it advises, with the sources')
      .argument('[topic]', 'red-flags, ice-or-heat, precautions, pain-relief, causes, doctor-visit, outlook, daily-life, journal or sources')
      .addHelpText('after', examples('back-relief explain', 'back-relief explain ice-or-heat', 'back-relief explain pain-relief'))
      .action(async (topic: string | undefined, _o: unknown, self: Command) => (await import('./commands/explain.js')).explainCommand(await ctx(self), topic)),
  );

  define('completion', () =>
    program
      .command('completion')
      .description('print a shell completion script (bash or zsh)')
      .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
      .addHelpText(
        'after',
        `${examples('back-relief completion bash > ~/.local/share/bash-completion/completions/back-relief', 'back-relief completion zsh > "${fpath[1]}/_back-relief"')}`,
      )
      .action(async (shell: 'bash' | 'zsh', _o: unknown, self: Command) => (await import('./commands/completion.js')).completionCommand(await ctx(self), shell, program)),
  );

  define('stretches', () =>
    program
      .command('stretches')
      .description('list the stretches, or show one in full')
      .argument('[id]', 'a stretch id, such as glute-bridge')
      .addHelpText('after', examples('back-relief stretches', 'back-relief stretches cat-cow', 'back-relief stretches --json'))
      .action(async (id: string | undefined, _o: unknown, self: Command) => stretches(await ctx(self), id)),
  );

  define('remedies', () =>
    program
      .command('remedies')
      .description('what helps, when and how, with the strength of the evidence')
      .addOption(new Option('--category <category>', 'only one category').choices(CATEGORIES))
      .addHelpText('after', examples('back-relief remedies', 'back-relief remedies --category prevention'))
      .action(async (o: { category?: Category }, self: Command) => remedies(await ctx(self), o.category)),
  );

  define('red-flags', () =>
    program
      .command('red-flags')
      .description('the warning signs that need a doctor, most serious first')
      .addHelpText('after', examples('back-relief red-flags', 'back-relief red-flags --json'))
      .action(async (_o: unknown, self: Command) => redFlags(await ctx(self))),
  );

  define('sources', () =>
    program
      .command('sources')
      .description('the references behind the content')
      .addHelpText('after', examples('back-relief sources', 'back-relief sources --json'))
      .action(async (_o: unknown, self: Command) => sources(await ctx(self))),
  );

  const wanted = invokedCommand(argv, definitions);
  for (const [name, definition] of definitions) {
    if (wanted === undefined || wanted === name) definition();
  }
  return program;
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
  // Every message is cleaned: it may quote a path, a variable or an answer, all from outside.
  if (isCancelled(error)) {
    env.stderr.write(`${sanitize(error.message)}\n`);
    return error.exitCode;
  }
  if (isExitError(error)) {
    env.stderr.write(`back-relief: ${sanitize(error.message)}\n`);
    if (debug && error.stack) env.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  env.stderr.write(`back-relief: unexpected error: ${sanitize(message)}\n`);
  env.stderr.write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'Run again with BACK_RELIEF_DEBUG=1 to see the details.\n');
  return 1;
}
