/**
 * The journal under damage and abuse, without the binary: the pure decisions as tables (who may see
 * the journal, whether a lock holds, what a read warns, what the appender refuses, what the
 * quarantine holds), then the store on real files, counting its work rather than timing it.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_LINE } from '../../src/journal/file.js';
import { holds, processIdentity, startTicks, type Holder, type Probe } from '../../src/journal/lock.js';
import { readWarnings } from '../../src/journal/open.js';
import { accessVerdict, foreignOpen, ownerText } from '../../src/journal/privacy.js';
import type { JournalRecord } from '../../src/journal/records.js';
import { uncheckableWords } from '../../src/journal/state-dir.js';
import { Journal, mergeRanges, QUARANTINE_MAX, QUARANTINE_PREVIEW, quarantineEntry, unreadableLine, type ReadResult } from '../../src/journal/store.js';
import { tempDir } from '../helpers/run-bin.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const open = (dir = join(tempDir(), 'state')) => new Journal(dir, () => NOW);
const pain = (score: number, extra: object = {}): JournalRecord => ({ type: 'pain', at: NOW.toISOString(), score, ...extra }) as JournalRecord;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const quarantineLines = (journal: Journal) => (existsSync(journal.quarantineFile) ? readFileSync(journal.quarantineFile, 'utf8').trim().split('\n') : []);

/** A journal of these raw lines (each ended by a newline), private as the tool makes it. */
function journalOf(lines: (string | Buffer)[]): Journal {
  const journal = open();
  mkdirSync(journal.dir, { recursive: true, mode: 0o700 });
  writeFileSync(journal.file, Buffer.concat(lines.map((l) => Buffer.concat([Buffer.from(l), Buffer.from('\n')]))), { mode: 0o600 });
  return journal;
}

describe('who may see the journal', () => {
  it.each<[string, { uid: number; mode: number }, number | undefined, string]>([
    ['yours, private', { uid: 1000, mode: 0o100600 }, 1000, 'private'],
    ['yours, readable by others', { uid: 1000, mode: 0o100644 }, 1000, 'tighten'],
    ['yours, a folder open to all', { uid: 1000, mode: 0o40777 }, 1000, 'tighten'],
    ["someone else's, open to others", { uid: 1000, mode: 0o100666 }, 1001, 'foreign-open'],
    ["someone else's, only the group", { uid: 1000, mode: 0o100640 }, 1001, 'foreign-open'],
    ["someone else's, private to them", { uid: 1000, mode: 0o40700 }, 1001, 'private'],
    ["root's folder open to all, for a user", { uid: 0, mode: 0o40777 }, 1000, 'foreign-open'],
    ["a user's open folder, for root (root is treated like anyone)", { uid: 1000, mode: 0o40755 }, 0, 'foreign-open'],
    ["a user's private folder, for root", { uid: 1000, mode: 0o40700 }, 0, 'private'],
    ['no owners at all (Windows)', { uid: 0, mode: 0o100666 }, undefined, 'private'],
  ])('%s: %s', (_name, stat, me, verdict) => {
    expect(accessVerdict(stat, me)).toBe(verdict);
  });

  it('the refusal names the owner, the mode and the commands that fix it', () => {
    expect(ownerText(1000, 'alice')).toBe('another user (alice, uid 1000)');
    expect(ownerText(1000, undefined)).toBe('another user (uid 1000)');
    expect(ownerText(0, 'root')).toBe('root (uid 0)');
    const { why, todo } = foreignOpen('file', '/s/journal.jsonl', 'another user (alice, uid 1000)', 0o100666, 'bob');
    expect(why).toBe('it belongs to another user (alice, uid 1000) and its mode 0666 lets others open it, so what you record there would not be private');
    expect(todo).toContain('sudo chown bob /s/journal.jsonl && chmod 600 /s/journal.jsonl');
    expect(foreignOpen('folder', '/s', 'root (uid 0)', 0o40777, 'bob').todo).toContain('chmod 700 /s');
  });
});

describe('a state folder that cannot be checked says why in words', () => {
  it.each([
    ['EACCES', /permission denied on one of the folders above it/],
    ['ELOOP', /loop of symbolic links/],
    ['ENAMETOOLONG', /too long/],
    ['EIO', /\(an input\/output error\)/],
  ])('%s', (code, words) => {
    const text = uncheckableWords(code, Object.assign(new Error(code), { code }));
    expect(text).toMatch(words);
    expect(text).not.toContain(code);
  });
});

