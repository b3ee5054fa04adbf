/**
 * The journal file: appended one line per record, never rewritten. What makes it hard to lose:
 * - every append is a single write() on an O_APPEND descriptor, so two processes never interleave
 *   within a line, and it is flushed to disk before the command reports success; an append that
 *   fails part-way (a full disk) is cut back, so no torn line is left behind;
 * - an append is refused, before anything is written, when its line would not be read back (too
 *   long, or not a well-formed record), so what the tool writes is never quarantined later;
 * - a file whose last line has no newline (a crash mid-write, a hand edit) gets one before the next
 *   record, so a damaged line never glues itself to a good one; until then that line is read when
 *   it is a whole record, and left alone when it is not (it may be a write still in progress);
 * - a line that cannot be read is skipped and reported once: it is never removed from the journal,
 *   and the first QUARANTINE_MAX such lines are copied to journal.quarantine.jsonl, each entry
 *   bounded (the line's first bytes, its length and its SHA-256) and keyed by its offset and
 *   digest, so the copy stays small and cheap to read however damaged the journal is. Lines beyond
 *   that are counted and recorded as a range, so they are not reported again. A quarantine that
 *   cannot be written is a warning;
 * - the journal and the quarantine are opened without following a symbolic link and without
 *   waiting on a named pipe; a looser mode than 0600 is tightened (on a read, only when it can be);
 * - reading walks the file backwards in chunks and keeps only what the caller needs, so memory stays
 *   bounded however long the journal has grown.
 */
import { closeSync, constants, fstatSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { FileError } from '../errors.js';
import { parseCleanJson, sanitizeLine } from '../render/sanitize.js';
import { noteRecorded } from '../terminal/stops.js';
import { describeFsError } from '../text/fs-errors.js';
import { appendLines, lineDigest, linesBackwards, MAX_LINE, openPrivate, openPrivateFile, type Line, type Opened } from './file.js';
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
  /** Of those, the ones not reported before and not copied, the quarantine being full. */
  notCopied?: number;
  /** Why the quarantine could not be written, when it could not. */
  quarantineError?: string;
  /** The journal's mode when it lets others in and could not be tightened (a read-only mount), and why. */
  looseMode?: number;
  looseWhy?: string;
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
  /**
   * Streams instead of keeping: each record that would be kept is passed here, newest first (with
   * whether it was taken back), and `records` comes back empty. A caller that aggregates (a chart,
   * counts, a summary by day) then needs memory for its aggregate only, however many lines match.
   */
  visit?: (record: JournalRecord, retracted: boolean) => void;
}

/** The most lines the quarantine copies from a journal; the rest are counted, not copied. */
export const QUARANTINE_MAX = 1000;
/** How much of a damaged line an entry copies; the journal keeps the whole line at its offset. */
export const QUARANTINE_PREVIEW = 2048;
/** The most "not copied" ranges recorded; beyond that, damage past the cap is reported every time. */
const RANGES_MAX = 1000;
/**
 * How much of the quarantine is read to learn what it holds (its end, where entries are added).
 * Entries are bounded (at most about 15 kB each), so this holds every entry the tool writes; a
 * larger file (an older version's quarantine) counts as full.
 */
