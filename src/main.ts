/** The process entry: wires the real process into run() and sets the exit code. */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { run } from './cli.js';

// A reader that closes the pipe early (`back-relief sources | head -3`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
  builtinDataDir: fileURLToPath(new URL('../data/', import.meta.url)),
  cwd: process.cwd(),
  platform: process.platform,
  // node:os is loaded only by the commands that need the home folder (the journal's).
  homedir: () => (createRequire(import.meta.url)('node:os') as typeof import('node:os')).homedir(),
});