describe('whether a lock still holds', () => {
  const BOOT = '5d41402a-bc4b-2a76-b971-9d911017c592';
  const lock = (process?: string): Holder => ({ pid: 4242, startedAt: NOW.toISOString(), ...(process ? { process } : {}) });
  it.each<[string, Holder, Probe, boolean]>([
    ['its process is gone', lock(`${BOOT}:100`), { alive: false }, false],
    ['its process runs, and is the one that wrote it', lock(`${BOOT}:100`), { alive: true, identity: `${BOOT}:100` }, true],
    ['the pid now belongs to a process started later', lock(`${BOOT}:100`), { alive: true, identity: `${BOOT}:900`, backRelief: true }, false],
    ['the pid was reused after a reboot', lock(`${BOOT}:100`), { alive: true, identity: `other-boot:100` }, false],
    ['no record (older version), a back-relief runs with that pid', lock(), { alive: true, identity: `${BOOT}:5`, backRelief: true }, true],
    ['no record, the pid is another program (pid 1)', lock(), { alive: true, identity: `${BOOT}:1`, backRelief: false }, false],
    ['a system that cannot tell (not Linux): the pid runs', lock(`${BOOT}:100`), { alive: true }, true],
    ['a system that cannot tell: the pid is gone', lock(), { alive: false }, false],
  ])('%s', (_name, holder, probe, expected) => {
    expect(holds(holder, probe)).toBe(expected);
  });

  /** A /proc/<pid>/stat line whose field n (from 3 on) is n * 10. */
  const statLine = (comm: string, fields = 52) => `77 (${comm}) ${Array.from({ length: fields - 2 }, (_, i) => String((i + 3) * 10)).join(' ')}\n`;
  it.each<[string, string, string | undefined]>([
    ['a plain name', statLine('node'), '220'],
    ['a name with spaces and parentheses', statLine('a) b (c) d'), '220'],
    ['no closing parenthesis', '77 (node S 1 2 3', undefined],
    ['too few fields', statLine('node', 10), undefined],
  ])('start time from /proc/<pid>/stat: %s', (_name, stat, ticks) => {
    expect(startTicks(stat)).toBe(ticks);
  });

  const linux = process.platform === 'linux';
  it.skipIf(!linux)(`on Linux a process has a boot and start identity; a pid that does not exist has none${linux ? '' : ' (skipped: Linux only)'}`, () => {
    const mine = processIdentity(process.pid);
    expect(mine).toMatch(/^[0-9a-f-]+:\d+$/);
    expect(processIdentity(process.pid)).toBe(mine);
    expect(processIdentity(2 ** 22 + 1)).toBeNull();
  });
});

