/**
 * The pure parts of the terminal's stops and job control, without a terminal: reading
 * /proc/self/stat, the terminal's input ending as a hang-up (once), and the waits and timer keys
 * with Ctrl+Z, fg and a background job, driven through fake streams and a fake clock.
 */
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InStream } from '../../src/context.js';
import { canSuspend, isForeground, parseStat } from '../../src/terminal/job-control.js';
import { deliver, onInputLost, onStop, type Stop } from '../../src/terminal/stops.js';
import { waitForKey } from '../../src/timer/routine-view.js';
import type { Control } from '../../src/timer/run.js';
import { terminalControls } from '../../src/timer/terminal.js';
import { resetStops } from '../helpers/stops.js';

afterEach(() => {
  resetStops();
  vi.useRealTimers();
});

function tty() {
  const stream = new PassThrough() as unknown as InStream & PassThrough & { raw: boolean[] };
  stream.isTTY = true;
  stream.raw = [];
  stream.setRawMode = (on: boolean) => stream.raw.push(on);
  return stream;
}

function screen() {
  let text = '';
  return { out: { write: (s: string) => (text += s), isTTY: true, columns: 80 }, text: () => text };
}

describe('/proc/self/stat', () => {
  // pid (comm) state ppid pgrp session tty_nr tpgid ...
  const stat = (comm: string, pgrp: number, session: number, tpgid: number) => `4242 (${comm}) S 1 ${pgrp} ${session} 34816 ${tpgid} 4194304 100 0 0 0`;

  it('reads the process group, the session and the foreground group, whatever the name holds', () => {
    expect(parseStat(stat('node', 4242, 4000, 4242))).toEqual({ pgrp: 4242, session: 4000, tpgid: 4242 });
    expect(parseStat(stat('a) b (c', 7, 5, 9))).toEqual({ pgrp: 7, session: 5, tpgid: 9 });
    expect(parseStat('garbage')).toBeNull();
  });

  it('in the foreground when its group is the terminal\'s, or when there is no terminal to take', () => {
    expect(isForeground(parseStat(stat('node', 4242, 4000, 4242)))).toBe(true);
    // Started with &: another group (the shell's) has the terminal.
    expect(isForeground(parseStat(stat('node', 4242, 4000, 4000)))).toBe(false);
    // No controlling terminal.
    expect(isForeground(parseStat(stat('node', 4242, 4000, -1)))).toBe(true);
    expect(isForeground(null)).toBe(true);
  });

  it('Ctrl+Z never suspends on Windows, and is assumed to elsewhere than Linux', () => {
    expect(canSuspend('win32')).toBe(false);
    expect(canSuspend('darwin')).toBe(true);
  });
});

describe.skipIf(process.platform !== 'linux')('ending by SIGHUP after a hang-up (endByHangUp)', () => {
  // It relies on Node catching no SIGHUP of its own: once our listeners are removed, the default
  // action (the process ends by the signal) must be back. SigCgt is the mask of caught signals.
  it('Node itself catches no SIGHUP, and removing the listeners puts the default back', () => {
    const script = `
      const caught = () => (BigInt('0x' + require('fs').readFileSync('/proc/self/status', 'utf8').match(/SigCgt:\\s*(\\w+)/)[1]) & 1n) === 1n;
      const before = caught();
      process.on('SIGHUP', () => {});
      const listening = caught();
      process.removeAllListeners('SIGHUP');
      console.log(JSON.stringify([before, listening, caught()]));`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(run.stdout)).toEqual([false, true, false]);
  });
});

