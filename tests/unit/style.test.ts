import { describe, expect, it } from 'vitest';
import { colourEnabled, createStyle } from '../../src/render/style.js';

describe('colourEnabled (cli.md order: flag, FORCE_COLOR, NO_COLOR, TERM=dumb, terminal)', () => {
  it.each([
    ['a terminal, nothing set', undefined, {}, true, true],
    ['a pipe, nothing set', undefined, {}, false, false],
    ['--color on a pipe', true, {}, false, true],
    ['--no-color on a terminal', false, {}, true, false],
    ['--color beats NO_COLOR', true, { NO_COLOR: '1' }, true, true],
    ['--no-color beats FORCE_COLOR', false, { FORCE_COLOR: '1' }, true, false],
    ['NO_COLOR=1 on a terminal', undefined, { NO_COLOR: '1' }, true, false],
    ['empty NO_COLOR is ignored', undefined, { NO_COLOR: '' }, true, true],
    ['TERM=dumb on a terminal', undefined, { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR=1 on a pipe', undefined, { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=3 beats NO_COLOR', undefined, { FORCE_COLOR: '3', NO_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 on a terminal', undefined, { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false on a terminal', undefined, { FORCE_COLOR: 'false' }, true, false],
    ['FORCE_COLOR beats TERM=dumb', undefined, { FORCE_COLOR: '1', TERM: 'dumb' }, false, true],
  ] as const)('%s', (_name, flag, env, isTTY, expected) => {
    expect(colourEnabled({ flag, env: { ...env }, isTTY })).toBe(expected);
  });
});

describe('createStyle', () => {
  it('adds escape codes only when enabled, and never changes the words', async () => {
    const on = await createStyle(true);
    const off = await createStyle(false);
    expect(off.level('emergency', 'EMERGENCY')).toBe('EMERGENCY');
    expect(on.level('emergency', 'EMERGENCY')).toMatch(/^\u001b\[.*EMERGENCY.*\u001b\[/);
    expect(on.level('emergency', 'EMERGENCY').replace(/\u001b\[[0-9;]*m/g, '')).toBe('EMERGENCY');
  });
});
