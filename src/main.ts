/**
 * The program as the built entry runs it: wires the real process into run(). Bundled to dist/cli.cjs
 * and started by dist/main.js (src/entry.ts), which passes in `__entryUrl`, its own address.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { run } from './cli.js';
import { deliver, stopReceived } from './terminal/stops.js';

declare const __entryUrl: string;

export function main(argv: readonly string[]): Promise<number> {
  // Output that goes away is a stop like a signal: a reader closing the pipe early
  // (`back-relief sources | head -3`) ends a listing quietly and a timer as interrupted; a full disk
  // ends the run with one line saying so. After a stop, the output may well be gone: say nothing.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (stopReceived()) return;
    if (error.code === 'EPIPE') return deliver('output-closed');
    // The terminal itself is gone (its window closed before the hang-up signal arrived).
    if (error.code === 'EIO') return deliver('SIGHUP');
    deliver('output-failed', error);
  });
  // Messages that cannot be shown cannot be reported either.
  process.stderr.on('error', () => {});
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
