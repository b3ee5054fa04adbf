import { describe, expect, it } from 'vitest';
import { stateDir } from '../../src/journal/paths.js';

const base = { platform: 'linux' as NodeJS.Platform, homedir: '/home/ann', cwd: '/work/here' };

describe('stateDir (cli.md, "Files")', () => {
  it.each([
    ['nothing set: the Linux default', {}, '/home/ann/.local/state/back-relief'],
    ['BACK_RELIEF_HOME absolute', { BACK_RELIEF_HOME: '/data/br' }, '/data/br'],
    ['BACK_RELIEF_HOME relative: from the current folder', { BACK_RELIEF_HOME: 'br-state' }, '/work/here/br-state'],
    ['BACK_RELIEF_HOME empty: as if unset', { BACK_RELIEF_HOME: '' }, '/home/ann/.local/state/back-relief'],
    ['BACK_RELIEF_HOME wins over XDG_STATE_HOME', { BACK_RELIEF_HOME: '/data/br', XDG_STATE_HOME: '/xdg' }, '/data/br'],
    ['XDG_STATE_HOME absolute', { XDG_STATE_HOME: '/xdg/state' }, '/xdg/state/back-relief'],
    ['XDG_STATE_HOME relative: ignored', { XDG_STATE_HOME: 'xdg/state' }, '/home/ann/.local/state/back-relief'],
    ['XDG_STATE_HOME empty: ignored', { XDG_STATE_HOME: '' }, '/home/ann/.local/state/back-relief'],
  ])('%s', (_name, env, expected) => {
    expect(stateDir({ ...base, env })).toBe(expected);
  });

  it('macOS: Application Support', () => {
    expect(stateDir({ ...base, platform: 'darwin', homedir: '/Users/ann', env: {} })).toBe('/Users/ann/Library/Application Support/back-relief');
  });

  it('Windows: LOCALAPPDATA, or AppData\\Local under the home folder', () => {
    expect(stateDir({ ...base, platform: 'win32', homedir: 'C:\\Users\\ann', env: { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' } })).toBe('C:\\Users\\ann\\AppData\\Local\\back-relief');
    expect(stateDir({ ...base, platform: 'win32', homedir: 'C:\\Users\\ann', env: {} })).toBe('C:\\Users\\ann\\AppData\\Local\\back-relief');
  });
});
