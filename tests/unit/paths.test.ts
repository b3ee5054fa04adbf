import { describe, expect, it } from 'vitest';
import { isExitError } from '../../src/errors.js';
import { relativeWithoutFolder } from '../../src/input/files.js';
import { stateDir } from '../../src/journal/paths.js';
import { homeFolder } from '../../src/main.js';

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

describe('the home folder is asked for only when the state folder is under it', () => {
  const noHome = () => {
    throw new Error('uv_os_homedir returned ENOENT');
  };
  it.each([
    ['BACK_RELIEF_HOME', { BACK_RELIEF_HOME: '/data/br' }, 'linux', '/data/br'],
    ['XDG_STATE_HOME', { XDG_STATE_HOME: '/xdg' }, 'linux', '/xdg/back-relief'],
    ['LOCALAPPDATA on Windows', { LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\L\\back-relief'],
  ])('%s set: no home folder needed', (_name, env, platform, expected) => {
    expect(stateDir({ ...base, platform: platform as NodeJS.Platform, homedir: noHome, env })).toBe(expected);
  });

  it('nothing set: the home folder is asked for, and its error is what the person sees', () => {
    expect(() => stateDir({ ...base, homedir: noHome, env: {} })).toThrow('uv_os_homedir');
    expect(stateDir({ ...base, homedir: () => '/home/bo', env: {} })).toBe('/home/bo/.local/state/back-relief');
  });
});

describe('homeFolder: no HOME and no entry in the user list is a usage error naming the ways out', () => {
  it.each([
    ['os.homedir() fails (uv_os_homedir ENOENT)', () => {
      throw Object.assign(new Error('A system error occurred: uv_os_homedir returned ENOENT'), { code: 'ERR_SYSTEM_ERROR' });
    }],
    ['os.homedir() gives nothing', () => ''],
  ])('%s', (_name, homedir) => {
    let error: unknown;
    try {
      homeFolder(homedir);
    } catch (e) {
      error = e;
    }
    expect(isExitError(error) && error.exitCode).toBe(2);
    const message = (error as Error).message;
    for (const name of ['HOME', 'BACK_RELIEF_HOME', 'XDG_STATE_HOME']) expect(message).toContain(name);
    expect(message).not.toContain('uv_');
  });

  it('a home folder is passed through', () => {
    expect(homeFolder(() => '/home/ann')).toBe('/home/ann');
  });
});

describe('a current folder that was deleted (cwd null)', () => {
  it('a relative BACK_RELIEF_HOME cannot work: a usage error that says why', () => {
    expect(() => stateDir({ ...base, cwd: null, env: { BACK_RELIEF_HOME: 'state' } })).toThrow(/BACK_RELIEF_HOME is a relative path, but the current folder no longer exists/);
  });
  it.each([
    [{ BACK_RELIEF_HOME: '/data/br' }, '/data/br'],
    [{}, '/home/ann/.local/state/back-relief'],
  ])('%j: no current folder needed', (env, expected) => {
    expect(stateDir({ ...base, cwd: null, env })).toBe(expected);
  });
});

describe('relativeWithoutFolder', () => {
  it.each<[string, string | null, boolean]>([
    ['summary.md', null, true],
    ['./summary.md', null, true],
    ['/tmp/summary.md', null, false],
    ['summary.md', '/work', false],
  ])('%s with the current folder %s: a problem %s', (path, cwd, problem) => {
    expect(relativeWithoutFolder(path, cwd) !== null).toBe(problem);
  });
});
