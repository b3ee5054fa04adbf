/**
 * File system errors in words a person can act on ("no such file or folder"), never bare codes.
 * Used by every message about a file: the journal, an answers file, an output file, content files.
 */
const WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ELOOP: 'it is a symbolic link, which is not followed for safety',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EIO: 'an input/output error',
  EBUSY: 'it is busy',
  ETXTBSY: 'it is busy',
  EAGAIN: 'it is busy',
  ENXIO: 'no such device',
  ENOTREGULAR: 'it is not a regular file',
  ETOOLARGE: 'it is far larger than such a file can be',
  EOPNOTSUPP: 'the file system does not support it',
  ENOTSUP: 'the file system does not support it',
};

/**
 * A problem found by looking at a file rather than reported by the system (not a regular file, owned
 * by someone else): a code for the program, and the words for the person.
 */
export class FsProblem extends Error {
  constructor(
    readonly code: string,
    readonly words: string,
  ) {
    super(words);
    this.name = 'FsProblem';
  }
}

export function describeFsError(error: unknown): string {
  // By its name, not instanceof: each lazy bundle has its own copy of this class (see src/errors.ts).
  if ((error as Error | null)?.name === 'FsProblem' && typeof (error as FsProblem).words === 'string') return (error as FsProblem).words;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && Object.hasOwn(WORDS, code)) return WORDS[code]!;
  return code ? `error ${code}` : error instanceof Error ? error.message : String(error);
}

/** What a file is, in words, when it is not a regular file ("a named pipe (FIFO)"). */
export function fileKind(stat: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSymbolicLink(): boolean }): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'something other than a file';
}

/** "0644" for a mode's permission bits. */
export const modeText = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
