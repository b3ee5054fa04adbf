/**
 * The journal layer against the review's findings, through the built binary: damage that must cost
 * bounded work, lines the tool writes and must read back, special files in the journal's place,
 * another user's files, locks that must not stay stuck, a read-only mount, and a last line without
 * its newline. Sizes are the smallest that show each point; limits are generous, so nothing flakes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalLines, NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { has, needs } from '../helpers/programs.js';
import { BIN, runBin, tempDir } from '../helpers/run-bin.js';

const env = (home: string) => ({ env: { BACK_RELIEF_HOME: home } });
const state = () => join(tempDir(), 'state');
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |unexpected error|\bE[A-Z]{3,}\b/);
const onset = () => ({ type: 'onset', at: new Date().toISOString(), onset: new Date(Date.now() - 86_400_000).toISOString() });
const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'];

/** Runs the binary with a shell around it (ulimit, another user); stdout and stderr are pipes. */
function sh(script: string, home: string, args: string[], prefix: string[] = []) {
  const command = `${script}; exec ${prefix.join(' ')} "${process.execPath}" "${BIN}" ${args.map((a) => `'${a}'`).join(' ')}`;
  return spawnSync('bash', ['-c', command], { env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home }, encoding: 'utf8', timeout: 15_000 });
}

/** For blocks that need root (files of another user, a mount): skip with a visible reason otherwise. */
function needsRoot(why: string, extra: () => string | null = () => null) {
  const reason = process.getuid?.() !== 0 ? `needs root, ${why}` : extra();
  if (reason) process.stderr.write(`back-relief tests: skipping: ${reason}\n`);
  return { skip: reason !== null, title: (t: string) => (reason ? `${t} (skipped: ${reason})` : t) };
}

describe('a damaged journal costs bounded time and memory', () => {
  it('2 MB of one-character bad lines: status in bounded heap, a small quarantine, then silence', () => {
    const home = state();
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(join(home, 'journal.jsonl'), `${JSON.stringify(onset())}\n${'x\n'.repeat(1_000_000)}`, { mode: 0o600 });
    // The version before needed 394 MB and 19 s for this; 64 MB of heap is ample now.
    const run = () => spawnSync(process.execPath, ['--max-old-space-size=64', BIN, 'status', '--json'], { env: { ...process.env, BACK_RELIEF_HOME: home }, encoding: 'utf8', timeout: 60_000 });
    const started = Date.now();
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(JSON.parse(first.stdout).phase).toBe('acute');
    expect(first.stderr).toMatch(/1000000 journal lines could not be read; copied to .*journal\.quarantine\.jsonl: 1000 of them \(it keeps at most 1000\)\. The journal keeps them all/);
    const size = statSync(join(home, 'journal.quarantine.jsonl')).size;
    // 1000 entries of a few hundred bytes (the version before: 121 MB).
    expect(size).toBeLessThan(1_000_000);
    const second = run();
    expect([second.status, second.stderr]).toEqual([0, '']);
    expect(statSync(join(home, 'journal.quarantine.jsonl')).size).toBe(size);
  });

  it('a 40 kB garbage line and a 12 kB block of NUL bytes: warned and copied once across 4 runs', () => {
    const home = state();
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(join(home, 'journal.jsonl'), Buffer.concat([Buffer.from(`${JSON.stringify(onset())}\n${'g'.repeat(40_000)}\n`), Buffer.alloc(12_000), Buffer.from('\n')]), { mode: 0o600 });
    const warnings = Array.from({ length: 4 }, () => runBin(['status'], env(home)).stderr);
    expect(warnings[0]).toMatch(/2 journal lines could not be read; copied to/);
    expect(warnings.slice(1)).toEqual(['', '', '']);
    const entries = readFileSync(join(home, 'journal.quarantine.jsonl'), 'utf8').trim().split('\n');
    expect(entries.map((e) => JSON.parse(e).length)).toEqual([40_000, 12_000]);
  });
});

