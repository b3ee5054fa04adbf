/**
 * The journal's files at the lowest level: opened without following a symbolic link, without
 * waiting on a named pipe, and kept private; appended in one write that is cut back if it fails
 * part-way; read backwards in chunks.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fchmodSync, fdatasyncSync, fstatSync, ftruncateSync, lstatSync, openSync, readSync, writeSync } from 'node:fs';
import { sanitizeLine } from '../render/sanitize.js';
import { describeFsError, FsProblem, fileKind } from '../text/fs-errors.js';
import { accessVerdict, foreignOpen, myName, ownerText, userName } from './privacy.js';

const PRIVATE_FILE = 0o600;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
/** Never wait: a named pipe in the journal's place would otherwise hang the command at open(). */
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const CHUNK = 1 << 20;
/**
 * The longest line the journal reads, newline included. The largest record the tool writes is a
 * triage of a --data-dir with 2,000 red flags of 60-character ids (about 400 kB); a longer line
 * is damage, seen only by its first bytes, so memory stays bounded. The appender refuses a line the
 * reader would not read back, so the tool never writes one.
 */
export const MAX_LINE = 1 << 20;

/**
 * A line of a file: where it starts, its bytes, and its full length when the bytes were cut. The
 * last line of a file that does not end with a newline is `unterminated`: a crash mid-write, a hand
 * edit, or a write still in progress in another process. Its bytes are a view of the chunk read,
 * made only when asked for (a journal of a million short bad lines never needs most of them).
 */
export class Line {
  private view: Buffer | undefined;

  constructor(
    readonly offset: number,
    private readonly buffer: Buffer,
    private readonly start: number,
    private readonly end: number,
    /** The line's full length, when `bytes` holds only its first bytes. */
    readonly length?: number,
    readonly unterminated?: true,
  ) {}

  /** The line without its newline; a view of the chunk, so copy it to keep it. */
  get bytes(): Buffer {
    return (this.view ??= this.buffer.subarray(this.start, this.end));
  }

  /** How many bytes `bytes` holds. */
  get size(): number {
    return this.end - this.start;
  }

  /** Whether its first character after blanks is "{": only such a line can hold a record. */
  mayBeObject(): boolean {
    for (let i = this.start; i < this.end; i++) {
      const c = this.buffer[i];
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return c === 0x7b;
    }
    return false;
  }
}

/**
 * The file's lines, newest first, read in chunks from the end. An unterminated last line comes
 * first, marked, so the caller can use it when it is whole and leave it alone when it is not. A
 * line longer than `maxLine` (a damaged file) comes back cut to its first `maxLine` bytes with its
 * full length, so memory stays bounded: a chunk and at most one line.
 */
