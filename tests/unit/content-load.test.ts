import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { stageOf } from '../../src/content/schema.js';
import { ContentError, UsageError } from '../../src/errors.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { tempDir } from '../helpers/run-bin.js';

function extraDir(files: Record<string, unknown>): string {
  const dir = tempDir('back-relief-data-');
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const stretch = {
  id: 'side-bend',
  name: 'Side bend',
  steps: ['Stand tall and lean gently to one side.'],
  dose: { holdSeconds: { min: 5, max: 10 }, reps: null, breaths: null, minutes: null, perSide: true },
  cautions: ['Stop at once if it hurts.'],
  sources: ['guide'],
};

function loadStretches(files: Record<string, unknown>) {
  return loadContent(['stretches'], { builtin: DATA_DIR, extra: extraDir(files) });
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('loading the built-in content', () => {
  it('loads every kind with its items', () => {
    const content = loadContent(['stretches', 'remedies', 'red-flags', 'emergency-numbers'], { builtin: DATA_DIR });
    expect(content.stretches).toHaveLength(7);
    expect(content.remedies).toHaveLength(20);
    expect(content['red-flags']).toHaveLength(22);
    expect(content['emergency-numbers']).toHaveLength(45);
    // 28 for the care, 40 for the emergency numbers.
    expect(content.sources).toHaveLength(68);
    expect(content.sources.filter((s) => s.kind === 'emergency number')).toHaveLength(40);
  });
});

describe('invalid files name the file, the item and the field (exit 1)', () => {
  it.each([
    ['malformed JSON', '[{"id": "x",', /stretches\.json: is not valid JSON/],
    ['not an array', { id: 'x' }, /stretches\.json: must be a JSON array/],
    ['a missing field', [{ ...stretch, name: undefined }], /stretches\.json: item 1 \("side-bend"\): field "name" expected "name", missing/],
    ['a wrong type', [{ ...stretch, steps: 'walk' }], /item 1 \("side-bend"\): field "steps" expected Array, got "walk"/],
    ['a nested wrong type', [{ ...stretch, dose: { ...stretch.dose, reps: { min: 'five', max: 10 } } }], /field "dose\.reps\.min" expected number, got "five"/],
    ['min above max', [{ ...stretch, dose: { ...stretch.dose, holdSeconds: { min: 10, max: 5 } } }], /field "dose\.holdSeconds\.max" must not be below "min"/],
    ['an empty string', [{ ...stretch, name: '   ' }], /field "name" must not be empty/],
    ['a bad id', [{ ...stretch, id: 'Side Bend' }], /item 1 \("Side Bend"\): field "id" must be lower-case/],
    ['a duplicate id', [stretch, stretch], /item 2 \("side-bend"\): field "id" "side-bend" appears more than once/],
    ['an unknown source', [{ ...stretch, sources: ['nowhere'] }], /item 1 \("side-bend"\): field "sources\.0" cites "nowhere", which is not in sources\.json/],
    ['no sources', [{ ...stretch, sources: [] }], /field "sources" must cite at least one source/],
    ['an item that is not an object', [stretch, 42], /item 2: the item expected Object, got 42/],
    ['text made only of escape codes', [{ ...stretch, name: '\u001b[2J\u001b[H' }], /field "name" must not be empty/],
  ])('%s', (_name, file, message) => {
    const error = errorOf(() => loadStretches({ 'stretches.json': file }));
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toMatch(message);
  });

  it('an unreadable file', () => {
    const dir = tempDir('back-relief-data-');
    mkdirSync(join(dir, 'stretches.json'));
    const error = errorOf(() => loadContent(['stretches'], { builtin: DATA_DIR, extra: dir }));
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toMatch(/stretches\.json: cannot be read \(it is not a regular file\)/);
  });

  it('a remedy with an unknown category or evidence label', () => {
    const remedy = { id: 'x', category: 'magic', name: 'X', evidence: 'guideline', when: 'now', how: ['a'], sources: ['guide'] };
    const dir = extraDir({ 'remedies.json': [remedy] });
    expect(() => loadContent(['remedies'], { builtin: DATA_DIR, extra: dir })).toThrow(/field "category" must be one of immediate, prevention, professional/);
    const dir2 = extraDir({ 'remedies.json': [{ ...remedy, category: 'immediate', evidence: 'miracle' }] });
    expect(() => loadContent(['remedies'], { builtin: DATA_DIR, extra: dir2 })).toThrow(/field "evidence" must be one of guideline, research, common-practice, not-recommended/);
  });

  it('a --data-dir that is not a folder is a usage error (exit 2)', () => {
    const error = errorOf(() => loadContent(['stretches'], { builtin: DATA_DIR, extra: '/no/such/folder' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('/no/such/folder');
  });
});

describe('merging a --data-dir', () => {
  it('adds a new id at the end and replaces a same id in place', () => {
    const replaced = { ...stretch, id: 'cat-cow', name: 'Cat and cow, my way' };
    const { stretches } = loadStretches({ 'stretches.json': [stretch, replaced] });
    expect(stretches.map((s) => s.id)).toEqual(['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge', 'plank', 'side-bend']);
    expect(stretches[1]!.name).toBe('Cat and cow, my way');
  });

  it('lets an added item cite an added source', () => {
    const source = { id: 'my-physio', citation: 'Advice from my physiotherapist, 2026.' };
    const { stretches, sources } = loadStretches({ 'stretches.json': [{ ...stretch, sources: ['my-physio'] }], 'sources.json': [source] });
    expect(stretches.at(-1)!.sources).toEqual(['my-physio']);
    expect(sources.map((s) => s.id)).toContain('my-physio');
  });

  it('lets a built-in red flag be reworded or raised, never lowered', () => {
    const fever = { id: 'fever', level: 'urgent', question: 'Do you have a temperature?', summary: 'a temperature', sources: ['guide'] };
    const load = (flag: object) => loadContent(['red-flags'], { builtin: DATA_DIR, extra: extraDir({ 'red-flags.json': [flag] }) });
    expect(load(fever)['red-flags'].find((f) => f.id === 'fever')!.question).toBe('Do you have a temperature?');
    expect(load({ ...fever, level: 'emergency' })['red-flags'].find((f) => f.id === 'fever')!.level).toBe('emergency');
    const error = errorOf(() => load({ ...fever, level: 'doctor' }));
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toMatch(/red-flags\.json: item 1 \("fever"\): field "level" a built-in red flag cannot be lowered \(from "urgent" to "doctor"\)/);
  });

  it('never lets a red flag be "self-care", so none can be switched off that way', () => {
    const flag = { id: 'fever', level: 'self-care', question: 'q', summary: 's', sources: ['guide'] };
    expect(() => loadContent(['red-flags'], { builtin: DATA_DIR, extra: extraDir({ 'red-flags.json': [flag] }) })).toThrow(/field "level" must be one of emergency, urgent, doctor/);
  });

  it('a stretch added without a stage joins once the first days have passed, with no movements marked', () => {
    const { stretches } = loadStretches({ 'stretches.json': [stretch] });
    const added = stretches.at(-1)!;
    expect([added.id, stageOf(added), added.movements ?? []]).toEqual(['side-bend', 'after-first-days', []]);
  });

  it('a replacement that only rewords a stretch keeps its stage and the precautions its movements meet', () => {
    const reworded = { ...stretch, id: 'childs-pose', name: "Child's pose, my way" };
    const pose = loadStretches({ 'stretches.json': [reworded] }).stretches.find((s) => s.id === 'childs-pose')!;
    expect(pose.name).toBe("Child's pose, my way");
    expect([pose.stage, pose.movements]).toEqual(['first-days', ['forward-bend']]);
    // Movements are only ever added to.
    const more = loadStretches({ 'stretches.json': [{ ...reworded, movements: ['lying-on-back'] }] }).stretches.find((s) => s.id === 'childs-pose')!;
    expect(more.movements).toEqual(['forward-bend', 'lying-on-back']);
    // A reworded plank stays prevention only.
    expect(loadStretches({ 'stretches.json': [{ ...stretch, id: 'plank' }] }).stretches.find((s) => s.id === 'plank')!.stage).toBe('prevention');
  });

  it('a replacement can move a stretch later, never earlier', () => {
    expect(loadStretches({ 'stretches.json': [{ ...stretch, id: 'cat-cow', stage: 'after-first-days' }] }).stretches.find((s) => s.id === 'cat-cow')!.stage).toBe('after-first-days');
    const error = errorOf(() => loadStretches({ 'stretches.json': [{ ...stretch, id: 'plank', stage: 'first-days' }] }));
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toMatch(/item 1 \("plank"\): field "stage" a built-in stretch cannot be moved earlier \(from "prevention" to "first-days"\)/);
  });

  it('a built-in emergency sign cannot be taken off the watch list; a reworded one keeps its place', () => {
    const flag = { id: 'bladder-bowel', level: 'emergency', question: 'q?', summary: 's', sources: ['guide'] };
    const load = (f: object) => loadContent(['red-flags'], { builtin: DATA_DIR, extra: extraDir({ 'red-flags.json': [f] }) })['red-flags'];
    expect(errorOf(() => load({ ...flag, watch: false })).message).toMatch(/field "watch" a built-in emergency sign cannot be taken off the watch list/);
    expect(load(flag).find((f) => f.id === 'bladder-bowel')!.watch).toBeUndefined();
    expect(load({ ...flag, id: 'severe-injury' }).find((f) => f.id === 'severe-injury')!.watch).toBe(false);
  });

  it('never reads precautions from a --data-dir: they are the ids the decision module knows', () => {
    const extra = extraDir({ 'precautions.json': [{ id: 'made-up', question: 'q?', summary: 's', care: 'c', sources: ['guide'] }] });
    expect(loadContent(['precautions'], { builtin: DATA_DIR, extra }).precautions.map((p) => p.id)).toEqual(['skin-sensation', 'circulation', 'broken-skin', 'osteoporosis']);
  });

  it('keeps every built-in red flag whatever the extra file lists', () => {
    const flag = { id: 'new-sign', level: 'urgent', question: 'q?', summary: 's', sources: ['guide'] };
    const { 'red-flags': flags } = loadContent(['red-flags'], { builtin: DATA_DIR, extra: extraDir({ 'red-flags.json': [flag] }) });
    expect(flags).toHaveLength(23);
  });

  it('strips escape sequences from every string and drops unknown and prototype keys', () => {
    const hostile = JSON.parse(JSON.stringify({ ...stretch, name: 'Side\u001b]0;owned\u0007 bend\u001b[2J', __proto__: { polluted: true }, extra: 'x' }));
    const raw = JSON.stringify([hostile]).replace('"extra"', '"__proto__":{"polluted":true},"extra"');
    const { stretches } = loadStretches({ 'stretches.json': raw });
    const added = stretches.at(-1)!;
    expect(added.name).toBe('Side bend');
    expect(Object.keys(added)).not.toContain('extra');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(added)).toBe(Object.prototype);
  });
});

describe('a --data-dir file that is there by name but cannot be read is an error naming it, never skipped', () => {
  it('a dangling symbolic link (sources.json -> /nope)', () => {
    const dir = extraDir({});
    symlinkSync('/nonexistent-back-relief/nope', join(dir, 'sources.json'));
    expect(() => loadContent(['sources'], { builtin: DATA_DIR, extra: dir })).toThrow(ContentError);
    expect(() => loadContent(['sources'], { builtin: DATA_DIR, extra: dir })).toThrow(
      `${join(dir, 'sources.json')}: cannot be read (it is a symbolic link to "/nonexistent-back-relief/nope", which leads to no file).`,
    );
  });

  it('a link to a dangling link', () => {
    const dir = extraDir({});
    symlinkSync(join(dir, 'nowhere'), join(dir, 'middle'));
    symlinkSync(join(dir, 'middle'), join(dir, 'stretches.json'));
    expect(() => loadContent(['stretches'], { builtin: DATA_DIR, extra: dir })).toThrow(/stretches\.json: cannot be read \(it is a symbolic link to .*middle", which leads to no file\)/);
  });

  it('a link that leads back to itself', () => {
    const dir = extraDir({});
    symlinkSync(join(dir, 'stretches.json'), join(dir, 'stretches.json'));
    expect(() => loadContent(['stretches'], { builtin: DATA_DIR, extra: dir })).toThrow(/stretches\.json: cannot be read \(it is a symbolic link that leads back to itself\)/);
  });

  it('a link to a real file is followed as before; a file left out is simply not there', () => {
    const real = extraDir({ 'mine.json': [stretch] });
    const dir = extraDir({});
    symlinkSync(join(real, 'mine.json'), join(dir, 'stretches.json'));
    expect(loadContent(['stretches'], { builtin: DATA_DIR, extra: dir }).stretches.map((s) => s.id)).toContain('side-bend');
    expect(loadContent(['remedies'], { builtin: DATA_DIR, extra: dir }).remedies.length).toBeGreaterThan(0);
  });
});
