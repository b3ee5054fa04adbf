import { describe, expect, it } from 'vitest';
import { outputWidth, visibleLength, wrap } from '../../src/render/layout.js';

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
    [20, 40],
  ])('columns %s -> %i', (columns, width) => {
    expect(outputWidth(columns)).toBe(width);
  });
});
