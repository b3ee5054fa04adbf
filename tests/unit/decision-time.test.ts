import { describe, expect, it } from 'vitest';
import { hoursSinceOnset, phaseOf, thermalAdvice } from '../../src/decision/time.js';
import { UsageError } from '../../src/errors.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

describe('thermal advice: ice under 48 h, ice or heat from 48 h, heat from 72 h', () => {
  it.each([
    [0, 'ice'],
    [47, 'ice'],
    [47.99, 'ice'],
    [48, 'ice-or-heat'],
    [49, 'ice-or-heat'],
    [71, 'ice-or-heat'],
    [71.99, 'ice-or-heat'],
    [72, 'heat'],
    [73, 'heat'],
    [5000, 'heat'],
  ])('%s hours -> %s', (hours, expected) => {
    expect(thermalAdvice(hoursSinceOnset(hoursAgo(hours), NOW))).toBe(expected);
  });

  it('an unknown onset gives unknown', () => {
    expect(thermalAdvice(hoursSinceOnset(null, NOW))).toBe('unknown');
  });
});

describe('phase: acute under 28 days, subacute 28 to 84 days, chronic over 84 days', () => {
  it.each([
    [0, 'acute'],
    [27, 'acute'],
    [27.99, 'acute'],
    [28, 'subacute'],
    [29, 'subacute'],
    [83, 'subacute'],
    [84, 'subacute'],
    [84.01, 'chronic'],
    [85, 'chronic'],
  ])('%s days -> %s', (days, expected) => {
    expect(phaseOf(hoursSinceOnset(hoursAgo(days * 24), NOW))).toBe(expected);
  });

  it('an unknown onset gives unknown', () => {
    expect(phaseOf(null)).toBe('unknown');
  });
});

describe('hoursSinceOnset', () => {
  it('measures hours, fractions included, and allows an onset of exactly now', () => {
    expect(hoursSinceOnset(hoursAgo(50.5), NOW)).toBeCloseTo(50.5, 9);
    expect(hoursSinceOnset(NOW, NOW)).toBe(0);
  });

  it('refuses an onset in the future, even by a second', () => {
    expect(() => hoursSinceOnset(new Date(NOW.getTime() + 1000), NOW)).toThrow(UsageError);
    expect(() => hoursSinceOnset(new Date(NOW.getTime() + 1000), NOW)).toThrow(/in the future/);
  });

  it('refuses an invalid date', () => {
    expect(() => hoursSinceOnset(new Date(Number.NaN), NOW)).toThrow(UsageError);
  });
});
