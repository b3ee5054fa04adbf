/**
 * Reading a file a person named (an answers file, a --data-dir file): only a regular file, and only
 * up to a size that such a file could have. /dev/zero, a 4 GB file or a FIFO is refused before it is
 * read, so nothing can exhaust memory or wait forever. The FIFO is opened without blocking, so even
 * the check cannot hang.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isAbsolute } from 'node:path';

export class FileTooLarge extends Error {
  readonly code = 'ETOOLARGE';
}

const CHUNK = 64 * 1024;

/** The file's text (UTF-8), or an error with a `code`: ENOTREGULAR, ETOOLARGE or the system's. */
export function readCappedFile(path: string, maxBytes: number): string {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTREGULAR' });
    if (stat.size > maxBytes) throw new FileTooLarge(`${path} is larger than ${maxBytes} bytes`);
    // Read to the end, never past the cap: the size seen above may change while reading.
    const chunks: Buffer[] = [];
    let total = 0;
    // One read of the size the file says it has (and one more to see the end), then chunks.
    let size = Math.min(maxBytes + 1, stat.size + 1);
    for (;;) {
      const chunk = Buffer.allocUnsafe(size);
      const n = readSync(fd, chunk, 0, size, null);
      // A short read is almost always the end: check that with a tiny read, not a 64 kB buffer.
      size = n < size && size !== 1 ? 1 : CHUNK;
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new FileTooLarge(`${path} is larger than ${maxBytes} bytes`);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** "1 MB", "5 MB": a size limit in words. */
export function sizeWords(bytes: number): string {
  return bytes >= 1_000_000 ? `${Math.round(bytes / 1_000_000)} MB` : `${Math.round(bytes / 1000)} kB`;
}

/**
 * Why a path a person gave cannot be used at all: it is relative, and the folder it is relative to
 * has been deleted (or moved) since the command started (`cwd` null, see src/main.ts). Null when it
 * can be used.
 */
export function relativeWithoutFolder(path: string, cwd: string | null): string | null {
  return cwd === null && !isAbsolute(path)
    ? 'it is a relative path, but the current folder no longer exists (it was deleted or moved); give a full path, or cd to a folder that exists'
    : null;
}
