/** Short sessions through the built binary, without a terminal: output, exit codes, the journal. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runBin, tempDir } from '../helpers/run-bin.js';
import { journalLines } from '../helpers/journal-lines.js';

function home() {
  const dir = join(tempDir(), 'state');
  const run = (args: string[]) => runBin(args, { env: { BACK_RELIEF_HOME: dir } });
  const lines = () => journalLines(dir);
  return { dir, run, lines };
}

describe('a short session without a terminal', () => {
  it('prints a start line and an end line, no escapes or carriage returns, and records it', () => {
    const h = home();
    const started = Date.now();
    const r = h.run(['ice', '--duration', '2s']);
    const elapsed = Date.now() - started;
    expect(r.status).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(r.stdout).toMatch(/Safety: keep a cloth between the pack and your skin/);
    expect(r.stdout).toMatch(/Ice: 2 s, ends at \d\d:\d\d\. Put the cold pack on now/);
    expect(r.stdout).toMatch(/Ice done at \d\d:\d\d\. Take the cold pack off\./);
    expect(r.stdout).toMatch(/All done\. The skin needs 20 minutes before the next session/);
    expect(r.stdout).not.toMatch(/[\r\u001b\u0007]/);
    const [line] = h.lines();
    expect(line).toMatchObject({ type: 'session', kind: 'ice', plannedSeconds: 2, outcome: 'completed' });
    expect(line.actualSeconds).toBeCloseTo(2, 1);
    // The end is kept by the clock: within 100 ms of the planned length.
    expect(Math.abs(Date.parse(line.endedAt) - Date.parse(line.startedAt) - 2000)).toBeLessThan(100);
  });

  it('contrast records heat then ice, back to back', () => {
    const h = home();
    expect(h.run(['contrast', '--duration', '1s']).status).toBe(0);
    const [heat, ice] = h.lines();
    expect([heat.kind, ice.kind]).toEqual(['heat', 'ice']);
    expect(Math.abs(Date.parse(ice.startedAt) - Date.parse(heat.endedAt))).toBeLessThan(50);
  });

  it('refuses a new session of the same kind during the skin break, naming --force; --force runs it', () => {
    const h = home();
    h.run(['heat', '--duration', '1s']);
    const again = h.run(['heat', '--duration', '1s']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/skin break after your last heat session .* lasts until \d\d:\d\d.*--force/);
    expect(h.lines()).toHaveLength(1);
    expect(h.run(['ice', '--duration', '1s']).status).toBe(0);
    expect(h.run(['heat', '--duration', '1s', '--force']).status).toBe(0);
    expect(h.lines()).toHaveLength(3);
  });

  it('heat in the first 48 hours is affirmed, never discouraged, and runs', () => {
    const h = home();
    h.run(['onset', '5h', 'ago']);
    const r = h.run(['heat', '--duration', '1s']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Heat in the first days is a good choice: it has the better evidence/);
    expect(r.stdout).not.toMatch(/guidance/);
    expect(h.lines().map((l) => l.type)).toEqual(['onset', 'session']);
  });
});

describe('precautions before a session, without a terminal', () => {
  const answers = (over: Record<string, boolean | 'unsure'>) => ({
    type: 'precautions',
    at: '2026-11-20T10:00:00.000Z',
    answers: { 'skin-sensation': false, circulation: false, 'broken-skin': false, osteoporosis: false, ...over },
  });

  it('unknown: a warning line, never a silent skip, and the session runs', () => {
    const h = home();
    const r = h.run(['ice', '--duration', '1s']);
    expect(r.status).toBe(0);
    expect(r.stderr.replace(/\s+/g, ' ')).toMatch(/warning: the precautions have not been answered yet \(reduced skin feeling, poor circulation, broken skin and osteoporosis\)/);
    expect(h.lines().map((l) => l.type)).toEqual(['session']);
  });

  it.each([
    ['skin-sensation', 'ice', 2],
    ['skin-sensation', 'heat', 2],
    ['skin-sensation', 'contrast', 2],
    ['circulation', 'ice', 2],
    ['circulation', 'contrast', 2],
    ['circulation', 'heat', 0],
    ['broken-skin', 'heat', 2],
    ['broken-skin', 'ice', 2],
    ['osteoporosis', 'ice', 0],
  ] as const)('%s, %s: exit %i', (id, mode, status) => {
    const h = home();
    writeJournal(h.dir, [answers({ [id]: 'unsure' })]);
    const r = h.run([mode, '--duration', '1s']);
    expect(r.status).toBe(status);
    if (status === 2) {
      expect(r.stderr).toMatch(/You said: .*Ask a doctor or pharmacist before using .*add --force/s);
      expect(h.lines().map((l) => l.type)).toEqual(['precautions']);
    } else {
      expect(r.stderr).toBe('');
    }
  });

  it('--force starts a held-back session and records what was confirmed', () => {
    const h = home();
    writeJournal(h.dir, [answers({ circulation: true })]);
    expect(h.run(['ice', '--duration', '1s', '--force']).status).toBe(0);
    expect(h.lines().at(-1)).toMatchObject({ type: 'session', kind: 'ice', precautionsConfirmed: ['circulation'] });
  });

  it('contrast with poor circulation: only the ice half is marked as confirmed', () => {
    const h = home();
    writeJournal(h.dir, [answers({ circulation: true })]);
    expect(h.run(['contrast', '--duration', '1s', '--force']).status).toBe(0);
    const [heat, ice] = h.lines().slice(1);
    expect(heat).toMatchObject({ kind: 'heat' });
    expect(heat.precautionsConfirmed).toBeUndefined();
    expect(ice).toMatchObject({ kind: 'ice', precautionsConfirmed: ['circulation'] });
  });

  it('pregnant: heat says never on the belly', () => {
    const h = home();
    writeJournal(h.dir, [{ ...answers({}), pregnancy: true }]);
    expect(h.run(['heat', '--duration', '1s']).stdout).toMatch(/never put heat on your belly/);
  });
});

function writeJournal(dir: string, records: object[]): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'journal.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
}

describe('bad options: exit 2 with the reason, nothing recorded', () => {
  it.each([
    [['ice', '--duration', '25m'], /too long.*skin and the nerves/],
    [['heat', '--duration', '0'], /at least one second/],
    [['ice', '--duration', '-5m'], /not a duration/],
    [['ice', '--duration', 'soon'], /not a duration/],
    [['ice', '--break', '10m', '--rounds', '2'], /too short/],
    [['contrast', '--rounds', '0'], /--rounds/],
  ])('%j', (args, message) => {
    const h = home();
    const r = h.run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(existsSync(h.dir)).toBe(false);
  });
});

describe('signals on a running session', () => {
  function start(dir: string) {
    const child = spawn(process.execPath, [BIN, 'ice', '--duration', '30s'], { env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: dir } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const ready = new Promise<void>((resolve) => {
      const check = () => (out.includes('Put the cold pack on') ? resolve() : setTimeout(check, 20));
      check();
    });
    return { child, exited, ready };
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exit %i and the session recorded as interrupted', async (signal, code) => {
    const dir = join(tempDir(), 'state');
    const s = start(dir);
    await s.ready;
    await new Promise((r) => setTimeout(r, 300));
    s.child.kill(signal);
    expect(await s.exited).toBe(code);
    const [line] = journalLines(dir);
    expect(line).toMatchObject({ type: 'session', kind: 'ice', plannedSeconds: 30, outcome: 'interrupted' });
    expect(line.actualSeconds).toBeGreaterThan(0.2);
    expect(line.actualSeconds).toBeLessThan(5);
  });
});