describe('what a read says', () => {
  const Q = '/s/journal.quarantine.jsonl';
  const result = (r: Partial<ReadResult>): ReadResult => ({ records: [], unreadable: 0, newlyQuarantined: 0, ...r });
  it.each<[string, Partial<ReadResult>, RegExp[]]>([
    ['nothing wrong', {}, []],
    ['two lines copied', { unreadable: 2, newlyQuarantined: 2 }, [/^back-relief: warning: 2 journal lines could not be read; copied to \/s\/journal\.quarantine\.jsonl\. The journal keeps them, and everything else still works\.$/]],
    [
      'more damage than the quarantine keeps',
      { unreadable: 1_000_000, newlyQuarantined: 1000, notCopied: 999_000 },
      [/^back-relief: warning: 1000000 journal lines could not be read; copied to \/s\/journal\.quarantine\.jsonl: 1000 of them \(it keeps at most 1000\)\. The journal keeps them all/],
    ],
    ['new damage once the quarantine is full', { unreadable: 5, notCopied: 1 }, [/^back-relief: warning: 1 journal line could not be read and was not copied to \/s\/journal\.quarantine\.jsonl, which holds the most it keeps \(1000 lines\)\. The journal keeps it/]],
    ['a quarantine that cannot be written', { unreadable: 3, quarantineError: 'the file system is read-only' }, [/3 journal lines could not be read, and the copy in .* could not be written \(the file system is read-only\)/]],
    ['a journal open to others that could not be tightened', { looseMode: 0o644, looseWhy: 'the file system is read-only' }, [/^back-relief: warning: the journal \/s\/journal\.jsonl can be read by other users \(mode 0644\) and could not be made private \(the file system is read-only\)\. Once it can be changed: chmod 600 \/s\/journal\.jsonl$/]],
  ])('%s', (_name, r, expected) => {
    const warnings = readWarnings(result(r), '/s/journal.jsonl', Q);
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(warnings[i]).toMatch(pattern));
  });

  it('a path with an escape sequence is printed without it', () => {
    const [warning] = readWarnings(result({ unreadable: 1, newlyQuarantined: 1 }), '/s/j', '/s/\u001b]0;x\u0007q\nz');
    expect(warning).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('what the appender refuses: exactly what the reader would not read back', () => {
  /** A pain line whose JSON is `bytes` long, padded with its note. */
  const painOfSize = (bytes: number) => {
    const bare = JSON.stringify(pain(5, { note: '' })).length;
    return JSON.stringify(pain(5, { note: 'n'.repeat(bytes - bare) }));
  };
  /** The largest triage a --data-dir allows: 2000 red flags with 60-character ids, every one a reason. */
  const largestTriage = () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `${i}-`.padEnd(60, 'x'));
    return JSON.stringify({
      type: 'triage',
      at: NOW.toISOString(),
      level: 'emergency',
      reasons: ids.map((id) => ({ id, level: 'emergency', because: 'derived' })),
      redFlags: Object.fromEntries(ids.map((id) => [id, 'unsure'])),
      onset: NOW.toISOString(),
      painScore: 10,
      triggers: ['lifting', 'posture', 'sudden-movement', 'workout', 'stress', 'dehydration'],
      precautions: { 'skin-sensation': 'unsure', circulation: 'unsure', 'broken-skin': 'unsure', osteoporosis: 'unsure' },
    });
  };
  it.each<[string, () => string, RegExp | null]>([
    ['a pain score', () => JSON.stringify(pain(5)), null],
    ['a note of 40,000 combining marks (80 kB)', () => JSON.stringify(pain(6, { note: `a${'\u0301'.repeat(40_000)}` })), null],
    ['the largest triage a --data-dir allows', largestTriage, null],
    ['a line of MAX_LINE bytes with its newline', () => painOfSize(MAX_LINE - 1), null],
    ['one byte more', () => painOfSize(MAX_LINE), /^the entry is too long to be kept \(1,048,577 bytes; an entry may be at most 1,048,576 bytes\)\. Make it shorter/],
    ['a pain score of 11', () => JSON.stringify(pain(11)), /not in a form the journal can read back/],
    ['no time', () => JSON.stringify({ type: 'onset', onset: NOW.toISOString() }), /not in a form the journal can read back/],
  ])('%s', (_name, line, refusal) => {
    const problem = unreadableLine(line());
    if (refusal) expect(problem).toMatch(refusal);
    else expect(problem).toBeNull();
  });

  it('the largest triage leaves room: under half the limit', () => {
    expect(Buffer.byteLength(largestTriage())).toBeLessThan(MAX_LINE / 2);
  });

  it('a refused record writes nothing, not even the folder; a long one that fits is read back whole', () => {
    const journal = open();
    expect(() => journal.append([pain(3), pain(4, { note: 'n'.repeat(MAX_LINE) })])).toThrow(/cannot record it in the journal .*: the entry is too long to be kept .* Nothing was written\./);
    expect(existsSync(journal.dir)).toBe(false);
    expect(() => journal.append([pain(11)])).toThrow(/a fault in back-relief: please report it\)\. Nothing was written\./);
    const note = 'é'.repeat(300_000);
    journal.append([pain(4, { note })]);
    expect(journal.read()).toMatchObject({ unreadable: 0, records: [{ score: 4, note }] });
  });
});

describe('the quarantine entries', () => {
  const at = NOW.toISOString();
  it.each<[string, string, ReturnType<typeof quarantineEntry>]>([
    ['an entry of this version', JSON.stringify({ type: 'quarantined', offset: 7, sha256: 'a'.repeat(64), length: 3, at, base64: 'eHl6', text: 'xyz' }), { type: 'quarantined', offset: 7, sha256: 'a'.repeat(64) }],
    ["an older version's entry: the digest is made from its bytes", JSON.stringify({ type: 'quarantined', at, from: 'journal.jsonl', offset: 7, base64: 'eHl6', text: 'xyz' }), { type: 'quarantined', offset: 7, sha256: sha256('xyz') }],
    ["an older version's cut entry: counted, never matched", JSON.stringify({ type: 'quarantined', at, offset: 7, base64: 'eHl6', text: 'xyz', length: 70_000, cut: true }), { type: 'quarantined', offset: 7 }],
    ['a range not copied', JSON.stringify({ type: 'not-copied', start: 0, end: 10, count: 5 }), { type: 'not-copied', start: 0, end: 10 }],
    ['an empty range', JSON.stringify({ type: 'not-copied', start: 10, end: 10 }), null],
    ['a negative offset', JSON.stringify({ type: 'quarantined', offset: -1, sha256: 'a'.repeat(64) }), null],
    ['something else', 'x', null],
    ['JSON of another shape', '{"type":"pain"}', null],
  ])('%s', (_name, line, entry) => {
    expect(quarantineEntry(Buffer.from(line))).toEqual(entry);
  });

  it.each<[[number, number][], [number, number][]]>([
    [[], []],
    [[[5, 9], [0, 3]], [[0, 3], [5, 9]]],
    [[[0, 5], [3, 9], [9, 12], [20, 30]], [[0, 12], [20, 30]]],
    [[[0, 100], [10, 20]], [[0, 100]]],
  ])('ranges %j merge into %j', (ranges, merged) => {
    expect(mergeRanges(ranges)).toEqual(merged);
  });
});

