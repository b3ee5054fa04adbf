/**
 * Long output through a pager, the way git does it: $PAGER, else `less -FRX` where it is installed
 * (-F leaves at once when the text fits one screen, -R keeps the colours, -X leaves the text on the
 * screen afterwards). Never when the output is not a terminal, when the text fits the screen, with
 * --no-pager, with --plain (a screen reader reads a stream more easily than a pager), or when
 * $PAGER is empty or "cat".
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { onStop } from './stops.js';

export interface PagerContext {
  env: Record<string, string | undefined>;
  stdout: { isTTY?: boolean | undefined; rows?: number | undefined; write(text: string): unknown };
  /** --no-pager given, or --plain: print as it is. */
  noPager: boolean;
}

/** The command to page with, or null for none. */
export function pagerCommand(env: Record<string, string | undefined>): string | null {
  const chosen = env.PAGER;
  if (chosen !== undefined) return chosen.trim() === '' || chosen.trim() === 'cat' ? null : chosen;
  return onPath('less', env.PATH) ? 'less' : null;
}

function onPath(program: string, path: string | undefined): boolean {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** Whether a text of this many lines goes through the pager. */
export function wantsPager(ctx: PagerContext, lines: number): boolean {
  if (ctx.noPager || ctx.stdout.isTTY !== true) return false;
  const rows = ctx.stdout.rows ?? 24;
  return lines > rows - 1 && pagerCommand(ctx.env) !== null;
}

/**
 * Prints `text` (laid out already, ending without a newline) through the pager, or straight out when
 * there is none or it cannot start. Ctrl+C belongs to the pager while it runs, as in git.
 */
export async function page(ctx: PagerContext, text: string): Promise<void> {
  const command = pagerCommand(ctx.env);
  if (!wantsPager(ctx, text.split('\n').length) || command === null) {
    ctx.stdout.write(`${text}\n`);
    return;
  }
  // less reads its options from $LESS; git's defaults where the person has set none.
  const env = { ...ctx.env, LESS: ctx.env.LESS ?? 'FRX', LV: ctx.env.LV ?? '-c' };
  const started = await new Promise<boolean>((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env: env as NodeJS.ProcessEnv });
    const offStop = onStop((stop) => {
      if (stop !== 'SIGINT') child.kill(stop === 'SIGHUP' ? 'SIGHUP' : 'SIGTERM');
    });
    child.on('error', () => {
      offStop();
      resolve(false);
    });
    // 127: the shell could not find the pager; the text has not been shown.
    child.on('close', (code) => {
      offStop();
      resolve(code !== 127);
    });
    // The person may quit before reading it all: the pipe closing then is not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(`${text}\n`);
  });
  if (!started) ctx.stdout.write(`${text}\n`);
}
