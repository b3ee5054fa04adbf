/**
 * Narrow terminals for real (issue 13): the countdown never wider than the window (a wrapped line is
 * redrawn as a new line every second), the routine's cue on a line of its own, nothing the terminal
 * had to wrap.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { needs } from '../helpers/programs.js';
import { tempDir } from '../helpers/run-bin.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

const TMUX = needs('tmux');
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

function home(): string {
  const dir = join(tempDir(), 'state');
  seedJournal(dir, [NO_PRECAUTIONS]);
  return dir;
}

const env = (dir: string) => ({ NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: dir });

/** The lines of the screen the terminal had to wrap (longer than the width), joined back. */
const overflowing = (t: Terminal, width: number) => t.logicalScreen().split('\n').filter((l) => [...l].length > width);

describe.skipIf(TMUX.skip)(TMUX.title('narrow terminals'), () => {
  it.each([12, 20, 40])('the countdown at %i columns stays one line, redrawn in place', async (columns) => {
    terminal = startTerminal(['ice', '--duration', '3s'], env(home()), { columns, rows: 30 });
    await terminal.waitFor(/EXIT=\d+/, 10_000);
    const screen = terminal.logicalScreen();
    expect(screen).toContain('EXIT=0');
    // One countdown line, its last frame: had it wrapped, every second would have left a line behind.
    expect(screen.match(/0:0\d left/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(overflowing(terminal, columns).filter((l) => !l.startsWith('EXIT=') && !l.startsWith('TTY='))).toEqual([]);
  });

  it('the routine at 30 columns: the cue on its own line, whole; nothing wider than the window', async () => {
    const data = tempDir('back-relief-data-');
    const builtIn = loadContent(['stretches'], { builtin: DATA_DIR }).stretches;
    const short = builtIn.filter((s) => s.id === 'childs-pose').map((s) => ({ ...s, dose: { ...s.dose, holdSeconds: { min: 2, max: 2 } } }));
    writeFileSync(join(data, 'stretches.json'), JSON.stringify(short));
    terminal = startTerminal(['routine', '--data-dir', data, '--only', 'childs-pose'], env(home()), { columns: 30, rows: 40 });
    await terminal.waitFor(/Enter to start/);
    terminal.keys('Enter');
    const screen = await terminal.waitFor(/EXIT=\d+/, 10_000);
    expect(screen).toContain('EXIT=0');
    expect(terminal.logicalScreen()).toMatch(/^hold: Rest in the pose/m);
    expect(terminal.logicalScreen()).not.toContain('...');
    expect(overflowing(terminal, 30).filter((l) => !l.startsWith('EXIT=') && !l.startsWith('TTY='))).toEqual([]);
  });
});
