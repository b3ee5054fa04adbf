import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { UsageError } from '../../src/errors.js';
import { parseAnswers } from '../../src/input/answers.js';
import { DATA_DIR } from '../helpers/fake-env.js';

const FLAGS = loadContent(['red-flags'], { builtin: DATA_DIR })['red-flags'];
const NOW = new Date('2026-11-25T12:00:00Z');
const allNo = () => Object.fromEntries(FLAGS.map((f) => [f.id, false]));
const file = (over: Record<string, unknown> = {}) => JSON.stringify({ onset: '2026-11-22T09:00:00Z', redFlags: allNo(), ...over });

describe('parseAnswers accepts the cli.md shape', () => {
  it('with an onset, a pain score and triggers', () => {
    const a = parseAnswers(file({ painScore: 6, triggers: ['lifting', 'stress'] }), FLAGS, NOW);
    expect(a.onset!.toISOString()).toBe('2026-11-22T09:00:00.000Z');
    expect(a.painScore).toBe(6);
    expect(a.triggers).toEqual(['lifting', 'stress']);
    expect(Object.keys(a.redFlags)).toHaveLength(16);
  });

  it('with a null onset and a byte-order mark', () => {
    expect(parseAnswers(`\uFEFF${file({ onset: null })}`, FLAGS, NOW).onset).toBeNull();
  });

  it.each([0, 10])('pain score %i (both ends)', (score) => {
    expect(parseAnswers(file({ painScore: score }), FLAGS, NOW).painScore).toBe(score);
  });
});

describe('parseAnswers: every input error is a UsageError naming the problem', () => {
  const { fever: _omit, ...missingFever } = allNo();
  it.each([
    ['malformed JSON', '{"onset": ', /not valid JSON/],
    ['an array', '[]', /the top level: must be one JSON object/],
    ['null', 'null', /the top level: must be one JSON object/],
    ['an unknown top-level key', file({ mood: 'bad' }), /"mood": is not a known key/],
    ['a missing onset', JSON.stringify({ redFlags: allNo() }), /"onset": is missing/],
    ['missing redFlags', JSON.stringify({ onset: null }), /"redFlags": is missing/],
    ['a missing red-flag id', file({ redFlags: missingFever }), /"redFlags": is missing fever/],
    ['an unknown red-flag id', file({ redFlags: { ...allNo(), headache: false } }), /redFlags\."headache": is not a red-flag id/],
    ['a red-flag value that is not a boolean', file({ redFlags: { ...allNo(), fever: 'no' } }), /redFlags\."fever": must be true or false, not "no"/],
    ['a red-flag value of null', file({ redFlags: { ...allNo(), fever: null } }), /redFlags\."fever": must be true or false, not null/],
    ['redFlags not an object', file({ redFlags: [] }), /"redFlags"/],
    ['an onset that is not a string', file({ onset: 12 }), /"onset": must be an ISO 8601 date-time string or null/],
    ['an onset that is not ISO', file({ onset: 'last Tuesday' }), /"onset": "last Tuesday" is not an ISO 8601 date-time/],
    ['an impossible onset', file({ onset: '2026-02-30T10:00:00Z' }), /"onset": "2026-02-30T10:00:00Z" is not a real date/],
    ['an onset in the future', file({ onset: '2026-11-26T09:00:00Z' }), /"onset": "2026-11-26T09:00:00Z" is in the future/],
    ['a pain score above 10', file({ painScore: 11 }), /"painScore": must be a whole number from 0 to 10/],
    ['a negative pain score', file({ painScore: -1 }), /"painScore": must be a whole number from 0 to 10/],
    ['a fractional pain score', file({ painScore: 5.5 }), /"painScore": must be a whole number from 0 to 10/],
    ['a pain score as text', file({ painScore: '5' }), /"painScore": must be a whole number from 0 to 10/],
    ['triggers not an array', file({ triggers: 'lifting' }), /"triggers": must be an array of strings/],
    ['an unknown trigger', file({ triggers: ['gardening'] }), /"triggers" item 0: must each be one of lifting, posture/],
    ['a __proto__ key', '{"onset":null,"redFlags":{},"__proto__":{"x":1}}', /"__proto__": is not a known key/],
  ])('%s', (_name, text, message) => {
    let error: unknown;
    try {
      parseAnswers(text, FLAGS, NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });
});
