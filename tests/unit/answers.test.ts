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
    expect(Object.keys(a.redFlags)).toHaveLength(FLAGS.length);
    expect(a.precautions).toBeNull();
  });

  it('with a null onset and a byte-order mark', () => {
    expect(parseAnswers(`\uFEFF${file({ onset: null })}`, FLAGS, NOW).onset).toBeNull();
  });

  it.each([
    ['2026-11-22T09:00+14:00', '2026-11-21T19:00:00.000Z'],
    ['2026-11-22T09:00-14:00', '2026-11-22T23:00:00.000Z'],
  ])('an onset with the widest offset, %s', (onset, iso) => {
    expect(parseAnswers(file({ onset }), FLAGS, NOW).onset!.toISOString()).toBe(iso);
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
    ['an onset offset of +99:00', file({ onset: '2026-11-25T09:00+99:00' }), /"onset": "2026-11-25T09:00\+99:00": its UTC offset \+99:00 is more than 14 hours/],
    ['an onset offset of -14:01', file({ onset: '2026-11-22T09:00-14:01' }), /"onset": .*UTC offset -14:01 is more than 14 hours/],
    ['an onset offset with 60 minutes', file({ onset: '2026-11-22T09:00+05:60' }), /"onset": .*UTC offset \+05:60 has 60 minutes/],
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

describe('answers file, version 2: precautions, and no key given twice', () => {
  const precautions = { 'skin-sensation': false, circulation: true, 'broken-skin': false, osteoporosis: false };

  it('takes precautions with every id', () => {
    expect(parseAnswers(file({ precautions }), FLAGS, NOW).precautions).toEqual(precautions);
  });

  /** The answers file as text, with one red flag's line repeated at the end of its object. */
  const withDuplicate = (id: string, first: boolean, second: boolean) =>
    file().replace(`"${id}":false`, `"${id}":${first}`).replace(/\}\}$/, `,"${id}":${second}}}`);

  it.each([
    ['an emergency "yes" then a "no" for the same sign', withDuplicate('bladder-bowel', true, false), /redFlags\."bladder-bowel": is given more than once/],
    ['a "no" then a "yes"', withDuplicate('fever', false, true), /redFlags\."fever": is given more than once/],
    ['the same key spelled with an escape', file().replace('"fever":false', '"fever":true,"\\u0066ever":false'), /redFlags\."fever": is given more than once/],
    ['a top-level key twice', `{"onset":null,${file().slice(1, -1)},"onset":null}`.replace('{"onset":null,{', '{"onset":null,'), /"onset": is given more than once/],
    ['a precaution twice', file({ precautions }).replace('"osteoporosis":false}', '"osteoporosis":false,"osteoporosis":true}'), /precautions\."osteoporosis": is given more than once/],
    ['__proto__ inside redFlags', file().replace('{"bladder-bowel"', '{"__proto__":true,"bladder-bowel"'), /redFlags\."__proto__": is not a red-flag id/],
    ['constructor inside redFlags', file().replace('{"bladder-bowel"', '{"constructor":false,"bladder-bowel"'), /redFlags\."constructor": is not a red-flag id/],
    ['__proto__ inside precautions', file({ precautions: { ...precautions } }).replace('{"skin-sensation"', '{"__proto__":{},"skin-sensation"'), /precautions\."__proto__": is not a precaution id/],
    ['toString inside precautions', file({ precautions: { ...precautions, toString: false } }), /precautions\."toString": is not a precaution id/],
    ['a missing precaution', file({ precautions: { circulation: true } }), /"precautions": is missing skin-sensation, broken-skin, osteoporosis/],
    ['a precaution that is not a boolean', file({ precautions: { ...precautions, circulation: 'yes' } }), /precautions\."circulation": must be true or false, not "yes"/],
    ['precautions not an object', file({ precautions: [] }), /"precautions": must be an object of precaution ids/],
    ['precautions null', file({ precautions: null }), /"precautions"/],
    ['a value nested far too deep', file().replace(/\}$/, `,"triggers":${'['.repeat(100_000)}${']'.repeat(100_000)}}`), /triggers\.item 0\.item 0.*nested more than 8 levels deep/],
  ])('%s: exit 2 naming the key', (_name, text, message) => {
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
