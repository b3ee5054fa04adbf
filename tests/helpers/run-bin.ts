/** Runs the built binary as a user would, with colour off and a private state folder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin/back-relief.js');

export interface BinResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'back-relief-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function runBin(args: string[], options: { env?: Record<string, string | undefined>; input?: string } = {}): BinResult {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    BACK_RELIEF_HOME: options.env?.BACK_RELIEF_HOME ?? tempDir('back-relief-home-'),
    // Never the machine's own settings, and never a desktop notification unless a test asks.
    XDG_CONFIG_HOME: tempDir('back-relief-config-'),
    BACK_RELIEF_NOTIFY: '0',
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: env as NodeJS.ProcessEnv,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
