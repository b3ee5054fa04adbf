/**
 * The content contract of ../shared/spec/content.md: every id, level, dose and source is present with
 * its numbers, every cited source exists, and nothing of the source guide's sales text leaks through.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { FORBIDDEN } from '../helpers/forbidden.js';

const content = loadContent(['stretches', 'remedies', 'red-flags'], { builtin: DATA_DIR });
const byId = <T extends { id: string }>(items: T[], id: string): T => {
  const found = items.find((i) => i.id === id);
  if (!found) throw new Error(`missing id ${id}`);
  return found;
};

describe('red flags (content.md table)', () => {
  it.each([
    ['bladder-bowel', 'emergency', ['guide', 'nhs-back-pain', 'nice-cks-lbp']],
    ['saddle-numbness', 'emergency', ['nhs-back-pain', 'nice-cks-lbp']],
    ['both-legs', 'emergency', ['nhs-back-pain']],
    ['cannot-move-limb', 'emergency', ['guide']],
    ['severe-injury', 'emergency', ['guide', 'nhs-back-pain']],
    ['chest-pain', 'emergency', ['nhs-back-pain']],
    ['leg-numbness-weakness', 'urgent', ['guide']],
    ['fever', 'urgent', ['guide', 'nhs-back-pain']],
    ['weight-loss', 'urgent', ['guide', 'nhs-back-pain']],
    ['cancer-history', 'urgent', ['nhs-back-pain', 'nice-cks-lbp']],
    ['infection-risk', 'urgent', ['nice-cks-lbp']],
    ['osteoporosis-minor-injury', 'urgent', ['nice-cks-lbp']],
    ['night-pain', 'urgent', ['nhs-back-pain']],
    ['back-deformity', 'urgent', ['nhs-back-pain']],
    ['pain-over-week', 'doctor', ['guide']],
    ['daily-life', 'doctor', ['nhs-back-pain']],
  ])('%s is %s, citing %j', (id, level, sources) => {
    const flag = byId(content['red-flags'], id);
    expect(flag.level).toBe(level);
    expect([...flag.sources].sort()).toEqual([...sources].sort());
  });

  it('has no red flag beyond the table', () => {
    expect(content['red-flags']).toHaveLength(16);
  });
});

describe('stretches (content.md table)', () => {
  const range = (min: number, max: number) => ({ min, max });
  it.each([
    ['walking', { minutes: range(5, 10), holdSeconds: null, reps: null, breaths: null, perSide: false }],
    ['cat-cow', { breaths: range(5, 10), holdSeconds: null, reps: null, minutes: null, perSide: false }],
    ['childs-pose', { holdSeconds: range(30, 60), reps: null, breaths: null, minutes: null, perSide: false }],
    ['pelvic-tilt', { holdSeconds: range(5, 5), reps: range(5, 10), breaths: null, minutes: null, perSide: false }],
    ['knee-to-chest', { holdSeconds: range(5, 10), reps: null, breaths: null, minutes: null, perSide: true }],
    ['glute-bridge', { holdSeconds: range(5, 5), reps: range(5, 30), breaths: null, minutes: null, perSide: false }],
  ])('%s has its dose', (id, dose) => {
    const stretch = byId(content.stretches, id);
    expect(stretch.dose).toEqual(dose);
    expect(stretch.cautions.some((c) => /stop at once if it hurts/i.test(c))).toBe(true);
  });

  it('keeps the guide order, gentlest first, and knee-to-chest ends with both knees', () => {
    expect(content.stretches.map((s) => s.id)).toEqual(['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge']);
    expect(byId(content.stretches, 'knee-to-chest').thenBoth).toBe(true);
  });
});

describe('remedies (content.md table)', () => {
  it.each([
    ['immediate', ['ice', 'heat', 'contrast', 'topical-menthol', 'stretching', 'hydration', 'rest-and-movement']],
    ['prevention', ['core-strengthening', 'posture', 'lifting-technique', 'yoga-pilates', 'stress-management']],
    ['professional', ['physical-therapy', 'massage', 'acupuncture', 'spinal-manipulation']],
  ])('%s', (category, ids) => {
    expect(content.remedies.filter((r) => r.category === category).map((r) => r.id)).toEqual(ids);
  });

  it('gives heat, massage, acupuncture and spinal manipulation guideline support from acp-2017', () => {
    for (const id of ['heat', 'massage', 'acupuncture', 'spinal-manipulation']) {
      const remedy = byId(content.remedies, id);
      expect(remedy.evidence).toBe('guideline');
      expect(remedy.sources).toContain('acp-2017');
    }
  });

  it('states the 20-minute session and break for ice and heat, and the one-to-two-day rest', () => {
    for (const id of ['ice', 'heat']) expect(byId(content.remedies, id).how.join(' ')).toMatch(/20 minutes.*20 minutes off/);
    expect(byId(content.remedies, 'rest-and-movement').how.join(' ')).toMatch(/a day or two at most/);
    expect(byId(content.remedies, 'core-strengthening').how.join(' ')).toMatch(/10-15 minutes, three times a week/);
  });
});

describe('sources', () => {
  it('has every id of content.md', () => {
    expect(content.sources.map((s) => s.id).sort()).toEqual(
      ['guide', 'acp-2017', 'cleveland-clinic-back-spasms', 'lau-2019', 'malanga-2015', 'allegri-2016', 'brinjikji-2015', 'ninds-2020', 'nhs-back-pain', 'nice-cks-lbp', 'nice-ng59', 'cochrane-heat-cold'].sort(),
    );
  });

  it.each([
    ['acp-2017', '10.7326/M16-2367'],
    ['lau-2019', '10.1136/bmjsem-2018-000478'],
    ['malanga-2015', '10.1080/00325481.2015.992719'],
    ['allegri-2016', '10.12688/f1000research.8105.2'],
    ['brinjikji-2015', '10.3174/ajnr.A4173'],
    ['cochrane-heat-cold', '10.1002/14651858.CD004750.pub2'],
  ])('%s has doi %s', (id, doi) => {
    expect(byId(content.sources, id).doi).toBe(doi);
  });

  it('every cited source exists (and the loader would refuse one that does not)', () => {
    const ids = new Set(content.sources.map((s) => s.id));
    const cited = [...content.stretches, ...content.remedies, ...content['red-flags']].flatMap((i) => i.sources);
    expect(cited.length).toBeGreaterThan(40);
    for (const id of cited) expect(ids.has(id), id).toBe(true);
  });
});

describe('no brand or sales text', () => {
  it.each(readdirSync(DATA_DIR).filter((f) => f.endsWith('.json')))('data/%s', (file) => {
    const text = readFileSync(join(DATA_DIR, file), 'utf8');
    for (const pattern of FORBIDDEN) expect(text).not.toMatch(pattern);
  });
});
