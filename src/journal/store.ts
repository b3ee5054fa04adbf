/**
 * The journal file: appended one line per record, never rewritten. What makes it hard to lose:
 * - every append is a single write() on an O_APPEND descriptor, so two processes never interleave
 *   within a line, and it is flushed to disk before the command reports success;
 * - a file whose last line has no newline (a crash mid-write) gets one before the next record, so a
 *   damaged line never glues itself to a good one;
 * - a line that cannot be read is copied once, byte for byte, to journal.quarantine.jsonl and
 *   skipped; it is never removed from the journal.
 */
import { closeSync, constants, fchmodSync, fdatasyncSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseCleanJson } from '../render/sanitize.js';
import { JOURNAL_FILE, QUARANTINE_FILE } from './paths.js';
import { asRecord, type JournalRecord } from './records.js';

export interface ReadResult {
  records: JournalRecord[];
  /** Lines that could not be read, in all. */
  unreadable: number;
  /** Of those, the ones copied to the quarantine file by this read. */
  newlyQuarantined: number;
}

const PRIVATE_FILE = 0o600;

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

  /** Appends the records as one write. */
  append(records: readonly JournalRecord[]): void {
    if (records.length === 0) return;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    appendLines(this.file, records.map((r) => JSON.stringify(r)));
  }

  read(): ReadResult {
    let buffer: Buffer;
    try {
      buffer = readFileSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], unreadable: 0, newlyQuarantined: 0 };
      throw error;
    }
    const records: JournalRecord[] = [];
    const bad: { offset: number; bytes: Buffer }[] = [];
    let start = 0;
    while (start < buffer.length) {
      const end = buffer.indexOf(0x0a, start);
      // A last line without its newline may be a write still in progress in another process; it is
      // judged once the next append has ended it.
      if (end === -1) break;
      const bytes = buffer.subarray(start, end);
      const record = bytes.length === 0 ? undefined : parseLine(bytes);
      if (record === null) bad.push({ offset: start, bytes });
      else if (record) records.push(record);
      start = end + 1;
    }
    const newlyQuarantined = bad.length ? this.quarantine(bad) : 0;
    return { records, unreadable: bad.length, newlyQuarantined };
  }

  /** Copies lines not yet in the quarantine file to it; returns how many were new. */
  private quarantine(bad: { offset: number; bytes: Buffer }[]): number {
    const known = new Set<string>();
    try {
      for (const line of readFileSync(this.quarantineFile, 'utf8').split('\n')) {
        try {
          const entry = JSON.parse(line) as { offset?: unknown; base64?: unknown };
          known.add(`${entry.offset}:${entry.base64}`);
        } catch {
          // A damaged quarantine line only means that line may be copied again.
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const at = this.now().toISOString();
    const fresh = bad
      .map(({ offset, bytes }) => ({ offset, base64: bytes.toString('base64'), text: bytes.toString('utf8') }))
      .filter((entry) => !known.has(`${entry.offset}:${entry.base64}`))
      .map((entry) => JSON.stringify({ type: 'quarantined', at, from: JOURNAL_FILE, ...entry }));
    if (fresh.length) appendLines(this.quarantineFile, fresh);
    return fresh.length;
  }
}

function parseLine(bytes: Buffer): JournalRecord | null {
  try {
    return asRecord(parseCleanJson(bytes.toString('utf8')));
  } catch {
    return null;
  }
}

function appendLines(file: string, lines: string[]): void {
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, PRIVATE_FILE);
  try {
    const stat = fstatSync(fd);
    // A journal of your health is nobody else's business: tighten a looser mode.
    if ((stat.mode & 0o077) !== 0) fchmodSync(fd, PRIVATE_FILE);
    const needsNewline = stat.size > 0 && lastByte(file, stat.size) !== 0x0a;
    const data = Buffer.from(`${needsNewline ? '\n' : ''}${lines.join('\n')}\n`, 'utf8');
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written);
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function lastByte(file: string, size: number): number {
  const fd = openSync(file, 'r');
  try {
    const one = Buffer.alloc(1);
    readSync(fd, one, 0, 1, size - 1);
    return one[0]!;
  } finally {
    closeSync(fd);
  }
}
