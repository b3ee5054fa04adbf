/**
 * The journal's files at the lowest level: opened without following a symbolic link and kept
 * private; appended in one write that is cut back if it fails part-way; read backwards in chunks.
 */
import { closeSync, constants, fchmodSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

const PRIVATE_FILE = 0o600;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const CHUNK = 1 << 20;
/** No record comes near this; a longer line is damage, kept in the quarantine by its first bytes. */
const MAX_LINE = 64 * 1024;

/** A line of a file: where it starts, its bytes, and its full length when the bytes were cut. */
export type Line = { offset: number; bytes: Buffer; length?: number };

/**
 * The file's complete lines, newest first, read in chunks from the end. A last line without its
 * newline may be a write still in progress in another process; it is judged once the next append
 * has ended it. A line longer than any record could be (a damaged file) comes back cut to its first
 * MAX_LINE bytes, so memory stays bounded; it can only be unreadable anyway.
 */
export function* linesBackwards(fd: number, chunkSize = CHUNK, maxLine = MAX_LINE): Generator<Line> {
  let position = fstatSync(fd).size;
  // The end of a line that began in an earlier chunk (empty when it was too long to keep), and how
  // many bytes of that line have been seen in all.
  let carry: Buffer = Buffer.alloc(0);
  let carried = 0;
  let first = true;
  while (position > 0) {
    const length = Math.min(chunkSize, position);
    position -= length;
    const chunk = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, chunk, read, length - read, position + read);
      if (n === 0) break;
      read += n;
    }
    const buffer = carry.length ? Buffer.concat([chunk.subarray(0, read), carry]) : chunk.subarray(0, read);
    // Bytes of the carried line that are not in `buffer` (dropped for being too long).
    let dropped = carried - carry.length;
    let lineEnd = buffer.length;
    if (first) {
      const last = buffer.lastIndexOf(0x0a);
      if (last === -1) continue; // not one newline yet: all of it is the unfinished last line
      lineEnd = last;
      dropped = 0;
      first = false;
    }
    for (;;) {
      const newline = lineEnd > 0 ? buffer.lastIndexOf(0x0a, lineEnd - 1) : -1;
      const start = newline + 1;
      const full = lineEnd - start + dropped;
      if (newline === -1 && position > 0) {
        // The line goes on in the chunk before: carry it, or only its length if it is too long.
        carried = full;
        carry = full > maxLine ? Buffer.alloc(0) : Buffer.from(buffer.subarray(0, lineEnd));
        break;
      }
      // A line too long to be a record: its first bytes, read afresh (its middle was not kept).
      const bytes = full > maxLine ? readAt(fd, position + start, maxLine) : buffer.subarray(start, lineEnd);
      yield { offset: position + start, bytes, ...(full > bytes.length ? { length: full } : {}) };
      dropped = 0;
      if (newline === -1) break;
      lineEnd = newline;
    }
    if (position === 0 || lineEnd === 0) {
      carry = Buffer.alloc(0);
      carried = 0;
    }
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  const n = readSync(fd, bytes, 0, length, position);
  return bytes.subarray(0, n);
}


/**
 * Opens a journal file without following a symbolic link in its place, and tightens a mode looser
 * than 0600 (a journal of your health is nobody else's business).
 */
export function openPrivate(file: string, flags: number): number {
  const fd = openSync(file, flags | NOFOLLOW, PRIVATE_FILE);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREGULAR' });
    if ((stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) fchmodSync(fd, PRIVATE_FILE);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

export function appendLines(file: string, lines: string[]): void {
  // Read and write: the last byte is read to see whether the file ends its last line.
  const fd = openPrivate(file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT);
  try {
    const size = fstatSync(fd).size;
    const needsNewline = size > 0 && lastByte(fd, size) !== 0x0a;
    const data = Buffer.from(`${needsNewline ? '\n' : ''}${lines.join('\n')}\n`, 'utf8');
    let written = 0;
    try {
      while (written < data.length) written += writeSync(fd, data, written);
      fdatasyncSync(fd);
    } catch (error) {
      // A write cut short (a full disk, a file size limit): take back what did get written, so the
      // file ends as it did before and the next append starts clean.
      if (written > 0) {
        const now = fstatSync(fd).size;
        ftruncateSync(fd, Math.max(0, now - written));
      }
      throw error;
    }
  } finally {
    closeSync(fd);
  }
}

function lastByte(fd: number, size: number): number {
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, size - 1);
  return one[0]!;
}
