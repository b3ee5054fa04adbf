/** What a stop from outside says it ended: a session under way, or the time between sessions. */
import { describe, expect, it } from 'vitest';
import { stopMessage } from '../../src/commands/timer.js';
import type { SessionLine } from '../../src/journal/records.js';

const session = (kind: 'ice' | 'heat', outcome: SessionLine['outcome']): SessionLine => ({
  type: 'session',
  at: '2026-11-25T12:00:00.000Z',
  kind,
  startedAt: '2026-11-25T11:40:00.000Z',
  endedAt: '2026-11-25T12:00:00.000Z',
  plannedSeconds: 1200,
  actualSeconds: 1200,
  outcome,
});

describe('stopMessage', () => {
  it.each([
    ['SIGTERM', 'session', [session('ice', 'interrupted')], 'Session stopped by a signal; recorded as interrupted.'],
    ['output-closed', 'session', [session('ice', 'interrupted')], 'Session stopped: the output was closed; recorded as interrupted.'],
    ['SIGTERM', 'break', [session('ice', 'completed')], 'Stopped by a signal during the skin break; the ice session before it is recorded as completed.'],
    ['SIGINT', 'break', [session('heat', 'completed')], 'Interrupted during the skin break; the heat session before it is recorded as completed.'],
    ['SIGHUP', 'break', [session('ice', 'completed'), session('ice', 'completed')], 'Stopped when the terminal was closed during the skin break; the 2 sessions before it are recorded as completed.'],
    ['SIGTERM', 'swap', [session('heat', 'completed')], 'Stopped by a signal during the wait to swap packs; the heat session before it is recorded as completed.'],
    ['output-failed', 'break', [], 'Stopped when the output could not be written during the skin break; nothing was recorded.'],
  ] as const)('%s in a %s', (stop, where, recorded, text) => {
    expect(stopMessage(stop, where, recorded)).toBe(text);
  });
});
