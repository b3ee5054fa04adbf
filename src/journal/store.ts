/**
 * The journal file: appended one line per record, never rewritten. What makes it hard to lose:
 * - every append is a single write() on an O_APPEND descriptor, so two processes never interleave
 *   within a line, and it is flushed to disk before the command reports success; an append that
 *   fails part-way (a full disk) is cut back, so no torn line is left behind;
 * - a file whose last line has no newline (a crash mid-write) gets one before the next record, so a
 *   damaged line never glues itself to a good one;
 * - a line that cannot be read is copied once, byte for byte, to journal.quarantine.jsonl and
 *   skipped; it is never removed from the journal. A quarantine that cannot be written is a warning;
 * - the journal and the quarantine are opened without following a symbolic link, and a looser mode
 *   than 0600 is tightened whenever they are opened;
 * - reading walks the file backwards in chunks and keeps only what the caller needs, so memory stays
 *   bounded however long the journal has grown.
 */
import { closeSync, constants, fchmodSync, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { FileError } from '../errors.js';
import { parseCleanJson } from '../render/sanitize.js';
import { noteRecorded } from '../terminal/stops.js';
import { describeFsError } from '../text/fs-errors.js';
import { JOURNAL_FILE, QUARANTINE_FILE } from './paths.js';
import { asRecord, type JournalRecord } from './records.js';

export interface ReadResult {
  records: JournalRecord[];
  /** Lines that could not be read, in all. */
  unreadable: number;
  /** Of those, the ones copied to the quarantine file by this read. */
  newlyQuarantined: number;
  /** Why the quarantine could not be written, when it could not. */
  quarantineError?: string;
}

export interface ReadOptions {
  /**
   * Keep the lines recorded from this time on, and before it only the latest line of each kind a
   * command may need (the onset, the precautions, the last session of each kind, the last pain
   * score, routine, triage and check-in). Without it, every line is kept.
   */
  since?: number;
}

const PRIVATE_FILE = 0o600;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const CHUNK = 1 << 20;
/** Quarantined lines are written in batches, so a journal damaged throughout never fills memory. */
const QUARANTINE_BATCH = 1000;

/** A line of the file: where it starts, its bytes, and its full length when the bytes were cut. */
type Bad = { offset: number; bytes: Buffer; length?: number };
/** No record comes near this; a longer line is damage, kept in the quarantine by its first bytes. */
const MAX_LINE = 64 * 1024;

export class Journal {
  readonly file: string;
  readonly quarantineFile: string;

  constructor(
    readonly dir: string,
    private readonly now: () => Date,
  ) {
    this.file = join(dir, JOURNAL_FILE);
    this.quarantineFile = join(dir, QUARANTINE_FILE);
  }

  /** Appends the records as one write; on failure the file is as it was and the error says why. */
  append(records: readonly JournalRecord[]): void {
    if (records.length === 0) return;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      appendLines(this.file, records.map((r) => JSON.stringify(r)));
    } catch (error) {
      throw new FileError(`cannot record it in the journal ${this.file}: ${describeFsError(error)}.`);
    }
    noteRecorded(records.length);
  }

  /**
   * Checks that the journal can be appended to, before a session starts: a person should not ice
   * for 20 minutes to learn at the end that nothing could be kept.
   */
  checkAppendable(): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      closeSync(openPrivate(this.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT));
    } catch (error) {
      throw new FileError(`cannot write the journal ${this.file}: ${describeFsError(error)}. Nothing was started.`);
    }
  }

  read(options: ReadOptions = {}): ReadResult {
    this.resetQuarantineIndex();
    let fd: number;
    try {
      fd = openPrivate(this.file, constants.O_RDONLY);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], unreadable: 0, newlyQuarantined: 0 };
      throw new FileError(`cannot read the journal ${this.file}: ${describeFsError(error)}.`);
    }
    const kept: JournalRecord[] = [];
    const quarantine = new QuarantineBatches(this);
    let unreadable = 0;
    try {
      const keep = keeper(options.since);
      for (const line of linesBackwards(fd)) {
        const record = line.bytes.length === 0 ? undefined : line.length ? null : parseLine(line.bytes);
        if (record === null) {
          unreadable++;
          quarantine.add(line);
        } else if (record) {
          const verdict = keep(record);
          if (verdict !== 'skip') kept.push(record);
          if (verdict === 'done') break;
        }
      }
    } finally {
      closeSync(fd);
    }
    quarantine.flush();
    return {
      records: kept.reverse(),
      unreadable,
      newlyQuarantined: quarantine.written,
      ...(quarantine.error ? { quarantineError: quarantine.error } : {}),
    };
  }

  /** What the quarantine already holds, read once per read of the journal: offset and a digest. */
  private known: Set<string> | null = null;

  /** Copies lines not yet in the quarantine file to it; returns how many were new. */
  quarantine(bad: readonly Bad[]): number {
    this.known ??= quarantineIndex(this.quarantineFile);
    const at = this.now().toISOString();
    const fresh = [...bad]
      // In the journal's order (the read goes backwards).
      .sort((a, b) => a.offset - b.offset)
      .map(({ offset, bytes, length }) => ({ offset, base64: bytes.toString('base64'), text: bytes.toString('utf8'), ...(length ? { length, cut: true } : {}) }))
      .filter((entry) => !this.known!.has(quarantineKey(entry.offset, entry.base64)));
    if (fresh.length) appendLines(this.quarantineFile, fresh.map((entry) => JSON.stringify({ type: 'quarantined', at, from: JOURNAL_FILE, ...entry })));
    for (const entry of fresh) this.known.add(quarantineKey(entry.offset, entry.base64));
    return fresh.length;
  }

  /** Forgets the quarantine index (the next read loads it again). */
  private resetQuarantineIndex(): void {
    this.known = null;
  }
}

