/**
 * Checks the state folder before the journal is opened: it must be a folder (or a path where one can
 * be made), never a file, a dangling link or a system folder such as /proc. A bad path is the
 * person's setting, so it is a usage error (exit 2) naming the variable it came from. A folder with
 * looser permissions than 0700 is tightened.
 */
import { chmodSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { sanitizeLine } from '../render/sanitize.js';
import { describeFsError } from '../text/fs-errors.js';

/** Folders the kernel makes up: writing a journal there cannot work and may never return. */
const SYSTEM = ['/proc', '/sys', '/dev'];

export function checkStateDir(dir: string, variable: string, platform: NodeJS.Platform): void {
  const fail = (why: string): never => {
    throw new UsageError(`${variable} (${sanitizeLine(dir)}): ${why}. Set it to a folder you can write to.`);
  };
  if (platform === 'linux' && isUnder(realAncestor(dir), SYSTEM)) fail('is inside a system folder, where no journal can be kept');
  let path = dir;
  for (;;) {
    let stat;
    try {
      stat = lstatSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') fail('a part of the path is a file, not a folder');
      if (code !== 'ENOENT') fail(`cannot be checked (${describeFsError(error)})`);
      const parent = dirname(path);
      if (parent === path) return;
      path = parent;
      continue;
    }
    if (stat.isSymbolicLink()) {
      try {
        stat = statSync(path);
      } catch {
        fail(path === dir ? 'is a symbolic link to nothing' : `a part of the path, ${sanitizeLine(path)}, is a symbolic link to nothing`);
      }
    }
    if (!stat.isDirectory()) fail(path === dir ? 'is a file, not a folder' : `a part of the path, ${sanitizeLine(path)}, is a file, not a folder`);
    // The folder itself exists: keep it private.
    if (path === dir && (stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) chmodSync(dir, 0o700);
    return;
  }
}

/** The real path of the nearest ancestor that exists (symbolic links resolved). */
function realAncestor(dir: string): string {
  let path = dir;
  for (;;) {
    try {
      return realpathSync(path);
    } catch {
      const parent = dirname(path);
      if (parent === path) return path;
      path = parent;
    }
  }
}

function isUnder(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(`${root}${sep}`));
}