describe('a damaged journal costs bounded work', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lines that cannot be JSON objects are judged without JSON.parse; at most 1000 are copied, the rest reported once', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `x${i}`);
    const journal = journalOf([JSON.stringify(pain(2)), ...lines, '{not json either', JSON.stringify(pain(3))]);
    const parse = vi.spyOn(JSON, 'parse');
    const first = journal.read();
    // The two records, the "{" line, and nothing for the 5000 others (no quarantine to read yet).
    expect(parse.mock.calls.length).toBe(3);
    expect(first).toMatchObject({ unreadable: 5001, newlyQuarantined: QUARANTINE_MAX, notCopied: 5001 - QUARANTINE_MAX });
    expect(first.records.map((r) => (r as { score: number }).score)).toEqual([2, 3]);
    const entries = quarantineLines(journal);
    // The copies and one line recording the range whose damage was counted, not copied.
    expect(entries).toHaveLength(QUARANTINE_MAX + 1);
    expect(JSON.parse(entries.at(-1)!)).toMatchObject({ type: 'not-copied', count: 5001 - QUARANTINE_MAX });
    const before = readFileSync(journal.quarantineFile);

    parse.mockClear();
    const second = journal.read();
    expect(second).toMatchObject({ unreadable: 5001, newlyQuarantined: 0 });
    expect(second.notCopied).toBeUndefined();
    // The quarantine's entries, read once to learn what it holds: nothing for the journal's lines.
    expect(parse.mock.calls.length).toBeLessThanOrEqual(3 + QUARANTINE_MAX + 1);
    expect(readFileSync(journal.quarantineFile)).toEqual(before);

    // Damage added later is reported once more, then no more.
    appendFileSync(journal.file, 'new damage\n');
    expect(journal.read()).toMatchObject({ newlyQuarantined: 0, notCopied: 1 });
    expect(journal.read().notCopied).toBeUndefined();
  });

  it('a long bad line (40 kB of text, 12 kB of NUL bytes) is copied once, as a bounded entry keyed by its digest', () => {
    const garbage = Buffer.from('g'.repeat(40_000));
    const nul = Buffer.alloc(12_000);
    const journal = journalOf([JSON.stringify(pain(2)), garbage, nul]);
    const counts = Array.from({ length: 4 }, () => journal.read().newlyQuarantined);
    expect(counts).toEqual([2, 0, 0, 0]);
    const entries = quarantineLines(journal);
    expect(entries).toHaveLength(2);
    for (const [line, full] of entries.map((l, i) => [l, [garbage, nul][i]!] as const)) {
      // Its first bytes (as text, at most 6 bytes of JSON a byte), never the whole line.
      expect(line.length).toBeLessThan(QUARANTINE_PREVIEW * 8);
      const entry = JSON.parse(line);
      expect(entry).toMatchObject({ type: 'quarantined', length: full.length, cut: true, sha256: sha256(full) });
      expect(Buffer.from(entry.base64, 'base64')).toEqual(full.subarray(0, QUARANTINE_PREVIEW));
    }
  });

  it('a line longer than the reader keeps is digested whole, and copied once', () => {
    const huge = Buffer.alloc(MAX_LINE + 10, 'h');
    const journal = journalOf([huge, JSON.stringify(pain(1))]);
    expect(journal.read().newlyQuarantined).toBe(1);
    expect(journal.read().newlyQuarantined).toBe(0);
    expect(JSON.parse(quarantineLines(journal)[0]!)).toMatchObject({ length: MAX_LINE + 10, sha256: sha256(huge) });
  });

  it("an older version's quarantine: its entries are known, and a huge one is read only in part", () => {
    const journal = journalOf([JSON.stringify(pain(1)), 'bad']);
    const old = (offset: number, text: string) => JSON.stringify({ type: 'quarantined', at: NOW.toISOString(), from: 'journal.jsonl', offset, base64: Buffer.from(text).toString('base64'), text });
    const offset = Buffer.byteLength(`${JSON.stringify(pain(1))}\n`);
    // 20,000 entries of lines long gone, then the one for "bad".
    writeFileSync(journal.quarantineFile, `${Array.from({ length: 20_000 }, (_, i) => old(10_000_000 + i, 'gone')).join('\n')}\n${old(offset, 'bad')}\n`, { mode: 0o600 });
    const parse = vi.spyOn(JSON, 'parse');
    const result = journal.read();
    expect(result).toMatchObject({ unreadable: 1, newlyQuarantined: 0 });
    expect(result.notCopied).toBeUndefined();
    expect(parse.mock.calls.length).toBeLessThan(2500);
  });

  it('a damaged quarantine line means only that it may be copied again', () => {
    const journal = journalOf([JSON.stringify(pain(1)), 'bad']);
    writeFileSync(journal.quarantineFile, 'not an entry\n{"type":"quarantined"\n', { mode: 0o600 });
    expect(journal.read().newlyQuarantined).toBe(1);
    expect(journal.read().newlyQuarantined).toBe(0);
  });
});

