/**
 * Every way a session can end, in a real terminal: SIGHUP, `kill` (SIGTERM) during
 * a timer, at the routine's "Enter to start" and at every kind of prompt; Ctrl+C with the output
 * piped; Ctrl+Z where there is no job control; a flooding paste. Each time: what was done is recorded,
 * the terminal comes back cooked with a visible cursor, and the exit code says what happened.
 * The window closing for real (the terminal hung up, not only the signal) is in hangup.test.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { journalLines, NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { needs } from '../helpers/programs.js';
import { tempDir } from '../helpers/run-bin.js';
import { binCommand, startTerminal, type Terminal } from '../helpers/tmux.js';

const TMUX = needs('tmux');
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

const COOKED = 'TTY=icanon echo';

function start(args: string[], records: object[] = [NO_PRECAUTIONS]) {
  const home = join(tempDir(), 'state');
  if (records.length) seedJournal(home, records);
  terminal = startTerminal(args, { NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: home });
  return { t: terminal, lines: () => journalLines(home), home };
}

/** The routine with two-second holds (a --data-dir): child's pose, then knee to chest. */
function shortRoutine(): string {
  const data = tempDir('back-relief-data-');
  const builtIn = loadContent(['stretches'], { builtin: DATA_DIR }).stretches;
  const short = builtIn.filter((s) => s.id === 'childs-pose' || s.id === 'knee-to-chest').map((s) => ({ ...s, dose: { ...s.dose, holdSeconds: { min: 2, max: 2 } } }));
  writeFileSync(join(data, 'stretches.json'), JSON.stringify(short));
  return data;
}