const QUARANTINE_SCAN = 32 * 1024 * 1024;
/** The most quarantine lines read to learn what it holds: every entry the tool writes, and some. */
const SCAN_ENTRIES = QUARANTINE_MAX + RANGES_MAX + 100;
/** Entries are written in batches, so memory stays small. */
const QUARANTINE_BATCH = 100;

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

  /**
   * Appends the records as one write; on failure the file is as it was and the error says why. A
   * record whose line the reader would not read back is refused before anything is written.
   */
  append(records: readonly JournalRecord[]): void {
    if (records.length === 0) return;
    const lines = records.map((r) => JSON.stringify(r));
    for (const line of lines) {
      const problem = unreadableLine(line);
      if (problem) throw new FileError(`cannot record it in the journal ${sanitizeLine(this.file)}: ${problem}. Nothing was written.`);
    }
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      appendLines(this.file, lines);
    } catch (error) {
      throw new FileError(`cannot record it in the journal ${sanitizeLine(this.file)}: ${troubleWords(error)}.`);
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
      throw new FileError(`cannot write the journal ${sanitizeLine(this.file)}: ${troubleWords(error)}. Nothing was started.`);
    }
  }

  read(options: ReadOptions = {}): ReadResult {
    let opened: Opened;
    try {
      opened = openPrivateFile(this.file, constants.O_RDONLY);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], unreadable: 0, newlyQuarantined: 0 };
      throw new FileError(`cannot read the journal ${sanitizeLine(this.file)}: ${troubleWords(error)}.`);
    }
    const { fd } = opened;
    const kept: JournalRecord[] = [];
    const take = options.visit ?? ((record: JournalRecord) => void kept.push(record));
    const quarantine = new Quarantine(this.quarantineFile, fd, this.now().toISOString());
    let unreadable = 0;
    // Retractions come after what they take back: reading backwards, they are met first.
    const takenBack = new Set<string>();
    const retracted = new Set<JournalRecord>();
    // The part of the journal this read looked at: its complete lines from `low` to `high`.
    let low = Infinity;
    let high = 0;
    try {
      const keep = keeper(options.since);
      let lines = 0;
      for (const line of linesBackwards(fd)) {
        // undefined: a blank line, neither a record nor damage.
        const record = line.size === 0 && !line.unterminated ? undefined : line.length !== undefined || !line.mayBeObject() ? null : parseLine(line.bytes);
        // An unterminated last line is read when it is a whole record; otherwise it is not judged
        // (it may be another process still writing it).
        if (line.unterminated && !record) continue;
        if (options.tail !== undefined && lines++ >= options.tail) break;
        if (!line.unterminated) {
          low = line.offset;
          high = Math.max(high, line.offset + (line.length ?? line.size) + 1);
        }
        if (record === null) {
          unreadable++;
          quarantine.add(line);
          continue;
        }
        if (!record) continue;
        if (record.type === 'retraction') {
          for (const type of record.retracts.types) takenBack.add(lineKey(record.retracts.at, type));
          if (options.keepRetracted) take(record, false);
          continue;
        }
        if (takenBack.has(lineKey(record.at, record.type))) {
          if (options.keepRetracted) {
            take(record, true);
            if (!options.visit) retracted.add(record);
          }
          continue;
        }
        const verdict = keep(record);
        if (verdict !== 'skip') take(record, false);
        if (verdict === 'done') break;
      }
      quarantine.finish(low, high);
    } finally {
      closeSync(fd);
    }
    return {
      records: kept.reverse(),
      ...(options.keepRetracted ? { retracted } : {}),
      unreadable,
      newlyQuarantined: quarantine.copied,
      ...(quarantine.notCopied ? { notCopied: quarantine.notCopied } : {}),
      ...(quarantine.error ? { quarantineError: quarantine.error } : {}),
      ...(opened.looseMode !== undefined ? { looseMode: opened.looseMode, looseWhy: opened.looseWhy ?? '' } : {}),
    };
  }
}

/** Why a journal line the tool is about to write would not be read back, or null (pure). */
export function unreadableLine(line: string): string | null {
  const bytes = Buffer.byteLength(line, 'utf8') + 1;
  if (bytes > MAX_LINE) {
    return `the entry is too long to be kept (${bytes.toLocaleString('en-US')} bytes; an entry may be at most ${MAX_LINE.toLocaleString('en-US')} bytes). Make it shorter (a shorter note, fewer items in --data-dir)`;
  }
  if (parseLine(Buffer.from(line, 'utf8')) === null) return 'the entry is not in a form the journal can read back (a fault in back-relief: please report it)';
  return null;
}

/** A file problem in words, with what to do when it is something in the journal's place. */
function troubleWords(error: unknown): string {
  const words = describeFsError(error);
  if ((error as NodeJS.ErrnoException).code === 'ENOTREGULAR') return `${words}. Move it out of the way (back-relief did not make it), then try again`;
  return words;
}

/**
 * What the quarantine holds, read from its end: the keys of the lines it has copies of (offset and
 * SHA-256), how many entries it has, and the ranges of the journal whose uncopied damage was
 * reported already.
 */
interface QuarantineIndex {
  offsets: Set<number>;
  keys: Set<string>;
  entries: number;
  /** [start, end) ranges, sorted and disjoint, and how many entries they came from. */
  ranges: [number, number][];
  rangeEntries: number;
  /** No more copies: QUARANTINE_MAX entries, or a file larger than the tool ever makes. */
  full: boolean;
}

const copyKey = (offset: number, sha256: string) => `${offset}:${sha256}`;

