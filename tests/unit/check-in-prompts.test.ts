/** The interactive check-in through @inquirer/testing. */
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { fakeEnv } from '../helpers/fake-env.js';
import { tempDir } from '../helpers/run-bin.js';
import { journalLines } from '../helpers/journal-lines.js';

function start() {
  const home = tempDir('back-relief-home-');
  const captured = fakeEnv({ tty: true, vars: { BACK_RELIEF_HOME: home } });
  const exit = run(['check-in'], captured.env);
  const journal = () => journalLines(home);
  return { ...captured, exit, journal };
}

describe('interactive check-in', () => {
  it('no emergency sign, then a pain score: both recorded', async () => {
    const t = start();
    await screen.next();
    expect(screen.getScreen()).toContain('Emergency signs');
    screen.keypress('space'); // None of these, the first choice
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Pain right now');
    screen.type('3');
    screen.keypress('enter');
    expect(await t.exit).toBe(0);
    expect(t.stdout()).toContain('Check-in recorded: no emergency sign, pain 3/10.');
    expect(t.journal().map((r) => r.type)).toEqual(['check-in', 'pain']);
  });

  it('an emergency sign shows the EMERGENCY verdict at once, without asking for pain', async () => {
    const t = start();
    await screen.next();
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('space'); // bladder or bowel, the first sign after "None of these" and "I'm not sure"
    screen.keypress('enter');
    expect(await t.exit).toBe(0);
    expect(t.stdout()).toContain('EMERGENCY');
    expect(t.journal()).toEqual([expect.objectContaining({ type: 'check-in', level: 'emergency' })]);
  });

  it('Ctrl+C: "Check-in cancelled.", exit 130, nothing recorded', async () => {
    const t = start();
    await screen.next();
    screen.keypress({ name: 'c', ctrl: true });
    expect(await t.exit).toBe(130);
    expect(t.stderr()).toBe('Check-in cancelled.\n');
    expect(t.journal()).toEqual([]);
  });
});
