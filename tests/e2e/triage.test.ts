/** `triage --answers` through the built binary: each level, each kind of bad file, stdin, no terminal. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, tempDir } from '../helpers/run-bin.js';

const FLAG_IDS = (JSON.parse(runBin(['red-flags', '--json']).stdout) as { id: string }[]).map((f) => f.id);
const allNo = () => Object.fromEntries(FLAG_IDS.map((id) => [id, false]));
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

function answersFile(content: unknown): string {
  const path = join(tempDir(), 'answers.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('triage --answers FILE --json, one per level', () => {
  it.each([
    ['emergency', { 'bladder-bowel': true }, hoursAgo(10), ['bladder-bowel']],
    ['urgent', { fever: true, 'daily-life': true }, hoursAgo(10), ['fever', 'daily-life']],
    ['doctor', {}, hoursAgo(200), ['pain-over-week']],
    ['self-care', {}, hoursAgo(10), []],
  ])('%s', (level, flags, onset, reasonIds) => {
    const r = runBin(['triage', '--answers', answersFile({ onset, redFlags: { ...allNo(), ...flags } }), '--json']);
    expect(r.status).toBe(0);
    const verdict = JSON.parse(r.stdout);
    expect(verdict.level).toBe(level);
    expect(verdict.reasons.map((x: { id: string }) => x.id)).toEqual(reasonIds);
    expect(Object.keys(verdict)).toEqual(expect.arrayContaining(['level', 'reasons', 'phase', 'thermal', 'hoursSinceOnset']));
  });

  it('gives the time fields of cli.md', () => {
    const verdict = JSON.parse(runBin(['triage', '--json', '--answers', answersFile({ onset: hoursAgo(50), redFlags: allNo() })]).stdout);
    expect(verdict.thermal).toBe('ice-or-heat');
    expect(verdict.phase).toBe('acute');
    expect(verdict.hoursSinceOnset).toBeGreaterThan(49.9);
    expect(verdict.hoursSinceOnset).toBeLessThan(50.1);
    const unknown = JSON.parse(runBin(['triage', '--json', '--answers', answersFile({ onset: null, redFlags: allNo() })]).stdout);
    expect([unknown.thermal, unknown.phase, unknown.hoursSinceOnset]).toEqual(['unknown', 'unknown', null]);
  });
});

describe('triage --answers without --json prints the verdict in words', () => {
  it('a box with the level in words, reasons, the plan with the next command, sources and the disclaimer', () => {
    const r = runBin(['triage', '--answers', answersFile({ onset: hoursAgo(5), redFlags: { ...allNo(), fever: true } })]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\+-+\+\n\| SEE A DOCTOR TODAY +\|/);
    expect(r.stdout).toContain('Fever, or feeling hot and shivery [SEE A DOCTOR TODAY]');
    expect(r.stdout).toContain('Run: back-relief ice');
    expect(r.stdout).toMatch(/Sources: .*nhs-back-pain/);
    expect(r.stdout).toContain('This is not medical advice');
    expect(r.stdout).not.toContain('\u001b');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('reads the answers from stdin with --answers -', () => {
    const input = JSON.stringify({ onset: null, redFlags: { ...allNo(), 'chest-pain': true } });
    const r = runBin(['triage', '--answers', '-', '--json'], { input });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).level).toBe('emergency');
  });
});

describe('bad answers: exit 2, a message naming the problem, nothing on stdout', () => {
  it.each([
    ['malformed JSON', '{"onset":', /not valid JSON/],
    ['a missing id', { onset: null, redFlags: { ...allNo(), fever: undefined } }, /"redFlags": is missing fever/],
    ['an unknown id', { onset: null, redFlags: { ...allNo(), sneezing: true } }, /redFlags\."sneezing": is not a red-flag id/],
    ['a value that is not a boolean', { onset: null, redFlags: { ...allNo(), fever: 1 } }, /redFlags\."fever": must be true or false, not 1/],
    ['an unknown top-level key', { onset: null, redFlags: allNo(), notes: 'x' }, /"notes": is not a known key/],
    ['an onset in the future', { onset: '2999-01-01T00:00:00Z', redFlags: allNo() }, /"onset": "2999-01-01T00:00:00Z" is in the future/],
    ['a bad pain score', { onset: null, redFlags: allNo(), painScore: 12 }, /"painScore": must be a whole number from 0 to 10/],
    ['an emergency yes overridden by a later no', JSON.stringify({ onset: null, redFlags: allNo() }).replace('"bladder-bowel":false', '"bladder-bowel":true').replace(/\}\}$/, ',"bladder-bowel":false}}'), /redFlags\."bladder-bowel": is given more than once/],
    ['__proto__ among the red flags', JSON.stringify({ onset: null, redFlags: allNo() }).replace('{"bladder-bowel"', '{"__proto__":false,"bladder-bowel"'), /redFlags\."__proto__": is not a red-flag id/],
    ['constructor among the precautions', { onset: null, redFlags: allNo(), precautions: { constructor: true } }, /precautions\."constructor": is not a precaution id/],
  ])('%s', (_name, content, message) => {
    const r = runBin(['triage', '--answers', answersFile(content)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('a file that does not exist', () => {
    const r = runBin(['triage', '--answers', '/no/such/answers.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--answers: cannot read "/no/such/answers.json" (no such file or folder)');
  });

  it('a content dir that adds a red flag makes it required in the answers', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'red-flags.json'), JSON.stringify([{ id: 'new-sign', level: 'urgent', question: 'q?', summary: 's', sources: ['guide'] }]));
    const r = runBin(['triage', '--data-dir', dir, '--answers', answersFile({ onset: null, redFlags: allNo() })]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is missing new-sign');
  });
});

describe('version 2 through the binary', () => {
  const precautions = { 'skin-sensation': false, circulation: false, 'broken-skin': false, osteoporosis: true };

  it('--json reports the precautions: null when unknown, [] when none, the ids that apply', () => {
    const json = (extra: object) => JSON.parse(runBin(['triage', '--json', '--answers', answersFile({ onset: null, redFlags: allNo(), ...extra })]).stdout);
    expect(json({}).precautions).toBeNull();
    expect(json({ precautions: { ...precautions, osteoporosis: false } }).precautions).toEqual([]);
    const v = json({ precautions });
    expect(v.precautions).toEqual(['osteoporosis']);
    expect(v.takeCare.join(' ')).toMatch(/osteoporosis/);
  });

  it('--record keeps the precautions for the timers and the routine', () => {
    const home = join(tempDir(), 'state');
    const r = runBin(['triage', '--record', '--answers', answersFile({ onset: hoursAgo(100), redFlags: allNo(), precautions })], { env: { BACK_RELIEF_HOME: home } });
    expect(r.status).toBe(0);
    const plan = runBin(['routine', '--plan', '--json'], { env: { BACK_RELIEF_HOME: home } });
    expect((JSON.parse(plan.stdout) as { id: string }[]).map((s) => s.id)).toEqual(['walking', 'pelvic-tilt', 'glute-bridge']);
    expect(plan.stderr).toBe('');
  });

  it('a recorded pregnancy counts even without precautions: the routine leaves out the stretches on the back', () => {
    const home = join(tempDir(), 'state');
    const redFlags = { ...allNo(), pregnancy: true };
    expect(runBin(['triage', '--record', '--answers', answersFile({ onset: hoursAgo(100), redFlags })], { env: { BACK_RELIEF_HOME: home } }).status).toBe(0);
    const plan = runBin(['routine', '--plan', '--json'], { env: { BACK_RELIEF_HOME: home } });
    expect((JSON.parse(plan.stdout) as { id: string }[]).map((s) => s.id)).toEqual(['walking', 'cat-cow', 'childs-pose']);
    const today = (JSON.parse(runBin(['plan', '--json'], { env: { BACK_RELIEF_HOME: home } }).stdout) as { today: boolean; actions: string[] }[]).find((d) => d.today)!;
    expect(today.actions.join(' ')).toMatch(/Left out for you: pelvic tilt, knee to chest and glute bridge \(pregnancy/);
  });

  it('check-in --json reports the precautions the journal knows', () => {
    const home = join(tempDir(), 'state');
    const env = { env: { BACK_RELIEF_HOME: home } };
    runBin(['triage', '--record', '--answers', answersFile({ onset: null, redFlags: allNo(), precautions })], env);
    const v = JSON.parse(runBin(['check-in', '--signs', 'none', '--pain', '3', '--json'], env).stdout);
    expect(v.precautions).toEqual(['osteoporosis']);
    expect(v.takeCare.join(' ')).toMatch(/With osteoporosis/);
  });

  it('a pain score of 8 makes it a doctor\'s appointment, whatever daily-life says', () => {
    const v = JSON.parse(runBin(['triage', '--json', '--answers', answersFile({ onset: null, redFlags: allNo(), painScore: 8 })]).stdout);
    expect([v.level, v.reasons]).toEqual(['doctor', [{ id: 'daily-life', level: 'doctor', because: 'derived' }]]);
  });
});

describe('no prompts without a terminal', () => {
  it('without --answers and without a terminal: exit 2 naming --answers', () => {
    const r = runBin(['triage']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--answers');
    expect(r.stdout).toBe('');
  });

  it('with --no-input: exit 2 naming --answers', () => {
    const r = runBin(['triage', '--no-input']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--no-input.*--answers|--answers.*--no-input/s);
  });
});
