/**
 * The content contract of ../shared/spec/content.md: every id, level, dose and source is present with
 * its numbers, every cited source exists, and nothing of the source guide's sales text leaks through.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGES } from '../../src/commands/explain.js';
import { drawingPanels } from '../../src/content/schema.js';
import { loadContent } from '../../src/content/load.js';
import { PRECAUTION_IDS } from '../../src/decision/precautions.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { FORBIDDEN } from '../helpers/forbidden.js';

const content = loadContent(['stretches', 'remedies', 'red-flags', 'precautions', 'emergency-numbers'], { builtin: DATA_DIR });
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
    ['infection-risk', 'urgent', ['nice-cks-lbp', 'gcare-lbp']],
    ['osteoporosis-minor-injury', 'urgent', ['nice-cks-lbp', 'gcare-lbp']],
    ['night-pain', 'urgent', ['nhs-back-pain']],
    ['back-deformity', 'urgent', ['nhs-back-pain']],
    ['pain-over-week', 'doctor', ['guide']],
    ['daily-life', 'doctor', ['nhs-back-pain']],
    // Version 2.
    ['aortic-signs', 'emergency', ['nhs-aaa']],
    ['pulsating-belly', 'urgent', ['nhs-aaa']],
    ['upper-back', 'urgent', ['nhs-back-pain', 'nice-cks-lbp']],
    ['urinary-symptoms', 'urgent', ['nhs-kidney-infection']],
    ['age-at-onset', 'doctor', ['nice-cks-lbp', 'gcare-lbp']],
    ['pregnancy', 'doctor', ['nhs-pregnancy-back-pain']],
  ])('%s is %s, citing %j', (id, level, sources) => {
    const flag = byId(content['red-flags'], id);
    expect(flag.level).toBe(level);
    expect([...flag.sources].sort()).toEqual([...sources].sort());
  });

  it('has no red flag beyond the table', () => {
    expect(content['red-flags']).toHaveLength(22);
  });

  // The checkbox line is the summary: it must be answerable on its own (content.md, version 2).
  it.each([
    ['severe-injury', [/car accident/, /fall from a height or down the stairs/, /blow to the back/]],
    ['infection-risk', [/HIV/, /tuberculosis/, /injecting drugs/, /chemotherapy/, /long-term steroids/, /kidney infection/]],
    ['osteoporosis-minor-injury', [/minor fall/, /osteoporosis/, /steroid/, /over 65/]],
    ['night-pain', [/stays the same whatever position/]],
    ['aortic-signs', [/sudden, severe pain in the back or belly/, /faint/, /clammy/, /collapsing/]],
    ['pulsating-belly', [/pulsing feeling in the belly/]],
    ['upper-back', [/between the shoulder blades/]],
    ['urinary-symptoms', [/burning when peeing/, /blood in the pee/, /under the ribs/]],
    ['age-at-onset', [/new kind of back pain/, /under 20 or over 50/]],
    ['pregnancy', [/pregnant/, /last 6 weeks/]],
  ])('%s says what it asks on the checkbox line itself', (id, patterns) => {
    const flag = byId(content['red-flags'], id);
    for (const p of patterns) expect(flag.summary).toMatch(p);
  });

  it('no question or checkbox line is a double negative', () => {
    for (const f of content['red-flags']) {
      for (const text of [f.question, f.summary]) expect(text).not.toMatch(/\bnot\b.*\b(?:not|never|no)\b|does not ease/i);
    }
  });

  it('only severe-injury is left off the watch list: it cannot newly appear', () => {
    expect(content['red-flags'].filter((f) => f.watch === false).map((f) => f.id)).toEqual(['severe-injury']);
  });
});

describe('precautions (content.md, version 2)', () => {
  it('holds exactly the four ids, each citing a source', () => {
    expect(content.precautions.map((p) => p.id)).toEqual(['skin-sensation', 'circulation', 'broken-skin', 'osteoporosis']);
    expect(content.precautions.map((p) => p.id)).toEqual([...PRECAUTION_IDS]);
  });

  it.each([
    ['skin-sensation', /diabetes/, 'sfh-heat-ice'],
    ['circulation', /Raynaud/, 'sfh-heat-ice'],
    ['broken-skin', /broken, burnt or irritated/, 'sfh-heat-ice'],
    ['osteoporosis', /osteoporosis/, 'brooke-wavell-2022'],
  ])('%s', (id, summary, source) => {
    const p = byId(content.precautions, id);
    expect(p.summary).toMatch(summary);
    expect(p.sources).toContain(source);
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
    ['plank', { holdSeconds: range(5, 10), reps: range(8, 10), breaths: null, minutes: null, perSide: false }],
  ])('%s has its dose, and a caution that hurt is not harm and says when to stop', (id, dose) => {
    const stretch = byId(content.stretches, id);
    expect(stretch.dose).toEqual(dose);
    const caution = stretch.cautions[0]!;
    expect(caution).toMatch(/discomfort is normal and does not mean harm/i);
    expect(caution).toMatch(/stop if it makes the pain clearly worse, or brings new pain, numbness or tingling down a leg/i);
    expect(stretch.sources).toEqual(expect.arrayContaining(['south-tees-back-pain', 'nhs-inform-back-exercises']));
  });

  it('keeps the guide order, gentlest first, the prevention plank last, and knee-to-chest ends with both knees', () => {
    expect(content.stretches.map((s) => s.id)).toEqual(['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge', 'plank']);
    expect(byId(content.stretches, 'knee-to-chest').thenBoth).toBe(true);
  });

  it('stages: the gentlest three from the first days, the next three from 72 hours, the plank for prevention only', () => {
    const stage = (s: string) => content.stretches.filter((x) => x.stage === s).map((x) => x.id);
    expect(stage('first-days')).toEqual(['walking', 'cat-cow', 'childs-pose']);
    expect(stage('after-first-days')).toEqual(['pelvic-tilt', 'knee-to-chest', 'glute-bridge']);
    expect(stage('prevention')).toEqual(['plank']);
  });

  it('forward bends (cat-cow, child\'s pose, knee to chest) and lying on the back are marked for the precautions', () => {
    const moving = (m: string) => content.stretches.filter((x) => (x.movements ?? []).includes(m as never)).map((x) => x.id);
    expect(moving('forward-bend')).toEqual(['cat-cow', 'childs-pose', 'knee-to-chest']);
    expect(moving('lying-on-back')).toEqual(['pelvic-tilt', 'knee-to-chest', 'glute-bridge']);
  });

  it('the plank has a beginner\'s version on the knees, from a cited source', () => {
    const plank = byId(content.stretches, 'plank');
    expect(plank.easier).toMatch(/knees on the floor/);
    expect(plank.sources).toContain('kmpt-plank');
  });

  // Issue 13: every pose recognisable, in words too, and never wider than a 40-column screen.
  it.each(['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge', 'plank'])('%s has a drawing and a line of words for each of its positions', (id) => {
    const stretch = byId(content.stretches, id);
    const panels = drawingPanels(stretch.drawing);
    expect(panels.length).toBeGreaterThan(0);
    expect(stretch.drawingAlt).toHaveLength(panels.length);
    for (const panel of panels) for (const row of panel) expect([...row].length).toBeLessThanOrEqual(40);
    // Start and end side by side fit 40 columns with the indent and the gap.
    expect(2 + panels.reduce((sum, p) => sum + Math.max(...p.map((r) => r.length)), 0) + 4 * (panels.length - 1)).toBeLessThanOrEqual(40);
  });

  it('the stretches that move show two positions; the drawings differ from one another', () => {
    const moving = ['cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge'];
    for (const id of moving) expect(drawingPanels(byId(content.stretches, id).drawing), id).toHaveLength(2);
    // The end positions that used to look alike (pelvic tilt, knee to chest, glute bridge) now differ.
    const ends = moving.map((id) => drawingPanels(byId(content.stretches, id).drawing)[1]!.join('\n'));
    expect(new Set(ends).size).toBe(ends.length);
  });
});

describe('remedies (content.md table)', () => {
  it.each([
    ['immediate', ['ice', 'heat', 'contrast', 'topical-menthol', 'stretching', 'hydration', 'rest-and-movement', 'pain-relief', 'bed-rest', 'tens']],
    ['prevention', ['core-strengthening', 'posture', 'lifting-technique', 'yoga-pilates', 'stress-management', 'back-support-belt']],
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

  // Version 2: the label fits the advice actually given, for the use it is given for.
  it.each([
    ['hydration', 'common-practice', /ten men/, null],
    ['stress-management', 'common-practice', /breathing/, /mindfulness-based stress reduction/],
    ['acupuncture', 'guideline', null, /NICE advises against.*ACP recommends/],
    ['massage', 'guideline', null, /NICE.*only alongside an exercise programme/],
    ['spinal-manipulation', 'guideline', null, /NICE.*only alongside an exercise programme/],
    ['core-strengthening', 'research', /lowers the risk of a new episode/, /treating .* not preventing/],
    ['yoga-pilates', 'research', /lowers the risk of a new episode/, /treatment, not prevention/],
    ['topical-menthol', 'common-practice', /guide's word .*maker of a menthol cream.* common practice/, null],
    ['pain-relief', 'guideline', /lowest dose for the shortest time.*Paracetamol on its own is not recommended/, null],
    ['bed-rest', 'not-recommended', /advise against/, null],
    ['back-support-belt', 'not-recommended', /NICE advises against/, null],
    ['tens', 'not-recommended', /NICE advises against TENS/, null],
  ] as const)('%s is %s', (id, evidence, note, caveat) => {
    const remedy = byId(content.remedies, id);
    expect(remedy.evidence).toBe(evidence);
    if (note) expect(remedy.evidenceNote).toMatch(note);
    if (caveat) expect(remedy.caveat).toMatch(caveat);
  });

  it('prevention research comes from steffens-2016; not-recommended items cite the guideline that says so', () => {
    for (const id of ['core-strengthening', 'yoga-pilates', 'back-support-belt']) expect(byId(content.remedies, id).sources).toContain('steffens-2016');
    for (const id of ['tens', 'back-support-belt', 'acupuncture', 'pain-relief']) expect(byId(content.remedies, id).sources).toContain('nice-ng59');
  });

  it('pain relief gives no dose: the label and a pharmacist, and who must ask first', () => {
    const text = [byId(content.remedies, 'pain-relief').how, byId(content.remedies, 'pain-relief').evidenceNote].join(' ');
    expect(text).not.toMatch(/\d+\s*(mg|milligram|tablet)/i);
    for (const who of [/stomach ulcer/, /kidney/, /heart/, /asthma/, /blood thinners/, /pregnant/, /over 65/, /label/, /pharmacist/, /muscle relaxant/]) expect(text).toMatch(who);
  });

  it('states the 20-minute session and break for ice and heat, and the one-to-two-day rest', () => {
    for (const id of ['ice', 'heat']) expect(byId(content.remedies, id).how.join(' ')).toMatch(/20 minutes.*20 minutes off/);
    expect(byId(content.remedies, 'rest-and-movement').how.join(' ')).toMatch(/a day or two at most/);
    expect(byId(content.remedies, 'core-strengthening').how.join(' ')).toMatch(/10-15 minutes, three times a week/);
  });
});

describe('sources', () => {
  it('has every id of content.md, and the version 2 additions', () => {
    const ids = content.sources.map((s) => s.id);
    for (const id of ['guide', 'acp-2017', 'cleveland-clinic-back-spasms', 'lau-2019', 'malanga-2015', 'allegri-2016', 'brinjikji-2015', 'ninds-2020', 'nhs-back-pain', 'nice-cks-lbp', 'nice-ng59', 'cochrane-heat-cold']) {
      expect(ids).toContain(id);
    }
    for (const id of ['steffens-2016', 'nhs-aaa', 'nhs-kidney-infection', 'nhs-pregnancy-back-pain', 'brooke-wavell-2022', 'south-tees-back-pain', 'osullivan-2020']) expect(ids).toContain(id);
  });

  it('the guide is cited for what it is: a blog post by a maker of a menthol cream', () => {
    expect(byId(content.sources, 'guide').citation).toMatch(/blog post by a maker of a menthol cream/);
  });

  it.each([
    ['acp-2017', '10.7326/M16-2367'],
    ['lau-2019', '10.1136/bmjsem-2018-000478'],
    ['malanga-2015', '10.1080/00325481.2015.992719'],
    ['allegri-2016', '10.12688/f1000research.8105.2'],
    ['brinjikji-2015', '10.3174/ajnr.A4173'],
    ['cochrane-heat-cold', '10.1002/14651858.CD004750.pub2'],
    ['steffens-2016', '10.1001/jamainternmed.2015.7431'],
    ['osullivan-2020', '10.1136/bjsports-2019-101611'],
    ['brooke-wavell-2022', '10.1136/bjsports-2021-104634'],
  ])('%s has doi %s', (id, doi) => {
    expect(byId(content.sources, id).doi).toBe(doi);
  });

  it('every cited source exists (and the loader would refuse one that does not)', () => {
    const ids = new Set(content.sources.map((s) => s.id));
    const cited = [...content.stretches, ...content.remedies, ...content['red-flags'], ...content.precautions].flatMap((i) => i.sources);
    expect(cited.length).toBeGreaterThan(40);
    for (const id of cited) expect(ids.has(id), id).toBe(true);
  });

  it('every source is cited by an item or an explain page, and every explain page cites only sources that exist', () => {
    const ids = content.sources.map((s) => s.id);
    const pages = Object.values(PAGES).flatMap((p) => [...p.sources]);
    const cited = new Set([...content.stretches, ...content.remedies, ...content['red-flags'], ...content.precautions, ...content['emergency-numbers']].flatMap((i) => i.sources).concat(pages));
    expect(ids.filter((id) => !cited.has(id))).toEqual([]);
    for (const id of pages) expect(ids).toContain(id);
  });
});

describe('no brand or sales text', () => {
  it.each(readdirSync(DATA_DIR).filter((f) => f.endsWith('.json')))('data/%s', (file) => {
    const text = readFileSync(join(DATA_DIR, file), 'utf8');
    for (const pattern of FORBIDDEN) expect(text).not.toMatch(pattern);
  });
});

describe('emergency numbers (issue 14)', () => {
  const EU = ['at', 'be', 'bg', 'hr', 'cy', 'cz', 'dk', 'ee', 'fi', 'fr', 'de', 'gr', 'hu', 'ie', 'it', 'lv', 'lt', 'lu', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'si', 'es', 'se'];
  const numbers = content['emergency-numbers'];

  it.each([...EU, 'gb', 'us', 'ca', 'au', 'nz', 'in', 'jp', 'cn', 'br', 'mx', 'za'])('%s has a number and a source', (id) => {
    const entry = byId(numbers, id);
    expect(entry.number).toMatch(/^\d{2,6}$/);
    expect(entry.sources.length).toBeGreaterThan(0);
  });

  it.each([
    ['gb', '999'],
    ['us', '911'],
    ['ca', '911'],
    ['au', '000'],
    ['nz', '111'],
    ['jp', '119'],
    ['cn', '120'],
    ['br', '192'],
    ['mx', '911'],
    ['za', '10177'],
    ['de', '112'],
    ['fr', '15'],
  ])('%s: %s first', (id, number) => {
    expect(byId(numbers, id).number).toBe(number);
  });

  it('112 reaches help in every EU country, first or as well', () => {
    for (const id of EU) {
      const entry = byId(numbers, id);
      expect([entry.number, ...(entry.alsoFrom ?? [])], id).toContain('112');
    }
  });

  it('every emergency-number source is marked as such and has an address', () => {
    const cited = new Set(numbers.flatMap((n) => n.sources));
    for (const id of cited) {
      const source = byId(content.sources, id);
      expect(source.kind, id).toBe('emergency number');
      expect(source.url, id).toMatch(/^https:\/\//);
    }
  });
});
