/**
 * One companion through the episode (issue 12), through the built binary: a scripted week that must
 * read the same in status, history, plan and both exports; undo; the episode remembered by status and
 * the bare command; onsets that replace one another; one voice for numbers and words.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalLines, NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { BIN, runBin, tempDir } from '../helpers/run-bin.js';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

function home(records: object[] = []) {
  const dir = join(tempDir(), 'state');
  if (records.length) seedJournal(dir, records);
  const run = (args: string[], input = '') => runBin(args, { env: { BACK_RELIEF_HOME: dir }, input });
  const json = (args: string[]) => JSON.parse(run([...args, '--json']).stdout);
  return { dir, run, json, lines: () => journalLines(dir) };
}

function session(kind: 'ice' | 'heat', endedHoursAgo: number, seconds = 1200, outcome = 'completed') {
  const ended = new Date(Date.now() - endedHoursAgo * HOUR);
  return { type: 'session', at: ended.toISOString(), kind, startedAt: new Date(ended.getTime() - seconds * 1000).toISOString(), endedAt: ended.toISOString(), plannedSeconds: 1200, actualSeconds: seconds, outcome };
}

function answers(h: ReturnType<typeof home>, yes: string[], extra: object = {}): string {
  const ids = (h.json(['red-flags']) as { id: string }[]).map((f) => f.id);
  const file = join(tempDir(), 'answers.json');
  writeFileSync(file, JSON.stringify({ onset: null, redFlags: Object.fromEntries(ids.map((id) => [id, yes.includes(id)])), ...extra }));
  return file;
}

describe('a scripted week reads the same everywhere', () => {
  it('onset, a doctor-level triage, sessions, pain scores, a wrong entry undone, check-ins', () => {
    const h = home([NO_PRECAUTIONS, { type: 'onset', at: ago(140), onset: ago(144) }, session('ice', 130, 1200), session('heat', 50, 83.4, 'interrupted')]);
    // Day 1: a triage with a sign to book a doctor, recorded.
    expect(h.run(['triage', '--record', '--answers', answers(h, ['age-at-onset'], { painScore: 6 })]).status).toBe(0);
    h.run(['pain', '5', '--note', 'after the walk']);
    // A slip of the finger: 9 instead of 4, taken back.
    h.run(['pain', '9']);
    expect(h.run(['undo', '--yes']).status).toBe(0);
    h.run(['pain', '4']);
    h.run(['check-in', '--signs', 'none', '--pain', '3']);

    const status = h.json(['status']);
    const history = h.json(['history']);
    const exported = h.json(['export', '--format', 'json']);
    const plan = h.json(['plan']) as { today: boolean; actions: string[] }[];

    // The last pain is 3 in all of them, and the 9 that was taken back counts nowhere.
    expect(status.lastPain.score).toBe(3);
    expect(exported.pain.map((p: { score: number }) => p.score)).toEqual([6, 5, 4, 3]);
    expect(history.pain.filter((p: { retracted?: boolean }) => !p.retracted).map((p: { score: number }) => p.score)).toEqual([6, 5, 4, 3]);
    expect(history.pain.find((p: { score: number }) => p.score === 9)).toMatchObject({ retracted: true });
    expect(status.trend).toMatchObject({ trend: 'better', from: 6, to: 3 });
    // The verdict: the doctor-level sign in status and in the export.
    expect(status.lastVerdict).toMatchObject({ source: 'check-in', level: 'self-care' });
    expect(exported.redFlagScreens.map((s: { source: string; level: string }) => [s.source, s.level])).toEqual([['triage', 'doctor'], ['check-in', 'self-care']]);
    expect(exported.redFlagScreens[0].reasons).toEqual(['age-at-onset']);
    // Sessions: the interrupted heat reads "1 min 23 s" in status, history and the export alike.
    const text = { status: h.run(['status']).stdout, history: h.run(['history']).stdout, md: h.run(['export']).stdout };
    for (const [name, out] of Object.entries(text)) expect(out, name).toContain('1 min 23 s of 20 min');
    expect(text.history).toMatch(/\[taken back\] Pain 9\/10/);
    expect(text.md).not.toMatch(/\| 9 \|/);
    // The plan and status agree on the day and what suits now.
    expect(status.thermal).toBe('heat');
    expect(plan.find((d) => d.today)!.actions[0]).toMatch(/^Heat/);
    expect(status.suggested).toEqual(['heat']);
    // Time zones are named in both exports and history.
    expect(exported.timeZone.name).toBeTruthy();
    expect(history.timeZone.name).toBe(exported.timeZone.name);
    expect(text.md).toMatch(/Times are (in UTC|in the time zone .+ \(UTC[+-]\d\d:\d\d\))\./);
  });
});

describe('status remembers the episode', () => {
  it('the last verdict, and what to do about it while it stands', () => {
    const h = home([NO_PRECAUTIONS, { type: 'onset', at: ago(30), onset: ago(30) }]);
    h.run(['triage', '--record', '--answers', answers(h, ['fever'])]);
    const text = h.run(['status']).stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/Last verdict SEE A DOCTOR TODAY \(triage, less than an hour ago\): fever, or feeling hot and shivery/);
    expect(text).toMatch(/Next: You were advised to see a doctor today \(fever, or feeling hot and shivery\), less than an hour ago\. If that has not happened yet, do it first\./);
    expect(h.json(['status']).verdictApplies).toBe(true);
  });

  it('a verdict from before this episode does not stand', () => {
    const h = home([NO_PRECAUTIONS, { type: 'triage', at: ago(100), level: 'urgent', reasons: [{ id: 'fever', level: 'urgent', because: 'yes' }], redFlags: { fever: true }, onset: null }, { type: 'onset', at: ago(10), onset: ago(10) }]);
    expect(h.json(['status']).verdictApplies).toBe(false);
    expect(h.run(['status']).stdout).not.toMatch(/You were advised/);
  });

  it.each([
    [10, 'ice', /Now +ice or heat .*: back-relief ice, or back-relief heat/],
    [60, 'ice-or-heat', /Now +ice or heat \(48 to 72 hours\): back-relief heat, or back-relief ice/],
    [100, 'heat', /Now +heat \(from 72 hours\): back-relief heat/],
  ])('at %i hours it suggests %s, and the empty last session says which', (hours, thermal, now) => {
    const h = home([NO_PRECAUTIONS, { type: 'onset', at: ago(hours), onset: ago(hours) }]);
    expect(h.json(['status']).thermal).toBe(thermal);
    const text = h.run(['status']).stdout;
    expect(text.replace(/\n {16}/g, ' ')).toMatch(now);
    if (hours >= 72) expect(text).toMatch(/Last session +none yet \(back-relief heat\)/);
  });

  it('poor circulation: ice is not suggested', () => {
    const h = home([{ ...NO_PRECAUTIONS, answers: { ...NO_PRECAUTIONS.answers, circulation: true } }, { type: 'onset', at: ago(10), onset: ago(10) }]);
    expect(h.json(['status']).suggested).toEqual(['heat']);
  });

  it('every skin break still running is named', () => {
    const h = home([NO_PRECAUTIONS, session('heat', 0.2), session('ice', 0.1)]);
    const breaks = h.json(['status']).breaks as { kind: string }[];
    expect(breaks.map((b) => b.kind).sort()).toEqual(['heat', 'ice']);
    const r = h.run(['contrast', '--duration', '1s']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/last heat session .* lasts until \d\d:\d\d\. The skin break after your last ice session/s);
  });
});

describe('after an emergency verdict', () => {
  it('status and the bare command put emergency care first, with the number to call, and offer no heat or ice', () => {
    const h = home([NO_PRECAUTIONS, { type: 'onset', at: ago(5), onset: ago(6) }]);
    const file = answers(h, ['bladder-bowel'], { onset: ago(6) });
    expect(h.run(['triage', '--answers', file, '--record']).status).toBe(0);
    const env = { env: { BACK_RELIEF_HOME: h.dir, LANG: 'de_DE.UTF-8' } };
    const status = runBin(['status'], env).stdout.replace(/\s+/g, ' ');
    expect(status).toContain('Now emergency care first; heat, ice and stretches can wait until you have been seen.');
    expect(status).not.toMatch(/back-relief (heat|ice)\b/);
    expect(status).toMatch(/Next: You were advised to get emergency care \([^)]*\), less than an hour ago\. If that has not happened yet: Call 112 \(the emergency number in Germany\) or go to an emergency room now\./);
    expect(runBin([], env).stdout.replace(/\s+/g, ' ')).toMatch(/Next: You were advised to get emergency care .* Call 112 \(the emergency number in Germany\)/);
    const json = JSON.parse(runBin(['status', '--json'], env).stdout) as { emergencyFirst: boolean; suggested: string[]; next: string };
    expect(json).toMatchObject({ emergencyFirst: true, suggested: [], next: 'see-doctor' });
  });
});

describe('the bare command knows the episode', () => {
  it('with none: where to start', () => {
    const out = home().run([]).stdout;
    expect(out).toMatch(/Start here:/);
    expect(out).toMatch(/back-relief triage/);
  });

  it.each([
    ['no check-in today', [{ type: 'onset', at: ago(50), onset: ago(50) }], /Next: Today's check-in: back-relief check-in/],
    ['checked in, a skin break running', [{ type: 'onset', at: ago(100), onset: ago(100) }, { type: 'check-in', at: ago(0.5), level: 'self-care', redFlags: {}, painScore: null }, session('heat', 0.1)], /Next: The next heat session can start at \d\d:\d\d: back-relief heat/],
    ['checked in, nothing running', [{ type: 'onset', at: ago(100), onset: ago(100) }, { type: 'check-in', at: ago(0.5), level: 'self-care', redFlags: {}, painScore: null }], /Next: A 20-minute session: back-relief heat/],
  ])('%s', (_name, records, next) => {
    const out = home([NO_PRECAUTIONS, ...records]).run([]).stdout.replace(/\n {2}/g, ' ');
    expect(out).toMatch(/This episode started .*, about \d+ (hours|days) ago/);
    expect(out).toMatch(next);
    expect(out).not.toMatch(/Start here:/);
  });
});

describe('onsets that replace one another', () => {
  it('a new onset says which one it replaces; --clear with none says so and records nothing', () => {
    const h = home();
    expect(h.run(['onset', '--clear']).stdout).toContain('There was no episode to end.');
    expect(h.lines()).toEqual([]);
    h.run(['onset', '2 days ago']);
    const r = h.run(['onset', 'yesterday 18:00']);
    expect(r.stdout).toMatch(/It replaces the onset of \w{3} \d+ \w{3}, \d\d:\d\d\./);
    expect(h.run(['onset', '--clear']).stdout).toMatch(/Episode ended \(it started .*\)/);
  });

  it('triage --answers --record that changes the onset says so', () => {
    const h = home();
    h.run(['onset', '3 days ago']);
    const r = h.run(['triage', '--record', '--answers', answers(h, [], { onset: ago(20) })]);
    expect(r.stderr).toMatch(/Recorded in your journal, with the onset \(it replaces the onset of .*\): back-relief status/);
  });

  it('the way people say when it started', () => {
    const h = home();
    expect(h.json(['onset', 'last night'])).toMatchObject({ approximate: true });
    expect(h.run(['onset', '2h']).stdout).toMatch(/about 2 hours ago/);
  });
});

describe('undo', () => {
  it('takes back one entry at a time, newest first, by adding a line, and says what it took', () => {
    const h = home();
    h.run(['pain', '3']);
    h.run(['check-in', '--signs', 'none', '--pain', '7']);
    const before = readFileSync(join(h.dir, 'journal.jsonl'), 'utf8');
    const first = h.run(['undo', '--yes']);
    expect(first.stdout.replace(/\s+/g, ' ')).toMatch(/Taken back: Check-in: no emergency sign; Pain 7\/10 \(from check-in\) \(recorded .*\)\./);
    // Nothing rewritten: the journal only grew.
    expect(readFileSync(join(h.dir, 'journal.jsonl'), 'utf8').startsWith(before)).toBe(true);
    expect(h.json(['status']).lastPain.score).toBe(3);
    expect(h.run(['undo', '--yes']).stdout).toMatch(/Taken back: Pain 3\/10/);
    expect(h.json(['status']).lastPain).toBeNull();
    expect(h.run(['undo', '--yes']).stdout).toContain('There is nothing to take back.');
    expect(h.lines().filter((l) => l.type === 'retraction')).toHaveLength(2);
  });

  it('an onset taken back brings back the one before', () => {
    const h = home();
    h.run(['onset', '3 days ago']);
    h.run(['onset', '5h ago']);
    h.run(['undo', '--yes']);
    expect(h.json(['status']).hoursSinceOnset).toBeGreaterThan(71);
  });

  it('without a terminal it needs --yes, and says what it would take back', () => {
    const h = home();
    h.run(['pain', '6']);
    const r = h.run(['undo']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/undo would take back: Pain 6\/10 .*Add --yes/);
    expect(h.json(['status']).lastPain.score).toBe(6);
  });
});

describe('one voice for numbers and words', () => {
  it('export infers the format from the file name, and refuses a mismatch', () => {
    const h = home([{ type: 'pain', at: ago(1), score: 4 }]);
    const out = tempDir();
    expect(h.run(['export', '--output', join(out, 'summary.json')]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).pain).toHaveLength(1);
    const mismatch = h.run(['export', '--format', 'md', '--output', join(out, 'other.json')]);
    expect(mismatch.status).toBe(2);
    expect(mismatch.stderr).toMatch(/--format md does not match "other\.json"/);
    expect(existsSync(join(out, 'other.json'))).toBe(false);
    expect(h.run(['export', '--output', join(out, 'summary.md')]).status).toBe(0);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/^# Back pain summary/);
  });

  it('--walk takes a duration; a bare number is minutes', () => {
    const h = home([NO_PRECAUTIONS]);
    const walk = (arg: string) => (JSON.parse(h.run(['routine', '--plan', '--json', '--walk', arg]).stdout) as { id: string; totalSeconds: number }[])[0]!.totalSeconds;
    expect(walk('5m')).toBe(300);
    expect(walk('5')).toBe(300);
    expect(walk('90s')).toBe(90);
    expect(h.run(['routine', '--plan', '--walk', '2h']).stderr).toMatch(/--walk: "2h" is not a duration|must be from 10 seconds to 60 minutes/);
  });

  it('help works as a command, and every error has one style that points to the command\'s help', () => {
    // As --help does: the text on stdout, exit 0, nothing on stderr.
    for (const [args, usage] of [
      [['help'], /^Usage: back-relief/],
      [['help', 'ice'], /^Usage: back-relief ice/],
      [['help', 'config'], /^Usage: back-relief config/],
      [['config', 'help', 'set'], /^Usage: back-relief config set/],
    ] as const) {
      const r = runBin([...args]);
      expect(r.stdout, args.join(' ')).toMatch(usage);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stderr, args.join(' ')).toBe('');
    }
    // Help shown because of a mistake is still a usage error.
    for (const args of [['help', 'bogus'], ['config']]) expect(runBin(args).status, args.join(' ')).toBe(2);
    for (const [args, hint] of [
      [['ice', '--bogus'], 'back-relief ice --help'],
      [['ice', '--duration', 'soon'], 'back-relief ice --help'],
      [['pain', '11'], 'back-relief pain --help'],
      [['bogus'], 'back-relief --help'],
    ] as const) {
      const r = runBin([...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^back-relief: /);
      expect(r.stderr).toContain(`(see: ${hint})`);
      expect(r.stderr).not.toMatch(/^error:/m);
    }
  });

  it('file errors are in words', () => {
    const r = runBin(['triage', '--answers', '/no/such/file.json']);
    expect(r.stderr).toContain('(no such file or folder)');
    expect(r.stderr).not.toMatch(/ENOENT/);
  });

  it('pain with no score: without a terminal it says how to give one', () => {
    const r = home().run(['pain']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/pain needs a score .*back-relief pain 5/);
  });

  it('a timer with --json: the countdown on stderr, one JSON record of the sessions on stdout', () => {
    const h = home([NO_PRECAUTIONS]);
    const r = h.run(['ice', '--duration', '1s', '--json']);
    expect(r.status).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record).toMatchObject({ outcome: 'completed', sessions: [{ type: 'session', kind: 'ice', outcome: 'completed' }] });
    expect(r.stderr).toMatch(/Ice done at/);
  });

  it('contrast: the plan up front, then heat, the swap, and ice', () => {
    const h = home([NO_PRECAUTIONS]);
    const r = spawnSync(process.execPath, [BIN, 'contrast', '--duration', '1s'], { env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: h.dir }, input: '\n', encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = r.stdout.replace(/\s+/g, ' ');
    expect(out).toMatch(/The plan: heat 1 s, then ice 1 s once you have swapped packs\. All done about \d\d:\d\d, plus the time the swap takes\./);
    expect(out).toMatch(/Heat done at .* Swap to the cold pack now, wrapped in a cloth, then press Enter .* Ice: 1 s, ends at/);
    expect(out.match(/All done\./g)).toHaveLength(1);
    expect(h.lines().filter((l) => l.type === 'session').map((l) => l.kind)).toEqual(['heat', 'ice']);
  });
});
