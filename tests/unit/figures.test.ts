/** A stretch's drawing (issue 13): side by side, stacked, or in words. */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { drawingPanels, StretchSchema } from '../../src/content/schema.js';
import { drawingLines } from '../../src/render/figures.js';

const stretch = {
  drawing: [
    ['  o', ' /|', '~~~~'],
    ['  o__', '~~~~~~'],
  ],
  drawingAlt: ['Standing.', 'Lying down.'],
};

describe('drawingLines', () => {
  it('puts the two positions side by side under their labels, the feet on one floor', () => {
    expect(drawingLines(stretch, { width: 80, plain: false })).toEqual([
      '  Start    End',
      '    o',
      '   /|        o__',
      '  ~~~~     ~~~~~~',
    ]);
  });

  it('stacks them where the screen is too narrow', () => {
    const wide = { drawing: [['x'.repeat(30)], ['y'.repeat(30)]], drawingAlt: ['a', 'b'] };
    expect(drawingLines(wide, { width: 40, plain: false })).toEqual(['  Start', `  ${'x'.repeat(30)}`, '', '  End', `  ${'y'.repeat(30)}`]);
    // A row longer than the screen is cut, never wrapped into a second picture.
    for (const line of drawingLines(wide, { width: 20, plain: false })) expect(line.length).toBeLessThanOrEqual(20);
  });

  it('plain: the words of each position, never the picture', () => {
    expect(drawingLines(stretch, { width: 80, plain: true })).toEqual(['  Start: Standing.', '  End: Lying down.']);
    expect(drawingLines({ drawing: [['o']], drawingAlt: ['Held still.'] }, { width: 80, plain: true })).toEqual(['  The pose: Held still.']);
  });

  it('a single position has no label', () => {
    expect(drawingLines({ drawing: [[' o', '~~']], drawingAlt: ['Held.'] }, { width: 80, plain: false })).toEqual(['   o', '  ~~']);
  });
});

describe('the drawing in the data', () => {
  const base = {
    id: 'x',
    name: 'X',
    steps: ['Do it.'],
    dose: { holdSeconds: null, reps: null, breaths: null, minutes: { min: 1, max: 2 }, perSide: false },
    cautions: ['Careful.'],
    sources: ['guide'],
  };

  it('a version 1 drawing (a list of rows) is read as one position', () => {
    const parsed = v.parse(StretchSchema, { ...base, drawing: [' o', '/|\\'], drawingAlt: ['Standing.'] });
    expect(drawingPanels(parsed.drawing)).toEqual([[' o', '/|\\']]);
  });

  it.each([
    ['a position wider than 40 columns', { drawing: [['x'.repeat(41)]], drawingAlt: ['a'] }, /wider than 40 columns/],
    ['three positions', { drawing: [['a'], ['b'], ['c']], drawingAlt: ['a', 'b', 'c'] }, /more than 2 positions/],
    ['words for one position of two', { drawing: [['a'], ['b']], drawingAlt: ['a'] }, /each position/],
  ])('refuses %s', (_what, extra, message) => {
    const result = v.safeParse(StretchSchema, { ...base, ...extra });
    expect(result.success).toBe(false);
    expect(result.issues!.map((i) => i.message).join(' ')).toMatch(message);
  });
});
