/** What the two timer displays write, event by event, without a terminal or a clock. */
import { describe, expect, it } from 'vitest';
import { PLAIN_STYLE } from '../../src/render/style.js';
import { planSteps, startTimer, view, type TimerEvent } from '../../src/timer/engine.js';
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
