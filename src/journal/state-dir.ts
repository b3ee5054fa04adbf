/**
 * Checks the state folder before the journal is opened: it must be a folder (or a path where one can
 * be made), never a file, a dangling link or a system folder such as /proc. A bad path is the
 * person's setting, so it is a usage error (exit 2) naming the variable it came from. A folder of
 * yours with looser permissions than 0700 is tightened when it can be (on a read-only file system
 * it is left as it is: reading needs nothing changed, and a write fails later, in words); a folder
 * of someone else's that lets others in is refused, as the journal there would not be private.
 */
import { chmodSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { sanitizeLine } from '../render/sanitize.js';
import { describeFsError } from '../text/fs-errors.js';
import { accessVerdict, foreignOpen, myName, ownerText, userName } from './privacy.js';

/** Why a path cannot be looked at, in words that fit a state folder (pure). */
export function uncheckableWords(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'EACCES':
      return 'cannot be checked: permission denied on one of the folders above it';
    case 'ELOOP':
      return 'cannot be checked: its path goes round a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'cannot be checked: the path or one of its names is too long';
    default:
      return `cannot be checked (${describeFsError(error)})`;
  }
}

/** Folders the kernel makes up: writing a journal there cannot work and may never return. */
const SYSTEM = ['/proc', '/sys', '/dev'];

export function checkStateDir(dir: string, variable: string, platform: NodeJS.Platform): void {
  const fail = (why: string, todo = 'Set it to a folder you can write to.'): never => {
    throw new UsageError(`${variable} (${sanitizeLine(dir)}): ${why}. ${todo}`);
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
      if (code !== 'ENOENT') fail(uncheckableWords(code, error));
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
    if (path !== dir) return;
    // The folder itself exists: keep it private.
    const verdict = accessVerdict(stat, process.getuid?.());
    if (verdict === 'foreign-open') {
      const { why, todo } = foreignOpen('folder', sanitizeLine(dir), ownerText(stat.uid, userName(stat.uid)), stat.mode, myName());
      fail(why.replace(/^it /, ''), `${todo.replace('use a folder of your own', `set ${variable} to a folder of your own`)}.`);
    }
    if (verdict === 'tighten') {
      try {
        chmodSync(dir, 0o700);
      } catch {
        // A read-only file system (or a folder we may not change): reading still works, and a
        // command that writes fails at the write, saying why.
      }
    }
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
