/**
 * The program as the built entry runs it: wires the real process into run(). Bundled to dist/cli.cjs
 * and started by dist/main.js (src/entry.ts), which passes in `__entryUrl`, its own address.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { run } from './cli.js';

declare const __entryUrl: string;

export function main(argv: readonly string[]): Promise<number> {
  // A reader that closes the pipe early (`back-relief sources | head -3`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return run(argv, {
    env: process.env,
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date(),
    builtinDataDir: fileURLToPath(new URL('../data/', __entryUrl)),
    cwd: process.cwd(),
    platform: process.platform,
    // node:os is loaded only by the commands that need the home folder (the journal's).
    homedir: () => (createRequire(__entryUrl)('node:os') as typeof import('node:os')).homedir(),
  });
}
