import { describe, expect, it } from 'vitest';
import { continued, fitLines, outputWidth, pieces, takeColumns, visibleLength, wrap } from '../../src/render/layout.js';

describe('wrap', () => {
  it('breaks at spaces and never passes the width', () => {
    const text = 'Wrap an ice pack or a bag of frozen peas in a thin towel; never put ice straight on the skin.';
    const lines = wrap(text, 30, '  - ', '    ');
    expect(lines[0]!.startsWith('  - Wrap')).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
    expect(lines.slice(1).every((l) => l.startsWith('    ') && !l.startsWith('     '))).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ').replace('- ', '').trim()).toBe(text);
  });

  it('cuts a word longer than a line instead of overflowing', () => {
    const lines = wrap('x'.repeat(25), 10);
    expect(lines).toEqual(['xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx']);
  });

  it('does not count colour codes in the prefix as columns', () => {
    expect(visibleLength('\u001b[1mab\u001b[22m')).toBe(2);
    expect(wrap('one two three', 9, '\u001b[1m>\u001b[22m ', '')).toEqual(['\u001b[1m>\u001b[22m one two', 'three']);
  });
});

describe('outputWidth', () => {
  it.each([
    [undefined, 80],
    [0, 80],
    [200, 80],
    [80, 80],
    [60, 60],
    [20, 20],
    [12, 12],
    [5, 10],
  ])('columns %s -> %i', (columns, width) => {
    expect(outputWidth(columns)).toBe(width);
  });
});

describe('commands are never broken', () => {
  const text = 'Use back-relief ice (or back-relief heat) now. Record it: back-relief onset "yesterday 18:00" then run back-relief status. If this hurts (back-relief routine --level gentle) instead.';

  it('groups a command with its arguments, and stops at plain words and at punctuation', () => {
    const split = (t: string) => pieces(t.split(' '));
    expect(split('Use back-relief ice (or back-relief heat) now.')).toEqual(['Use', 'back-relief ice', '(or', 'back-relief heat)', 'now.']);
    expect(split('Record: back-relief onset "yesterday 18:00" then run back-relief status.')).toEqual(['Record:', 'back-relief onset "yesterday 18:00"', 'then', 'run', 'back-relief status.']);
    expect(split('try (back-relief routine --level gentle) instead')).toEqual(['try', '(back-relief routine --level gentle)', 'instead']);
    expect(split('back-relief explain precautions says why.')).toEqual(['back-relief explain precautions', 'says', 'why.']);
    expect(split('(back-relief ice, back-relief heat).')).toEqual(['(back-relief ice,', 'back-relief heat).']);
    expect(split('Run back-relief, then rest.')).toEqual(['Run', 'back-relief,', 'then', 'rest.']);
    expect(split('see `back-relief remedies --category immediate` here')).toEqual(['see', '`back-relief remedies --category immediate`', 'here']);
  });

  it.each([20, 24, 30, 40, 60, 80])('at %i columns each command is on one line, or continued with " \\"', (width) => {
    const lines = wrap(text, width, '  - ', '    ');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width);
    // As the shell reads it: " \" goes on after a space, a bare "\" (a cut argument) with no space.
    const joined = lines.join('\n').replace(/ \\\n\s*/g, ' ').replace(/\\\n/g, '');
    for (const command of ['back-relief ice', 'back-relief heat)', 'back-relief onset "yesterday 18:00"', 'back-relief status.', '(back-relief routine --level gentle)']) {
      expect(joined.split('\n').some((l) => l.includes(command)), `${command} at ${width}`).toBe(true);
    }
  });

  it('continues a long command at its spaces, never inside quotes, and cuts a too-long path with a bare "\\"', () => {
    expect(continued('back-relief onset "yesterday 18:00"', 20)).toEqual([
      { text: 'back-relief onset \\', flush: false },
      { text: '"yesterday 18:00"', flush: false },
    ]);
    const parts = continued('back-relief completion bash > ~/.local/share/bash-completion/completions/back-relief', 16);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(16);
    // The shell joins " \" with a space and a bare "\" with nothing: the command comes back whole.
    const joined = parts.map((p) => p.text).join('\n').replace(/ \\\n/g, ' ').replace(/\\\n/g, '');
    expect(joined).toBe('back-relief completion bash > ~/.local/share/bash-completion/completions/back-relief');
    expect(parts.filter((p) => p.flush).length).toBeGreaterThan(0);
  });

  it('an indent wider than the screen shrinks instead of looping or overflowing', () => {
    const lines = wrap('Pain 5/10: after a walk around the block with the dog', 20, '  Sat 21 Nov, 08:00  ', ' '.repeat(22));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
    expect(lines[0]).toBe('  Sat 21 Nov, 08:00');
    expect(lines.slice(1).join(' ').replace(/\s+/g, ' ').trim()).toBe('Pain 5/10: after a walk around the block with the dog');
  });

  it('fitLines keeps lines that fit and wraps the others under their text, list markers hung', () => {
    expect(fitLines('short\n  - a list item that is long enough to wrap', 20)).toBe('short\n  - a list item that\n    is long enough\n    to wrap');
  });
});