/** A short key for a quarantined line: where it was, and a digest of its bytes. */
function quarantineKey(offset: number, base64: string): string {
  return `${offset}:${createHash('sha1').update(base64).digest('base64').slice(0, 16)}`;
}

/** The keys of every entry in the quarantine file, read in chunks (none when there is no file). */
function quarantineIndex(file: string): Set<string> {
  const keys = new Set<string>();
  let fd: number;
  try {
    fd = openPrivate(file, constants.O_RDONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return keys;
    throw error;
  }
  try {
    for (const { bytes } of linesBackwards(fd)) {
      try {
        const entry = JSON.parse(bytes.toString('utf8')) as { offset?: unknown; base64?: unknown };
        if (typeof entry.offset === 'number' && typeof entry.base64 === 'string') keys.add(quarantineKey(entry.offset, entry.base64));
      } catch {
        // A damaged quarantine line only means that line may be copied again.
      }
    }
  } finally {
    closeSync(fd);
  }
  return keys;
}

/** Quarantine as the read goes, in batches; a failure to write it is remembered, not thrown. */
class QuarantineBatches {
  private batch: Bad[] = [];
  written = 0;
  error: string | undefined;

  constructor(private readonly journal: Journal) {}

  add(bad: Bad): void {
    // A copy: the line's chunk of the file is not kept alive for it.
    this.batch.push({ ...bad, bytes: Buffer.from(bad.bytes) });
    if (this.batch.length >= QUARANTINE_BATCH) this.flush();
  }

  flush(): void {
    if (this.batch.length === 0 || this.error) return;
    try {
      this.written += this.journal.quarantine(this.batch);
    } catch (error) {
      this.error = describeFsError(error);
    }
    this.batch = [];
  }
}

/** The kinds of line a command may need the latest of, however old. */
function latestKey(record: JournalRecord): string | null {
  switch (record.type) {
    case 'onset':
    case 'onset-cleared':
      return 'onset';
    case 'precautions':
      return 'precautions';
    case 'triage':
      // A triage that asked the precautions also answers them.
      return record.precautions ? 'precautions-triage' : 'triage';
    case 'session':
      return `session:${record.kind}`;
    case 'pain':
    case 'routine':
    case 'check-in':
      return record.type;
    default:
      return null;
  }
}
const LATEST_KEYS = ['onset', 'precautions', 'precautions-triage', 'triage', 'session:ice', 'session:heat', 'pain', 'routine', 'check-in'];

/**
 * Decides, newest line first, what to keep: everything from `since` on; before it, the latest of
 * each kind; 'done' once nothing older can matter.
 */
function keeper(since: number | undefined): (record: JournalRecord) => 'keep' | 'skip' | 'done' {
  if (since === undefined) return () => 'keep';
  const found = new Set<string>();
  return (record) => {
    const key = latestKey(record);
    if (Date.parse(record.at) >= since) {
      if (key) found.add(key);
      return 'keep';
    }
    if (!key || found.has(key)) return found.size === LATEST_KEYS.length ? 'done' : 'skip';
    found.add(key);
    return found.size === LATEST_KEYS.length ? 'done' : 'keep';
  };
}

/**
 * The file's complete lines, newest first, read in chunks from the end. A last line without its
 * newline may be a write still in progress in another process; it is judged once the next append
 * has ended it. A line longer than any record could be (a damaged file) comes back cut to its first
 * MAX_LINE bytes, so memory stays bounded; it can only be unreadable anyway.
 */
export function* linesBackwards(fd: number, chunkSize = CHUNK, maxLine = MAX_LINE): Generator<Bad> {
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

function parseLine(bytes: Buffer): JournalRecord | null {
  try {
    return asRecord(parseCleanJson(bytes.toString('utf8')));
  } catch {
    return null;
  }
}

/**
 * Opens a journal file without following a symbolic link in its place, and tightens a mode looser
 * than 0600 (a journal of your health is nobody else's business).
 */
function openPrivate(file: string, flags: number): number {
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

function appendLines(file: string, lines: string[]): void {
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
