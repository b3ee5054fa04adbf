/**
 * The README's promises under stress, through the built binary: a journal that cannot be written,
 * read or trusted; hostile and special files; output that cannot be written; input at its edges.
 * Each case reproduces what an attacker or a clumsy user did to an earlier version.
 */
import { format } from 'date-fns';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalLines, NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { BIN, runBin, tempDir } from '../helpers/run-bin.js';

const ESC = '\u001b';
const env = (home: string, extra: Record<string, string> = {}) => ({ env: { BACK_RELIEF_HOME: home, ...extra } });
const state = () => join(tempDir(), 'state');
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |unexpected error/);

describe('a state folder that cannot be used: exit 2 naming the variable and the path', () => {
  it.each<[string, (dir: string) => void, string, string]>([
    ['a file', (dir) => writeFileSync(dir, 'x'), 'is a file, not a folder', ''],
    ['under a file', (dir) => writeFileSync(dir, 'x'), 'a part of the path is a file', 'sub'],
    ['a dangling symbolic link', (dir) => symlinkSync(join(dir, '..', 'nowhere'), dir), 'is a symbolic link to nothing', ''],
  ])('%s', (_name, make, why, below) => {
    const dir = state();
    make(dir);
    const home = below ? join(dir, below) : dir;
    for (const args of [['status'], ['pain', '5'], ['ice', '--duration', '1s']]) {
      const r = runBin(args, env(home));
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`BACK_RELIEF_HOME (${home})`);
      expect(r.stderr).toContain(why);
      noStack(r.stderr);
    }
  });

  it('under /proc: refused at once, never a loop at 100% CPU', () => {
    const started = Date.now();
    const r = runBin(['pain', '5'], env('/proc/self/x'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/BACK_RELIEF_HOME \(\/proc\/self\/x\): is inside a system folder/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('XDG_STATE_HOME is named when it is the one in the way', () => {
    const xdg = state();
    writeFileSync(xdg, 'x');
    const r = runBin(['status'], { env: { BACK_RELIEF_HOME: undefined, XDG_STATE_HOME: xdg } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`XDG_STATE_HOME (${join(xdg, 'back-relief')})`);
  });
});

describe('a journal that cannot be written, read or trusted', () => {
  it('a timer does not start when the journal is not a file: exit 1, the path and why in words', () => {
    const home = state();
    mkdirSync(join(home, 'journal.jsonl'), { recursive: true });
    const started = Date.now();
    const r = runBin(['ice', '--duration', '3s'], env(home));
    expect(r.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(r.stderr).toContain(`the journal ${join(home, 'journal.jsonl')}: it is not a regular file`);
    expect(r.stdout).not.toMatch(/Ice: 0:03/);
    noStack(r.stderr);
  });

  it('a journal that can be read but not written (a read-only folder, as a user without rights): nothing starts', () => {
    // As root every file is writable, so the run drops to the unprivileged "nobody" user.
    const parent = tempDir();
    chmodSync(parent, 0o755);
    const home = join(parent, 'state');
    seedJournal(home, [NO_PRECAUTIONS]);
    const user = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : [];
    if (user.length) execFileSync('chown', ['-R', '65534:65534', home]);
    chmodSync(join(home, 'journal.jsonl'), 0o400);
    chmodSync(home, 0o500);
    for (const args of [['ice', '--duration', '3s'], ['routine']]) {
      const [cmd, ...rest] = [...user, process.execPath, BIN, ...args];
      const r = spawnSync(cmd!, rest, { env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home }, encoding: 'utf8' });
      if (args[0] === 'routine') {
        // Without a terminal the routine refuses anyway (exit 2), before touching the journal.
        expect(r.status).toBe(2);
        continue;
      }
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`cannot write the journal ${join(home, 'journal.jsonl')}: permission denied. Nothing was started.`);
      noStack(r.stderr);
    }
  });

  it('a journal that fails at the end: the end message and the bell come first, then the error', async () => {
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    const child = spawn(process.execPath, [BIN, 'ice', '--duration', '2s'], { env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise((r) => setTimeout(r, 700));
    // The journal is swapped for a folder while the session runs.
    const file = join(home, 'journal.jsonl');
    execFileSync('rm', ['-f', file]);
    mkdirSync(file);
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(1);
    expect(out).toMatch(/Ice done at \d\d:\d\d\. Take the cold pack off\./);
    expect(err).toContain('cannot record it in the journal');
    noStack(err);
  });

  it('an append cut short by a file size limit leaves no torn line: the file is as it was', () => {
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    const file = join(home, 'journal.jsonl');
    // Pad the journal to just under 1 kB with whole lines.
    let text = readFileSync(file, 'utf8');
    while (text.length < 900) text += `${JSON.stringify({ type: 'pain', at: '2026-01-01T00:00:00.000Z', score: 1 })}\n`;
    writeFileSync(file, text);
    const before = readFileSync(file);
    const note = 'n'.repeat(400);
    const r = spawnSync('bash', ['-c', `ulimit -f 1; exec "${process.execPath}" "${BIN}" pain 5 --note "${note}"`], {
      env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cannot record it in the journal');
    expect(r.stderr).toContain('the file is too large');
    expect(readFileSync(file)).toEqual(before);
    noStack(r.stderr);
  });

  it('export removes its temporary file when writing fails part-way', () => {
    const home = state();
    seedJournal(home, [{ type: 'onset', at: '2026-11-20T00:00:00.000Z', onset: '2026-11-20T00:00:00.000Z' }, ...Array.from({ length: 60 }, (_, i) => ({ type: 'pain', at: new Date(Date.now() - i * 60_000).toISOString(), score: 5, note: 'x'.repeat(200) }))]);
    const out = tempDir();
    const r = spawnSync('bash', ['-c', `ulimit -f 4; exec "${process.execPath}" "${BIN}" export --output "${join(out, 'summary.md')}"`], {
      env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the file is too large/);
    expect(readdirSync(out)).toEqual([]);
    noStack(r.stderr);
  });

  it('a quarantine that cannot be written is a warning, and the command goes on', () => {
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    writeFileSync(join(home, 'journal.jsonl'), 'not json at all\n', { flag: 'a' });
    mkdirSync(join(home, 'journal.quarantine.jsonl'));
    const r = runBin(['status'], env(home));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('This episode');
    expect(r.stderr).toMatch(/1 journal line could not be read, and the copy in .*journal\.quarantine\.jsonl could not be written \(it is not a regular file but a folder\)\. The journal keeps it, and everything else still works\./s);
  });

  it.each([['journal.jsonl'], ['journal.quarantine.jsonl']])('a symbolic link in place of %s is refused, never followed', (name) => {
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    writeFileSync(join(home, 'journal.jsonl'), 'damaged\n', { flag: 'a' });
    const target = join(tempDir(), 'elsewhere');
    writeFileSync(target, '');
    if (name === 'journal.jsonl') execFileSync('mv', [join(home, name), target]);
    symlinkSync(target, join(home, name));
    const r = runBin([name === 'journal.jsonl' ? 'pain' : 'status', ...(name === 'journal.jsonl' ? ['5'] : [])], env(home));
    if (name === 'journal.jsonl') {
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('it is a symbolic link, which is not followed for safety');
    } else {
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('could not be written (it is a symbolic link, which is not followed for safety)');
    }
    expect(readFileSync(target, 'utf8')).not.toContain('"score":5');
  });

  it('looser modes are tightened on every open, a read included', () => {
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    chmodSync(home, 0o755);
    chmodSync(join(home, 'journal.jsonl'), 0o644);
    expect(runBin(['status'], env(home)).status).toBe(0);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, 'journal.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('a session recorded far in the future never blocks a new one, and shows its date', () => {
    const home = state();
    const future = new Date(Date.now() + 90 * 86_400_000);
    seedJournal(home, [NO_PRECAUTIONS, { type: 'session', at: future.toISOString(), kind: 'ice', startedAt: future.toISOString(), endedAt: future.toISOString(), plannedSeconds: 1200, actualSeconds: 1200, outcome: 'completed' }]);
    const status = JSON.parse(runBin(['status', '--json'], env(home)).stdout);
    expect([status.lastSession, status.breakEndsAt]).toEqual([null, null]);
    expect(runBin(['ice', '--duration', '1s'], env(home)).status).toBe(0);
    // In the history it shows its date, not a clock time that reads as today.
    const label = format(future, future.getFullYear() === new Date().getFullYear() ? 'EEE d MMM' : 'EEE d MMM yyyy');
    expect(runBin(['history'], env(home)).stdout).toMatch(new RegExp(`${label}, \\d\\d:\\d\\d +Ice session`));
  });

  it('two sessions of the same kind at once: the second is refused while the first runs; a stale lock is taken over', async () => {
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    const first = spawn(process.execPath, [BIN, 'ice', '--duration', '3s'], { env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home } });
    await new Promise((r) => setTimeout(r, 800));
    const second = runBin(['ice', '--duration', '1s', '--force'], env(home));
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`An ice session is already running \\(process ${first.pid}, since \\d\\d:\\d\\d\\)`));
    // Heat is another kind: it may run beside it.
    expect(runBin(['heat', '--duration', '1s'], env(home)).status).toBe(0);
    await new Promise((r) => first.on('close', r));
    expect(existsSync(join(home, 'ice.lock'))).toBe(false);
    // A lock left by a process that is gone (kill -9) does not hold anything back.
    writeFileSync(join(home, 'ice.lock'), JSON.stringify({ pid: 999_999_9, startedAt: new Date().toISOString() }));
    expect(runBin(['ice', '--duration', '1s', '--force'], env(home)).status).toBe(0);
  });
});

describe('hostile and special files', () => {
  it.each<[string, () => string, RegExp]>([
    ['/dev/zero', () => '/dev/zero', /not a regular file/],
    ['a 4 GB (sparse) file', () => {
      const f = join(tempDir(), 'huge.json');
      writeFileSync(f, '');
      truncateSync(f, 4 * 1024 ** 3);
      return f;
    }, /larger than 1 MB/],
    ['a FIFO', () => {
      const f = join(tempDir(), 'fifo');
      execFileSync('mkfifo', [f]);
      return f;
    }, /not a regular file/],
  ])('--answers %s: exit 2 at once, never a crash or a hang', (_name, make, message) => {
    const started = Date.now();
    const r = runBin(['triage', '--answers', make()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(Date.now() - started).toBeLessThan(5000);
    noStack(r.stderr);
  });

  it('--data-dir files are capped too: a FIFO or a huge file is exit 1 naming it', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'stretches.json')]);
    const r = runBin(['stretches', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/stretches\.json: cannot be read \(it is not a regular file\)/);
    const big = tempDir();
    writeFileSync(join(big, 'sources.json'), '');
    truncateSync(join(big, 'sources.json'), 50_000_000);
    expect(runBin(['sources', '--data-dir', big]).stderr).toMatch(/sources\.json: is larger than 5 MB/);
  });

  it('a stretch of 100,000,000 repetitions is refused by the schema, not planned', () => {
    const dir = tempDir();
    const builtIn = JSON.parse(runBin(['stretches', 'glute-bridge', '--json']).stdout);
    writeFileSync(join(dir, 'stretches.json'), JSON.stringify([{ ...builtIn, dose: { ...builtIn.dose, reps: { min: 100_000_000, max: 100_000_000 } } }]));
    const r = runBin(['routine', '--plan', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/field "dose\.reps\.min" must be at most 100 repetitions/);
  });

  it('100,000 sources are refused at once; 2,000 merge in linear time', () => {
    const dir = tempDir();
    const many = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: `s${i}`, citation: `Source ${i}.` })));
    writeFileSync(join(dir, 'sources.json'), many(100_000));
    let started = Date.now();
    const r = runBin(['sources', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/holds 100000 items; at most 2000/);
    expect(Date.now() - started).toBeLessThan(5000);
    writeFileSync(join(dir, 'sources.json'), many(2000));
    started = Date.now();
    expect(runBin(['red-flags', '--json', '--data-dir', dir]).status).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a --data-dir key given twice is refused, naming it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'red-flags.json'), '[{"id":"fever","level":"emergency","level":"urgent","question":"q?","summary":"s","sources":["guide"]}]');
    const r = runBin(['red-flags', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/red-flags\.json: item 0\."level" is given more than once/);
  });

  it('a deeply nested answers file is exit 2, never "Maximum call stack size exceeded"', () => {
    const f = join(tempDir(), 'deep.json');
    writeFileSync(f, `{"onset":null,"redFlags":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    const r = runBin(['triage', '--answers', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nested more than 8 levels deep/);
    expect(r.stderr).not.toMatch(/call stack/);
  });

  it('escape sequences never reach the screen: journal keys, paths in messages, commander', () => {
    const home = state();
    const osc52 = `${ESC}]52;c;cm0gLXJmIH4=${String.fromCharCode(7)}`;
    const clear = `${ESC}[2J`;
    seedJournal(home, [{ type: 'check-in', at: new Date().toISOString(), level: 'self-care', redFlags: { [`bladder-bowel${osc52}`]: false, [`${clear}fever`]: 'unsure' }, painScore: null }]);
    for (const args of [['export'], ['export', '--format', 'json'], ['history'], ['history', '--json'], ['status']]) {
      const r = runBin(args, env(home));
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain(ESC);
    }
    const hostile = join(tempDir(), `x${osc52}y`);
    writeFileSync(hostile, 'not a folder');
    const cases: [string[], Record<string, string>][] = [
      [['status'], { BACK_RELIEF_HOME: hostile }],
      [['stretches', '--data-dir', hostile], {}],
      [['export', '--output', join(hostile, 'out.md')], { BACK_RELIEF_HOME: home }],
      [[`${ESC}]0;PWN${String.fromCharCode(7)}`], {}],
      [['stretches', `${clear}cat-cow`], {}],
    ];
    for (const [args, extra] of cases) {
      const r = runBin(args, { env: extra });
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stdout + r.stderr, JSON.stringify(args)).not.toContain(ESC);
      expect(r.stdout + r.stderr).not.toContain(String.fromCharCode(7));
    }
  });
});

describe('output that cannot be written', () => {
  it('a listing to a full disk: exit 1, one line, no stack trace', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" sources > /dev/full`], { env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['back-relief: cannot write the output (no space left on the disk).']);
  });

  it('a record saved before the output failed says so, so nobody records it twice', () => {
    const home = state();
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" pain 5 > /dev/full`], { env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('What was recorded is saved in the journal: there is no need to record it again.');
    expect(journalLines(home)).toEqual([expect.objectContaining({ type: 'pain', score: 5 })]);
  });

  it('a reader that closes the pipe: a listing exits 0 quietly; a session is recorded as interrupted (141)', () => {
    const listing = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" sources | head -1; echo "code=\${PIPESTATUS[0]}"`], { env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
    expect(listing.stdout).toMatch(/code=0/);
    expect(listing.stderr).toBe('');
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ice --duration 20s | head -1 > /dev/null; echo "code=\${PIPESTATUS[0]}"`], { env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home }, encoding: 'utf8' });
    expect(r.stdout).toMatch(/code=141/);
    expect(r.stderr).toContain('Session stopped: the output was closed; recorded as interrupted.');
    expect(journalLines(home).filter((l) => l.type === 'session')).toEqual([expect.objectContaining({ kind: 'ice', outcome: 'interrupted' })]);
  });
});

describe('input at its edges', () => {
  it.each([
    ['99999999999999999999999m', /far too long; at most 20 minutes/],
    [`${'9'.repeat(400)}`, /far too long; at most 20 minutes/],
    ['100000h', /not a duration/],
  ])('--duration %s', (duration, message) => {
    const r = runBin(['ice', '--duration', duration]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/e\+|at least one second/);
  });

  it('--break far too long says the limit', () => {
    expect(runBin(['ice', '--break', '9'.repeat(50)]).stderr).toMatch(/--break: too long; at most 24 hours/);
  });

  it('a note counts the characters a person sees', () => {
    const home = state();
    expect(runBin(['pain', '4', '--note', '👍🏽'.repeat(500)], env(home)).status).toBe(0);
    const r = runBin(['pain', '4', '--note', '👍🏽'.repeat(501)], env(home));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--note is too long (500 characters at most)');
  });

  it.each([['1899-12-31'], ['0001-01-01T00:00'], ['1066-10-14']])('an onset of %s is refused', (when) => {
    const r = runBin(['onset', when]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/too long ago; give a time from 1900 on/);
  });

  it('dates outside this year carry their year: the plan crossing into the next year', () => {
    const home = state();
    const year = new Date().getFullYear();
    runBin(['onset', `${year}-11-20T09:00`], env(home));
    const plan = runBin(['plan'], env(home)).stdout;
    // Day 85 falls in February of the next year.
    expect(plan).toMatch(new RegExp(`Day 85 +\\w{3} \\d{1,2} Feb ${year + 1}`));
    expect(plan).toMatch(/Day 0 +\w{3} 20 Nov(?! \d{4})/);
  });
});

describe('years of journal', () => {
  /** A journal of about `mb` megabytes of pain lines (or damaged lines), the last few this week. */
  function bigJournal(mb: number, damaged: boolean): string {
    const home = state();
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const line = damaged ? `{"type":"pain","at":"2020-01-01T00:00:00Z","score":"broken"${' '.repeat(40)}}` : JSON.stringify({ type: 'pain', at: '2020-01-01T00:00:00.000Z', score: 5, note: 'x'.repeat(40) });
    const block = `${`${line}\n`.repeat(10_000)}`;
    const file = join(home, 'journal.jsonl');
    const blocks = Math.ceil((mb * 1_000_000) / block.length);
    for (let i = 0; i < blocks; i++) writeFileSync(file, block, { flag: 'a', mode: 0o600 });
    writeFileSync(file, `${JSON.stringify({ type: 'onset', at: new Date().toISOString(), onset: new Date(Date.now() - 86_400_000).toISOString() })}\n`, { flag: 'a' });
    return home;
  }

  it.each([
    ['a 100 MB journal', false],
    ['a 30 MB journal damaged throughout', true],
  ])('%s: status works within 300 MB of heap', (_name, damaged) => {
    const home = bigJournal(damaged ? 30 : 100, damaged);
    const r = spawnSync(process.execPath, ['--max-old-space-size=300', BIN, 'status', '--json'], {
      env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).phase).toBe('acute');
    if (damaged) expect(r.stderr).toMatch(/journal lines could not be read; copied to/);
  }, 180_000);
});
