/**
 * The terminal window closing for real (tmux kill-session), in every state a run can wait in: a
 * running timer, a paused one, the routine paused in a hold, the routine at "Enter to start" after a
 * stretch was done, a question, contrast's swap of packs. The terminal hangs up: the program's input
 * ends, and with nothing else pending it used to end there, before its SIGHUP listener ran, with
 * nothing recorded and Node aborting on the dead terminal (exit 134, a native stack trace).
 *
 * Each time: what was done is recorded, the exit status is 129 (the program ends by SIGHUP), and
 * stderr has the words, never "Assertion failed". The pane goes with the session, so a shell that
 * ignores SIGHUP itself keeps the exit status and stderr in files (startClosableTerminal).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { journalLines, NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { needs } from '../helpers/programs.js';
import { tempDir } from '../helpers/run-bin.js';
import { startClosableTerminal, type ClosedRun, type Terminal } from '../helpers/tmux.js';

const TMUX = needs('tmux');
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

function start(args: string[], records: object[] = [NO_PRECAUTIONS]) {
  const home = join(tempDir(), 'state');
  if (records.length) seedJournal(home, records);
  const started = startClosableTerminal(args, { NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: home });
  terminal = started.terminal;
  return { t: started.terminal, run: started.run, lines: () => journalLines(home) };
}

/** Closes the window; returns stderr once the program has ended, having checked how it ended. */
async function closeWindow(t: Terminal, run: ClosedRun): Promise<string> {
  t.kill();
  expect(await run.status()).toBe('129');
  const stderr = run.stderr();
  expect(stderr).not.toMatch(/Assertion failed|Native stack trace|node::/);
  return stderr;
}

/** Child's pose and knee to chest with holds of the given seconds (a --data-dir). */
function routineData(holdSeconds: Record<string, number>): string {
  const data = tempDir('back-relief-data-');
  const builtIn = loadContent(['stretches'], { builtin: DATA_DIR }).stretches;
  const chosen = builtIn.filter((s) => s.id in holdSeconds).map((s) => ({ ...s, dose: { ...s.dose, holdSeconds: { min: holdSeconds[s.id]!, max: holdSeconds[s.id]! } } }));
  writeFileSync(join(data, 'stretches.json'), JSON.stringify(chosen));
  return data;
}

describe.skipIf(TMUX.skip)(TMUX.title('the window closed during a timer'), () => {
  it('running: the session recorded as interrupted, exit 129', async () => {
    const { t, run, lines } = start(['heat', '--duration', '30s']);
    await t.waitFor(/left {2}ends/);
    const stderr = await closeWindow(t, run);
    expect(stderr).toContain('Session stopped: the terminal was closed; recorded as interrupted.');
    expect(lines().filter((l) => l.type === 'session')).toEqual([expect.objectContaining({ kind: 'heat', outcome: 'interrupted' })]);
  });

  it('paused (nothing ticking): the session recorded as interrupted, exit 129', async () => {
    const { t, run, lines } = start(['ice', '--duration', '60s']);
    await t.waitFor(/left {2}ends/);
    t.keys('p');
    await t.waitFor(/PAUSED, space to resume/);
    const stderr = await closeWindow(t, run);
    expect(stderr).toContain('Session stopped: the terminal was closed; recorded as interrupted.');
    expect(lines().filter((l) => l.type === 'session')).toEqual([expect.objectContaining({ kind: 'ice', outcome: 'interrupted' })]);
  });

  it("contrast waiting for the swap of packs: the heat half recorded, exit 129", async () => {
    const { t, run, lines } = start(['contrast', '--duration', '2s']);
    await t.waitFor(/Swap to the cold pack now/);
    const stderr = await closeWindow(t, run);
    // Nothing was under way: the message says where the stop found the run, and what stands.
    expect(stderr).toContain('Stopped when the terminal was closed during the wait to swap packs; the heat session before it is recorded as completed.');
    expect(lines().filter((l) => l.type === 'session')).toEqual([expect.objectContaining({ kind: 'heat', outcome: 'completed' })]);
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('the window closed during the routine'), () => {
  it('paused in a hold: the stretch recorded as partial, exit 129', async () => {
    const { t, run, lines } = start(['routine', '--data-dir', routineData({ 'knee-to-chest': 30 }), '--only', 'knee-to-chest']);
    await t.waitFor(/1 of 1: Knee to chest/);
    t.keys('Enter');
    await t.waitFor(/Knee to chest, left side/);
    t.keys('Space');
    await t.waitFor(/PAUSED, space to resume/);
    const stderr = await closeWindow(t, run);
    expect(stderr).toContain('Routine stopped: the terminal was closed; what was done is recorded.');
    expect(lines().filter((l) => l.type === 'routine')).toEqual([
      expect.objectContaining({ outcome: 'interrupted', steps: [{ id: 'knee-to-chest', status: 'partial' }] }),
    ]);
  });

  it('at "Enter to start" after a stretch was done: the done stretch recorded, exit 129', async () => {
    const { t, run, lines } = start(['routine', '--data-dir', routineData({ 'childs-pose': 2, 'knee-to-chest': 2 }), '--only', 'childs-pose,knee-to-chest']);
    await t.waitFor(/1 of 2: Child's pose/);
    t.keys('Enter');
    await t.waitFor(/Done: Child's pose\./);
    await t.waitFor(/2 of 2: Knee to chest/);
    const stderr = await closeWindow(t, run);
    expect(stderr).toContain('Routine stopped: the terminal was closed; what was done is recorded.');
    expect(lines().filter((l) => l.type === 'routine')).toEqual([
      expect.objectContaining({ outcome: 'interrupted', steps: [{ id: 'childs-pose', status: 'done' }, { id: 'knee-to-chest', status: 'not-reached' }] }),
    ]);
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('the window closed at a question'), () => {
  it.each([
    ['check-in', ['check-in'], 'Check-in cancelled: stopped: the terminal was closed.'],
    ['triage', ['triage'], 'Triage cancelled: stopped: the terminal was closed.'],
  ])('%s: nothing recorded, the words say the terminal was closed, exit 129', async (_what, args, message) => {
    const { t, run, lines } = start(args, []);
    await t.waitFor(/Emergency signs/);
    t.keys('Down');
    const stderr = await closeWindow(t, run);
    expect(stderr).toContain(message);
    expect(lines()).toEqual([]);
  });
});
