/** An in-memory Environment for calling run() directly: captured output, a fixed clock. */
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Environment, InStream } from '../../src/context.js';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export interface Captured {
  env: Environment;
  stdout: () => string;
  stderr: () => string;
}

export function fakeEnv(overrides: Partial<Environment> & { vars?: Record<string, string | undefined>; tty?: boolean } = {}): Captured {
  let out = '';
  let err = '';
  const tty = overrides.tty ?? false;
  const stdin = new PassThrough() as unknown as InStream;
  stdin.isTTY = tty;
  const env: Environment = {
    env: { NO_COLOR: '1', ...overrides.vars },
    stdin,
    stdout: { write: (s: string) => (out += s), isTTY: tty, columns: 80 },
    stderr: { write: (s: string) => (err += s), isTTY: tty },
    now: () => new Date('2026-11-25T12:00:00Z'),
    builtinDataDir: DATA_DIR,
    cwd: process.cwd(),
    platform: 'linux',
    homedir: () => '/nonexistent-home',
    ...overrides,
  };
  return { env, stdout: () => out, stderr: () => err };
}
