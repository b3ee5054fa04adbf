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
  ENXIO: 'no such device',
  ENOTREGULAR: 'it is not a regular file',
};

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && Object.hasOwn(WORDS, code)) return WORDS[code]!;
  return code ? `error ${code}` : error instanceof Error ? error.message : String(error);
}
