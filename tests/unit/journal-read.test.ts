/**
 * Reading the journal backwards in chunks: every line, newest first, with its offset, for any chunk
 * size (fast-check); an unfinished last line comes first, marked; an oversized line comes back cut,
 * with its full length; memory stays bounded for a journal of any length.
 */
import fc from 'fast-check';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../src/journal/records.js';
import { linesBackwards } from '../../src/journal/file.js';
import { Journal } from '../../src/journal/store.js';
import { tempDir } from '../helpers/run-bin.js';

function lines(text: string, chunk: number, maxLine = 1 << 20) {
  const file = join(tempDir(), 'lines');
  writeFileSync(file, text);
  const fd = openSync(file, 'r');
  try {
    return [...linesBackwards(fd, chunk, maxLine)].map((l) => ({ offset: l.offset, text: l.bytes.toString(), ...(l.length ? { length: l.length } : {}), ...(l.unterminated ? { unterminated: true } : {}) }));
  } finally {
    closeSync(fd);
  }
}

/** What a plain split gives: the lines, newest first, with their offsets; an unended last one marked. */
function expected(text: string) {
  const out: { offset: number; text: string; unterminated?: true }[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) break;
    out.push({ offset: Buffer.byteLength(text.slice(0, start)), text: text.slice(start, end) });
    start = end + 1;
  }
  if (start < text.length) out.push({ offset: Buffer.byteLength(text.slice(0, start)), text: text.slice(start), unterminated: true });
  return out.reverse();
}

describe('lines backwards', () => {
  it.each([
    ['a\nb\n', ['b', 'a']],
    ['a\nb', ['b (unterminated)', 'a']],
    ['\n\na\n', ['a', '', '']],
    ['', []],
    ['no newline at all', ['no newline at all (unterminated)']],
  ])('%j', (text, texts) => {
    for (const chunk of [1, 2, 3, 1024]) expect(lines(text, chunk).map((l) => `${l.text}${l.unterminated ? ' (unterminated)' : ''}`)).toEqual(texts);
  });

  it('any text, any chunk size: the same lines and offsets as a plain split', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('\n', 'ab', '{"x":1}', 'é'), fc.string({ maxLength: 12 })), { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (parts, chunk) => {
        const text = parts.join('');
        expect(lines(text, chunk)).toEqual(expected(text));
      }),
      { numRuns: 300 },
    );
  });

  it('a line longer than the limit comes back cut, with its full length, whatever the chunks', () => {
    const long = 'x'.repeat(50);
    const text = `a\n${long}\nb\n`;
    for (const chunk of [3, 7, 100]) {
      expect(lines(`${text}${long}`, chunk, 10)).toEqual([
        { offset: 55, text: 'x'.repeat(10), length: 50, unterminated: true },
        { offset: 53, text: 'b' },
        { offset: 2, text: 'x'.repeat(10), length: 50 },
        { offset: 0, text: 'a' },
      ]);
    }
  });
});

describe('reading what a command needs', () => {
  const NOW = new Date('2026-11-25T12:00:00Z');
  const at = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

  it('since: the recent lines, and before them only the latest of each kind, in file order', () => {
    const dir = join(tempDir(), 'state');
    const journal = new Journal(dir, () => NOW);
    const records: JournalRecord[] = [
      { type: 'onset', at: at(40), onset: at(40) },
      { type: 'precautions', at: at(39), answers: { osteoporosis: true } },
      { type: 'pain', at: at(30), score: 7 },
      { type: 'pain', at: at(20), score: 6 },
      { type: 'session', at: at(20), kind: 'ice', startedAt: at(20), endedAt: at(20), plannedSeconds: 1200, actualSeconds: 1200, outcome: 'completed' },
      { type: 'pain', at: at(2), score: 4 },
      { type: 'pain', at: at(1), score: 3 },
    ];
    journal.append(records);
    const kept = journal.read({ since: Date.parse(at(8)) }).records;
    expect(kept.map((r) => [r.type, r.at])).toEqual([
      ['onset', at(40)],
      ['precautions', at(39)],
      ['session', at(20)],
      ['pain', at(2)],
      ['pain', at(1)],
    ]);
    expect(journal.read().records).toHaveLength(records.length);
  });

  it('a long journal is read in bounded memory: 200,000 lines, status-sized read', () => {
    const dir = join(tempDir(), 'state');
    const journal = new Journal(dir, () => NOW);
    const line = (i: number) => JSON.stringify({ type: 'pain', at: at(400 - i / 500), score: i % 11, note: 'x'.repeat(60) });
    mkdirSync(dir, { recursive: true });
    writeFileSync(journal.file, `${Array.from({ length: 200_000 }, (_, i) => line(i)).join('\n')}\n`, { mode: 0o600 });
    const before = process.memoryUsage().heapUsed;
    const kept = journal.read({ since: Date.parse(at(8)) }).records;
    expect(kept.length).toBeLessThan(5000);
    // Far less than the file (about 20 MB) as objects: what is kept, not what was read.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(60 * 1024 * 1024);
  });
});
