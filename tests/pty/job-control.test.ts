/**
 * Job control in a real terminal, beyond the countdown's own Ctrl+Z (timer.test.ts): Ctrl+Z at the
 * routine's "Enter to start" and at a question, with job control (an interactive bash) and without
 * (a command started straight in the pane); and a timer started in the background with `&`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { journalLines, NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { needs } from '../helpers/programs.js';
import { tempDir } from '../helpers/run-bin.js';
import { binCommand, startTerminal, type Terminal } from '../helpers/tmux.js';

const TMUX = needs('tmux', 'bash');
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

const ENV = { NO_COLOR: '1', TERM: 'xterm-256color' };

function state(records: object[] = [NO_PRECAUTIONS]) {
  const home = join(tempDir(), 'state');
  if (records.length) seedJournal(home, records);
  return { home, lines: () => journalLines(home) };
}

/** An interactive bash (job control); the test types the command. */
function shell(args: string[], home: string) {
  terminal = startTerminal([], {}, { columns: 100, rows: 40 }, true);
  const command = binCommand(args, { ...ENV, BACK_RELIEF_HOME: home });
  return { t: terminal, command };
}

/** The screen after the last time `text` was typed at the shell. */
const after = (screen: string, text: string) => screen.slice(screen.lastIndexOf(text));

/** The exit status of the last command, read by typing at the shell. */
async function lastStatus(t: Terminal): Promise<string> {
  t.keys('echo "CODE=$?"', 'Enter');
  return (await t.waitFor(/^CODE=\d+$/m)).match(/^CODE=(\d+)$/m)![1]!;
}

/** Child's pose and knee to chest with two-second holds (a --data-dir). */
function shortRoutine(): string {
  const data = tempDir('back-relief-data-');
  const builtIn = loadContent(['stretches'], { builtin: DATA_DIR }).stretches;
  const short = builtIn.filter((s) => s.id === 'childs-pose' || s.id === 'knee-to-chest').map((s) => ({ ...s, dose: { ...s.dose, holdSeconds: { min: 2, max: 2 } } }));
  writeFileSync(join(data, 'stretches.json'), JSON.stringify(short));
  return data;
}

const ROUTINE = ['routine', '--only', 'childs-pose,knee-to-chest'];

