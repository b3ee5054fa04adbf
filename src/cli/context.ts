/** The context a command's action receives, built once from the process and the global options. */
import { loadContent } from '../content/load.js';
import type { Kind } from '../content/schema.js';
import type { CommandContext, Environment, GlobalOptions } from '../context.js';
import { outputWidth } from '../render/layout.js';
import { sanitize } from '../render/sanitize.js';
import { colourEnabled, createStyle } from '../render/style.js';

export async function makeContext(env: Environment, options: GlobalOptions): Promise<CommandContext> {
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
