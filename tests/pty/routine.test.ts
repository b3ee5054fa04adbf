/** A short routine in a real terminal: a --data-dir makes child's pose a 2-second hold. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { tempDir } from '../helpers/run-bin.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';
import { journalLines, NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { needs } from '../helpers/programs.js';

const TMUX = needs('tmux');

let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

function setup(args: string[]) {
  const data = tempDir('back-relief-data-');
  const builtIn = loadContent(['stretches'], { builtin: DATA_DIR }).stretches;
  const short = builtIn
    .filter((s) => s.id === 'childs-pose' || s.id === 'knee-to-chest')
    .map((s) => ({ ...s, dose: { ...s.dose, holdSeconds: { min: 2, max: 2 } } }));
  writeFileSync(join(data, 'stretches.json'), JSON.stringify(short));
  const home = join(tempDir(), 'state');
  seedJournal(home, [NO_PRECAUTIONS]);
  terminal = startTerminal(['routine', '--data-dir', data, ...args], { NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: home });
  const journal = () => journalLines(home).filter((l) => l.type === 'routine');
  return { t: terminal, journal };
}

describe.skipIf(TMUX.skip)(TMUX.title('routine in a real terminal'), () => {
  it('runs the holds, skips on request, and records what was done', async () => {
    const { t, journal } = setup(['--only', 'childs-pose,knee-to-chest']);
    await t.waitFor(/1 of 2: Child's pose, hold 2 seconds/);
    t.keys('Enter');
    await t.waitFor(/Child's pose, hold: Rest in the pose/);
    await t.waitFor(/Done: Child's pose\./);
    await t.waitFor(/2 of 2: Knee to chest/);
    t.keys('s');
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toContain('Routine complete: 1 of 2 done.');
    expect(screen).toContain('EXIT=0');
    expect(t.cursorVisible()).toBe(true);
    expect(journal()).toEqual([
      expect.objectContaining({ type: 'routine', outcome: 'completed', steps: [{ id: 'childs-pose', status: 'done' }, { id: 'knee-to-chest', status: 'skipped' }] }),
    ]);
  });

  it('"h" during a hold ends the routine with the advice to stop and rest', async () => {
    const { t, journal } = setup(['--only', 'knee-to-chest']);
    await t.waitFor(/Knee to chest/);
    t.keys('Enter');
    await t.waitFor(/left side/);
    t.keys('h');
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toContain('Stopped because the pain got worse.');
    expect(screen).toMatch(/Stop here and rest/);
    expect(screen).toMatch(/run back-relief triage or see a doctor/);
    expect(journal()[0]).toMatchObject({ outcome: 'pain', steps: [{ id: 'knee-to-chest', status: 'partial' }] });
  });

  it('Ctrl+C: exit 130, what was done recorded, the cursor visible', async () => {
    const { t, journal } = setup(['--only', 'childs-pose,knee-to-chest']);
    await t.waitFor(/Child's pose/);
    t.keys('Enter');
    await t.waitFor(/Done: Child's pose\./);
    t.keys('Enter');
    await t.waitFor(/Knee to chest, left side/);
    t.keys('C-c');
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toContain('EXIT=130');
    expect(screen).toContain('Routine interrupted; what was done is recorded.');
    expect(t.cursorVisible()).toBe(true);
    expect(journal()[0]).toMatchObject({ outcome: 'interrupted', steps: [{ id: 'childs-pose', status: 'done' }, { id: 'knee-to-chest', status: 'partial' }] });
  });
});
