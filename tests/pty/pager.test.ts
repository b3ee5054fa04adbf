/**
 * Long history and plan through the pager, in a real terminal (issue 13): less by default, $PAGER
 * when set, never with --no-pager, and never when the output is not a terminal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedJournal, NO_PRECAUTIONS } from '../helpers/journal-lines.js';
import { needs } from '../helpers/programs.js';
import { runBin, tempDir } from '../helpers/run-bin.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

const TMUX = needs('tmux');
const LESS = needs('tmux', 'less');
let terminal: Terminal | null = null;
afterEach(() => terminal?.close());

/** A journal with 40 pain scores over the last days: a history far longer than 12 rows. */
function longJournal(): string {
  const dir = join(tempDir(), 'state');
  const now = Date.now();
  const pain = Array.from({ length: 40 }, (_, i) => ({ type: 'pain', at: new Date(now - (40 - i) * 3 * 3_600_000).toISOString(), score: i % 10 }));
  seedJournal(dir, [NO_PRECAUTIONS, ...pain]);
  return dir;
}

const env = (dir: string, extra: Record<string, string | null>) => ({ NO_COLOR: '1', TERM: 'xterm-256color', BACK_RELIEF_HOME: dir, ...extra });

describe.skipIf(LESS.skip)(LESS.title('the default pager, less'), () => {
  it('history longer than the screen opens in less; q goes back, exit 0', async () => {
    terminal = startTerminal(['history'], env(longJournal(), { PAGER: null, LESS: null }), { columns: 80, rows: 12 });
    // less waits at its prompt with the first screenful shown; the end of the text is not on screen yet.
    const first = await terminal.waitFor(/The last 30 days[\s\S]*\n:\s*$/);
    expect(first).not.toContain('EXIT=');
    terminal.keys('q');
    expect(await terminal.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });
});

describe.skipIf(TMUX.skip)(TMUX.title('$PAGER and --no-pager'), () => {
  it('$PAGER gets the whole text, laid out for the terminal', async () => {
    const out = join(tempDir(), 'paged.txt');
    terminal = startTerminal(['history'], env(longJournal(), { PAGER: `cat > ${out}` }), { columns: 60, rows: 12 });
    expect(await terminal.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
    const paged = readFileSync(out, 'utf8');
    expect(paged).toContain('Pain by day');
    expect(paged.split('\n').length).toBeGreaterThan(40);
    for (const line of paged.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('--no-pager prints it all at once', async () => {
    const out = join(tempDir(), 'paged.txt');
    terminal = startTerminal(['history', '--no-pager'], env(longJournal(), { PAGER: `cat > ${out}` }), { columns: 80, rows: 12 });
    expect(await terminal.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
    expect(() => readFileSync(out)).toThrow();
  });

  it.each([
    ['TERM=dumb', { TERM: 'dumb' }],
    ['LC_ALL=C', { LC_ALL: 'C' }],
    ['--plain', { BACK_RELIEF_PLAIN: '1' }],
  ])('%s: no pager (less would stop to warn and write escapes of its own)', async (_what, extra) => {
    const out = join(tempDir(), 'paged.txt');
    for (const command of ['history', 'plan']) {
      terminal = startTerminal([command], env(longJournal(), { PAGER: `cat > ${out}`, ...extra }), { columns: 80, rows: 12 });
      expect(await terminal.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
      terminal.close();
      terminal = null;
      expect(() => readFileSync(out), command).toThrow();
    }
  });

  it('a pager that is not installed: the text is printed instead', async () => {
    terminal = startTerminal(['history'], env(longJournal(), { PAGER: 'no-such-pager-here' }), { columns: 80, rows: 12 });
    const screen = await terminal.waitFor(/EXIT=\d+/);
    expect(screen).toContain('EXIT=0');
    expect(screen).toContain('Pain 9/10');
  });
});

describe('not a terminal', () => {
  it('never pages: the text goes straight to the pipe', () => {
    const out = join(tempDir(), 'paged.txt');
    const r = runBin(['history'], { env: { BACK_RELIEF_HOME: longJournal(), PAGER: `cat > ${out}` } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Pain by day');
    expect(() => readFileSync(out)).toThrow();
  });
});
