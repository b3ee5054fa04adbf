import { appendFileSync, chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../src/journal/records.js';
import { Journal } from '../../src/journal/store.js';
import { tempDir } from '../helpers/run-bin.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const pain = (score: number, at = NOW): JournalRecord => ({ type: 'pain', at: at.toISOString(), score });
const open = (dir = join(tempDir(), 'state')) => new Journal(dir, () => NOW);
const mode = (path: string) => statSync(path).mode & 0o777;

describe('appending and reading', () => {
  it('a first-time user has an empty journal and no files', () => {
    const journal = open();
    expect(journal.read()).toEqual({ records: [], unreadable: 0, newlyQuarantined: 0 });
    expect(existsSync(journal.dir)).toBe(false);
  });

  it('creates the folder 0700 and the file 0600, one JSON object per line', () => {
    const journal = open();
    journal.append([pain(3), pain(4)]);
    journal.append([pain(5)]);
    expect(mode(journal.dir)).toBe(0o700);
    expect(mode(journal.file)).toBe(0o600);
    expect(readFileSync(journal.file, 'utf8').split('\n')).toHaveLength(4);
    expect(journal.read().records.map((r) => (r as { score: number }).score)).toEqual([3, 4, 5]);
  });

  it('tightens a looser existing file mode', () => {
    const journal = open();
    journal.append([pain(3)]);
    chmodSync(journal.file, 0o644);
    journal.append([pain(4)]);
    expect(mode(journal.file)).toBe(0o600);
  });

  it('a crash mid-write (no final newline) does not glue the next record to it', () => {
    const journal = open();
    journal.append([pain(3)]);
    appendFileSync(journal.file, '{"type":"pain","at":"2026-11-25T12:00:00Z","sco');
    // The half line is not judged yet: it may be another process still writing.
    expect(journal.read()).toMatchObject({ unreadable: 0 });
    journal.append([pain(7)]);
    const result = journal.read();
    expect(result.records.map((r) => (r as { score: number }).score)).toEqual([3, 7]);
    expect(result.unreadable).toBe(1);
    expect(readFileSync(journal.file, 'utf8')).toContain('"sco\n{"type":"pain"');
  });
});

describe('damaged lines', () => {
  function damaged() {
    const journal = open();
    journal.append([pain(2)]);
    appendFileSync(journal.file, 'not json at all\n');
    appendFileSync(journal.file, '{"type":"pain","at":"2026-11-25T12:00:00Z","score":"seven"}\n');
    appendFileSync(journal.file, Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]));
    appendFileSync(journal.file, '{"type":"mood","at":"2026-11-25T12:00:00Z","feeling":"ok"}\n');
    journal.append([pain(4)]);
    return journal;
  }

  it('are copied to the quarantine file once, byte for byte, and never removed from the journal', () => {
    const journal = damaged();
    const before = readFileSync(journal.file);
    const first = journal.read();
    expect(first.unreadable).toBe(3);
    expect(first.newlyQuarantined).toBe(3);
    // Good lines, and a line of a type this version does not know, are kept.
    expect(first.records.map((r) => r.type)).toEqual(['pain', 'mood', 'pain']);
    expect(readFileSync(journal.file)).toEqual(before);

    const quarantined = readFileSync(journal.quarantineFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(quarantined.map((q) => q.text)).toEqual(['not json at all', '{"type":"pain","at":"2026-11-25T12:00:00Z","score":"seven"}', expect.any(String)]);
    expect(Buffer.from(quarantined[2].base64, 'base64')).toEqual(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(mode(journal.quarantineFile)).toBe(0o600);

    const second = journal.read();
    expect(second.unreadable).toBe(3);
    expect(second.newlyQuarantined).toBe(0);
    expect(readFileSync(journal.quarantineFile, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it.each([
    ['a number', '42'],
    ['an array', '[1,2]'],
    ['no type', '{"at":"2026-11-25T12:00:00Z"}'],
    ['a bad time', '{"type":"pain","at":"yesterday","score":3}'],
    ['a pain score above 10', '{"type":"pain","at":"2026-11-25T12:00:00Z","score":11}'],
    ['a session of an unknown kind', '{"type":"session","at":"2026-11-25T12:00:00Z","kind":"steam","startedAt":"2026-11-25T11:40:00Z","endedAt":"2026-11-25T12:00:00Z","plannedSeconds":1200,"actualSeconds":1200,"outcome":"completed"}'],
  ])('%s is unreadable', (_name, line) => {
    const journal = open();
    journal.append([pain(1)]);
    appendFileSync(journal.file, `${line}\n`);
    expect(journal.read()).toMatchObject({ unreadable: 1, records: [expect.objectContaining({ score: 1 })] });
  });

  it('blank lines are neither records nor damage', () => {
    const journal = open();
    journal.append([pain(1)]);
    appendFileSync(journal.file, '\n\n');
    journal.append([pain(2)]);
    expect(journal.read()).toMatchObject({ unreadable: 0 });
  });

  it('text in a line is cleaned of escape sequences as it is read', () => {
    const journal = open();
    journal.append([{ type: 'pain', at: NOW.toISOString(), score: 3, note: 'ok\u001b]0;owned\u0007 fine\u001b[2J' }]);
    expect((journal.read().records[0] as { note: string }).note).toBe('ok fine');
  });
});
