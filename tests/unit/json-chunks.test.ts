/** JSON in pieces writes exactly what JSON.stringify(value, null, 2) writes. */
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/text/json-chunks.js';

const whole = (value: unknown) => [...jsonChunks(value)].join('');

describe('jsonChunks', () => {
  it.each([
    ['a number', 3],
    ['null', null],
    ['a string with quotes and a newline', 'a "b"\nc'],
    ['an empty object and array', { a: {}, b: [] }],
    ['undefined and functions left out, null in arrays', { a: undefined, b: () => 1, c: [undefined, 1] }],
    ['a Date (toJSON)', { at: new Date('2026-11-25T12:00:00Z'), list: [new Date(0)] }],
    ['nesting three deep', { pain: [{ at: '2026', score: 3, note: 'x\ny', tags: ['a', { b: [1, 2] }] }], timeZone: { name: 'UTC', utcOffsetMinutes: 0 } }],
    ['a top-level array of objects', [{ a: 1 }, { b: [1, 2, { c: 'd' }] }]],
  ])('%s', (_name, value) => {
    expect(whole(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('a large array comes out in chunks of about 64 kB, and the same text', () => {
    const value = { pain: Array.from({ length: 20_000 }, (_, i) => ({ at: new Date(i * 1000).toISOString(), score: i % 11 })) };
    const chunks = [...jsonChunks(value)];
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeLessThan(70_000);
    expect(chunks.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});
