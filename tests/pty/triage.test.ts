/** Triage in a real pseudo-terminal: what only a terminal shows (the prompts, Ctrl+C, the cursor). */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/run-bin.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';
import { needs } from '../helpers/programs.js';

const TMUX = needs('tmux');

let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

const env = () => ({ NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: tempDir() });

describe.skipIf(TMUX.skip)(TMUX.title('triage in a real terminal'), () => {
  it('answers the prompts and reads the verdict from the screen', async () => {
    terminal = startTerminal(['triage'], env());
    await terminal.waitFor(/Emergency signs \(EMERGENCY\)/);
    // None of these, for each of the three screens: the first choice, where the cursor starts.
    const none = async (question: RegExp, signs: number) => {
      await terminal!.waitFor(question);
      for (let i = 0; i < signs; i++) terminal!.keys('Down');
      terminal!.keys('Space', 'Enter');
    };
    await none(/Emergency signs/, 0);
    await none(/Signs to see a doctor today/, 0);
    await terminal.waitFor(/When did this episode start\?/);
    terminal.keys('Enter'); // in the last few hours
    await terminal.waitFor(/Pain right now/);
    terminal.keys('4', 'Enter');
    // Pain for over a week is not asked: it started in the last few hours.
    await none(/Signs to book/, 0);
    await none(/Before heat, ice or stretches/, 0);
    await terminal.waitFor(/What might have set it off/);
    terminal.keys('Enter');
    await terminal.waitFor(/Save this onset/);
    terminal.keys('Enter');
    const screen = await terminal.waitFor(/EXIT=\d+/);
    expect(screen).toContain('Recorded in your journal, with the onset');
    expect(screen).toContain('SELF-CARE');
    expect(screen).toContain('Run: back-relief ice');
    expect(screen).toContain('not medical advice');
    expect(screen).toContain('EXIT=0');
    expect(terminal.cursorVisible()).toBe(true);
  });

  it('Ctrl+C at a prompt prints "Triage cancelled.", exits 130 and leaves the cursor visible', async () => {
    terminal = startTerminal(['triage'], env());
    await terminal.waitFor(/Emergency signs/);
    terminal.keys('Down', 'Space');
    terminal.keys('C-c');
    const screen = await terminal.waitFor(/EXIT=\d+/);
    expect(screen).toContain('Triage cancelled.');
    expect(screen).toContain('EXIT=130');
    expect(screen).not.toMatch(/\n\s+at /);
    expect(terminal.cursorVisible()).toBe(true);
  });
});
