/** The process entry: wires the real process into run() and sets the exit code. */
import { homedir } from 'node:os';
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
  homedir,
});