describe('words too long for a line, and numbers with their units', () => {
  it('a path in prose is cut after a "/", never inside a name', () => {
    const lines = wrap('The journal is ~/.local/state/back-relief/journal.jsonl on Linux.', 20);
    for (const line of lines) expect(visibleLength(line)).toBeLessThanOrEqual(20);
    expect(lines.join('\n')).toContain('~/.local/state/\nback-relief/');
    expect(lines.join('')).toContain('~/.local/state/back-relief/journal.jsonl');
  });

  it('a Windows path is cut after a backslash', () => {
    expect(wrap('%LOCALAPPDATA%\\back-relief', 20)).toEqual(['%LOCALAPPDATA%\\', 'back-relief']);
  });

  it('a long hyphenated id is cut after a hyphen', () => {
    expect(wrap('nhs-inform-back-exercises-and-more', 20)).toEqual(['nhs-inform-back-', 'exercises-and-more']);
  });

  it('a word with no "/" or "-" in the right place is cut at the edge', () => {
    expect(wrap('a'.repeat(25), 10)).toEqual(['aaaaaaaaaa', 'aaaaaaaaaa', 'aaaaa']);
    expect(wrap(`x-${'a'.repeat(20)}`, 10)).toEqual(['x-aaaaaaaa', 'aaaaaaaaaa', 'aa']);
  });

  it.each([
    ['ice, 10 s of 10 s, completed', 12],
    ['stopped after 20 min, and 5 min left', 14],
    ['a file of 64 kB at most', 9],
  ])('%j at %i columns: a number never leaves its unit', (text, width) => {
    const lines = wrap(text, width);
    for (const line of lines) expect(line, lines.join('|')).not.toMatch(/^(s|min|kB)\b/);
    expect(pieces(text.split(' ')).some((piece) => /^\d+ (s|min|kB)\b/.test(piece))).toBe(true);
  });
});

describe('columns on a terminal, not characters', () => {
  it.each([
    ['back pain', 9],
    ['北京市', 6],
    ['腰痛 back', 9],
    ['😀', 2],
    ['e\u0301', 1],
    ['\u001b[1mbold\u001b[22m', 4],
    ['café', 4],
    ['\u2764\ufe0f', 2],
    ['\u{1f468}\u200d\u{1f469}\u200d\u{1f467}', 2],
    ['a\ufe0f', 1],
  ])('%j takes %i columns', (text, width) => {
    expect(visibleLength(text)).toBe(width);
  });

  it('takeColumns never splits a wide character, and always takes at least one', () => {
    expect(takeColumns('北京市卫生', 5)).toBe('北京');
    expect(takeColumns('北京市卫生', 1)).toBe('北');
    expect(takeColumns('abc', 2)).toBe('ab');
  });

  it.each([20, 40])('text without spaces in a wide script wraps within %i columns, none lost', (width) => {
    const text = `(北京市卫生健康委员会), health information page; ${'腰痛'.repeat(30)} 😀😀😀`;
    const lines = wrap(text, width);
    for (const line of lines) expect(visibleLength(line), line).toBeLessThanOrEqual(width);
    expect(lines.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });
});

describe('a path in a command too long for a line', () => {
  it('is cut after a "/", with the bare "\\" the shell joins', () => {
    const parts = continued('back-relief export --output /home/someone/a/folder/report.html', 20);
    for (const p of parts) expect(visibleLength(p.text)).toBeLessThanOrEqual(20);
    const cuts = parts.filter((p) => p.text.endsWith('\\') && !p.text.endsWith(' \\'));
    expect(cuts.length).toBeGreaterThan(0);
    for (const cut of cuts) expect(cut.text).toMatch(/\/\\$/);
    expect(parts.map((p) => p.text.replace(/ ?\\$/, (m) => (m === ' \\' ? ' ' : ''))).join('')).toBe('back-relief export --output /home/someone/a/folder/report.html');
  });
});