describe.skipIf(TMUX.skip)(TMUX.title('Ctrl+Z at the routine\'s "Enter to start"'), () => {
  it('with job control: suspends with the cursor shown, the next keys go to the shell, fg takes the keys again', async () => {
    const { home, lines } = state();
    const { t, command } = shell([...ROUTINE, '--data-dir', shortRoutine()], home);
    t.keys(command, 'Enter');
    await t.waitFor(/1 of 2: Child's pose/);
    t.keys('C-z');
    await t.waitFor(/Stopped/);
    expect(t.cursorVisible()).toBe(true);
    // Typed while the routine is stopped: the shell runs it; the routine does not take the s as a skip.
    t.keys('echo "the shell got it"', 'Enter');
    await t.waitFor(/^the shell got it$/m);
    t.keys('fg', 'Enter');
    await t.waitFor(/Back: Enter starts the stretch, s skips it, q stops, h if the pain got worse\./);
    t.keys('Enter');
    await t.waitFor(/Done: Child's pose\./);
    await t.waitFor(/2 of 2: Knee to chest/);
    t.keys('s');
    await t.waitFor(/Routine complete: 1 of 2 done\./);
    expect(await lastStatus(t)).toBe('0');
    expect(t.cursorVisible()).toBe(true);
    expect(lines().filter((l) => l.type === 'routine')).toEqual([
      expect.objectContaining({ outcome: 'completed', steps: [{ id: 'childs-pose', status: 'done' }, { id: 'knee-to-chest', status: 'skipped' }] }),
    ]);
  });

  it('without job control: says so, and the keys keep working', async () => {
    const { home, lines } = state();
    terminal = startTerminal([...ROUTINE, '--data-dir', shortRoutine()], { ...ENV, BACK_RELIEF_HOME: home });
    const t = terminal;
    await t.waitFor(/1 of 2: Child's pose/);
    t.keys('C-z');
    // Wrapped at the window's width: the words whole, a line break between two of them.
    await t.waitFor(/Ctrl\+Z cannot suspend here \(this terminal has no job control\); the keys above\s+still work\./);
    t.keys('Enter');
    await t.waitFor(/Done: Child's pose\./);
    await t.waitFor(/2 of 2: Knee to chest/);
    t.keys('q');
    const screen = await t.waitFor(/TTY=.*$/m);
    expect(screen).toContain('EXIT=0');
    expect(screen).toContain('TTY=icanon echo');
    expect(lines().filter((l) => l.type === 'routine')).toEqual([
      expect.objectContaining({ outcome: 'stopped', steps: [{ id: 'childs-pose', status: 'done' }, { id: 'knee-to-chest', status: 'not-reached' }] }),
    ]);
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('Ctrl+Z at a question'), () => {
  it('with job control: suspends with the cursor shown; fg draws the question again and it goes on', async () => {
    const { home, lines } = state([]);
    const { t, command } = shell(['check-in'], home);
    t.keys(command, 'Enter');
    await t.waitFor(/Emergency signs/);
    expect(t.cursorVisible()).toBe(false);
    t.keys('C-z');
    await t.waitFor(/Stopped/);
    expect(t.cursorVisible()).toBe(true);
    t.keys('fg', 'Enter');
    // The question again, under the shell's lines.
    expect(after(await t.waitFor(/fg[\s\S]*\? Emergency signs[^\n]*\n❯◯ None of these/), 'fg')).toMatch(/\? Emergency signs[^\n]*\n❯◯ None of these/);
    expect(t.cursorVisible()).toBe(false);
    t.keys('Space', 'Enter'); // None of these
    await t.waitFor(/Pain right now/);
    // The same at a text question: the typed answer comes back with it.
    t.keys('4', 'C-z');
    await t.waitFor(/Stopped[\s\S]*Stopped/);
    t.keys('fg', 'Enter');
    const screen = after(await t.waitFor(/fg[\s\S]*\? Pain right now[^\n]* 4$/m), 'fg');
    expect(screen).toMatch(/\? Pain right now[^\n]* 4$/m);
    expect(screen).not.toContain('Check-in cancelled');
    t.keys('Enter');
    await t.waitFor(/Check-in recorded: no emergency sign, pain 4\/10\./);
    expect(await lastStatus(t)).toBe('0');
    expect(t.cursorVisible()).toBe(true);
    expect(lines().map((l) => l.type)).toEqual(['check-in', 'pain']);
  });

  it('without job control: a note above the question, which goes on', async () => {
    const { home } = state([]);
    terminal = startTerminal(['triage'], { ...ENV, BACK_RELIEF_HOME: home });
    const t = terminal;
    await t.waitFor(/Emergency signs/);
    t.keys('C-z');
    const screen = await t.waitFor(/Ctrl\+Z cannot suspend here \(this terminal has no job control\); Ctrl\+C cancels\.\n\? Emergency signs/);
    // The question is whole once, under the note.
    expect(screen.match(/\? Emergency signs/g)).toHaveLength(1);
    t.keys('Space', 'Enter'); // None of these
    await t.waitFor(/Signs to see a doctor today/);
    t.keys('C-c');
    expect(await t.waitFor(/EXIT=\d+/)).toContain('EXIT=130');
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('a timer started in the background'), () => {
  it('runs to the end without stopping, announcing in lines; the cursor and the shell are left alone', async () => {
    const { home, lines } = state();
    const { t, command } = shell(['ice', '--duration', '4s'], home);
    t.keys(`${command} &`, 'Enter');
    await t.waitFor(/Ice: 4 s, ends at \d\d:\d\d\./);
    expect(t.cursorVisible()).toBe(true);
    t.keys('jobs', 'Enter');
    expect(after(await t.waitFor(/^\[1\]\+ +(Running|Stopped)/m), 'jobs')).toMatch(/Running/);
    await t.waitFor(/All done\./, 10_000);
    // Its exit status, without racing its last moments: "All done." is printed just before the
    // process ends, so a prompt drawn at that instant may come before bash's "Done" notice.
    t.keys('wait %1; echo "WAITED=$?"', 'Enter');
    const screen = await t.waitFor(/^WAITED=\d+$/m);
    expect(screen).toMatch(/^WAITED=0$/m);
    expect(screen).toContain('Ice done at');
    expect(screen).not.toMatch(/Stopped|left {2}ends|\r/);
    expect(t.cursorVisible()).toBe(true);
    expect(lines().filter((l) => l.type === 'session')).toEqual([expect.objectContaining({ outcome: 'completed' })]);
  });

  it('fg gives it the terminal: the redrawn line and the keys', async () => {
    const { home, lines } = state();
    const { t, command } = shell(['ice', '--duration', '30s'], home);
    t.keys(`${command} &`, 'Enter');
    await t.waitFor(/Ice: 30 s, ends at/);
    t.keys('fg', 'Enter');
    await t.waitFor(/Ice {2}[█▏▎▍▌▋▊▉]*░+ {2}0:\d\d left {2}ends/, 5000);
    expect(t.cursorVisible()).toBe(false);
    t.keys('q');
    await t.waitFor(/Stopped early/);
    expect(await lastStatus(t)).toBe('0');
    expect(t.cursorVisible()).toBe(true);
    expect(lines().filter((l) => l.type === 'session')).toEqual([expect.objectContaining({ outcome: 'interrupted' })]);
  });
});
