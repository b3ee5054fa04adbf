/**
 * Edge cases found by an adversarial review, through the built binary: output cut short by a full
 * disk or a file size limit, no home folder, a current folder that was deleted, export's --output,
 * onsets ahead of the clock, a dangling --data-dir file, a stop between rounds.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { journalLines, NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { has } from '../helpers/programs.js';
import { BIN, runBin, tempDir } from '../helpers/run-bin.js';
import { smallDisk } from '../helpers/small-disk.js';

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |unexpected error|uv_/);
/** Runs a shell line with the binary as $BIN (and node as $NODE), in `cwd`. */
function sh(line: string, options: { cwd?: string; env?: Record<string, string> } = {}) {
  return spawnSync('sh', ['-c', line], {
    cwd: options.cwd ?? tempDir(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', BACK_RELIEF_HOME: join(tempDir(), 'state'), NODE: process.execPath, BIN, ...options.env },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

/** The bytes in one block of `ulimit -f` for this sh: 512 for dash, 1024 for bash. */
function ulimitBlock(): number {
  const dir = tempDir();
  sh('ulimit -f 1; head -c 4096 /dev/zero > probe 2>/dev/null', { cwd: dir });
  return statSync(join(dir, 'probe')).size;
}

describe('output cut short by a file size limit or a full disk: exit 1 and one line, never 0', () => {
  it.each([['sources'], ['sources', '--json']])('ulimit -f 4, %s > out: exit 1, "the file is too large"', (...args) => {
    const dir = tempDir();
    const whole = runBin(args).stdout.length;
    const r = sh(`ulimit -f 4; exec "$NODE" "$BIN" ${args.join(' ')} > out`, { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['back-relief: cannot write the output (the file is too large).']);
    // The limit really cut it: before the fix this was a silent, shorter file and exit 0.
    expect(statSync(join(dir, 'out')).size).toBe(4 * ulimitBlock());
    expect(whole).toBeGreaterThan(4 * 1024);
  });

  it('the same output without the limit is whole and exits 0', () => {
    const dir = tempDir();
    const r = sh('exec "$NODE" "$BIN" sources --json > out', { cwd: dir });
    expect(r.status).toBe(0);
    expect(() => JSON.parse(readFileSync(join(dir, 'out'), 'utf8'))).not.toThrow();
  });

  it('messages on stderr cut short by the limit: exit 1 instead of 0', () => {
    const dir = tempDir();
    const home = join(tempDir(), 'state');
    // stderr appends to a file nearly at the limit: "Summary written to ..." cannot be written. The
    // summary itself (a few hundred bytes) fits.
    const limit = 8 * ulimitBlock();
    writeFileSync(join(dir, 'err'), 'x'.repeat(limit - 8));
    const r = sh(`ulimit -f 8; exec "$NODE" "$BIN" export --output "${join(dir, 'summary.md')}" 2>> err`, { cwd: dir, env: { BACK_RELIEF_HOME: home } });
    expect(r.status).toBe(1);
    expect(statSync(join(dir, 'summary.md')).isFile()).toBe(true);
    expect(statSync(join(dir, 'err')).size).toBe(limit);
  });

  const disk = smallDisk(4);
  const mounted = 'dir' in disk ? disk : null;
  afterAll(() => mounted?.unmount());
  const title = (t: string) => (disk.reason ? `${t} (skipped: ${disk.reason})` : t);
  it.skipIf(!mounted).each([['sources'], ['sources', '--json']])(title('a full disk (a 4 kB tmpfs): %s > file exits 1, "no space left"'), (...args) => {
    if (!mounted) return;
    const file = join(mounted.dir, `out-${args.length}`);
    const r = sh(`exec "$NODE" "$BIN" ${args.join(' ')} > "${file}"`);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['back-relief: cannot write the output (no space left on the disk).']);
    spawnSync('rm', ['-f', file]);
  });
});

describe('no home folder: HOME unset and no entry in the user list (a container with an arbitrary uid)', () => {
  const root = process.getuid?.() === 0 && has('setpriv');
  const reason = 'needs root and setpriv to run as a user id with no passwd entry';
  if (!root) process.stderr.write(`back-relief tests: skipping the no-home-folder tests: ${reason}\n`);
  const asStranger = (args: string[], env: Record<string, string> = {}) =>
    spawnSync('setpriv', ['--reuid=54321', '--regid=54321', '--clear-groups', '--', process.execPath, BIN, ...args], {
      cwd: '/',
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
      encoding: 'utf8',
    });

  it.skipIf(!root)(root ? 'status: exit 2, naming HOME, BACK_RELIEF_HOME and XDG_STATE_HOME' : `status (skipped: ${reason})`, () => {
    const r = asStranger(['status']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^back-relief: HOME is not set and this user has no home folder/);
    expect(r.stderr).toContain('BACK_RELIEF_HOME');
    expect(r.stderr).toContain('XDG_STATE_HOME');
    noStack(r.stderr);
  });

  it.skipIf(!root)(root ? 'with BACK_RELIEF_HOME or XDG_STATE_HOME set, the journal works; listings never need a home' : `a folder chosen (skipped: ${reason})`, () => {
    const parent = tempDir();
    chownSync(parent, 54321, 54321);
    const byHome = asStranger(['pain', '4'], { BACK_RELIEF_HOME: join(parent, 'a') });
    expect(byHome.stderr).toBe('');
    expect(byHome.status).toBe(0);
    const byXdg = asStranger(['status'], { XDG_STATE_HOME: parent });
    expect(byXdg.status).toBe(0);
    expect(asStranger(['sources']).status).toBe(0);
  });
});

describe('the current folder was deleted', () => {
  const gone = (line: string, env: Record<string, string> = {}) => sh(`mkdir d && cd d && rmdir ../d && ${line}`, { env });

  it.each([['sources'], ['red-flags', '--json'], ['status'], ['pain', '5'], ['plan'], ['--help']])('%j works as usual', (...args) => {
    const r = gone(`exec "$NODE" "$BIN" ${args.join(' ')}`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('an absolute --output, --data-dir or BACK_RELIEF_HOME still works', () => {
    const out = join(tempDir(), 'summary.md');
    const data = tempDir();
    expect(gone(`exec "$NODE" "$BIN" export --output "${out}"`).status).toBe(0);
    expect(gone(`exec "$NODE" "$BIN" sources --data-dir "${data}"`).status).toBe(0);
  });

  it.each<[string, string[], Record<string, string>, number, RegExp]>([
    ['--output', ['export', '--output', 'summary.md'], {}, 1, /^back-relief: --output: cannot write "summary\.md": it is a relative path, but the current folder no longer exists/],
    ['--answers', ['triage', '--answers', 'answers.json'], {}, 2, /^back-relief: --answers: cannot read "answers\.json": it is a relative path, but the current folder no longer exists/],
    ['--data-dir', ['sources', '--data-dir', 'mine'], {}, 2, /^back-relief: --data-dir: "mine" cannot be used: it is a relative path, but the current folder no longer exists/],
    ['BACK_RELIEF_HOME', ['status'], { BACK_RELIEF_HOME: 'state' }, 2, /^back-relief: BACK_RELIEF_HOME is a relative path, but the current folder no longer exists/],
  ])('a relative %s: an error in words', (_name, args, env, code, message) => {
    const r = gone(`exec "$NODE" "$BIN" ${args.join(' ')}`, env);
    expect(r.status).toBe(code);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  });
});

describe('export --output: every file that cannot be written is exit 1; --force replaces only a regular file', () => {
  const setup = () => {
    const dir = tempDir();
    const home = join(tempDir(), 'state');
    const run = (args: string[]) => runBin(['export', ...args], { env: { BACK_RELIEF_HOME: home } });
    return { dir, run };
  };
  const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  it('a folder that does not exist: exit 1, naming it', () => {
    const r = setup().run(['--output', '/nonexistent-back-relief/x.md']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--output: cannot write in "/nonexistent-back-relief" (no such file or folder).');
    noStack(r.stderr);
  });

  it('a path under a file: exit 1', () => {
    const { dir, run } = setup();
    writeFileSync(join(dir, 'f'), 'x');
    const r = run(['--output', join(dir, 'f', 'x.md')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('a part of the path is a file, not a folder');
  });

  it('a 255-character name works (the temporary name does not grow with it); 256 is exit 1, "too long"', () => {
    const { dir, run } = setup();
    const longest = `${'a'.repeat(252)}.md`;
    const r = run(['--output', join(dir, longest)]);
    expect(r.stderr).toContain('Summary written to');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, longest), 'utf8')).toMatch(/^# Back pain summary/);
    const tooLong = run(['--output', join(dir, `${'a'.repeat(253)}.md`)]);
    expect(tooLong.status).toBe(1);
    expect(tooLong.stderr).toContain('(the name is too long)');
    expect(leftovers(dir)).toEqual([]);
  });

  it.each<[string, (path: string) => void, string]>([
    ['a folder', (p) => mkdirSync(p), 'a folder'],
    ['a symbolic link to /proc/self/fd/1', (p) => symlinkSync('/proc/self/fd/1', p), 'a symbolic link'],
    ['a dangling symbolic link', (p) => symlinkSync('/nonexistent-back-relief', p), 'a symbolic link'],
    ['a named pipe', (p) => execFileSync('mkfifo', [p]), 'a named pipe (FIFO)'],
  ])('%s is never replaced, with or without --force: exit 1, in words', (_name, make, kind) => {
    const { dir, run } = setup();
    const target = join(dir, 'summary.md');
    make(target);
    const before = lstatSync(target);
    for (const force of [[], ['--force']]) {
      const r = run(['--output', target, ...force]);
      expect(r.status, force.join('')).toBe(1);
      expect(r.stderr).toContain(`--output: "${target}" is ${kind}, not a regular file, and only a regular file is ever replaced; choose another name.`);
      noStack(r.stderr);
    }
    const after = lstatSync(target);
    expect([after.ino, after.mode]).toEqual([before.ino, before.mode]);
    expect(leftovers(dir)).toEqual([]);
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)(root ? 'a character device is never replaced (--force): exit 1' : 'a character device (skipped: mknod needs root)', () => {
    const { dir, run } = setup();
    const target = join(dir, 'null.md');
    execFileSync('mknod', [target, 'c', '1', '3']);
    const r = run(['--output', target, '--force']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is a device, not a regular file');
    expect(lstatSync(target).isCharacterDevice()).toBe(true);
  });

  it('a regular file: exit 2 without --force (a usage mistake), replaced with it', () => {
    const { dir, run } = setup();
    const target = join(dir, 'summary.md');
    writeFileSync(target, 'mine');
    const r = run(['--output', target]);
    expect(r.status).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('mine');
    expect(run(['--output', target, '--force']).status).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^# Back pain summary/);
  });
});

describe('UTC offsets beyond 14 hours', () => {
  it('onset 2026-11-25T09:00+99:00 is refused with the reason, and nothing is recorded', () => {
    const home = join(tempDir(), 'state');
    const r = runBin(['onset', '2025-11-25T09:00+99:00'], { env: { BACK_RELIEF_HOME: home } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('its UTC offset +99:00 is more than 14 hours');
    expect(existsSync(home)).toBe(false);
  });

  it('triage --answers with the same offset is refused too', () => {
    const dir = tempDir();
    const flags = (JSON.parse(runBin(['red-flags', '--json']).stdout) as { id: string }[]).map((f) => f.id);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ onset: '2025-11-25T09:00+99:00', redFlags: Object.fromEntries(flags.map((id) => [id, false])) }));
    const r = runBin(['triage', '--answers', join(dir, 'a.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"onset": "2025-11-25T09:00+99:00": its UTC offset +99:00 is more than 14 hours');
  });
});

describe('an onset in the journal ahead of the clock (2099)', () => {
  const futureHome = () => {
    const home = join(tempDir(), 'state');
    seedJournal(home, [{ type: 'onset', at: '2026-01-01T00:00:00.000Z', onset: '2099-01-01T00:00:00.000Z' }]);
    return { env: { BACK_RELIEF_HOME: home } };
  };
  const FUTURE = /in the future: check the computer's clock or record the onset again/;

  it('status says it is in the future, never "less than an hour ago"', () => {
    const r = runBin(['status'], futureHome());
    expect(r.status).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/Started Thu 1 Jan 2099, 00:00, which is in the future: check the computer's clock or record the onset again/);
    expect(text).not.toMatch(/less than an hour|Phase/);
    const json = JSON.parse(runBin(['status', '--json'], futureHome()).stdout);
    expect(json).toMatchObject({ onset: '2099-01-01T00:00:00.000Z', onsetInFuture: true, hoursSinceOnset: null, phase: 'unknown', thermal: 'unknown' });
  });

  it('plan keeps its dates but marks no day as today, and says why', () => {
    const r = runBin(['plan'], futureHome());
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(FUTURE);
    expect(r.stdout).not.toContain('(today');
    expect(r.stdout).toContain('Day 0      Thu 1 Jan 2099');
    const json = runBin(['plan', '--json'], futureHome());
    expect((JSON.parse(json.stdout) as { today: boolean }[]).some((d) => d.today)).toBe(false);
    expect(json.stderr).toMatch(/^back-relief: warning: the onset, Thu 1 Jan 2099, 00:00, is in the future/);
  });

  it('the overview and the export do not read it as now', () => {
    expect(runBin([], futureHome()).stdout.replace(/\s+/g, ' ')).toMatch(FUTURE);
    const md = runBin(['export'], futureHome()).stdout;
    expect(md).toContain('- Started: Thu 1 Jan 2099, 00:00');
    expect(md).toContain("- Time since: not known; the onset is ahead of the computer's clock");
  });
});

describe('durations and counts in words', () => {
  it('onset 1900-01-01: years, not 1523 months', () => {
    const r = runBin(['onset', '1900-01-01']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\(about 1\d\d years ago\)/);
  });

  it('routine --walk 1 --only walking: "1 stretch, about 1 minute", and the walk\'s length once', () => {
    const r = runBin(['routine', '--plan', '--walk', '1', '--only', 'walking']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Stretch routine (gentle), 1 stretch, about 1 minute of timed work:');
    expect(r.stdout).toContain('1. Light walking: 1 min\n');
    expect(r.stdout).not.toMatch(/\b1 (minutes|stretches)\b/);
  });
});

describe('a dangling --data-dir file', () => {
  it('sources.json -> /nope: exit 1, naming the file, instead of silently skipped', () => {
    const dir = tempDir();
    symlinkSync('/nope', join(dir, 'sources.json'));
    const r = runBin(['sources', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`back-relief: ${join(dir, 'sources.json')}: cannot be read (it is a symbolic link to "/nope", which leads to no file).`);
  });
});

describe('a signal between rounds says what really happened', () => {
  it.each([
    ['SIGTERM', 143, 'Stopped by a signal'],
    ['SIGINT', 130, 'Interrupted'],
  ] as const)('%s during the skin break: the session before it is recorded as completed (exit %i)', async (signal, code, words) => {
    const home = join(tempDir(), 'state');
    seedJournal(home, [NO_PRECAUTIONS]);
    const child = spawn(process.execPath, [BIN, 'ice', '--rounds', '2', '--duration', '1s', '--break', '20m', '--no-bell'], { env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await new Promise<void>((resolve) => {
      const check = () => (out.includes('Let the skin recover') ? resolve() : setTimeout(check, 20));
      check();
    });
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(err.trim()).toBe(`${words} during the skin break; the ice session before it is recorded as completed.`);
    expect(err).not.toContain('recorded as interrupted');
    expect(journalLines(home).filter((l) => l.type === 'session')).toEqual([expect.objectContaining({ kind: 'ice', outcome: 'completed', plannedSeconds: 1 })]);
  });
});
