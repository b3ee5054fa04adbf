/** A whole episode on a fake clock, day 0 to day 100: what status and plan say along the way. */
import { describe, expect, it } from 'vitest';
import { breakEndsAt, CLOCK_SKEW_MS, currentOnset, episodeStatus, onsetInFuture, painTrend, remindersDue } from '../../src/decision/episode.js';
import { actionsForDay, dayNumber, episodePlan } from '../../src/decision/plan.js';
import { loadContent } from '../../src/content/load.js';
import { UNKNOWN_CARE, type Care } from '../../src/decision/precautions.js';
import type { JournalRecord, PainLine, SessionLine } from '../../src/journal/records.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { NO_PRECAUTIONS } from '../helpers/journal-lines.js';

const STRETCHES = loadContent(['stretches'], { builtin: DATA_DIR }).stretches;
const NONE: Care = { precautions: [], pregnancy: false };

const ONSET = new Date('2026-11-01T08:00:00Z');
const at = (hours: number) => new Date(ONSET.getTime() + hours * 3_600_000);
const iso = (hours: number) => at(hours).toISOString();
const onsetLine: JournalRecord = { type: 'onset', at: iso(1), onset: ONSET.toISOString() };
const session = (endHours: number, kind: 'ice' | 'heat' = 'ice'): SessionLine => ({
  type: 'session',
  at: iso(endHours),
  kind,
  startedAt: iso(endHours - 1 / 3),
  endedAt: iso(endHours),
  plannedSeconds: 1200,
  actualSeconds: 1200,
  outcome: 'completed',
});
const pain = (hours: number, score: number): PainLine => ({ type: 'pain', at: iso(hours), score });

describe('an episode from day 0 to day 100', () => {
  it.each([
    [2, 'ice', 'acute', []],
    [47, 'ice', 'acute', []],
    [49, 'ice-or-heat', 'acute', []],
    [71, 'ice-or-heat', 'acute', []],
    [73, 'heat', 'acute', []],
    [167, 'heat', 'acute', []],
    [169, 'heat', 'acute', ['over-a-week']],
    [27 * 24, 'heat', 'acute', ['over-a-week']],
    [29 * 24, 'heat', 'subacute', ['over-a-week']],
    [83 * 24, 'heat', 'subacute', ['over-a-week']],
    [85 * 24, 'heat', 'chronic', ['over-a-week', 'chronic']],
    [100 * 24, 'heat', 'chronic', ['over-a-week', 'chronic']],
  ])('at %s hours: %s, %s, reminders %j', (hours, thermal, phase, reminders) => {
    const status = episodeStatus([onsetLine], at(hours));
    expect(status.hoursSinceOnset).toBeCloseTo(hours, 9);
    expect([status.thermal, status.phase, status.reminders]).toEqual([thermal, phase, reminders]);
  });

  it('the plan marks today on every day of the episode, with the right day number', () => {
    for (let day = 0; day <= 100; day++) {
      const now = at(day * 24 + 5);
      const plan = episodePlan(ONSET, now, STRETCHES, NONE);
      const today = plan.filter((d) => d.today);
      expect(today.map((d) => d.day)).toEqual([day]);
      expect(dayNumber(ONSET, now)).toBe(day);
    }
  });
});

describe('the day-by-day plan', () => {
  const kinds = (day: number) =>
    actionsForDay(day, STRETCHES, NONE).map((a) => (a.kind === 'thermal' ? `thermal:${a.thermal}` : a.kind === 'stretches' ? `stretches:${a.first ? 'first' : 'all'}` : a.kind));

  it.each([
    [0, ['thermal:ice', 'rest-ok', 'walk-short', 'pain-relief', 'stretches:first']],
    [1, ['thermal:ice', 'rest-ok', 'walk-short', 'stretches:first', 'check-in']],
    [2, ['thermal:ice-or-heat', 'keep-moving', 'stretches:first', 'check-in']],
    [3, ['thermal:heat', 'keep-moving', 'stretches:all', 'check-in']],
    [7, ['thermal:heat', 'keep-moving', 'stretches:all', 'doctor-if-not-better', 'check-in']],
    [14, ['thermal:heat', 'keep-moving', 'stretches:all', 'build-strength']],
    [28, ['thermal:heat', 'keep-moving', 'stretches:all', 'subacute']],
    [84, ['thermal:heat', 'keep-moving', 'stretches:all']],
    [85, ['thermal:heat', 'keep-moving', 'stretches:all', 'chronic']],
  ])('day %i', (day, expected) => {
    expect(kinds(day)).toEqual(expected);
  });

  it('lists days 0-14 and the 4- and 12-week marks, plus today when later', () => {
    expect(episodePlan(ONSET, at(30), STRETCHES, NONE).map((d) => d.day)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 28, 85]);
    expect(episodePlan(ONSET, at(50 * 24), STRETCHES, NONE).map((d) => d.day)).toContain(50);
  });

  it('unknown precautions: today (and only today) starts with checking them', () => {
    const plan = episodePlan(ONSET, at(30), STRETCHES, UNKNOWN_CARE);
    expect(plan.filter((d) => d.actions[0]?.kind === 'check-precautions').map((d) => d.day)).toEqual([1]);
  });

  it('each day starts a whole 24 hours after the one before', () => {
    const plan = episodePlan(ONSET, at(30), STRETCHES, NONE);
    expect(plan[3]!.start.toISOString()).toBe(iso(72));
  });
});

