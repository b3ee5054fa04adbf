/** The timer in a real pseudo-terminal: the redrawn line, keys, resize, Ctrl+C, SIGTERM, the cursor. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/run-bin.js';
import { binCommand, startTerminal, type Terminal } from '../helpers/tmux.js';
import { journalLines, NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { needs } from '../helpers/programs.js';

const TMUX = needs('tmux');

let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

function setup(args: string[], columns = 100) {
  const dir = join(tempDir(), 'state');
  seedJournal(dir, [NO_PRECAUTIONS]);
  terminal = startTerminal(args, { NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: dir }, { columns, rows: 30 });
  const lines = () => journalLines(dir).filter((l) => l.type === 'session');
  return { t: terminal, lines };
}

describe.skipIf(TMUX.skip)(TMUX.title('ice in a real terminal'), () => {
  it('redraws one line in place, hides the cursor while running and restores it at the end', async () => {
    const { t, lines } = setup(['ice', '--duration', '3s']);
    await t.waitFor(/Ice {2}[█▏▎▍▌▋▊▉]*░+ {2}0:0\d left {2}ends \d\d:\d\d/);
    expect(t.cursorVisible()).toBe(false);
    const screen = await t.waitFor(/EXIT=\d+/);
    // One progress line, redrawn, not one per second.
    expect(screen.match(/ left {2}ends /g)).toHaveLength(1);
    expect(screen).toContain('Ice done at');
    expect(screen).toContain('EXIT=0');
    expect(t.cursorVisible()).toBe(true);
    expect(lines()).toEqual([expect.objectContaining({ outcome: 'completed' })]);
  });

  it('space pauses (the end time moves), space resumes, q stops early and records it', async () => {
    const { t, lines } = setup(['ice', '--duration', '20s']);
    await t.waitFor(/0:1\d left/);
    t.keys('Space');
    await t.waitFor(/PAUSED, space to resume/);
    await new Promise((r) => setTimeout(r, 1200));
    t.keys('Space');
    await t.waitFor(/left {2}ends/);
    t.keys('q');
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toContain('Stopped early');
    expect(screen).toContain('EXIT=0');
    const [line] = lines();
    expect(line.outcome).toBe('interrupted');
    // The pause is not counted as time on the skin.
    expect(Date.parse(line.endedAt) - Date.parse(line.startedAt)).toBeGreaterThan(line.actualSeconds * 1000 + 1000);
    expect(t.cursorVisible()).toBe(true);
  });

  it('fits the line to a narrower window after a resize', async () => {
    const { t } = setup(['ice', '--duration', '20s']);
    await t.waitFor(/left {2}ends/);
    // Paused, nothing ticks: only the resize handler can redraw the line for the new width.
    t.keys('Space');
    await t.waitFor(/PAUSED/);
    t.resize(40, 30);
    await new Promise((r) => setTimeout(r, 500));
    const last = t.screen().trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^Ice {2}0:\d\d left {2}PAUSED, space to resume$/);
    t.keys('q');
    await t.waitFor(/EXIT=0/);
  });

  it('Ctrl+C: exit 130, recorded as interrupted, the cursor visible', async () => {
    const { t, lines } = setup(['ice', '--duration', '20s']);
    await t.waitFor(/left {2}ends/);
    t.keys('C-c');
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toContain('EXIT=130');
    expect(screen).not.toMatch(/\n\s+at /);
    expect(lines()).toEqual([expect.objectContaining({ outcome: 'interrupted' })]);
    expect(t.cursorVisible()).toBe(true);
  });

  it('SIGTERM: exit 143, recorded as interrupted, the cursor visible', async () => {
    const { t, lines } = setup(['heat', '--duration', '20s']);
    await t.waitFor(/left {2}ends/);
    process.kill(t.programPid(), 'SIGTERM');
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toContain('EXIT=143');
    expect(lines()).toEqual([expect.objectContaining({ kind: 'heat', outcome: 'interrupted' })]);
    expect(t.cursorVisible()).toBe(true);
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('job control'), () => {
  it('Ctrl+Z suspends with the terminal restored; fg resumes with a correct display', async () => {
    const dir = join(tempDir(), 'state');
    seedJournal(dir, [NO_PRECAUTIONS]);
    terminal = startTerminal([], {}, { columns: 100, rows: 30 }, true);
    const t = terminal;
    t.keys(binCommand(['ice', '--duration', '30s'], { NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: dir }), 'Enter');
    await t.waitFor(/left {2}ends/);
    t.keys('C-z');
    await t.waitFor(/Stopped/);
    expect(t.cursorVisible()).toBe(true);
    t.keys('fg', 'Enter');
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.cursorVisible()).toBe(false);
    const screen = t.screen();
    const afterFg = screen.slice(screen.lastIndexOf('fg'));
    expect(afterFg).toMatch(/Ice {2}[█▏▎▍▌▋▊▉]*░+ {2}0:\d\d left {2}ends/);
    t.keys('q');
    await t.waitFor(/Stopped early/);
    t.keys('echo "CODE=$?"', 'Enter');
    await t.waitFor(/^CODE=0$/m);
    expect(t.cursorVisible()).toBe(true);
    const line = journalLines(dir).at(-1);
    expect(line.outcome).toBe('interrupted');
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('the skin break in a terminal'), () => {
  it('asks before starting during the break, "no" by default, and records nothing then', async () => {
    const dir = join(tempDir(), 'state');
    seedJournal(dir, [NO_PRECAUTIONS]);
    const env = { NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: dir };
    terminal = startTerminal(['ice', '--duration', '1s'], env);
    await terminal.waitFor(/EXIT=0/);
    terminal.close();
    terminal = startTerminal(['ice', '--duration', '1s'], env);
    const t = terminal;
    await t.waitFor(/skin break after your last ice session .* lasts until \d\d:\d\d\. Start anyway\? \(y\/N\)/);
    t.keys('Enter');
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/Not started\. Try again after \d\d:\d\d\./);
    expect(screen).toContain('EXIT=0');
    expect(journalLines(dir)).toHaveLength(2);
  });

  it('"y" starts it anyway', async () => {
    const dir = join(tempDir(), 'state');
    seedJournal(dir, [NO_PRECAUTIONS]);
    const env = { NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: dir };
    terminal = startTerminal(['heat', '--duration', '1s'], env);
    await terminal.waitFor(/EXIT=0/);
    terminal.close();
    terminal = startTerminal(['heat', '--duration', '1s'], env);
    await terminal.waitFor(/Start anyway\?/);
    terminal.keys('y', 'Enter');
    await terminal.waitFor(/EXIT=0/);
    expect(journalLines(dir)).toHaveLength(3);
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('precautions in a terminal'), () => {
  const start = (args: string[], records: object[] = []) => {
    const dir = join(tempDir(), 'state');
    if (records.length) seedJournal(dir, records);
    terminal = startTerminal(args, { NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: dir });
    return { t: terminal, lines: () => journalLines(dir) };
  };

  it('asked once when the journal has no answer, recorded, and the session starts', async () => {
    const { t, lines } = start(['ice', '--duration', '1s']);
    await t.waitFor(/Before heat, ice or stretches: do any of these apply to you\?/);
    expect(t.screen()).toContain('You are pregnant, or gave birth in the last 6 weeks');
    t.keys('Space', 'Enter'); // None of these, the first choice
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toContain('EXIT=0');
    expect(lines().map((l) => l.type)).toEqual(['precautions', 'session']);
    expect(lines()[0]).toMatchObject({ answers: { 'skin-sensation': false, circulation: false, 'broken-skin': false, osteoporosis: false }, pregnancy: false });
  });

  it('reduced skin feeling: not started without a yes that a doctor or pharmacist said it is safe; "no" by default', async () => {
    const { t, lines } = start(['heat', '--duration', '1s'], [{ ...NO_PRECAUTIONS, answers: { ...NO_PRECAUTIONS.answers, 'skin-sensation': true } }]);
    const asked = (await t.waitFor(/safe for you\? \(y\/N\)/)).replace(/\s+/g, ' ');
    expect(asked).toContain('You said: less feeling than usual in the skin where the pack would go (for example nerve damage from diabetes). Ask a doctor or pharmacist before using heat. Have you asked, and did they say heat is safe for you?');
    t.keys('Enter');
    const screen = await t.waitFor(/EXIT=\d+/);
    expect(screen).toContain('Not started. Ask a doctor or pharmacist first');
    expect(screen).toContain('EXIT=0');
    expect(lines().map((l) => l.type)).toEqual(['precautions']);
  });

  it('"y" after asking: the session runs and records what was confirmed', async () => {
    const { t, lines } = start(['ice', '--duration', '1s'], [{ ...NO_PRECAUTIONS, answers: { ...NO_PRECAUTIONS.answers, circulation: 'unsure' } }]);
    expect((await t.waitFor(/safe for you\? \(y\/N\)/)).replace(/\s+/g, ' ')).toContain('did they say ice is safe for you?');
    t.keys('y', 'Enter');
    await t.waitFor(/EXIT=0/);
    expect(lines().at(-1)).toMatchObject({ type: 'session', kind: 'ice', precautionsConfirmed: ['circulation'] });
  });
});
