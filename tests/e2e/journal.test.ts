/** The journal commands through the built binary, each with its own temporary BACK_RELIEF_HOME. */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, tempDir } from '../helpers/run-bin.js';
import { journalLines } from '../helpers/journal-lines.js';

function home() {
  const dir = join(tempDir(), 'state');
  const run = (args: string[], input?: string) => runBin(args, { env: { BACK_RELIEF_HOME: dir }, ...(input === undefined ? {} : { input }) });
  const lines = () => journalLines(dir);
  return { dir, run, lines };
}
const FLAG_IDS = (JSON.parse(runBin(['red-flags', '--json']).stdout) as { id: string }[]).map((f) => f.id);

describe('a first-time user (no journal yet)', () => {
  it.each([['status'], ['plan'], ['history'], ['export'], ['status', '--json'], ['plan', '--json'], ['history', '--json'], ['export', '--format', 'json']])('%j works and writes nothing', (...args) => {
    const h = home();
    const r = h.run(args);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(h.dir)).toBe(false);
  });

  it('status --json has the shape of cli.md', () => {
    const s = JSON.parse(home().run(['status', '--json']).stdout);
    expect(s).toMatchObject({ onset: null, hoursSinceOnset: null, phase: 'unknown', thermal: 'unknown', lastSession: null, breakEndsAt: null, lastPain: null, reminders: [] });
  });
});

describe('onset', () => {
  it.each([
    [['onset'], 0],
    [['onset', 'now'], 0],
    [['onset', '3', 'days', 'ago'], 72],
    [['onset', '5h', 'ago'], 5],
    [['onset', '90m ago'], 1.5],
  ])('%j records an onset %s hours ago', (args, hours) => {
    const h = home();
    const r = h.run(args);
    expect(r.status).toBe(0);
    const [line] = h.lines();
    expect(line.type).toBe('onset');
    expect((Date.parse(line.at) - Date.parse(line.onset)) / 3_600_000).toBeCloseTo(hours, 2);
    expect(r.stdout).toContain('Onset recorded');
  });

  it.each([[['onset', 'tomorrow']], [['onset', '2999-01-01']], [['onset', 'banana']]])('%j: exit 2, nothing written', (args) => {
    const h = home();
    const r = h.run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a time I understand|in the future/);
    expect(existsSync(h.dir)).toBe(false);
  });

  it('--clear ends the episode', () => {
    const h = home();
    h.run(['onset', '2', 'days', 'ago']);
    expect(JSON.parse(h.run(['status', '--json']).stdout).phase).toBe('acute');
    expect(h.run(['onset', '--clear']).status).toBe(0);
    expect(JSON.parse(h.run(['status', '--json']).stdout).onset).toBeNull();
    expect(h.lines().map((l) => l.type)).toEqual(['onset', 'onset-cleared']);
  });

  it('files are private: the folder 0700, the journal 0600', () => {
    const h = home();
    h.run(['onset']);
    expect(statSync(h.dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(h.dir, 'journal.jsonl')).mode & 0o777).toBe(0o600);
  });
});

describe('pain', () => {
  it.each(['0', '10', '7'])('accepts %s', (score) => {
    const h = home();
    expect(h.run(['pain', score]).status).toBe(0);
    expect(h.lines()[0]).toMatchObject({ type: 'pain', score: Number(score) });
  });

  it.each(['11', '-1', '5.5', 'five', '', '1e1', '07x'])('refuses %j with exit 2 and writes nothing', (score) => {
    const h = home();
    const r = h.run(['pain', score]);
    expect(r.status).toBe(2);
    expect(existsSync(h.dir)).toBe(false);
  });

  it('keeps a note, cleaned of control characters', () => {
    const h = home();
    h.run(['pain', '4', '--note', 'after the walk\u001b[2J\u0007']);
    expect(h.lines()[0]).toMatchObject({ score: 4, note: 'after the walk' });
  });
});