describe('the last line without its newline', () => {
  it('a whole record is read at once; the next append ends it first, and both are kept', () => {
    const journal = open();
    journal.append([pain(3)]);
    appendFileSync(journal.file, JSON.stringify(pain(6)));
    expect(journal.read()).toMatchObject({ unreadable: 0, records: [{ score: 3 }, { score: 6 }] });
    journal.append([pain(7)]);
    expect(journal.read()).toMatchObject({ unreadable: 0, records: [{ score: 3 }, { score: 6 }, { score: 7 }] });
    expect(readFileSync(journal.file, 'utf8').split('\n')).toHaveLength(4);
  });

  it('a torn one is not judged until a newline ends it; then it is damage', () => {
    const journal = open();
    journal.append([pain(3)]);
    appendFileSync(journal.file, '{"type":"pain","at":"2026-11-25T12:00:00Z","sco');
    expect(journal.read()).toMatchObject({ unreadable: 0, records: [{ score: 3 }] });
    expect(existsSync(journal.quarantineFile)).toBe(false);
    journal.append([pain(4)]);
    expect(journal.read()).toMatchObject({ unreadable: 1, newlyQuarantined: 1, records: [{ score: 3 }, { score: 4 }] });
  });

  it('counts in a tail read like any line', () => {
    const journal = open();
    journal.append([pain(1), pain(2)]);
    appendFileSync(journal.file, JSON.stringify(pain(3)));
    expect(journal.read({ tail: 2 }).records.map((r) => (r as { score: number }).score)).toEqual([2, 3]);
  });
});

describe('streaming read', () => {
  it('visit sees what read keeps, newest first, with what was taken back marked; memory for the aggregate only', () => {
    const journal = open();
    const t = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
    journal.append([pain(1, { at: t(30) }), pain(2, { at: t(20) }), pain(3, { at: t(10) })]);
    journal.append([{ type: 'retraction', at: t(5), retracts: { at: t(20), types: ['pain'] } } as JournalRecord]);
    const options = { since: NOW.getTime() - 86_400_000, keepRetracted: true };
    const kept = journal.read(options);
    const seen: [string, boolean][] = [];
    const streamed = journal.read({ ...options, visit: (r, retracted) => seen.push([r.at, retracted]) });
    expect(streamed.records).toEqual([]);
    expect(seen).toEqual([...kept.records].reverse().map((r) => [r.at, kept.retracted!.has(r)]));
    expect(seen.filter(([, r]) => r)).toEqual([[t(20), true]]);
  });
});

describe('files opened privately', () => {
  const posix = process.getuid?.() !== undefined;
  it.skipIf(!posix)(`a journal of yours that is open to others is tightened on a read${posix ? '' : ' (skipped: no file owners on this system)'}`, () => {
    const journal = journalOf([JSON.stringify(pain(1))]);
    chmodSync(journal.file, 0o644);
    const result = journal.read();
    expect(result.looseMode).toBeUndefined();
    expect(statSync(journal.file).mode & 0o777).toBe(0o600);
  });
});