describe('onset, sessions and pain', () => {
  it('the onset is the last one recorded, and none after it is cleared', () => {
    const later: JournalRecord = { type: 'onset', at: iso(5), onset: iso(2) };
    expect(currentOnset([onsetLine, later])?.at.toISOString()).toBe(iso(2));
    expect(currentOnset([onsetLine, { type: 'onset-cleared', at: iso(6) }])).toBeNull();
    expect(currentOnset([onsetLine, { type: 'onset-cleared', at: iso(6) }, later])?.at.toISOString()).toBe(iso(2));
    expect(currentOnset([])).toBeNull();
  });

  it('the skin break runs 20 minutes from the end of the last session', () => {
    const s = session(10);
    expect(breakEndsAt(s, at(10))?.toISOString()).toBe(iso(10 + 20 / 60));
    expect(breakEndsAt(s, at(10 + 19 / 60))?.toISOString()).toBe(iso(10 + 20 / 60));
    expect(breakEndsAt(s, at(10 + 21 / 60))).toBeNull();
    expect(breakEndsAt(null, at(10))).toBeNull();
  });

  it('status shows the last session and the last pain score', () => {
    const status = episodeStatus([onsetLine, session(3), session(8, 'heat'), pain(4, 7), pain(9, 5)], at(8.1));
    expect(status.lastSession?.kind).toBe('heat');
    expect(status.breakEndsAt?.toISOString()).toBe(iso(8 + 1 / 3));
    expect(status.lastPain?.score).toBe(5);
  });

  it.each([
    ['emergency', true, []],
    ['urgent', false, ['heat', 'ice']],
    ['doctor', false, ['heat', 'ice']],
    ['self-care', false, ['heat', 'ice']],
  ] as const)('a %s verdict in this episode: emergency care first is %s; heat or ice suggested: %j', (level, first, suggested) => {
    const triage = { type: 'triage', at: iso(2), level, reasons: level === 'self-care' ? [] : ['fever'], redFlags: {}, onset: ONSET.toISOString() } as unknown as JournalRecord;
    const status = episodeStatus([onsetLine, NO_PRECAUTIONS as JournalRecord, triage], at(3));
    expect(status.emergencyFirst).toBe(first);
    expect([...status.suggested].sort()).toEqual(suggested);
    if (level === 'emergency' || level === 'urgent') expect(status.next).toMatchObject({ kind: 'see-doctor' });
  });

  it('an emergency verdict from before this episode does not hold back its self-care', () => {
    const old = { type: 'triage', at: new Date(ONSET.getTime() - 86_400_000).toISOString(), level: 'emergency', reasons: ['both-legs'], redFlags: {}, onset: null } as unknown as JournalRecord;
    const status = episodeStatus([old, NO_PRECAUTIONS as JournalRecord, onsetLine], at(3));
    expect(status.emergencyFirst).toBe(false);
    expect(status.suggested.length).toBeGreaterThan(0);
  });

  it.each([
    [[8, 6], 'better'],
    [[8, 7], 'about the same'],
    [[3, 4], 'about the same'],
    [[3, 5], 'worse'],
    [[6], 'not enough scores'],
    [[], 'not enough scores'],
  ] as const)('trend of %j: %s', (scores, trend) => {
    const series = scores.map((s, i) => pain(100 + i * 10, s));
    expect(painTrend(series, at(130)).trend).toBe(trend);
  });

  it('the trend looks only at the last 7 days', () => {
    expect(painTrend([pain(0, 9), pain(200, 5), pain(210, 5)], at(220)).trend).toBe('about the same');
  });

  // An onset ahead of the clock: within a minute (clocks differ a little) it is just now; beyond, it
  // is in the future (a clock set wrong, a journal from another machine), never an error and never now.
  const AHEAD = (ms: number) => new Date(ONSET.getTime() - ms);
  it.each([
    ['exactly now', 0, false, 0],
    ['a minute ahead: just now', CLOCK_SKEW_MS, false, 0],
    ['a minute and a millisecond ahead: in the future', CLOCK_SKEW_MS + 1, true, null],
    ['73 years ahead (2099)', 73 * 365 * 86_400_000, true, null],
  ] as const)('an onset %s', (_name, aheadMs, future, hours) => {
    const now = AHEAD(aheadMs);
    const status = episodeStatus([{ type: 'onset', at: now.toISOString(), onset: ONSET.toISOString() }], now);
    expect(status.onsetInFuture).toBe(future);
    expect(status.hoursSinceOnset).toBe(hours);
    expect(status.phase).toBe(future ? 'unknown' : 'acute');
    expect(status.thermal).toBe(future ? 'unknown' : 'ice');
    expect(status.reminders).toEqual([]);
    expect(onsetInFuture(currentOnset([{ type: 'onset', at: now.toISOString(), onset: ONSET.toISOString() }]), now)).toBe(future);

    const plan = episodePlan(ONSET, now, STRETCHES, UNKNOWN_CARE);
    // In the future no day is today; the plan keeps its dates, and asks the precautions on day 0.
    expect(plan.filter((d) => d.today).map((d) => d.day)).toEqual(future ? [] : [0]);
    expect(plan[0]!.day).toBe(0);
    expect(plan[0]!.actions[0]).toEqual({ kind: 'check-precautions' });
    expect(plan.filter((d) => d.actions.some((a) => a.kind === 'check-precautions'))).toHaveLength(1);
  });

  it('no onset is not in the future', () => {
    expect(onsetInFuture(null, at(0))).toBe(false);
  });

  it('reminders: none without an onset', () => {
    expect(remindersDue(null)).toEqual([]);
  });
});
