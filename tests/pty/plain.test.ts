/**
 * TERM=dumb, LC_ALL=C and --plain in a pseudo-terminal (issue 13): not one escape byte, the timer
 * speaks instead of redrawing, and the keys still work. `script` records the raw bytes the program
 * writes, which a terminal emulator such as tmux would interpret and hide.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { needs } from '../helpers/programs.js';
import { BIN, tempDir } from '../helpers/run-bin.js';

const SCRIPT = needs('script');

/**
 * Runs the binary in a pseudo-terminal with `script`, typing `keys` at the given moments (ms after
 * the start), and resolves with the raw bytes it wrote and its exit code.
 */
function inPty(args: string[], env: Record<string, string>, keys: [number, string][] = []): Promise<{ raw: string; code: number | null }> {
  const dir = join(tempDir(), 'state');
  seedJournal(dir, [NO_PRECAUTIONS]);
  const log = join(tempDir(), 'typescript');
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', command, log], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, BACK_RELIEF_HOME: dir, ...env },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  for (const [at, key] of keys) setTimeout(() => child.stdin.write(key), at);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ raw: readFileSync(log, 'latin1'), code });
    });
  });
}

describe.skipIf(SCRIPT.skip)(SCRIPT.title('no escape byte on a basic terminal or with --plain'), () => {
  it.concurrent.each([
    ['TERM=dumb', [], { TERM: 'dumb', LANG: 'C.UTF-8' }],
    ['LC_ALL=C', [], { TERM: 'xterm-256color', LC_ALL: 'C' }],
    ['--plain', ['--plain'], { TERM: 'xterm-256color', LANG: 'C.UTF-8' }],
    ['BACK_RELIEF_PLAIN=1', [], { TERM: 'xterm-256color', LANG: 'C.UTF-8', BACK_RELIEF_PLAIN: '1' }],
  ] as const)('%s: a timer writes words, not one escape byte', async (_name, flags, env) => {
    const { raw, code } = await inPty([...flags, 'ice', '--duration', '2s'], { ...env });
    expect(code).toBe(0);
    expect(raw).toMatch(/Ice: 2 s, ends at \d\d:\d\d\./);
    expect(raw).toMatch(/Ice done at \d\d:\d\d/);
    // The typescript file's own header and footer lines are script's; the program's bytes are between.
    const program = raw.replace(/^Script started.*\n/, '').replace(/\nScript done.*\n?$/, '');
    expect(program).not.toContain('\u001b');
    // No line redrawn in place: every carriage return is part of a line ending.
    expect(program.replace(/\r\n/g, '\n')).not.toContain('\r');
  });

  it('--plain in a terminal: the keys still work, and a pause is said in words', async () => {
    const { raw, code } = await inPty(['--plain', 'ice', '--duration', '3s'], { TERM: 'xterm-256color', LANG: 'C.UTF-8' }, [
      [800, 'p'],
      [1600, 'p'],
    ]);
    expect(code).toBe(0);
    expect(raw).toContain('Keys: space or p pauses and resumes');
    expect(raw).toMatch(/Paused, \d s left\. Space or p resumes\./);
    expect(raw).toMatch(/Resumed: ends at \d\d:\d\d\./);
    expect(raw).not.toContain('\u001b');
  });

  it.concurrent.each([
    ['--plain', ['--plain'], { TERM: 'xterm-256color', LANG: 'C.UTF-8' }],
    ['TERM=dumb', [], { TERM: 'dumb', LANG: 'C.UTF-8' }],
  ] as const)('%s: triage asks numbered questions answered on a line, and gives the verdict in words', async (_name, flags, env) => {
    // None of these (twice), the last few hours, pain 4, none (twice), no trigger, keep the onset.
    const answers = ['1', '1', '1', '4', '1', '1', '', 'y'];
    const { raw, code } = await inPty([...flags, 'triage'], { ...env }, answers.map((line, i): [number, string] => [700 + i * 300, `${line}\r`]));
    expect(code).toBe(0);
    const text = raw.replace(/\r\n/g, '\n');
    expect(text).toContain('Emergency signs (EMERGENCY): do any apply to you now?\n  1. None of these\n  2. I\'m not sure\n  3. ');
    expect(text).toContain('When did this episode start?\n  1. In the last few hours');
    // Plain: the level as a line of words; a basic terminal keeps the box, drawn in ASCII.
    expect(text).toMatch(flags.length ? /Verdict: SELF-CARE\./ : /\+-+\+\n\| SELF-CARE/);
    expect(text).toContain('not medical advice');
    expect(text).not.toContain('\u001b');
  });

  it('a UTF-8 terminal, for contrast: the same run redraws its line (so the tests above can fail)', async () => {
    const { raw, code } = await inPty(['ice', '--duration', '2s'], { TERM: 'xterm-256color', LANG: 'C.UTF-8' });
    expect(code).toBe(0);
    expect(raw).toContain('\u001b[2K');
  });
});
