import { describe, expect, it } from 'vitest';
import { colourEnabled, createStyle } from '../../src/render/style.js';
import { outputMode } from '../../src/render/mode.js';
import { resolveSettings } from '../../src/config/resolve.js';

describe('colourEnabled (cli.md order: flag, FORCE_COLOR, NO_COLOR, a basic terminal, terminal)', () => {
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
    // Version 2: a locale set to another character set is a basic terminal too.
    ['LC_ALL=C on a terminal', undefined, { LC_ALL: 'C' }, true, false],
    ['LANG=en_GB.ISO-8859-1 on a terminal', undefined, { LANG: 'en_GB.ISO-8859-1' }, true, false],
    ['LC_ALL=C beats a UTF-8 LANG', undefined, { LC_ALL: 'C', LANG: 'en_GB.UTF-8' }, true, false],
    ['LANG=C.UTF-8 on a terminal', undefined, { LANG: 'C.UTF-8' }, true, true],
    ['LC_CTYPE=en_US.utf8 on a terminal', undefined, { LC_CTYPE: 'en_US.utf8' }, true, true],
    ['--color beats LC_ALL=C', true, { LC_ALL: 'C' }, true, true],
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

describe('outputMode', () => {
  it.each([
    ['a UTF-8 terminal', true, { LANG: 'C.UTF-8', TERM: 'xterm' }, 'linux', false, { plain: false, unicode: true, redraw: true }],
    ['TERM=dumb', true, { LANG: 'C.UTF-8', TERM: 'dumb' }, 'linux', false, { plain: false, unicode: false, redraw: false }],
    ['LC_ALL=C', true, { LC_ALL: 'C', TERM: 'xterm' }, 'linux', false, { plain: false, unicode: false, redraw: false }],
    ['no locale on Linux: redrawn, but ASCII', true, { TERM: 'xterm' }, 'linux', false, { plain: false, unicode: false, redraw: true }],
    ['no locale on macOS', true, { TERM: 'xterm' }, 'darwin', false, { plain: false, unicode: true, redraw: true }],
    ['--plain', true, { LANG: 'C.UTF-8' }, 'linux', true, { plain: true, unicode: false, redraw: false }],
    ['a pipe', false, { LANG: 'C.UTF-8' }, 'linux', false, { plain: false, unicode: false, redraw: false }],
  ] as const)('%s', (_name, isTTY, env, platform, plain, expected) => {
    expect(outputMode({ isTTY }, { ...env }, platform, plain)).toEqual(expected);
  });

  it.each([
    [undefined, {}, {}, false],
    [undefined, { BACK_RELIEF_PLAIN: '1' }, {}, true],
    [undefined, { BACK_RELIEF_PLAIN: 'yes' }, {}, true],
    [undefined, { BACK_RELIEF_PLAIN: '0' }, { plain: true }, false],
    [undefined, { BACK_RELIEF_PLAIN: 'false' }, {}, false],
    [undefined, { BACK_RELIEF_PLAIN: '' }, { plain: true }, true],
    [false, { BACK_RELIEF_PLAIN: '1' }, {}, false],
    [true, {}, { plain: false }, true],
    [undefined, {}, { plain: true }, true],
  ] as const)('--plain %s, environment %j, file %j: %s', (flag, env, file, expected) => {
    expect(resolveSettings({ ...file }, { ...env }, { plain: flag }, 'linux').values.plain).toBe(expected);
  });
});
