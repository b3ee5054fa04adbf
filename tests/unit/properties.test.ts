/**
 * Property-based tests (fast-check) of every parser of user input: whatever arrives, the answer is a
 * value or a UsageError/ContentError with a message; never a crash, never a stack trace, and never a
 * journal write on bad input.
 */
import fc from 'fast-check';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { loadContent } from '../../src/content/load.js';
import { isExitError } from '../../src/errors.js';
import { parseAnswers } from '../../src/input/answers.js';
import { parseWhen } from '../../src/input/when.js';
import { parseScore } from '../../src/input/numbers.js';
import { parseDuration, sessionSeconds } from '../../src/timer/duration.js';
import { DATA_DIR, fakeEnv } from '../helpers/fake-env.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const FLAGS = loadContent(['red-flags'], { builtin: DATA_DIR })['red-flags'];
const RUNS = { numRuns: 300 };

/** Runs fn; returns its value, or the exit error it threw. Anything else fails the property. */
function valueOrExitError<T>(fn: () => T): { value?: T; error?: Error } {
  try {
    return { value: fn() };
  } catch (error) {
    expect(isExitError(error), `not an exit error: ${String(error)}`).toBe(true);
    expect((error as Error).message.length).toBeGreaterThan(10);
    return { error: error as Error };
  }
}

// Strings that look like input: plain text, digits and units, and the odd control character.
const inputText = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom(...'0123456789.-+ hmsdayago:TZ'.split('')) }),
  fc.string({ unit: 'binary' }),
);

describe('parsers', () => {
  it('durations: a whole number of seconds from 1, or a usage error', () => {
    fc.assert(
      fc.property(inputText, (text) => {
        const { value } = valueOrExitError(() => parseDuration(text, '--duration'));
        if (value !== undefined) expect(Number.isInteger(value) && value >= 1).toBe(true);
      }),
      RUNS,
    );
  });

  it('durations: every m/s form round-trips, and a session never exceeds 20 minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 59 }), (m, s) => {
        fc.pre(m * 60 + s >= 1);
        expect(parseDuration(`${m}m${s}s`, '--duration')).toBe(m * 60 + s);
        const { value } = valueOrExitError(() => sessionSeconds(`${m}m${s}s`));
        expect(value === undefined || value <= 1200).toBe(true);
        expect(value === undefined).toBe(m * 60 + s > 1200);
      }),
      RUNS,
    );
  });

  it('onset times: a time that has passed, or a usage error', () => {
    fc.assert(
      fc.property(inputText, (text) => {
        const { value } = valueOrExitError(() => parseWhen(text, NOW));
        if (value !== undefined) expect(value.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }),
      RUNS,
    );
  });

  it('onset times: any past ISO time is read back exactly; any future one is refused', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
        const expected = new Date(iso).getTime();
        const { value, error } = valueOrExitError(() => parseWhen(iso, NOW));
        if (expected <= NOW.getTime()) expect(value?.getTime()).toBe(expected);
        else expect(error?.message).toMatch(/in the future/);
      }),
      RUNS,
    );
  });

  it('pain scores: exactly the whole numbers 0 to 10', () => {
    fc.assert(
      fc.property(fc.oneof(inputText, fc.integer({ min: -20, max: 30 }).map(String)), (text) => {
        const { value } = valueOrExitError(() => parseScore(text));
        expect(value !== undefined).toBe(/^\s*(10|[0-9])\s*$/.test(text));
      }),
      RUNS,
    );
  });

  it('answers files: anything at all gives answers or a usage error', () => {
    const json = fc.oneof(inputText, fc.json(), fc.jsonValue().map((v) => JSON.stringify(v)));
    fc.assert(fc.property(json, (text) => void valueOrExitError(() => parseAnswers(text, FLAGS, NOW))), RUNS);
  });

  it('answers files: a valid file with one field changed is accepted only when still valid', () => {
    const valid = { onset: '2026-11-22T09:00:00Z', redFlags: Object.fromEntries(FLAGS.map((f) => [f.id, false])) as Record<string, unknown> };
    const change = fc.oneof(
      fc.record({ key: fc.constantFrom(...FLAGS.map((f) => f.id)), value: fc.jsonValue() }).map(({ key, value }) => ({ ...valid, redFlags: { ...valid.redFlags, [key]: value } })),
      fc.jsonValue().map((onset) => ({ ...valid, onset })),
      fc.jsonValue().map((painScore) => ({ ...valid, painScore })),
      fc.jsonValue().map((triggers) => ({ ...valid, triggers })),
      fc.record({ key: fc.string(), value: fc.jsonValue() }).map(({ key, value }) => ({ ...valid, [key]: value })),
    );
    fc.assert(
      fc.property(change, (file) => {
        const { value } = valueOrExitError(() => parseAnswers(JSON.stringify(file), FLAGS, NOW));
        if (value) for (const f of FLAGS) expect(typeof value.redFlags[f.id]).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('--data-dir content: any JSON in any content file loads or is refused with the file named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'back-relief-prop-'));
    const kinds = ['stretches', 'remedies', 'red-flags', 'sources'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()), fc.array(fc.dictionary(fc.constantFrom('id', 'name', 'level', 'sources', 'steps', 'dose', 'citation', 'question', 'summary'), fc.jsonValue()))), (kind, value) => {
        for (const k of kinds) writeFileSync(join(dir, `${k}.json`), '[]');
        writeFileSync(join(dir, `${kind}.json`), JSON.stringify(value) ?? 'null');
        const { error } = valueOrExitError(() => loadContent([...kinds], { builtin: DATA_DIR, extra: dir }));
        if (error) expect(error.message).toContain(`${kind}.json`);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the CLI on any input: exit 0 or 2 with a message, no stack, no journal write when refused', () => {
  async function cli(args: string[]) {
    const home = join(mkdtempSync(join(tmpdir(), 'back-relief-prop-home-')), 'state');
    const env = fakeEnv({ vars: { BACK_RELIEF_HOME: home }, now: () => NOW });
    const code = await run(args, env.env);
    const err = env.stderr();
    expect([0, 2]).toContain(code);
    expect(err).not.toMatch(/\n\s+at /);
    if (code === 2) {
      expect(err).toMatch(/^back-relief: |error: /);
      expect(existsSync(home)).toBe(false);
    }
    return { code, home };
  }

  // Arguments that commander would take as options are left out: those are usage errors of their own.
  const arg = inputText.filter((t) => !t.startsWith('-') && !t.includes('\u0000'));

  it('pain SCORE', async () => {
    await fc.assert(
      fc.asyncProperty(arg, async (score) => {
        const { code, home } = await cli(['pain', score]);
        expect(code === 0).toBe(existsSync(home));
      }),
      { numRuns: 150 },
    );
  });

  it('onset WHEN', async () => {
    await fc.assert(fc.asyncProperty(arg, async (when) => void (await cli(['onset', when]))), { numRuns: 150 });
  });

  it('ice --duration (the ones it refuses)', async () => {
    await fc.assert(
      fc.asyncProperty(arg, async (duration) => {
        fc.pre(valueOrExitError(() => sessionSeconds(duration)).error !== undefined);
        expect((await cli(['ice', '--duration', duration])).code).toBe(2);
      }),
      { numRuns: 150 },
    );
  });

  it('history --days', async () => {
    await fc.assert(fc.asyncProperty(arg, async (days) => void (await cli(['history', '--days', days]))), { numRuns: 100 });
  });
});
