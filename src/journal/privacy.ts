/**
 * Who can see the journal. A folder or file of yours with a looser mode than the tool's is
 * tightened; one that belongs to someone else and lets others in is refused, because notes about
 * your health written there could be read by its owner or by anyone. The decision is pure; the
 * owner's name is looked up only to write the message.
 *
 * Root is treated like any user: a journal kept by root in a folder another user owns and leaves
 * open is just as readable by others, and root chmod-ing someone else's folder behind their back
 * would be a surprise. A folder of another user that only its owner can enter (0700) is fine for
 * root, as nobody else can read it.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { sanitizeLine } from '../render/sanitize.js';
import { modeText } from '../text/fs-errors.js';

export type Access = 'private' | 'tighten' | 'foreign-open';

/** What to do about a file or folder's owner and mode, for the user `me` (undefined: no owners, Windows). */
export function accessVerdict(stat: { uid: number; mode: number }, me: number | undefined): Access {
  if (me === undefined || (stat.mode & 0o077) === 0) return 'private';
  return stat.uid === me ? 'tighten' : 'foreign-open';
}

/** "another user (alice, uid 1000)", "root (uid 0)". */
export function ownerText(uid: number, name: string | undefined): string {
  if (uid === 0) return 'root (uid 0)';
  return name ? `another user (${name}, uid ${uid})` : `another user (uid ${uid})`;
}

/**
 * Why a file or folder of someone else's is refused ("it belongs to another user (alice, uid 1000)
 * and its mode 0666 lets others open it, so what you record there would not be private"), and what
 * to do about it.
 */
export function foreignOpen(kind: 'file' | 'folder', path: string, owner: string, mode: number, me: string): { why: string; todo: string } {
  const open = kind === 'folder' ? 'lets others in' : 'lets others open it';
  const fix = `chown ${me} ${path} && chmod ${kind === 'folder' ? '700' : '600'} ${path}`;
  return {
    why: `it belongs to ${owner} and its mode ${modeText(mode)} ${open}, so what you record there would not be private`,
    todo: `If it should be yours, make it yours and private (sudo ${fix}); if not, move it away or use a folder of your own`,
  };
}

/** The name of a user id from /etc/passwd, when there is one. */
export function userName(uid: number): string | undefined {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id === String(uid)) return sanitizeLine(name);
    }
  } catch {
    // No /etc/passwd (Windows, a sandbox): the uid alone says it.
  }
  return undefined;
}

/** The current user's name for a command to copy, or their uid. */
export function myName(): string {
  try {
    return sanitizeLine(userInfo().username);
  } catch {
    return String(process.getuid?.() ?? '');
  }
}
