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
import { closeSync, constants, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { FileError } from '../errors.js';
import { parseCleanJson } from '../render/sanitize.js';
import { noteRecorded } from '../terminal/stops.js';
import { describeFsError } from '../text/fs-errors.js';
import { appendLines, linesBackwards, openPrivate, type Line as Bad } from './file.js';
import { JOURNAL_FILE, QUARANTINE_FILE } from './paths.js';
import { asRecord, lineKey, type JournalRecord } from './records.js';

export interface ReadResult {
  records: JournalRecord[];
  /** With keepRetracted: the lines among `records` that were taken back. */
  retracted?: Set<JournalRecord>;
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
  /** Keep only the last this many lines (what `undo` needs). */
  tail?: number;
  /**
   * Keep what was taken back (and the retraction lines), marked in `retracted`, for history. By
   * default they are left out, so no computation can count them.
   */
  keepRetracted?: boolean;
}

/** Quarantined lines are written in batches, so a journal damaged throughout never fills memory. */
const QUARANTINE_BATCH = 1000;


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
    // Retractions come after what they take back: reading backwards, they are met first.
    const takenBack = new Set<string>();
    const retracted = new Set<JournalRecord>();
    try {
      const keep = keeper(options.since);
      let lines = 0;
      for (const line of linesBackwards(fd)) {
        if (options.tail !== undefined && lines++ >= options.tail) break;
        const record = line.bytes.length === 0 ? undefined : line.length ? null : parseLine(line.bytes);
        if (record === null) {
          unreadable++;
          quarantine.add(line);
          continue;
        }
        if (!record) continue;
        if (record.type === 'retraction') {
          for (const type of record.retracts.types) takenBack.add(lineKey(record.retracts.at, type));
          if (options.keepRetracted) kept.push(record);
          continue;
        }
        if (takenBack.has(lineKey(record.at, record.type))) {
          if (options.keepRetracted) {
            kept.push(record);
            retracted.add(record);
          }
          continue;
        }
        const verdict = keep(record);
        if (verdict !== 'skip') kept.push(record);
        if (verdict === 'done') break;
      }
    } finally {
      closeSync(fd);
    }
    quarantine.flush();
    return {
      records: kept.reverse(),
      ...(options.keepRetracted ? { retracted } : {}),
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

function parseLine(bytes: Buffer): JournalRecord | null {
  try {
    return asRecord(parseCleanJson(bytes.toString('utf8')));
  } catch {
    return null;
  }
}