describe('status, plan, history and export on a real episode', () => {
  function episode() {
    const h = home();
    h.run(['onset', '4', 'days', 'ago']);
    h.run(['pain', '8', '--note', 'could not stand straight']);
    h.run(['pain', '5']);
    h.run(['check-in', '--signs', 'none', '--pain', '4']);
    return h;
  }

  it('status says how long, what phase, heat now, and the last pain with its trend', () => {
    const h = episode();
    const s = JSON.parse(h.run(['status', '--json']).stdout);
    expect(s.hoursSinceOnset).toBeGreaterThan(95.9);
    expect([s.phase, s.thermal, s.lastPain.score, s.trend.trend]).toEqual(['acute', 'heat', 4, 'better']);
    const text = h.run(['status']).stdout;
    expect(text).toContain('about 4 days ago');
    expect(text).toContain('heat (from 72 hours)');
    expect(text).toMatch(/4\/10 .* better \(8 to 4\)/s);
  });

  it('a week on, status reminds to book an appointment', () => {
    const h = home();
    h.run(['onset', '8', 'days', 'ago']);
    expect(JSON.parse(h.run(['status', '--json']).stdout).reminders).toEqual([expect.stringMatching(/more than a week/)]);
    const old = home();
    old.run(['onset', '90', 'days', 'ago']);
    expect(JSON.parse(old.run(['status', '--json']).stdout).reminders).toEqual([expect.stringMatching(/week/), expect.stringMatching(/12 weeks.*physical therapist/)]);
  });

  it('plan --json: dated days from the onset, today marked once', () => {
    const days = JSON.parse(episode().run(['plan', '--json']).stdout) as { date: string; day: number; today: boolean; actions: string[] }[];
    expect(days[0]!.day).toBe(0);
    expect(days.filter((d) => d.today).map((d) => d.day)).toEqual([4]);
    expect(days[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(days[0]!.actions[0]).toMatch(/^Ice/);
    expect(days.find((d) => d.day === 3)!.actions[0]).toMatch(/^Heat/);
    expect(days.find((d) => d.day === 7)!.actions.join(' ')).toMatch(/book a doctor/);
  });

  it('plan in words marks today and fits 80 columns', () => {
    const out = episode().run(['plan']).stdout;
    expect(out).toMatch(/^> .*\(today/m);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('history: a chart that reads without colour, and the JSON lines as written', () => {
    const h = episode();
    const out = h.run(['history']).stdout;
    expect(out).toMatch(/Pain by day/);
    expect(out).toMatch(/#+-* +5\.7 {2}4-8, 3 scores/);
    expect(out).toContain('could not stand straight');
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const json = JSON.parse(h.run(['history', '--json']).stdout);
    expect(json.pain.map((p: { score: number }) => p.score)).toEqual([8, 5, 4]);
    expect(json.checkIns).toHaveLength(1);
    expect(json.sessions).toEqual([]);
    expect(json.pain[0]).toEqual(h.lines()[1]);
  });

  it('history --days filters, and refuses a bad number', () => {
    const h = episode();
    expect(h.run(['history', '--days', '0']).status).toBe(2);
    expect(h.run(['history', '--days', 'x']).status).toBe(2);
    expect(h.run(['history', '--days', '1']).status).toBe(0);
  });

  it('export: markdown and JSON summaries for a clinician', () => {
    const h = episode();
    const md = h.run(['export']).stdout;
    expect(md).toMatch(/^# Back pain summary/);
    expect(md).toContain('## Warning-sign screens');
    expect(md).toMatch(/\| check-in \| self-care \| none \|/);
    expect(md).toContain('could not stand straight');
    const json = JSON.parse(h.run(['export', '--format', 'json']).stdout);
    expect(json.pain.map((p: { score: number }) => p.score)).toEqual([8, 5, 4]);
    expect(json.onset.at).toBe(h.lines()[0].onset);
    expect(json.redFlagScreens[0]).toMatchObject({ source: 'check-in', yes: [] });
    expect(h.run(['export', '--format', 'pdf']).status).toBe(2);
  });

  it('history and the Markdown export name the signs in words, never by id', () => {
    const h = episode();
    const flags = JSON.parse(h.run(['red-flags', '--json']).stdout) as { id: string }[];
    const answers = join(tempDir(), 'answers.json');
    const yes = ['upper-back', 'pregnancy'];
    writeFileSync(answers, JSON.stringify({ onset: null, redFlags: Object.fromEntries(flags.map((f) => [f.id, yes.includes(f.id)])) }));
    expect(h.run(['triage', '--answers', answers, '--record']).status).toBe(0);
    const history = h.run(['history']).stdout.replace(/\s+/g, ' ');
    expect(history).toMatch(/Triage: urgent \(the pain is in the upper back, between the shoulder blades, rather than the lower back; you are pregnant, or gave birth in the last 6 weeks\)/);
    const md = h.run(['export']).stdout;
    expect(md).toMatch(/\| triage \| urgent \| the pain is in the upper back[^|]*; you are pregnant[^|]* \|/);
    for (const text of [history, md]) expect(text).not.toMatch(/upper-back|(?<![\w-])pregnancy(?![\w-])/);
  });

  it('the Markdown export names a sign that followed from the pain score, and the precautions', () => {
    const h = episode();
    const flags = JSON.parse(h.run(['red-flags', '--json']).stdout) as { id: string }[];
    const answers = join(tempDir(), 'answers.json');
    const precautions = { 'skin-sensation': false, circulation: true, 'broken-skin': false, osteoporosis: false };
    writeFileSync(answers, JSON.stringify({ onset: null, redFlags: Object.fromEntries(flags.map((f) => [f.id, false])), painScore: 9, precautions }));
    expect(h.run(['triage', '--answers', answers, '--record']).status).toBe(0);
    const md = h.run(['export']).stdout;
    expect(md).toMatch(/\| triage \| doctor \| pain that stops daily activities[^|]*\(from a pain score of 8 or more\) \|/);
    expect(md).toMatch(/## Precautions\n\n- Apply \(yes or not sure\): poor circulation\n- Pregnant or gave birth in the last 6 weeks: no\./);
    expect(JSON.parse(h.run(['export', '--format', 'json']).stdout).precautions).toEqual({ applying: ['circulation'], pregnancy: false });
  });

  it('export --output writes atomically and never replaces a file without --force', () => {
    const h = episode();
    const out = join(tempDir(), 'summary.md');
    expect(h.run(['export', '--output', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Back pain summary/);
    writeFileSync(out, 'mine');
    const again = h.run(['export', '--output', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists; add --force');
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(h.run(['export', '--output', out, '--force']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Back pain summary/);
    const leftovers = readdirSync(join(out, '..')).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });
});

describe('check-in without a terminal', () => {
  it('needs --signs, names it, and records nothing', () => {
    const h = home();
    const r = h.run(['check-in']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--signs');
    expect(existsSync(h.dir)).toBe(false);
  });

  it('an emergency sign shows the EMERGENCY verdict and is recorded', () => {
    const h = home();
    const r = h.run(['check-in', '--signs', 'both-legs']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('EMERGENCY');
    expect(r.stdout).toContain('Do not drive yourself');
    expect(h.lines()).toEqual([expect.objectContaining({ type: 'check-in', level: 'emergency' })]);
  });

  it('"unsure" escalates', () => {
    const h = home();
    expect(h.run(['check-in', '--signs', 'unsure']).stdout).toContain('EMERGENCY');
  });

  it.each([['--signs', 'fever'], ['--signs', 'none', '--pain', '12']])('refuses %j', (...args) => {
    const h = home();
    expect(h.run(['check-in', ...args]).status).toBe(2);
    expect(existsSync(h.dir)).toBe(false);
  });
});

describe('triage and the journal', () => {
  const answers = (flags: Record<string, boolean> = {}) => JSON.stringify({ onset: new Date(Date.now() - 30 * 3_600_000).toISOString(), redFlags: { ...Object.fromEntries(FLAG_IDS.map((id) => [id, false])), ...flags }, painScore: 6 });

  it('--answers records nothing without --record', () => {
    const h = home();
    expect(h.run(['triage', '--answers', '-'], answers()).status).toBe(0);
    expect(existsSync(h.dir)).toBe(false);
  });

  it('--answers --record writes the triage, the onset and the pain score', () => {
    const h = home();
    expect(h.run(['triage', '--answers', '-', '--record'], answers({ fever: true })).status).toBe(0);
    expect(h.lines().map((l) => l.type)).toEqual(['triage', 'onset', 'pain']);
    expect(h.lines()[0]).toMatchObject({ level: 'urgent', reasons: [{ id: 'fever', level: 'urgent', because: 'yes' }] });
    expect(JSON.parse(h.run(['status', '--json']).stdout).thermal).toBe('ice');
  });

  it('a bad answers file with --record writes nothing', () => {
    const h = home();
    expect(h.run(['triage', '--answers', '-', '--record'], '{"onset":null}').status).toBe(2);
    expect(existsSync(h.dir)).toBe(false);
  });
});

describe('a damaged journal', () => {
  it('warns once with the count, quarantines, and everything else keeps working', () => {
    const h = home();
    h.run(['pain', '3']);
    appendFileSync(join(h.dir, 'journal.jsonl'), 'garbage\n{"type":"pain"}\n');
    h.run(['pain', '4']);
    const first = h.run(['status']);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/warning: 2 journal lines could not be read; copied to .*journal\.quarantine\.jsonl/);
    expect(first.stdout).toContain('4/10');
    const second = h.run(['status']);
    expect(second.stderr).toBe('');
    expect(readFileSync(join(h.dir, 'journal.jsonl'), 'utf8')).toContain('garbage');
  });
});

describe('a long journal', () => {
  it('status and history stay fast with years of records', () => {
    const h = home();
    mkdirSync(h.dir, { recursive: true, mode: 0o700 });
    const start = Date.now() - 3 * 365 * 86_400_000;
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const at = new Date(start + i * 3_000_000).toISOString();
      lines.push(JSON.stringify(i % 3 === 0 ? { type: 'session', at, kind: 'ice', startedAt: at, endedAt: at, plannedSeconds: 1200, actualSeconds: 1200, outcome: 'completed' } : { type: 'pain', at, score: i % 11 }));
    }
    writeFileSync(join(h.dir, 'journal.jsonl'), `${lines.join('\n')}\n`, { mode: 0o600 });
    for (const args of [['status'], ['history'], ['history', '--json']]) {
      const started = Date.now();
      const r = h.run(args);
      expect(r.status).toBe(0);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });
});