describe("the terminal's input ending", () => {
  it('is a hang-up, delivered once however many ways it shows (end, error, close, the signal)', () => {
    const got: Stop[] = [];
    const offStop = onStop((stop) => got.push(stop));
    const stdin = tty();
    const off = onInputLost(stdin);
    stdin.emit('end');
    stdin.emit('error', new Error('read EIO'));
    stdin.emit('close');
    deliver('SIGHUP');
    expect(got).toEqual(['SIGHUP']);
    off();
    offStop();
  });

  it('is only a terminal\'s: a pipe that ends is the end of the input', () => {
    const got: Stop[] = [];
    const offStop = onStop((stop) => got.push(stop));
    const pipe = new PassThrough() as unknown as InStream & PassThrough;
    const off = onInputLost(pipe);
    pipe.emit('end');
    expect(got).toEqual([]);
    expect(pipe.listenerCount('end')).toBe(0);
    off();
    offStop();
  });

  it('already over when the wait starts: said on the next tick, unless the wait is over first', async () => {
    const got: Stop[] = [];
    const offStop = onStop((stop) => got.push(stop));
    const gone = tty();
    gone.destroy();
    onInputLost(gone);
    expect(got).toEqual([]);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(got).toEqual(['SIGHUP']);
    resetStops();
    const again: Stop[] = [];
    const offAgain = onStop((stop) => again.push(stop));
    const other = tty();
    other.destroy();
    onInputLost(other)();
    await new Promise((resolve) => process.nextTick(resolve));
    expect(again).toEqual([]);
    offAgain();
    offStop();
  });

  it('removing the watch leaves no listener behind', () => {
    const stdin = tty();
    onInputLost(stdin)();
    expect(stdin.listenerCount('end') + stdin.listenerCount('error') + stdin.listenerCount('close')).toBe(0);
  });
});

describe('waiting for a key', () => {
  it('the terminal closing ends the wait as a hang-up, the terminal put back', async () => {
    const stdin = tty();
    const waited = waitForKey(stdin, ['\r'], { out: screen().out, suspendable: true, foreground: () => true });
    stdin.emit('end');
    await expect(waited).resolves.toEqual({ stop: 'SIGHUP' });
    expect(stdin.raw).toEqual([true, false]);
  });

  it('Ctrl+Z without job control: says so, and the keys keep working', async () => {
    const stdin = tty();
    const s = screen();
    const stops: string[] = [];
    const waited = waitForKey(stdin, ['\r', 's'], { out: s.out, suspendable: false, foreground: () => true, stopProcess: (signal) => stops.push(signal) });
    stdin.write('\u001a');
    stdin.write('s');
    await expect(waited).resolves.toEqual({ key: 's' });
    // Wrapped at the screen's width (80 here, a stream without columns), words whole.
    expect(s.text()).toBe('Ctrl+Z cannot suspend here (this terminal has no job control); the keys above\nstill work.\n');
    expect(stops).toEqual([]);
  });

  it('Ctrl+Z with job control: cooked and stopped; fg takes the keys again and says what it waits for', async () => {
    const stdin = tty();
    const s = screen();
    const stops: string[] = [];
    const waited = waitForKey(stdin, ['\r', 'q'], { out: s.out, suspendable: true, again: 'Swap the packs, then press Enter.', foreground: () => true, stopProcess: (signal) => stops.push(signal) });
    // Keys typed after Ctrl+Z in the same read are the shell's, not the wait's.
    stdin.write('\u001aq');
    expect(stops).toEqual(['SIGTSTP']);
    expect(stdin.raw).toEqual([true, false]);
    process.emit('SIGCONT', 'SIGCONT');
    expect(stdin.raw).toEqual([true, false, true]);
    expect(s.text()).toBe('Swap the packs, then press Enter.\n');
    stdin.write('\r');
    await expect(waited).resolves.toEqual({ key: '\r' });
    expect(process.listenerCount('SIGCONT')).toBe(0);
  });

  it('--auto: the countdown to the next stretch starts over after fg', async () => {
    vi.useFakeTimers();
    const stdin = tty();
    const s = screen();
    let result: unknown;
    void waitForKey(stdin, ['\r'], { timeoutMs: 5000, out: s.out, suspendable: true, foreground: () => true, stopProcess: () => {} }).then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(4000);
    stdin.write('\u001a');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(result).toBeUndefined();
    process.emit('SIGCONT', 'SIGCONT');
    expect(s.text()).toBe('Back: waiting for your key (the keys are above). Starting by itself in 5 seconds.\n');
    await vi.advanceTimersByTimeAsync(4999);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toEqual({ key: '\r' });
  });

  it('a background job leaves the terminal alone and stops itself until fg', async () => {
    const stdin = tty();
    let foreground = false;
    const stops: string[] = [];
    const waited = waitForKey(stdin, ['\r'], { out: screen().out, suspendable: true, foreground: () => foreground, stopProcess: (signal) => stops.push(signal) });
    expect(stops).toEqual(['SIGTTIN']);
    expect(stdin.raw).toEqual([]);
    // bg: still not ours.
    process.emit('SIGCONT', 'SIGCONT');
    expect(stops).toEqual(['SIGTTIN', 'SIGTTIN']);
    expect(stdin.raw).toEqual([]);
    foreground = true;
    process.emit('SIGCONT', 'SIGCONT');
    expect(stdin.raw).toEqual([true]);
    stdin.write('\r');
    await expect(waited).resolves.toEqual({ key: '\r' });
  });
});