describe('what the tool writes, it reads back', () => {
  it('a note of 40,000 combining marks is refused where it is typed (exit 2, nothing written); one of 1,500 is kept and read back', () => {
    const home = state();
    const huge = runBin(['pain', '6', '--note', `a${'\u0301'.repeat(40_000)}`], env(home));
    expect(huge.status).toBe(2);
    expect(huge.stderr).toContain('--note is too long');
    expect(existsSync(join(home, 'journal.jsonl'))).toBe(false);
    expect(runBin(['pain', '6', '--note', `a${'\u0301'.repeat(1_500)}`], env(home)).status).toBe(0);
    const r = runBin(['status', '--json'], env(home));
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).lastPain.score).toBe(6);
    expect(existsSync(join(home, 'journal.quarantine.jsonl'))).toBe(false);
  });

  it('a triage --record with the 2,000 red flags a --data-dir allows (60-character ids) is read back', () => {
    const home = state();
    const data = tempDir();
    const builtIn = JSON.parse(runBin(['red-flags', '--json']).stdout) as { id: string }[];
    const extra = Array.from({ length: 2000 - builtIn.length }, (_, i) => ({ id: `extra-${i}-`.padEnd(60, 'z'), level: 'doctor', question: `Sign ${i}?`, summary: `sign ${i}`, sources: ['guide'] }));
    writeFileSync(join(data, 'red-flags.json'), JSON.stringify(extra));
    const answers = { onset: null, redFlags: Object.fromEntries([...builtIn, ...extra].map((f) => [f.id, f.id.startsWith('extra-')])), painScore: 5 };
    const r = runBin(['triage', '--answers', '-', '--record', '--data-dir', data], { env: { BACK_RELIEF_HOME: home }, input: JSON.stringify(answers) });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(join(home, 'journal.jsonl')).size).toBeGreaterThan(200_000);
    const status = runBin(['status', '--json', '--data-dir', data], env(home));
    expect([status.status, status.stderr]).toEqual([0, '']);
    expect(existsSync(join(home, 'journal.quarantine.jsonl'))).toBe(false);
  });
});

const fifo = needs('mkfifo');
describe.skipIf(fifo.skip)(fifo.title('a named pipe in place of a file never hangs a command'), () => {
  it.each<[string, string[], number, RegExp]>([
    ['journal.jsonl', ['status'], 1, /cannot read the journal .*journal\.jsonl: it is not a regular file but a named pipe \(FIFO\)\. Move it out of the way/],
    ['journal.jsonl', ['pain', '3'], 1, /cannot record it in the journal .*journal\.jsonl: it is not a regular file but a named pipe \(FIFO\)/],
    ['journal.quarantine.jsonl', ['status'], 0, /the copy in .*journal\.quarantine\.jsonl could not be written \(it is not a regular file but a named pipe \(FIFO\)\)/],
    ['ice.lock', ['ice', '--duration', '1s'], 1, /the lock .*ice\.lock is not a file back-relief made: it is a named pipe \(FIFO\)\. Remove it/],
    ['heat.lock', ['heat', '--duration', '1s'], 1, /the lock .*heat\.lock is not a file back-relief made: it is a named pipe \(FIFO\)/],
  ])('%s, %j: exit %i at once, in words', (name, args, code, message) => {
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    appendFileSync(join(home, 'journal.jsonl'), 'damage\n');
    if (name === 'journal.jsonl') spawnSync('rm', [join(home, name)]);
    expect(spawnSync('mkfifo', [join(home, name)]).status).toBe(0);
    const started = Date.now();
    const r = runBin(args, env(home));
    expect(r.status, r.stderr).toBe(code);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  });
});

const otherUser = needsRoot('to make files that belong to another user');
describe.skipIf(otherUser.skip)(otherUser.title("another user's files that let others in are refused, never used"), () => {
  it('a folder of another user open to all (0777): exit 2 naming the variable, the owner and what to do', () => {
    const home = state();
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'journal.jsonl'), `${JSON.stringify({ type: 'pain', at: new Date().toISOString(), score: 3, note: 'private' })}\n`);
    chmodSync(join(home, 'journal.jsonl'), 0o666);
    chmodSync(home, 0o777);
    chownSync(home, 65534, 65534);
    chownSync(join(home, 'journal.jsonl'), 65534, 65534);
    const before = readFileSync(join(home, 'journal.jsonl'));
    for (const args of [['status'], ['pain', '5']]) {
      const r = runBin(args, env(home));
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`BACK_RELIEF_HOME (${home}): belongs to another user`);
      expect(r.stderr).toMatch(/uid 65534\) and its mode 0777 lets others in, so what you record there would not be private\. If it should be yours, make it yours and private \(sudo chown \S+ .* && chmod 700 /);
      noStack(r.stderr);
    }
    expect(readFileSync(join(home, 'journal.jsonl'))).toEqual(before);
  });

  it("a journal of another user open to others (0666), in a folder only they can enter: exit 1, the journal's path and owner", () => {
    const home = state();
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(join(home, 'journal.jsonl'), `${JSON.stringify(NO_PRECAUTIONS)}\n`);
    chmodSync(join(home, 'journal.jsonl'), 0o666);
    chownSync(home, 65534, 65534);
    chownSync(join(home, 'journal.jsonl'), 65534, 65534);
    const r = runBin(['status'], env(home));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`cannot read the journal ${join(home, 'journal.jsonl')}: it belongs to another user \\(.*uid 65534\\) and its mode 0666 lets others open it`));
    noStack(r.stderr);
  });

  const setpriv = needs('setpriv');
  it.skipIf(setpriv.skip)(setpriv.title("root's folder open to all, for an ordinary user: refused the same way"), () => {
    const parent = tempDir();
    chmodSync(parent, 0o755);
    const home = join(parent, 'state');
    mkdirSync(home, { mode: 0o777 });
    chmodSync(home, 0o777);
    const r = sh('true', home, ['status'], NOBODY);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`BACK_RELIEF_HOME (${home}): belongs to root (uid 0) and its mode 0777 lets others in`);
  });
});

