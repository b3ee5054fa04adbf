/**
 * The companion in a real terminal (issue 12): the questions it asks before changing what is
 * recorded, the episode offered back to triage, contrast's swap, the routine on its own, and the
 * countdown's last frame.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { journalLines, NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { needs } from '../helpers/programs.js';
import { tempDir } from '../helpers/run-bin.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

const TMUX = needs('tmux');
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

function start(args: string[], records: object[] = [NO_PRECAUTIONS]) {
  const home = join(tempDir(), 'state');
  if (records.length) seedJournal(home, records);
  terminal = startTerminal(args, { NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: home });
  return { t: terminal, lines: () => journalLines(home) };
}

describe.skipIf(TMUX.skip)(TMUX.title('asking before changing what is recorded'), () => {
  it('onset: replacing a recorded onset asks first, "no" keeps it', async () => {
    const { t, lines } = start(['onset', '5h', 'ago'], [{ type: 'onset', at: ago(50), onset: ago(50) }]);
    await t.waitFor(/This replaces the onset of .*\. Replace it\? \(y\/N\)/);
    t.keys('Enter');
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/Onset not changed: still/);
    expect(lines()).toHaveLength(1);
  });

  it('undo: shows what it will take back and asks; "y" takes it back', async () => {
    const { t, lines } = start(['undo'], [{ type: 'pain', at: ago(1), score: 8 }]);
    await t.waitFor(/Take back: Pain 8\/10 \(recorded .*\)\? \(y\/N\)/);
    t.keys('y', 'Enter');
    await t.waitFor(/Taken back: Pain 8\/10/);
    expect(lines().map((l) => l.type)).toEqual(['pain', 'retraction']);
  });

  it('pain without a score asks for it, with the same rule as the command', async () => {
    const { t, lines } = start(['pain'], []);
    await t.waitFor(/Pain right now, 0 \(none\) to 10 \(worst\)\?/);
    t.keys('1e1', 'Enter');
    await t.waitFor(/A whole number from 0 \(no pain\) to 10/);
    t.keys('BSpace', 'BSpace', 'BSpace', '6', 'Enter');
    await t.waitFor(/Pain 6\/10 recorded/);
    expect(lines()).toEqual([expect.objectContaining({ type: 'pain', score: 6 })]);
  });

  it('triage offers the recorded episode before asking from scratch', async () => {
    const { t, lines } = start(['triage'], [NO_PRECAUTIONS, { type: 'onset', at: ago(100), onset: ago(100) }]);
    const none = async (question: RegExp, signs: number) => {
      await t.waitFor(question);
      for (let i = 0; i < signs; i++) t.keys('Down');
      t.keys('Space', 'Enter');
    };
    await none(/Emergency signs/, 0);
    await none(/Signs to see a doctor today/, 0);
    await t.waitFor(/Still the episode that started \w{3} \d+ \w{3}, \d\d:\d\d\? \(Y\/n\)/);
    t.keys('Enter');
    await t.waitFor(/Pain right now/);
    expect(t.screen()).not.toMatch(/When did this episode start\?/);
    t.keys('Enter');
    await none(/Signs to book/, 0);
    await none(/Before heat, ice or stretches/, 0);
    await t.waitFor(/What might have set it off/);
    t.keys('Enter');
    const screen = await t.waitFor(/EXIT=\d+/);
    // The same onset: no question about saving it, and no new onset line.
    expect(screen).not.toMatch(/Save this onset/);
    expect(screen).toMatch(/It started about 4 days ago/);
    expect(lines().filter((l) => l.type === 'onset')).toHaveLength(1);
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('hands-free timers and routine'), () => {
  it('the countdown\'s last frame reads 0:00 with a full bar', async () => {
    const { t } = start(['ice', '--duration', '2s']);
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/Ice {2}█+ {2}0:00 left/);
    expect(screen).not.toMatch(/0:01 left {2}ends.*\n.*Ice done/);
  });

  it('contrast stops between heat and ice until Enter', async () => {
    const { t, lines } = start(['contrast', '--duration', '1s']);
    await t.waitFor(/The plan: heat 1 s, then ice 1 s once you have swapped packs/);
    await t.waitFor(/Swap to the cold pack now, wrapped in a cloth, then press Enter/);
    await new Promise((r) => setTimeout(r, 1500));
    // Still waiting: the ice half has not started by itself.
    expect(t.screen()).not.toMatch(/Ice: 1 s, ends at/);
    expect(lines().filter((l) => l.type === 'session').map((l) => l.kind)).toEqual(['heat']);
    t.keys('Enter');
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toContain('EXIT=0');
    expect(lines().filter((l) => l.type === 'session').map((l) => l.kind)).toEqual(['heat', 'ice']);
  });

  it('routine --auto goes on by itself after an announced pause', async () => {
    const data = tempDir('back-relief-data-');
    const builtIn = loadContent(['stretches'], { builtin: DATA_DIR }).stretches;
    const pose = builtIn.find((s) => s.id === 'childs-pose')!;
    const sideBend = { id: 'side-bend', name: 'Side bend', steps: ['Lean to one side.'], dose: { holdSeconds: { min: 1, max: 1 }, reps: null, breaths: null, minutes: null, perSide: false }, cautions: ['Gently.'], sources: ['guide'] };
    writeFileSync(join(data, 'stretches.json'), JSON.stringify([{ ...pose, dose: { ...pose.dose, holdSeconds: { min: 1, max: 1 } } }, sideBend]));
    const { t, lines } = start(['routine', '--auto', '--data-dir', data, '--only', 'childs-pose,side-bend']);
    await t.waitFor(/Starting in 5 seconds; Enter starts it now\./);
    const screen = await t.waitFor(/EXIT=\d+/, 30_000);
    expect(screen).toContain('Routine complete: 2 of 2 done.');
    expect(lines().filter((l) => l.type === 'routine')[0]).toMatchObject({ steps: [{ id: 'childs-pose', status: 'done' }, { id: 'side-bend', status: 'done' }] });
  }, 40_000);
});