describe.skipIf(TMUX.skip)(TMUX.title('signals during a timer'), () => {
  it.each([
    ['SIGHUP', 129],
    ['SIGTERM', 143],
  ])('%s: recorded as interrupted, the terminal cooked with the cursor shown, exit %i', async (signal, code) => {
    const { t, lines } = start(['ice', '--duration', '30s']);
    await t.waitFor(/left {2}ends/);
    expect(t.cursorVisible()).toBe(false);
    t.signal(signal.replace('SIG', ''));
    const screen = await t.waitFor(/TTY=.*$/m);
    expect(screen).toContain(`EXIT=${code}`);
    expect(screen).toContain(COOKED);
    expect(t.cursorVisible()).toBe(true);
    expect(lines().filter((l) => l.type === 'session')).toEqual([expect.objectContaining({ kind: 'ice', outcome: 'interrupted' })]);
  });

  it('Ctrl+C with the output piped still exits 130 and records the session', async () => {
    const home = join(tempDir(), 'state');
    seedJournal(home, [NO_PRECAUTIONS]);
    terminal = startTerminal([], {}, { columns: 100, rows: 30 }, true);
    const t = terminal;
    // The exit code goes to a file: Ctrl+C also ends `cat`, and with it the shell's command list.
    const codeFile = join(tempDir(), 'code');
    t.keys(`( ${binCommand(['ice', '--duration', '30s'], { NO_COLOR: '1', BACK_RELIEF_HOME: home })}; echo $? > ${codeFile} ) | cat`, 'Enter');
    await t.waitFor(/Put the cold pack on now/);
    t.keys('C-c');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !existsSync(codeFile)) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(codeFile, 'utf8').trim()).toBe('130');
    expect(journalLines(home).filter((l) => l.type === 'session')).toEqual([expect.objectContaining({ outcome: 'interrupted' })]);
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('signals in the routine'), () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])('%s at "Enter to start" after a stretch was done: the done stretch is recorded, the terminal cooked, exit %i', async (signal, code) => {
    const { t, lines } = start(['routine', '--data-dir', shortRoutine(), '--only', 'childs-pose,knee-to-chest']);
    await t.waitFor(/1 of 2: Child's pose/);
    t.keys('Enter');
    await t.waitFor(/Done: Child's pose\./);
    await t.waitFor(/2 of 2: Knee to chest/);
    t.signal(signal.replace('SIG', ''));
    const screen = await t.waitFor(/TTY=.*$/m);
    expect(screen).toContain(`EXIT=${code}`);
    expect(screen).toContain(COOKED);
    expect(t.cursorVisible()).toBe(true);
    expect(lines().filter((l) => l.type === 'routine')).toEqual([
      expect.objectContaining({ outcome: 'interrupted', steps: [{ id: 'childs-pose', status: 'done' }, { id: 'knee-to-chest', status: 'not-reached' }] }),
    ]);
  });

  it('SIGHUP during a hold: what was done is recorded, the hold as partial', async () => {
    const { t, lines } = start(['routine', '--data-dir', shortRoutine(), '--only', 'childs-pose,knee-to-chest']);
    await t.waitFor(/1 of 2: Child's pose/);
    t.keys('Enter');
    await t.waitFor(/Done: Child's pose\./);
    t.keys('Enter');
    await t.waitFor(/Knee to chest, left side/);
    t.signal('HUP');
    const screen = await t.waitFor(/TTY=.*$/m);
    expect(screen).toContain('EXIT=129');
    expect(screen).toContain(COOKED);
    expect(t.cursorVisible()).toBe(true);
    expect(lines().filter((l) => l.type === 'routine')[0]).toMatchObject({ steps: [{ id: 'childs-pose', status: 'done' }, { id: 'knee-to-chest', status: 'partial' }] });
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('signals at a prompt'), () => {
  it.each([
    ['triage', ['triage'], /Emergency signs/, 'Triage cancelled: stopped by a signal.', 'SIGTERM', 143],
    ['triage', ['triage'], /Emergency signs/, null, 'SIGHUP', 129],
    ['check-in', ['check-in'], /Emergency signs/, 'Check-in cancelled: stopped by a signal.', 'SIGTERM', 143],
    ['the precautions', ['ice', '--duration', '5s'], /Before heat, ice or stretches/, 'Not started: stopped by a signal.', 'SIGTERM', 143],
  ] as const)('%s, %s: the terminal cooked with the cursor shown, nothing recorded', async (_what, args, prompt, message, signal, code) => {
    const { t, lines } = start([...args], []);
    await t.waitFor(prompt);
    t.keys('Down');
    t.signal(signal.replace('SIG', ''));
    const screen = await t.waitFor(/TTY=.*$/m);
    expect(screen).toContain(`EXIT=${code}`);
    expect(screen).toContain(COOKED);
    if (message) expect(screen).toContain(message);
    expect(screen).not.toMatch(/\n\s+at /);
    expect(t.cursorVisible()).toBe(true);
    expect(lines()).toEqual([]);
  });

  it('SIGTERM at the skin-break question', async () => {
    const now = new Date();
    const { t, lines } = start(['ice', '--duration', '5s'], [
      NO_PRECAUTIONS,
      { type: 'session', at: now.toISOString(), kind: 'ice', startedAt: now.toISOString(), endedAt: now.toISOString(), plannedSeconds: 1200, actualSeconds: 1200, outcome: 'completed' },
    ]);
    await t.waitFor(/Start anyway\?/);
    t.signal('TERM');
    const screen = await t.waitFor(/TTY=.*$/m);
    expect(screen).toContain('EXIT=143');
    expect(screen).toContain(COOKED);
    expect(t.cursorVisible()).toBe(true);
    expect(lines()).toHaveLength(2);
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('no job control, floods'), () => {
  it('Ctrl+Z in a terminal without job control: said, and the keys keep working', async () => {
    const { t, lines } = start(['ice', '--duration', '30s']);
    await t.waitFor(/left {2}ends/);
    t.keys('C-z');
    await t.waitFor(/Ctrl\+Z cannot suspend here/);
    t.keys('Space');
    await t.waitFor(/PAUSED/);
    t.keys('q');
    const screen = await t.waitFor(/TTY=.*$/m);
    expect(screen).toContain('EXIT=0');
    expect(screen).toContain(COOKED);
    expect(lines().filter((l) => l.type === 'session')).toEqual([expect.objectContaining({ outcome: 'interrupted' })]);
  });

  it('Ctrl+Z at a prompt without job control: the prompt goes on', async () => {
    const { t } = start(['triage'], []);
    await t.waitFor(/Emergency signs/);
    t.keys('C-z');
    t.keys('Space', 'Enter'); // None of these
    await t.waitFor(/Signs to see a doctor today/);
    t.keys('C-c');
    expect(await t.waitFor(/EXIT=\d+/)).toContain('EXIT=130');
  });

  it('a 20,000-character paste at a prompt: it stays responsive', async () => {
    const { t } = start(['onset', 'now'], []);
    await t.waitFor(/EXIT=0/);
    t.close();
    const again = start(['triage'], []);
    const none = async (question: RegExp, signs: number) => {
      await again.t.waitFor(question);
      for (let i = 0; i < signs; i++) again.t.keys('Down');
      again.t.keys('Space', 'Enter');
    };
    await none(/Emergency signs/, 0);
    await none(/Signs to see a doctor today/, 0);
    await again.t.waitFor(/When did this episode start\?/);
    for (let i = 0; i < 7; i++) again.t.keys('Down');
    again.t.keys('Enter'); // an exact date and time
    await again.t.waitFor(/When did it start\?/);
    const started = Date.now();
    again.t.paste('y'.repeat(20_000));
    again.t.keys('Enter');
    await again.t.waitFor(/is not a time I understand/, 10_000);
    expect(Date.now() - started).toBeLessThan(8000);
    again.t.keys('C-c');
    expect(await again.t.waitFor(/EXIT=\d+/)).toContain('EXIT=130');
  });
});