describe('the timer keys', () => {
  const display = () => {
    const calls: string[] = [];
    return { calls, display: { setup: () => calls.push('setup'), restore: () => calls.push('restore'), note: (t: string) => calls.push(`note: ${t}`), toBackground: () => calls.push('background') } };
  };

  it('the terminal closing is a stop that terminates', () => {
    const stdin = tty();
    const controls: Control[] = [];
    const off = terminalControls({ stdin, out: screen().out, display: display().display, keys: true, suspendable: true, foreground: () => true })((c) => controls.push(c));
    stdin.emit('end');
    expect(controls).toEqual(['terminate']);
    off();
    expect(stdin.raw).toEqual([true, false]);
  });

  it('Ctrl+Z without job control: a note, a redraw, and the keys keep working', () => {
    const stdin = tty();
    const d = display();
    const controls: Control[] = [];
    const off = terminalControls({ stdin, out: screen().out, display: d.display, keys: true, suspendable: false, foreground: () => true })((c) => controls.push(c));
    stdin.write('\u001ap');
    expect(d.calls).toEqual(['note: Ctrl+Z cannot suspend here (this terminal has no job control); space pauses instead.']);
    expect(controls).toEqual(['redraw', 'toggle-pause']);
    off();
  });

  it('in the background: no raw mode and no keys; fg (SIGCONT) sets up the display and takes them', () => {
    vi.useFakeTimers();
    const stdin = tty();
    const d = display();
    let foreground = false;
    const controls: Control[] = [];
    const off = terminalControls({ stdin, out: screen().out, display: d.display, keys: true, suspendable: true, foreground: () => foreground })((c) => controls.push(c));
    expect(stdin.raw).toEqual([]);
    expect(stdin.listenerCount('data')).toBe(0);
    foreground = true;
    process.emit('SIGCONT', 'SIGCONT');
    expect(d.calls).toEqual(['setup']);
    expect(stdin.raw).toEqual([true]);
    stdin.write('q');
    expect(controls).toEqual(['redraw', 'stop']);
    off();
  });

  it('brought to the foreground without a SIGCONT (bash fg on a running job): noticed within a second', () => {
    vi.useFakeTimers();
    const stdin = tty();
    const d = display();
    let foreground = false;
    const controls: Control[] = [];
    const off = terminalControls({ stdin, out: screen().out, display: d.display, keys: true, suspendable: true, foreground: () => foreground })((c) => controls.push(c));
    vi.advanceTimersByTime(3000);
    expect(d.calls).toEqual([]);
    foreground = true;
    vi.advanceTimersByTime(1000);
    expect(d.calls).toEqual(['setup']);
    expect(controls).toEqual(['redraw']);
    expect(stdin.raw).toEqual([true]);
    off();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('continued in the background (bg): the keys off, the display told', () => {
    vi.useFakeTimers();
    const stdin = tty();
    const d = display();
    let foreground = true;
    const controls: Control[] = [];
    const off = terminalControls({ stdin, out: screen().out, display: d.display, keys: true, suspendable: true, foreground: () => foreground })((c) => controls.push(c));
    foreground = false;
    process.emit('SIGCONT', 'SIGCONT');
    expect(d.calls).toEqual(['background']);
    expect(stdin.raw).toEqual([true, false]);
    expect(stdin.listenerCount('data')).toBe(0);
    expect(controls).toEqual(['redraw']);
    off();
    expect(vi.getTimerCount()).toBe(0);
  });
});
