import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { triage, type FlagAnswer, type TriageAnswers } from '../../src/decision/triage.js';
import { UsageError } from '../../src/errors.js';
import { DATA_DIR } from '../helpers/fake-env.js';

const CONTENT = loadContent(['red-flags', 'stretches'], { builtin: DATA_DIR });
const FLAGS = CONTENT['red-flags'];
const STRETCHES = CONTENT.stretches;
const NOW = new Date('2026-11-25T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const allNo = (): Record<string, FlagAnswer> => Object.fromEntries(FLAGS.map((f) => [f.id, false]));
const answers = (over: Record<string, FlagAnswer | undefined> = {}, rest: Partial<TriageAnswers> = {}): TriageAnswers => ({
  onset: hoursAgo(30),
  redFlags: { ...allNo(), ...over },
  ...rest,
});

describe('each red flag alone gives its own level', () => {
  it.each(FLAGS.map((f) => [f.id, f.level] as const))('%s -> %s', (id, level) => {
    const result = triage(answers({ [id]: true }), FLAGS, NOW);
    expect(result.level).toBe(level);
    expect(result.reasons).toEqual([{ id, level, because: 'yes' }]);
  });

  it('no red flag and a recent onset: self-care', () => {
    const result = triage(answers(), FLAGS, NOW);
    expect(result.level).toBe('self-care');
    expect(result.reasons).toEqual([]);
  });
});

describe('combinations: the most serious level wins, every reason is listed', () => {
  it.each([
    [['fever', 'daily-life'], 'urgent'],
    [['daily-life', 'bladder-bowel', 'fever'], 'emergency'],
    [['pain-over-week', 'daily-life'], 'doctor'],
    [['night-pain', 'weight-loss', 'cancer-history'], 'urgent'],
  ])('%j -> %s', (ids, level) => {
    const result = triage(answers(Object.fromEntries(ids.map((id) => [id, true]))), FLAGS, NOW);
    expect(result.level).toBe(level);
    expect(result.reasons.map((r) => r.id).sort()).toEqual([...ids].sort());
    // Most serious first.
    const ranks = result.reasons.map((r) => ['doctor', 'urgent', 'emergency'].indexOf(r.level));
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });
});

describe('an unanswered or unsure red flag is never read as no', () => {
  it.each([
    ['unsure about an emergency sign', { 'saddle-numbness': 'unsure' as const }, 'emergency'],
    ['no answer for an emergency sign', { 'chest-pain': undefined }, 'emergency'],
    ['unsure about an urgent sign', { 'weight-loss': 'unsure' as const }, 'urgent'],
    ['no answer for a doctor-level sign', { 'daily-life': undefined }, 'doctor'],
  ])('%s', (_name, over, level) => {
    const result = triage(answers(over), FLAGS, NOW);
    expect(result.level).toBe(level);
    expect(result.reasons[0]!.because).toBe('unsure');
  });
});

describe('pain-over-week is derived from the onset at 168 hours', () => {
  it.each([
    [167, 'self-care', []],
    [167.99, 'self-care', []],
    [168, 'doctor', [{ id: 'pain-over-week', level: 'doctor', because: 'derived' }]],
    [169, 'doctor', [{ id: 'pain-over-week', level: 'doctor', because: 'derived' }]],
  ])('%s hours -> %s', (hours, level, reasons) => {
    const result = triage(answers({}, { onset: hoursAgo(hours) }), FLAGS, NOW);
    expect(result.level).toBe(level);
    expect(result.reasons).toEqual(reasons);
  });

  it('an answer of yes stays a yes after a week, and is listed once', () => {
    const result = triage(answers({ 'pain-over-week': true }, { onset: hoursAgo(200) }), FLAGS, NOW);
    expect(result.reasons).toEqual([{ id: 'pain-over-week', level: 'doctor', because: 'yes' }]);
  });

  it('an unknown onset derives nothing', () => {
    expect(triage(answers({}, { onset: null }), FLAGS, NOW).level).toBe('self-care');
  });
});

describe('time fields', () => {
  it.each([
    [10, 'ice', 'acute'],
    [60, 'ice-or-heat', 'acute'],
    [100, 'heat', 'acute'],
    [40 * 24, 'heat', 'subacute'],
    [100 * 24, 'heat', 'chronic'],
  ])('%s hours -> %s, %s', (hours, thermal, phase) => {
    const result = triage(answers({}, { onset: hoursAgo(hours) }), FLAGS, NOW);
    expect([result.thermal, result.phase, result.hoursSinceOnset]).toEqual([thermal, phase, hours]);
  });

  it('unknown onset: unknown thermal and phase, null hours', () => {
    const result = triage(answers({}, { onset: null }), FLAGS, NOW);
    expect([result.thermal, result.phase, result.hoursSinceOnset]).toEqual(['unknown', 'unknown', null]);
  });

  it('an onset in the future is an input error, never a guess', () => {
    expect(() => triage(answers({}, { onset: new Date(NOW.getTime() + 60_000) }), FLAGS, NOW)).toThrow(UsageError);
  });
});

describe('the plan for now', () => {
  const kinds = (a: TriageAnswers) => triage(a, FLAGS, NOW).actions.map((x) => x.kind);

  it('an emergency gets one instruction and no home-care plan', () => {
    expect(triage(answers({ 'both-legs': true }), FLAGS, NOW).actions).toEqual([{ kind: 'call-emergency' }]);
  });

  it('urgent and doctor levels lead with seeing a doctor, then the home care', () => {
    expect(kinds(answers({ fever: true }))[0]).toBe('see-doctor-today');
    expect(kinds(answers({ 'daily-life': true }))[0]).toBe('book-appointment');
    expect(kinds(answers({ fever: true }))).toContain('thermal');
  });

  it('ice or heat follows the clock', () => {
    const thermal = (h: number) => triage(answers({}, { onset: hoursAgo(h) }), FLAGS, NOW).actions.find((a) => a.kind === 'thermal');
    expect(thermal(47)).toEqual({ kind: 'thermal', thermal: 'ice', askFirst: [] });
    expect(thermal(49)).toEqual({ kind: 'thermal', thermal: 'ice-or-heat', askFirst: [] });
    expect(thermal(73)).toEqual({ kind: 'thermal', thermal: 'heat', askFirst: [] });
  });

  it('the gentlest stretches first, the strengthening ones from 72 hours', () => {
    const move = (h: number) => triage(answers({}, { onset: hoursAgo(h) }), FLAGS, NOW, STRETCHES).actions.find((a) => a.kind === 'move');
    expect(move(71)).toEqual({ kind: 'move', stretches: ['walking', 'cat-cow', 'childs-pose'], leftOut: [] });
    expect(move(72)).toEqual({ kind: 'move', stretches: ['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge'], leftOut: [] });
  });

  it.each([
    [['workout'], 'hydrate'],
    [['dehydration'], 'hydrate'],
    [['stress'], 'stress'],
    [['lifting'], 'lifting-posture'],
    [['posture'], 'lifting-posture'],
  ] as const)('trigger %j adds %s', (triggers, kind) => {
    expect(kinds(answers({}, { triggers: [...triggers] }))).toContain(kind);
  });

  it('without triggers: no hydration, stress or lifting advice', () => {
    const k = kinds(answers());
    for (const kind of ['hydrate', 'stress', 'lifting-posture']) expect(k).not.toContain(kind);
  });

  it('names the emergency signs to watch for, and when a week will have passed', () => {
    const result = triage(answers({}, { onset: hoursAgo(30) }), FLAGS, NOW);
    const watch = result.actions.find((a) => a.kind === 'watch');
    // Every emergency sign that can still appear: not the injury, which happened or did not.
    expect(watch).toMatchObject({ emergencyFlags: FLAGS.filter((f) => f.level === 'emergency' && f.id !== 'severe-injury').map((f) => f.id) });
    expect(result.actions.find((a) => a.kind === 'week-mark')).toEqual({ kind: 'week-mark', at: new Date(hoursAgo(30).getTime() + 168 * 3_600_000) });
    expect(triage(answers({}, { onset: hoursAgo(169) }), FLAGS, NOW).actions.find((a) => a.kind === 'week-mark')).toBeUndefined();
  });

  it('asks to check again today when a doctor is needed today, otherwise tomorrow', () => {
    expect(triage(answers({ fever: true }), FLAGS, NOW).actions.at(-1)).toEqual({ kind: 'recheck', when: 'today' });
    expect(triage(answers(), FLAGS, NOW).actions.at(-1)).toEqual({ kind: 'recheck', when: 'tomorrow' });
  });

  it('is deterministic: the same answers and time give the same result', () => {
    const a = answers({ fever: true }, { triggers: ['stress'], painScore: 4 });
    expect(triage(a, FLAGS, NOW)).toEqual(triage(a, FLAGS, NOW));
  });
});