/** The index of a quarantine file; ranges beyond `journalSize` (a journal since replaced) are dropped. */
function quarantineIndex(file: string, journalSize: number): QuarantineIndex {
  const index: QuarantineIndex = { offsets: new Set(), keys: new Set(), entries: 0, ranges: [], rangeEntries: 0, full: false };
  let fd: number;
  try {
    fd = openPrivate(file, constants.O_RDONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return index;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    let lines = 0;
    for (const line of linesBackwards(fd)) {
      // More than the tool ever writes: an older version's quarantine, or something else. What it
      // holds beyond this is not looked at, and nothing more is copied.
      if (line.offset < size - QUARANTINE_SCAN || lines++ >= SCAN_ENTRIES) {
        index.full = true;
        break;
      }
      if (line.unterminated || line.length !== undefined) continue;
      const entry = quarantineEntry(line.bytes);
      if (!entry) continue;
      if (entry.type === 'not-copied') {
        if (entry.end <= journalSize) index.ranges.push([entry.start, entry.end]);
        continue;
      }
      index.entries++;
      if (entry.sha256) {
        index.offsets.add(entry.offset);
        index.keys.add(copyKey(entry.offset, entry.sha256));
      }
    }
  } finally {
    closeSync(fd);
  }
  if (index.entries >= QUARANTINE_MAX) index.full = true;
  index.rangeEntries = index.ranges.length;
  index.ranges = mergeRanges(index.ranges);
  return index;
}

type QuarantineEntry = { type: 'quarantined'; offset: number; sha256?: string } | { type: 'not-copied'; start: number; end: number };

const ENTRY_START = Buffer.from('{"type":"');
const isOffset = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * A line of the quarantine, or null. Entries of an older version carry the whole line in base64
 * and no digest: the digest is made from it, so they are not copied again.
 */
export function quarantineEntry(bytes: Buffer): QuarantineEntry | null {
  if (!bytes.subarray(0, ENTRY_START.length).equals(ENTRY_START)) return null;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Record<string, unknown>;
  if (entry.type === 'not-copied') {
    return isOffset(entry.start) && isOffset(entry.end) && entry.start < entry.end ? { type: 'not-copied', start: entry.start, end: entry.end } : null;
  }
  if (entry.type !== 'quarantined' || !isOffset(entry.offset)) return null;
  if (typeof entry.sha256 === 'string' && /^[0-9a-f]{64}$/.test(entry.sha256)) return { type: 'quarantined', offset: entry.offset, sha256: entry.sha256 };
  if (typeof entry.base64 === 'string' && entry.cut !== true) {
    return { type: 'quarantined', offset: entry.offset, sha256: createHash('sha256').update(Buffer.from(entry.base64, 'base64')).digest('hex') };
  }
  return { type: 'quarantined', offset: entry.offset };
}

/** The quarantine entry of a damaged line: where it is, how long, its digest and its first bytes. */
export function entryLine(line: Line, sha256: string, at: string): string {
  const length = line.length ?? line.size;
  const preview = line.bytes.subarray(0, QUARANTINE_PREVIEW);
  return JSON.stringify({
    type: 'quarantined',
    offset: line.offset,
    sha256,
    length,
    at,
    from: JOURNAL_FILE,
    ...(preview.length < length ? { cut: true } : {}),
    base64: preview.toString('base64'),
    text: preview.toString('utf8'),
  });
}

/** Whether `offset` lies in one of the sorted, disjoint ranges (binary search). */
function inRanges(ranges: readonly [number, number][], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid]!;
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Sorted ranges with the overlapping and touching ones joined (pure). */
export function mergeRanges(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * The damaged lines of one read: each checked against the quarantine (loaded on the first one),
 * new ones copied in batches up to QUARANTINE_MAX, the rest counted. A failure to write the
 * quarantine is remembered, not thrown.
 */
class Quarantine {
  private index: QuarantineIndex | null = null;
  private batch: { offset: number; entry: string }[] = [];
  private journalSize: number;
  copied = 0;
  notCopied = 0;
  error: string | undefined;

  constructor(
    private readonly file: string,
    private readonly journalFd: number,
    private readonly at: string,
  ) {
    this.journalSize = fstatSync(journalFd).size;
  }

  add(line: Line): void {
    if (this.error) return;
    try {
      this.consider(line);
    } catch (error) {
      // The quarantine's index could not be read, or the line could not be read again to digest it.
      this.error = describeFsError(error);
    }
  }

  private consider(line: Line): void {
    this.index ??= quarantineIndex(this.file, this.journalSize);
    const index = this.index;
    if (inRanges(index.ranges, line.offset)) return;
    let sha256: string | undefined;
    if (index.offsets.has(line.offset)) {
      sha256 = lineDigest(this.journalFd, line);
      if (index.keys.has(copyKey(line.offset, sha256))) return;
    }
    if (index.full || index.entries + this.copied + this.batch.length >= QUARANTINE_MAX) {
      this.notCopied++;
      return;
    }
    this.batch.push({ offset: line.offset, entry: entryLine(line, sha256 ?? lineDigest(this.journalFd, line), this.at) });
    if (this.batch.length >= QUARANTINE_BATCH) this.flush();
  }

  /** Writes what is left, and the range of the journal whose uncopied damage is now reported. */
  finish(low: number, high: number): void {
    this.flush();
    if (this.notCopied === 0 || this.error || !this.index || this.index.rangeEntries >= RANGES_MAX || !(low < high)) return;
    this.write([JSON.stringify({ type: 'not-copied', start: low, end: high, count: this.notCopied, at: this.at, from: JOURNAL_FILE })]);
  }

  private flush(): void {
    if (this.batch.length === 0 || this.error) return;
    // In the journal's order (the read goes backwards).
    const batch = this.batch.sort((a, b) => a.offset - b.offset).map((b) => b.entry);
    this.batch = [];
    if (this.write(batch)) this.copied += batch.length;
  }

  private write(lines: string[]): boolean {
    try {
      appendLines(this.file, lines);
      return true;
    } catch (error) {
      this.error = describeFsError(error);
      return false;
    }
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
 * The record a line holds, or null. A line whose first character (after blanks) is not "{" cannot
 * be one, and is judged without JSON.parse, so a journal damaged throughout costs no exceptions.
 */
function parseLine(bytes: Buffer): JournalRecord | null {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d)) i++;
  if (bytes[i] !== 0x7b) return null;
  try {
    return asRecord(parseCleanJson(bytes.toString('utf8')));
  } catch {
    return null;
  }
}