describe('locks never stay stuck', () => {
  it('a folder in place of ice.lock: exit 1 in words at once, never "already running (process 0)"', () => {
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    mkdirSync(join(home, 'ice.lock'));
    const r = runBin(['ice', '--duration', '1s'], env(home));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`the lock ${join(home, 'ice.lock')} is not a file back-relief made: it is a folder. Remove it (it holds nothing), then start again. Nothing was started.`);
    expect(r.stderr).not.toMatch(/process 0/);
    noStack(r.stderr);
  });

  const linux = process.platform === 'linux';
  it.skipIf(!linux)(`a lock naming a live process that is not the one that wrote it is taken over${linux ? '' : ' (skipped: process start times come from /proc, on Linux only)'}`, async () => {
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    // A live, unrelated process: `sleep`, waiting to be killed (it is never waited on).
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await new Promise((r) => other.once('spawn', r));
      const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
      const cases = [
        // An older version's lock, or one made by hand: no start time, and the process is not a back-relief.
        { pid: other.pid, startedAt: new Date().toISOString() },
        // The pid reused after a reboot: another boot.
        { pid: other.pid, startedAt: new Date().toISOString(), process: `00000000-0000-0000-0000-000000000000:1` },
        // The pid reused by a process that started later.
        { pid: other.pid, startedAt: new Date().toISOString(), process: `${boot}:1` },
      ];
      for (const lock of cases) {
        writeFileSync(join(home, 'ice.lock'), JSON.stringify(lock));
        const r = runBin(['ice', '--duration', '1s', '--force'], env(home));
        expect(r.status, `${JSON.stringify(lock)}: ${r.stderr}`).toBe(0);
        expect(existsSync(join(home, 'ice.lock'))).toBe(false);
      }
    } finally {
      other.kill();
    }
  });

  it('a lock that cannot be written (a file size limit): exit 1 in words, no temporary file left', () => {
    const home = state();
    seedJournal(home, [NO_PRECAUTIONS]);
    const r = sh('ulimit -f 0', home, ['ice', '--duration', '1s']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot make the lock ${join(home, 'ice.lock')}: the file is too large. Nothing was started.`);
    expect(readdirSync(home)).toEqual(['journal.jsonl']);
    noStack(r.stderr);
  });

  // As root every folder is writable, so the run drops to the unprivileged "nobody" user.
  const asNobody = process.getuid?.() === 0 ? needs('setpriv') : { skip: false, title: (t: string) => t };
  it.skipIf(asNobody.skip)(asNobody.title('a writable journal in a folder that is not writable: the lock fails in words'), () => {
    const parent = tempDir();
    chmodSync(parent, 0o755);
    const home = join(parent, 'state');
    seedJournal(home, [NO_PRECAUTIONS]);
    const root = process.getuid?.() === 0;
    if (root) {
      chownSync(home, 65534, 65534);
      chownSync(join(home, 'journal.jsonl'), 65534, 65534);
    }
    chmodSync(home, 0o500);
    const r = sh('true', home, ['ice', '--duration', '1s'], root ? NOBODY : []);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot make the lock ${join(home, 'ice.lock')}: permission denied. Nothing was started.`);
    noStack(r.stderr);
  });
});

