/** What the two timer displays write, event by event, without a terminal or a clock. */
import { describe, expect, it } from 'vitest';
import { PLAIN_STYLE } from '../../src/render/style.js';
import { nextWake, planSteps, startTimer, view, type TimerEvent, type TimerState, type TimerStep } from '../../src/timer/engine.js';
import { plainDisplay } from '../../src/timer/plain.js';
import { terminalDisplay } from '../../src/timer/terminal.js';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const steps = planSteps('ice', 20 * 60_000, 1, 20 * 60_000);
const ended: TimerEvent = { type: 'ended', step: steps[0]!, startedAt: T0, endedAt: T0 + 1_200_000, activeMs: 1_200_000, late: false };

function sink() {
  let text = '';
  return { out: { write: (s: string) => (text += s), isTTY: true, columns: 80 }, text: () => text };
}

describe('the terminal display', () => {
  it('rings the bell at the end of a session, unless --no-bell', () => {
    for (const bell of [true, false]) {
      const s = sink();
      const d = terminalDisplay({ out: s.out, style: PLAIN_STYLE, bell, env: {}, breakMs: 1_200_000 });
      d.event(ended, T0);
      expect(s.text().includes('\u0007')).toBe(bell);
      expect(s.text()).toContain('Ice done at');
    }
  });

  it('sends a notification where one is known to show, and hides then restores the cursor', () => {
    const s = sink();
    const d = terminalDisplay({ out: s.out, style: PLAIN_STYLE, bell: false, env: { TERM_PROGRAM: 'iTerm.app' }, breakMs: 1_200_000, foreground: () => true });
    d.setup();
    d.render(view(startTimer(steps, T0)[0], T0 + 1000), T0 + 1000);
    d.event(ended, T0);
    d.close();
    const text = s.text();
    expect(text.startsWith('\u001b[?25l')).toBe(true);
    expect(text).toContain('\u001b]9;');
    expect(text.endsWith('\u001b[?25h')).toBe(true);
    expect(text).toMatch(/\r\u001b\[2KIce {2}\[/);
  });

  it('set up in the background (a job started with &): no escape at all, plain announcements, until fg', () => {
    const s = sink();
    let foreground = false;
    const d = terminalDisplay({ out: s.out, style: PLAIN_STYLE, bell: false, env: {}, breakMs: 1_200_000, foreground: () => foreground });
    d.setup();
    const [state, started] = startTimer(steps, T0);
    d.event(started[0]!, T0);
    for (let second = 1; second <= 61; second++) d.render(view(state, T0 + second * 1000), T0 + second * 1000);
    expect(s.text()).toMatch(/^Ice: 20 min, ends at \d\d:\d\d\. Put the cold pack on now.*\nIce: 19 min left, ends at \d\d:\d\d\.\n$/s);
    // fg: the redrawn line, the cursor hidden.
    foreground = true;
    d.setup();
    d.render(view(state, T0 + 62_000), T0 + 62_000);
    expect(s.text()).toMatch(/\u001b\[\?25l\r\u001b\[2KIce {2}\[#*-*\] {2}18:58 left/);
    // Ctrl+Z then bg: the line ended, the cursor shown, plain again.
    d.toBackground();
    expect(s.text().endsWith('\n\u001b[?25h')).toBe(true);
    d.render(view(state, T0 + 63_000), T0 + 63_000);
    expect(s.text().endsWith('\n\u001b[?25h')).toBe(true);
    d.close();
    expect(s.text().endsWith('\n\u001b[?25h')).toBe(true);
  });
});

describe('the plain display', () => {
  it('a start line, a line a minute, an end line; no carriage returns or escapes', () => {
    const s = sink();
    const d = plainDisplay(s.out, 1_200_000);
    const [state, started] = startTimer(steps, T0);
    d.event(started[0]!, T0);
    d.render(view(state, T0), T0);
    for (let minute = 1; minute < 20; minute++) d.render(view(state, T0 + minute * 60_000), T0 + minute * 60_000);
    d.event(ended, T0 + 1_200_000);
    const lines = s.text().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Ice: 20 min, ends at \d\d:\d\d\. Put the cold pack on now/);
    expect(lines.slice(1, -1)).toHaveLength(19);
    expect(lines[1]).toMatch(/^Ice: 19 min left, ends at \d\d:\d\d\.$/);
    expect(lines.at(-1)).toMatch(/^Ice done at/);
    expect(s.text()).not.toMatch(/[\r\u001b\u0007]/);
  });
});

describe('the plain display speaks instead of redrawing (--plain, TERM=dumb)', () => {
  const at = (state: TimerState<TimerStep>, ms: number) => view(state, T0 + ms);

  it('the last 10 seconds once, however often it is woken in them', () => {
    const s = sink();
    const d = plainDisplay(s.out, 1_200_000);
    const [state, started] = startTimer(steps, T0);
    d.event(started[0]!, T0);
    for (let left = 12; left >= 1; left--) d.render(at(state, 1_200_000 - left * 1000), T0);
    expect(s.text().match(/10 seconds left/g)).toHaveLength(1);
    expect(s.text()).toContain('Ice: 10 seconds left.');
  });

  it('says a pause and a resume in words, once each', () => {
    const s = sink();
    const d = plainDisplay(s.out, 1_200_000);
    const [state, started] = startTimer(steps, T0);
    d.event(started[0]!, T0);
    const paused = { ...at(state, 30_000), paused: true };
    d.render(paused, T0);
    d.render(paused, T0);
    d.render({ ...paused, paused: false }, T0);
    expect(s.text()).toMatch(/Paused, 19 min 30 s left\. Space or p resumes\.\nResumed: ends at \d\d:\d\d\.\n$/);
  });

  it('rings the bell only when asked (a terminal), never an escape', () => {
    for (const bell of [true, false]) {
      const s = sink();
      plainDisplay(s.out, 1_200_000, bell).event(ended, T0);
      expect(s.text().includes('\u0007')).toBe(bell);
      expect(s.text()).not.toContain('\u001b');
    }
  });

  it('is woken at the 10-second mark as well as each minute', () => {
    const [state] = startTimer(steps, T0);
    expect(nextWake(state, T0 + 1_200_000 - 30_000, 60_000, [10_000])).toBe(20_000);
    expect(nextWake(state, T0 + 1_200_000 - 70_000, 60_000, [10_000])).toBe(10_000);
    expect(nextWake(state, T0 + 1_200_000 - 5_000, 60_000, [10_000])).toBe(5_000);
  });
});

describe('the routine display rings at every change', () => {
  it('each phase after the first, and the end; never with --no-bell', async () => {
    const { routineDisplay } = await import('../../src/timer/routine-view.js');
    const phases = [
      { durationMs: 4000, cue: 'Breathe in', where: 'breath 1 of 2' },
      { durationMs: 4000, cue: 'Breathe out', where: 'breath 1 of 2' },
      { durationMs: 4000, cue: 'Breathe in', where: 'breath 2 of 2' },
    ];
    const count = (bell: boolean) => {
      let out = '';
      const display = routineDisplay({ write: (s: string) => (out += s), columns: 80 }, 'Cat-cow', bell);
      const at = (i: number) => i * 4000;
      phases.forEach((step, i) => {
        display.event({ type: 'started', step, at: at(i) }, at(i));
        display.render({ step, remainingMs: 1000, endsAt: at(i + 1), paused: false, progress: 0.75 }, at(i));
        display.event({ type: 'ended', step, startedAt: at(i), endedAt: at(i + 1), activeMs: 4000, late: false }, at(i + 1));
      });
      display.event({ type: 'finished', at: at(3) }, at(3));
      return { bells: out.split('\u0007').length - 1, out };
    };
    const rung = count(true);
    // Breathe out, breathe in again, and the end: three changes after the first.
    expect(rung.bells).toBe(3);
    // Every phase's last frame reads 0s.
    expect(rung.out.match(/Cat-cow, breath \d of 2: Breathe (in|out) {2}0s/g)).toHaveLength(3);
    expect(count(false).bells).toBe(0);
  });
});

describe('the routine line at every width', () => {
  const phase = { durationMs: 30_000, cue: 'Hold: let the knee come to the chest', where: 'left knee' };
  const at = (remainingMs: number) => ({ step: phase, remainingMs, endsAt: 0, paused: false, progress: 0.5 });

  it.each([100, 60, 40, 30, 21, 12, 5, 2])('narrower than a %i-column terminal, never a cut cue', async (columns) => {
    const { phaseLine } = await import('../../src/timer/routine-view.js');
    const line = phaseLine('Knee to chest', at(12_000), columns);
    expect(line.length).toBeLessThan(columns);
    expect(line).not.toContain('...');
    // Either the whole cue is there, or none of it (it then has its own line).
    expect(line.includes(phase.cue) || !line.includes('Hold')).toBe(true);
  });

  it('a cue that does not fit is printed once, on its own line, when the phase starts', async () => {
    const { routineDisplay } = await import('../../src/timer/routine-view.js');
    for (const [columns, own] of [[100, false], [50, true]] as const) {
      let out = '';
      const display = routineDisplay({ write: (s: string) => (out += s), columns }, 'Knee to chest');
      display.event({ type: 'started', step: phase, at: 0 }, 0);
      for (const left of [3000, 2000, 1000]) display.render(at(left), 0);
      expect(out.includes('left knee: Hold: let the knee come to the chest\n'), `${columns}`).toBe(own);
      expect(out.split('\n').length).toBe(own ? 2 : 1);
    }
  });

  it('plain: each cue announced as it starts, with its length; no escapes', async () => {
    const { plainRoutineDisplay } = await import('../../src/timer/routine-view.js');
    let out = '';
    const display = plainRoutineDisplay({ write: (s: string) => (out += s) }, 'Knee to chest', false);
    display.event({ type: 'started', step: phase, at: 0 }, 0);
    display.render(at(3000), 0);
    expect(out).toBe('Knee to chest, left knee: Hold: let the knee come to the chest (30 s).\n');
  });
  it.each([20, 40])('plain at %i columns: each announcement wraps whole words, nothing wider', async (width) => {
    const { plainRoutineDisplay } = await import('../../src/timer/routine-view.js');
    let out = '';
    const display = plainRoutineDisplay({ write: (s: string) => (out += s) }, 'Knee to chest', false, width);
    display.event({ type: 'started', step: phase, at: 0 }, 0);
    display.render({ step: phase, remainingMs: 27_000, endsAt: 30_000, paused: true, progress: 0.1 }, 3000);
    display.note('On your back, knees bent: hold one knee to the chest.');
    for (const line of out.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(width);
    const joined = out.replace(/\n/g, ' ');
    expect(joined).toContain('Knee to chest, left knee: Hold: let the knee come to the chest (30 s).');
    expect(joined).toContain('Paused, 27 seconds left. Space resumes.');
    expect(joined).toContain('On your back, knees bent: hold one knee to the chest.');
  });
});

describe('desktop notifications', () => {
  it('at the end of a session and of a break, in the words of its line; not at a start or a stop', async () => {
    const { notificationOf } = await import('../../src/timer/messages.js');
    const rounds = planSteps('heat', 60_000, 2, 1_200_000);
    const breakStep = rounds[1]!;
    expect(notificationOf(ended, 1_200_000)).toEqual({ title: 'back-relief: ice done', body: expect.stringMatching(/^Ice done at \d\d:\d\d\. Take the cold pack off\.$/) });
    expect(notificationOf({ type: 'ended', step: breakStep, startedAt: T0, endedAt: T0 + 1_200_000, activeMs: 1_200_000, late: false }, 1_200_000)).toEqual({
      title: 'back-relief: break over',
      body: expect.stringMatching(/^Break over at \d\d:\d\d\.$/),
    });
    expect(notificationOf({ type: 'started', step: steps[0]!, at: T0 }, 1_200_000)).toBeNull();
    expect(notificationOf({ type: 'interrupted', step: steps[0]!, startedAt: T0, endedAt: T0 + 1000, activeMs: 1000 }, 1_200_000)).toBeNull();
  });

  it('the notifier for each platform gets the text as arguments, never through a shell', async () => {
    const { notifierCommand } = await import('../../src/notify/desktop.js');
    const note = { title: 'back-relief: ice done', body: 'Ice done at 14:05. "Quotes" and $(commands) stay text.\u001b[31m' };
    expect(notifierCommand('linux', note)).toEqual({ command: 'notify-send', args: ['--app-name=back-relief', note.title, 'Ice done at 14:05. "Quotes" and $(commands) stay text. [31m'] });
    const mac = notifierCommand('darwin', note)!;
    expect(mac.command).toBe('osascript');
    expect(mac.args.slice(-2)).toEqual([note.title, 'Ice done at 14:05. "Quotes" and $(commands) stay text. [31m']);
    const windows = notifierCommand('win32', note)!;
    expect(windows.env).toEqual({ BACK_RELIEF_TITLE: note.title, BACK_RELIEF_BODY: 'Ice done at 14:05. "Quotes" and $(commands) stay text. [31m' });
    expect(windows.args.join(' ')).not.toContain('Quotes');
    expect(notifierCommand('aix', note)).toBeNull();
  });

  it.each([
    [true, 'default', true, true],
    [true, 'default', false, false],
    [true, 'environment', false, true],
    [true, 'file', false, false],
    [false, 'environment', true, false],
    [false, 'flag', true, false],
  ])('setting %s from %s, a terminal %s: %s', async (value, source, terminal, expected) => {
    const { wantsNotifications } = await import('../../src/notify/desktop.js');
    expect(wantsNotifications({ value, source }, terminal)).toBe(expected);
  });
});
