/**
 * Settings (issue 14): `config` round-trips every key, a broken file stops every command except the
 * ones that repair it, a flag beats the environment beats the file, and the country decides the
 * emergency number everywhere one is said.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runBin, tempDir } from '../helpers/run-bin.js';

function setup(env: Record<string, string> = {}) {
  const config = tempDir('back-relief-config-');
  const home = join(tempDir(), 'state');
  const file = join(config, 'back-relief', 'config.json');
  // BACK_RELIEF_NOTIFY empty: unset, so the file decides (the test helper otherwise turns it off).
  const run = (args: string[], extra: Record<string, string> = {}) => runBin(args, { env: { XDG_CONFIG_HOME: config, BACK_RELIEF_HOME: home, BACK_RELIEF_NOTIFY: '', ...env, ...extra } });
  const write = (text: string) => {
    mkdirSync(join(config, 'back-relief'), { recursive: true });
    writeFileSync(file, text);
  };
  return { config, file, run, write };
}

const emergencyAnswers = (dir: string) => {
  const ids = (JSON.parse(runBin(['red-flags', '--json']).stdout) as { id: string }[]).map((f) => f.id);
  const path = join(dir, 'answers.json');
  writeFileSync(path, JSON.stringify({ onset: null, redFlags: Object.fromEntries(ids.map((id) => [id, id === 'bladder-bowel'])) }));
  return path;
};

describe('config round-trips every key', () => {
  it.each([
    ['country', 'gb', 'GB', 'GB'],
    ['bell', 'off', 'false', false],
    ['notify', 'no', 'false', false],
    ['clock', '12H', '12h', '12h'],
    ['plain', 'yes', 'true', true],
  ])('%s: set %s, get %s, in the file as %j; unset goes back to the default', (key, typed, shown, stored) => {
    const s = setup();
    const set = s.run(['config', 'set', key, typed]);
    expect(set.status, set.stderr).toBe(0);
    expect(s.run(['config', 'get', key]).stdout.trim()).toBe(shown);
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toEqual({ [key]: stored });
    const listed = JSON.parse(s.run(['config', 'list', '--json']).stdout) as { settings: Record<string, { value: unknown; source: string }> };
    expect(listed.settings[key]).toEqual({ value: stored, source: 'file' });
    expect(s.run(['config', 'unset', key]).status).toBe(0);
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toEqual({});
    expect((JSON.parse(s.run(['config', 'list', '--json']).stdout) as { settings: Record<string, { source: string }> }).settings[key]!.source).toBe('default');
  });

  it('writes atomically: a private file in a private folder, nothing left beside it', () => {
    const s = setup();
    s.run(['config', 'set', 'clock', '12h']);
    s.run(['config', 'set', 'bell', 'false']);
    expect(statSync(s.file).mode & 0o777).toBe(0o600);
    expect(statSync(join(s.config, 'back-relief')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(s.config, 'back-relief'))).toEqual(['config.json']);
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toEqual({ clock: '12h', bell: false });
  });

  it('config path names the file, under XDG_CONFIG_HOME', () => {
    const s = setup();
    expect(s.run(['config', 'path']).stdout.trim()).toBe(s.file);
  });

  it.each([
    [['config', 'set', 'clock', '25h'], /clock must be 24h or 12h/],
    [['config', 'set', 'bell', 'maybe'], /bell must be true or false/],
    [['config', 'set', 'country', 'Britain'], /country must be a two-letter country code/],
    [['config', 'set', 'country', 'zz'], /No emergency number is known for "ZZ"/],
    [['config', 'set', 'colour', 'on'], /"colour" is not a setting\. Did you mean "clock"\?|"colour" is not a setting/],
    [['config', 'get', 'clok'], /"clok" is not a setting\. Did you mean "clock"\?/],
  ])('%j is refused (exit 2), saying why', (args, message) => {
    const s = setup();
    const r = s.run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(s.file)).toBe(false);
  });
});

describe('a broken settings file', () => {
  it.each([
    ['not JSON', '{ "clock": ', /is not valid JSON/],
    ['a value of the wrong kind', '{ "clock": "25h" }', /the setting "clock" is "25h", but must be "24h" or "12h"\. To repair it, run back-relief config unset clock/],
    ['an unknown key', '{ "colour": true }', /the setting "colour" is not a setting/],
    ['a key given twice', '{ "clock": "12h", "clock": "24h" }', /"clock" is given more than once/],
    ['not an object', '[1, 2]', /must be a JSON object/],
  ])('%s: every command stops with exit 1, naming the file', (_what, text, message) => {
    const s = setup();
    s.write(text);
    for (const args of [['plan'], ['stretches'], ['config', 'list'], ['config', 'get', 'clock'], ['config', 'set', 'bell', 'true']]) {
      const r = s.run(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(s.file);
      expect(r.stderr).toMatch(message);
    }
    // The help still shows, and config path still works, so the person can find and repair it.
    expect(s.run(['--help']).status).toBe(0);
    expect(s.run(['config', 'path']).stdout.trim()).toBe(s.file);
  });

  it('the warning-sign screens never stop for it: a warning, its valid settings kept, the verdict and the number', () => {
    const s = setup();
    // One typo (bell) must not lose the country that decides the number, nor plain output.
    s.write('{ "bell": "false", "country": "DE", "plain": true }');
    const answers = emergencyAnswers(tempDir());
    const warning = /back-relief: warning: settings file .*config\.json: the setting "bell" .* Until then only its valid settings \(country, plain\) are used\./;
    const triage = s.run(['triage', '--answers', answers], { LANG: 'en_US.UTF-8' });
    expect(triage.stdout.replace(/\s+/g, ' ').trim()).toMatch(/^Verdict: EMERGENCY/);
    expect(triage.stdout.replace(/\s+/g, ' ')).toContain('Call 112 (the emergency number in Germany)');
    expect(triage.stderr.replace(/\s+/g, ' ')).toMatch(warning);
    const checkIn = s.run(['check-in', '--signs', 'bladder-bowel', '--pain', '5']);
    expect(checkIn.stdout.replace(/\s+/g, ' ')).toMatch(/EMERGENCY/);
    expect(checkIn.stderr.replace(/\s+/g, ' ')).toMatch(warning);
    // status too: after that verdict, its Next line is the call to make.
    const status = s.run(['status']);
    expect(status.status).toBe(0);
    expect(status.stdout.replace(/\s+/g, ' ')).toContain('Call 112 (the emergency number in Germany)');
    for (const args of [['red-flags'], []]) {
      const r = s.run(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('112 (the emergency number in Germany)');
      expect(r.stderr.replace(/\s+/g, ' ')).toMatch(warning);
    }
    // Not JSON at all: the defaults, said so.
    s.write('{ "country": "DE", ');
    const broken = s.run(['red-flags']);
    expect(broken.status).toBe(0);
    expect(broken.stderr.replace(/\s+/g, ' ')).toMatch(/is not valid JSON .* Until then the defaults are used\./);
    // Everything else still stops, naming the file, as before.
    expect(s.run(['stretches']).status).toBe(1);
  });

  it('config unset repairs a bad key, and says what else is wrong', () => {
    const s = setup();
    s.write('{ "clock": "25h", "colour": true, "bell": false }');
    const first = s.run(['config', 'unset', 'clock']);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/warning: .*the setting "colour" is not a setting/);
    expect(s.run(['config', 'unset', 'colour']).status).toBe(0);
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toEqual({ bell: false });
    expect(s.run(['status']).status).toBe(0);
  });
});

describe('a settings file this user may not read (HOME still root\'s under sudo -u or setpriv)', () => {
  const root = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
  const reason = root ? null : 'needs root and setpriv, to run as another user';
  if (reason) process.stderr.write(`back-relief tests: skipping: ${reason}\n`);
  const asNobody = (config: string, home: string, args: string[]) =>
    spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: config, BACK_RELIEF_HOME: home, BACK_RELIEF_NOTIFY: '0' },
      encoding: 'utf8',
      timeout: 15_000,
    });
  const open = () => {
    const home = join(tempDir(), 'state');
    mkdirSync(home, { recursive: true });
    chmodSync(join(home, '..'), 0o777);
    chownSync(join(home), 65534, 65534);
    return home;
  };

  it.skipIf(reason !== null).each([
    ['in a folder this user may not enter', (config: string) => chmodSync(config, 0o700)],
    ['a file only its owner may read', (config: string) => chmodSync(join(config, 'back-relief', 'config.json'), 0o600)],
  ])('%s: a warning, the defaults, and every command still works', (_what, hide) => {
    const s = setup();
    s.write('{ "clock": "12h" }');
    chmodSync(s.config, 0o755);
    hide(s.config);
    const home = open();
    for (const args of [['status'], ['stretches'], ['config', 'list']]) {
      const r = asNobody(s.config, home, args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toContain(`back-relief: warning: the settings file ${s.file} cannot be read (permission denied); the defaults are used.`);
      expect(r.stderr).not.toMatch(/unexpected error|EACCES/);
    }
    expect(asNobody(s.config, home, ['--help']).status).toBe(0);
    // Changing a file that cannot be read would lose what is in it: refused in words.
    const set = asNobody(s.config, home, ['config', 'set', 'bell', 'false']);
    expect(set.status).toBe(1);
    expect(set.stderr).toContain(`settings file ${s.file}: cannot be read (permission denied)`);
    expect(set.stderr).not.toMatch(/unexpected error|EACCES/);
    expect(readFileSync(s.file, 'utf8')).toBe('{ "clock": "12h" }');
  });
});

describe('the messages about a broken file lead to its repair', () => {
  it.each([
    ['a key given twice', '{ "clock": "12h", "clock": "24h", "bell": false }', 'clock', /the setting "clock" is given more than once\. To repair it, run back-relief config unset clock/],
    ['a value nested too deeply', '{ "a": { "b": { "c": { "d": { "e": 1 } } } }, "bell": false }', 'a', /the setting "a" is nested too deeply\. To repair it, run back-relief config unset a/],
  ])('%s: the message names config unset, and config unset repairs it', (_what, text, key, message) => {
    const s = setup();
    s.write(text);
    const broken = s.run(['plan']);
    expect(broken.status).toBe(1);
    expect(broken.stderr.replace(/\s+/g, ' ')).toMatch(message);
    const unset = s.run(['config', 'unset', key]);
    expect(unset.status, unset.stderr).toBe(0);
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toEqual({ bell: false });
    expect(s.run(['status']).status).toBe(0);
  });

  it('unset of one key never rewrites another key that is given twice: that one is named instead', () => {
    const s = setup();
    const text = '{ "bell": true, "bell": false, "clock": "12h" }';
    s.write(text);
    const r = s.run(['config', 'unset', 'clock']);
    expect(r.status).toBe(1);
    expect(r.stderr.replace(/\s+/g, ' ')).toContain('the setting "bell" is given more than once. To repair it, run back-relief config unset bell');
    expect(readFileSync(s.file, 'utf8')).toBe(text);
  });

  it('a file far too large is said in words', () => {
    const s = setup();
    s.write(`{ "bell": false, "x": "${'a'.repeat(70_000)}" }`);
    const r = s.run(['plan']);
    expect(r.status).toBe(1);
    expect(r.stderr.replace(/\s+/g, ' ')).toContain('cannot be read (it is far larger than such a file can be)');
    expect(r.stderr).not.toMatch(/ETOOLARGE/);
  });

  it('"false" in quotes: the message says to write it without them', () => {
    const s = setup();
    s.write('{ "bell": "false" }');
    expect(s.run(['status']).stderr.replace(/\s+/g, ' ')).toContain('the setting "bell" is the text "false"; write it without quotes: false.');
  });

  it('a name with hidden characters is shown with them visible, never as the name it resembles', () => {
    const s = setup();
    const r = s.run(['config', 'get', 'clo\u001b]0;x\u0007ck']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"clo\\u001b]0;x\\u0007ck" is not a setting');
    expect(r.stderr).not.toMatch(/\u001b|\u0007/);
    s.write('{ "\\u001b[2J": 1 }');
    const file = s.run(['status']);
    expect(file.stderr).toContain('the setting "\\u001b[2J" is not a setting');
    expect(file.stderr).not.toContain('\u001b');
  });

  it('UK is taken as a slip for GB', () => {
    const r = setup().run(['config', 'set', 'country', 'UK']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('The country code of the United Kingdom is GB: back-relief config set country GB');
  });

  it('a settings path with escape sequences in it is printed without them', () => {
    const base = join(tempDir(), 'c\u001b]0;PWNED\u0007\u001b[31m');
    mkdirSync(base, { recursive: true });
    for (const args of [['config', 'path'], ['config', 'list'], ['config', 'set', 'clock', '12h']]) {
      const r = runBin(args, { env: { XDG_CONFIG_HOME: base } });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(r.stdout, args.join(' ')).toContain('/back-relief/config.json');
    }
  });
});

describe('a symbolic link in the place of the settings file (a dotfiles manager)', () => {
  it('is read through, and written through: the link stays, the file it leads to changes', () => {
    const s = setup();
    const dotfiles = tempDir('back-relief-dotfiles-');
    const real = join(dotfiles, 'back-relief.json');
    writeFileSync(real, '{ "clock": "12h" }');
    mkdirSync(join(s.config, 'back-relief'), { recursive: true });
    symlinkSync(real, s.file);
    expect(s.run(['config', 'get', 'clock']).stdout.trim()).toBe('12h');
    expect(s.run(['config', 'set', 'bell', 'false']).status).toBe(0);
    expect(lstatSync(s.file).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8'))).toEqual({ clock: '12h', bell: false });
    expect(readdirSync(dotfiles)).toEqual(['back-relief.json']);
  });

  it('a link that loops is an error naming the file, not an empty file that set then replaces', () => {
    const s = setup();
    mkdirSync(join(s.config, 'back-relief'), { recursive: true });
    symlinkSync(s.file, s.file);
    const status = s.run(['plan']);
    expect(status.status).toBe(1);
    expect(status.stderr.replace(/\s+/g, ' ')).toContain('cannot be read (it is a symbolic link that leads round in a loop)');
    expect(s.run(['config', 'set', 'bell', 'false']).status).toBe(1);
    expect(lstatSync(s.file).isSymbolicLink()).toBe(true);
  });

  it('a link to nothing: set says so instead of replacing the link', () => {
    const s = setup();
    mkdirSync(join(s.config, 'back-relief'), { recursive: true });
    symlinkSync(join(s.config, 'nowhere.json'), s.file);
    const set = s.run(['config', 'set', 'bell', 'false']);
    expect(set.status).toBe(1);
    expect(set.stderr.replace(/\s+/g, ' ')).toContain('cannot be written (it is a symbolic link to a file that does not exist)');
    expect(lstatSync(s.file).isSymbolicLink()).toBe(true);
  });
});

describe('a value that cannot be used is never ignored without a word', () => {
  it.each([
    ['BACK_RELIEF_CLOCK', '13h', 'must be 24h or 12h'],
    ['BACK_RELIEF_PLAIN', 'maybe', 'must be true or false'],
  ])('%s=%s: a warning, and the file or the default applies', (variable, value, why) => {
    const s = setup();
    s.write('{ "clock": "12h" }');
    const r = s.run(['config', 'list', '--json'], { [variable]: value });
    expect(r.status).toBe(0);
    expect(r.stderr.replace(/\s+/g, ' ')).toContain(`back-relief: warning: ${variable}="${value}" is ignored: it ${why}`);
  });

  it('a bad variable that a flag overrides anyway is not warned about', () => {
    const r = setup().run(['stretches', '--plain'], { BACK_RELIEF_PLAIN: 'maybe' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('a country the list does not know, from the file or the environment: said once, then the general words', () => {
    const s = setup();
    s.write('{ "country": "XX" }');
    const file = s.run(['red-flags']);
    expect(file.status).toBe(0);
    expect(file.stderr.replace(/\s+/g, ' ')).toContain('no emergency number is known for "XX" (the country setting; change it with back-relief config set country CODE)');
    expect(file.stderr.match(/no emergency number is known/g)).toHaveLength(1);
    expect(file.stdout.replace(/\s+/g, ' ')).toContain('your local emergency number');
    const env = s.run(['red-flags'], { BACK_RELIEF_COUNTRY: 'QQ' });
    expect(env.stderr.replace(/\s+/g, ' ')).toContain('no emergency number is known for "QQ" (BACK_RELIEF_COUNTRY)');
    // A locale whose region the list lacks needs no warning.
    expect(setup().run(['red-flags'], { LANG: 'sr_RS.UTF-8' }).stderr).toBe('');
  });
});

describe('a flag beats the environment, which beats the file', () => {
  it('plain', () => {
    const s = setup();
    s.write('{ "plain": true }');
    const page = (args: string[], env: Record<string, string> = {}) => s.run(['stretches', 'cat-cow', ...args], env).stdout;
    expect(page([])).toContain('Start: Cat:');
    expect(page([], { BACK_RELIEF_PLAIN: '0' })).not.toContain('Start: Cat:');
    expect(page(['--plain'], { BACK_RELIEF_PLAIN: '0' })).toContain('Start: Cat:');
    expect(page(['--no-plain'])).not.toContain('Start: Cat:');
  });

  it('clock: every time shown follows it', () => {
    const s = setup();
    s.run(['onset', '2026-11-20T08:05']);
    expect(s.run(['status']).stdout).toMatch(/, 08:05/);
    s.run(['config', 'set', 'clock', '12h']);
    expect(s.run(['status']).stdout).toMatch(/, 8:05 am/);
    expect(s.run(['history']).stdout).toMatch(/8:05 am/);
    expect(s.run(['status'], { BACK_RELIEF_CLOCK: '24h' }).stdout).toMatch(/, 08:05/);
  });

  it('country: the setting, else the locale, else the generic words', () => {
    const s = setup();
    const dir = tempDir();
    const answers = emergencyAnswers(dir);
    // --plain: the verdict's words without the box around them.
    const verdict = (env: Record<string, string> = {}) => s.run(['triage', '--answers', answers, '--plain'], env).stdout.replace(/\s+/g, ' ');
    expect(verdict()).toContain('Call your local emergency number (911 in the US and Canada, 112 in Europe, 999 in the UK)');
    expect(verdict({ LANG: 'de_DE.UTF-8' })).toContain('Call 112 (the emergency number in Germany)');
    expect(verdict({ LC_ALL: 'en_AU.UTF-8', LANG: 'de_DE.UTF-8' })).toContain('Call 000 (the emergency number in Australia; 112 works too)');
    s.run(['config', 'set', 'country', 'fr']);
    expect(verdict({ LANG: 'de_DE.UTF-8' })).toContain('Call 15 (the emergency number in France; 112 works too)');
    expect(verdict({ LANG: 'de_DE.UTF-8', BACK_RELIEF_COUNTRY: 'JP' })).toContain('Call 119 (the emergency number in Japan)');
    // The watch list says the same number.
    s.run(['config', 'set', 'country', 'gb']);
    const selfCare = join(dir, 'none.json');
    const ids = (JSON.parse(runBin(['red-flags', '--json']).stdout) as { id: string }[]).map((f) => f.id);
    writeFileSync(selfCare, JSON.stringify({ onset: null, redFlags: Object.fromEntries(ids.map((id) => [id, false])) }));
    expect(s.run(['triage', '--answers', selfCare]).stdout.replace(/\s+/g, ' ')).toMatch(/Call 999 at once if any of these appears/);
    expect(s.run(['red-flags']).stdout.replace(/\s+/g, ' ')).toContain('Call 999 (the emergency number in the United Kingdom; 112 works too)');
    expect(s.run([]).stdout.replace(/\s+/g, ' ')).toContain('call 999 (the emergency number in the United Kingdom; 112 works too) now');
    expect(s.run(['--help']).stdout.replace(/\s+/g, ' ')).toContain('call 999 (the emergency number in the United Kingdom; 112 works too) now');
    expect(JSON.parse(s.run(['triage', '--answers', answers, '--json']).stdout).plan[0]).toMatch(/^Call 999/);
  });
});