export function* linesBackwards(fd: number, chunkSize = CHUNK, maxLine = MAX_LINE): Generator<Line> {
  const size = fstatSync(fd).size;
  const end = endOfLastLine(fd, size, chunkSize);
  if (end < size) {
    const length = size - end;
    const bytes = readAt(fd, end, Math.min(length, maxLine));
    yield new Line(end, bytes, 0, bytes.length, length > maxLine ? length : undefined, true);
  }
  let position = end;
  // The end of a line that began in an earlier chunk (empty when it was too long to keep), and how
  // many bytes of that line have been seen in all.
  let carry: Buffer = Buffer.alloc(0);
  let carried = 0;
  let first = true;
  while (position > 0) {
    const length = Math.min(chunkSize, position);
    position -= length;
    const chunk = readAt(fd, position, length);
    const buffer = carry.length ? Buffer.concat([chunk, carry]) : chunk;
    // Bytes of the carried line that are not in `buffer` (dropped for being too long).
    let dropped = carried - carry.length;
    // The first chunk ends with the newline of the last complete line.
    let lineEnd = first ? buffer.length - 1 : buffer.length;
    first = false;
    for (;;) {
      const newline = previousNewline(buffer, lineEnd);
      const start = newline + 1;
      const full = lineEnd - start + dropped;
      if (newline === -1 && position > 0) {
        // The line goes on in the chunk before: carry it, or only its length if it is too long.
        carried = full;
        carry = full > maxLine ? Buffer.alloc(0) : Buffer.from(buffer.subarray(0, lineEnd));
        break;
      }
      // A line too long to be a record: its first bytes, read afresh (its middle was not kept).
      if (full > maxLine) {
        const bytes = readAt(fd, position + start, maxLine);
        yield new Line(position + start, bytes, 0, bytes.length, full);
      } else yield new Line(position + start, buffer, start, lineEnd);
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

/**
 * The index of the last newline before `end`, or -1. Short lines (the usual case, and a journal
 * damaged with one-character lines) are scanned here; long ones by the native search.
 */
function previousNewline(buffer: Buffer, end: number): number {
  const stop = Math.max(0, end - 256);
  for (let i = end - 1; i >= stop; i--) if (buffer[i] === 0x0a) return i;
  return stop > 0 ? buffer.lastIndexOf(0x0a, stop - 1) : -1;
}

/** Where the last complete line ends (just past its newline); 0 when the file has no newline. */
function endOfLastLine(fd: number, size: number, chunkSize: number): number {
  let position = size;
  while (position > 0) {
    const length = Math.min(chunkSize, position);
    position -= length;
    const last = readAt(fd, position, length).lastIndexOf(0x0a);
    if (last !== -1) return position + last + 1;
  }
  return 0;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, bytes, read, length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return read < length ? bytes.subarray(0, read) : bytes;
}

/** The SHA-256 of a whole line, hex: read afresh from the file in chunks when it came back cut. */
export function lineDigest(fd: number, line: Line): string {
  const hash = createHash('sha256');
  if (line.length === undefined) return hash.update(line.bytes).digest('hex');
  for (let done = 0; done < line.length; ) {
    const piece = readAt(fd, line.offset + done, Math.min(CHUNK, line.length - done));
    if (piece.length === 0) break;
    hash.update(piece);
    done += piece.length;
  }
  return hash.digest('hex');
}

/** An opened journal file; `looseMode` when a read found it open to others and could not tighten it. */
export interface Opened {
  fd: number;
  looseMode?: number;
  /** Why the mode could not be tightened, in words. */
  looseWhy?: string;
}

/**
 * Opens a journal file without following a symbolic link in its place and without waiting on a
 * named pipe. It must be a regular file, and it is kept private: a looser mode than 0600 is
 * tightened, and one that belongs to someone else and lets others open it is refused. To write, a
 * mode that cannot be tightened is an error; to read, it is left as it is (a read-only mount) and
 * reported in `looseMode`, since reading changes nothing anyone could see.
 */
export function openPrivateFile(file: string, flags: number): Opened {
  const writing = (flags & (constants.O_WRONLY | constants.O_RDWR)) !== 0;
  let fd: number;
  try {
    fd = openSync(file, flags | NOFOLLOW | NONBLOCK, PRIVATE_FILE);
  } catch (error) {
    // Opening a named pipe or a socket to write without waiting fails with "no such device".
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENXIO' || code === 'EOPNOTSUPP') notRegular(file, error);
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FsProblem('ENOTREGULAR', `it is not a regular file but ${fileKind(stat)}`);
    const verdict = accessVerdict(stat, process.getuid?.());
    if (verdict === 'foreign-open') {
      const { why, todo } = foreignOpen('file', sanitizeLine(file), ownerText(stat.uid, userName(stat.uid)), stat.mode, myName());
      throw new FsProblem('EFOREIGN', `${why}. ${todo}`);
    }
    if (verdict === 'tighten') {
      try {
        fchmodSync(fd, PRIVATE_FILE);
      } catch (error) {
        if (writing) throw error;
        return { fd, looseMode: stat.mode & 0o777, looseWhy: describeFsError(error) };
      }
    }
    return { fd };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The descriptor of openPrivateFile, for callers that need nothing else. */
export function openPrivate(file: string, flags: number): number {
  return openPrivateFile(file, flags).fd;
}

/** Throws the "not a regular file" problem when `file` is there and is something else; else returns. */
function notRegular(file: string, cause: unknown): void {
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    throw cause;
  }
  if (!stat.isFile()) throw new FsProblem('ENOTREGULAR', `it is not a regular file but ${fileKind(stat)}`);
}

export function appendLines(file: string, lines: string[]): void {
  // Read and write: the last byte is read to see whether the file ends its last line.
  const fd = openPrivate(file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT);
  try {
    const size = fstatSync(fd).size;
    // A last line without its newline (a crash, a hand edit) is ended first, never cut: when it is
    // a whole record it is read like any other, and when it is not it stays apart from this one.
    const needsNewline = size > 0 && lastByte(fd, size) !== 0x0a;
    const data = Buffer.from(`${needsNewline ? '\n' : ''}${lines.join('\n')}\n`, 'utf8');
    let written = 0;
    try {
      while (written < data.length) written += writeSync(fd, data, written);
      fdatasyncSync(fd);
    } catch (error) {
      // A write cut short (a full disk, a file size limit): take back what did get written, so the
      // file ends as it did before (an unended last line included) and the next append starts
      // clean. Only when nobody else appended meanwhile: cutting back then would take their record
      // and leave part of ours; a torn line is the lesser harm (it is skipped and reported).
      if (written > 0 && fstatSync(fd).size === size + written) ftruncateSync(fd, size);
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