/** Whether a read-only tmpfs can be mounted in a mount namespace of its own (root, unshare, mount). */
function canMountReadOnly(): boolean {
  if (!has('unshare')) return false;
  const dir = tempDir();
  return spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=1m tmpfs '${dir}' && mount -o remount,ro '${dir}'`], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}
const mountable = needsRoot('to mount a read-only file system', () => (canMountReadOnly() ? null : 'a read-only tmpfs cannot be mounted here (unshare -m and mount are needed)'));
describe.skipIf(mountable.skip)(mountable.title('a journal on a read-only mount'), () => {
  it('0644 and a folder of 0755: reading commands work with a warning; writing ones fail in words', () => {
    const mount = tempDir();
    const home = join(mount, 'state');
    // In a mount namespace of its own: the mount goes away with the shell, and nobody else sees it.
    const script = [
      'set -e',
      `mount -t tmpfs -o size=1m tmpfs '${mount}'`,
      `mkdir -m 755 '${home}'`,
      `printf '%s\\n' '${JSON.stringify(onset())}' > '${home}/journal.jsonl'`,
      `chmod 644 '${home}/journal.jsonl'`,
      `mount -o remount,ro '${mount}'`,
      'set +e',
      ...[['status'], ['history'], ['pain', '3']].map((args) => `NO_COLOR=1 BACK_RELIEF_HOME='${home}' "${process.execPath}" "${BIN}" ${args.join(' ')} >/dev/null 2>&1; echo "${args[0]}=$?"; NO_COLOR=1 BACK_RELIEF_HOME='${home}' "${process.execPath}" "${BIN}" ${args.join(' ')} 2>&1 >/dev/null | head -c 600`),
    ].join('\n');
    const r = spawnSync('unshare', ['-m', 'bash', '-c', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout).toMatch(/^status=0$/m);
    expect(r.stdout).toMatch(/^history=0$/m);
    expect(r.stdout).toMatch(/^pain=1$/m);
    expect(r.stdout).toContain(`warning: the journal ${home}/journal.jsonl can be read by other users (mode 0644) and could not be made private (the file system is read-only)`);
    expect(r.stdout).toContain(`cannot record it in the journal ${home}/journal.jsonl: the file system is read-only.`);
    expect(r.stdout).not.toMatch(/unexpected error|EROFS/);
  });
});

describe('a state folder that cannot be checked says why in words, never a code', () => {
  it.each<[string, (dir: string) => string, RegExp]>([
    ['a loop of symbolic links', (dir) => {
      symlinkSync(join(dir, 'b'), join(dir, 'a'));
      symlinkSync(join(dir, 'a'), join(dir, 'b'));
      return join(dir, 'a', 'state');
    }, /cannot be checked: its path goes round a loop of symbolic links/],
    ['a name too long', (dir) => join(dir, 'n'.repeat(300)), /cannot be checked: the path or one of its names is too long/],
  ])('%s', (_name, make, message) => {
    const home = make(tempDir());
    const r = runBin(['status'], env(home));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  });
});

describe('a last line without its newline', () => {
  it('a whole record is read at once, and the next record does not glue to it', () => {
    const home = state();
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(join(home, 'journal.jsonl'), JSON.stringify(onset()), { mode: 0o600 });
    const status = runBin(['status', '--json'], env(home));
    expect([status.status, status.stderr]).toEqual([0, '']);
    expect(JSON.parse(status.stdout).phase).toBe('acute');
    expect(runBin(['pain', '4'], env(home)).status).toBe(0);
    expect(journalLines(home).map((l) => l.type)).toEqual(['onset', 'pain']);
  });

  it('an append that fails leaves the unended line as it was', () => {
    const home = state();
    mkdirSync(home, { recursive: true, mode: 0o700 });
    let text = '';
    while (text.length < 800) text += `${JSON.stringify({ type: 'pain', at: '2026-01-01T00:00:00.000Z', score: 1 })}\n`;
    writeFileSync(join(home, 'journal.jsonl'), `${text}${JSON.stringify(onset())}`, { mode: 0o600 });
    const before = readFileSync(join(home, 'journal.jsonl'));
    const r = sh('ulimit -f 1', home, ['pain', '5', '--note', 'n'.repeat(400)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the file is too large');
    expect(readFileSync(join(home, 'journal.jsonl'))).toEqual(before);
    expect(JSON.parse(runBin(['status', '--json'], env(home)).stdout).phase).toBe('acute');
  });
});
