/** The interactive triage through @inquirer/testing: the same flows a person would take. */
import { screen } from '@inquirer/testing/vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { fakeEnv } from '../helpers/fake-env.js';
import { tempDir } from '../helpers/run-bin.js';
import { journalLines } from '../helpers/journal-lines.js';

const NOW = new Date('2026-11-25T12:00:00Z');

async function submitNone(question: RegExp) {
  await screen.next();
  expect(screen.getScreen()).toMatch(question);
  chooseNone();
}

/** On the checkbox on screen now: tick "None of these" (the first choice, where the cursor starts) and submit. */
function chooseNone() {
  expect(screen.getScreen()).toMatch(/❯\s*◯ None of these/);
  screen.keypress('space');
  screen.keypress('enter');
}

/** On a checkbox of signs: move to the sign at `index` (0 is the first), past "None of these" and "I'm not sure". */
function toSign(index: number) {
  for (let i = 0; i < index + 2; i++) screen.keypress('down');
}

function startTriage(args: string[] = ['triage']) {
  const home = tempDir('back-relief-home-');
  const captured = fakeEnv({ tty: true, now: () => NOW, vars: { BACK_RELIEF_HOME: home } });
  const exit = run(args, captured.env);
  const journal = () => journalLines(home);
  return { ...captured, exit, journal };
}

async function answerSaveOnset(key: 'enter' | 'n') {
  await screen.next();
  expect(screen.getScreen()).toContain('Save this onset');
  if (key === 'n') screen.type('n');
  screen.keypress('enter');
}

describe('interactive triage', () => {
  it('stops at an emergency sign and shows the EMERGENCY verdict at once', async () => {
    const t = startTriage();
    await screen.next();
    expect(screen.getScreen()).toContain('Emergency signs (EMERGENCY): do any apply to you now?');
    toSign(1);
    screen.keypress('space'); // saddle numbness
    screen.keypress('enter');
    expect(await t.exit).toBe(0);
    const out = t.stdout().replace(/\s+/g, ' ');
    expect(out).toContain('EMERGENCY');
    expect(out).toContain('Do not drive yourself.');
    expect(out).toContain('Numbness or tingling around the genitals, buttocks or inner thighs [EMERGENCY]');
    expect(out).toContain('not medical advice');
    expect(out).not.toContain('Signs to see a doctor today');
    // Recorded at once, with no question standing between the verdict and the phone.
    expect(t.journal().map((r) => [r.type, r.level])).toEqual([['triage', 'emergency']]);
    expect(t.stderr()).toContain('Recorded in your journal');
  });

  it('will not take an empty answer, nor "None of these" together with a sign', async () => {
    const t = startTriage();
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Choose every sign that applies, or "None of these"');
    toSign(0);
    screen.keypress('space'); // the first sign
    screen.keypress('up');
    screen.keypress('up');
    screen.keypress('space'); // None of these
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('"None of these" cannot go with another choice.');
    screen.keypress({ name: 'c', ctrl: true });
    expect(await t.exit).toBe(130);
  });

  it('"not sure" asks each sign in turn and escalates on doubt', async () => {
    const t = startTriage();
    await screen.next();
    screen.keypress('down');
    screen.keypress('space'); // I'm not sure
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toMatch(/newly hard to pass urine/);
    screen.keypress('down');
    screen.keypress('enter'); // No
    await screen.next();
    expect(screen.getScreen()).toMatch(/numbness or tingling around your genitals/);
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter'); // Not sure
    // The remaining emergency signs are still asked one by one.
    for (let i = 0; i < 5; i++) {
      await screen.next();
      screen.keypress('down');
      screen.keypress('enter'); // No
    }
    expect(await t.exit).toBe(0);
    expect(t.stdout()).toContain('EMERGENCY');
    expect(t.stdout().replace(/\s+/g, ' ')).toMatch(/Not answered, or not sure.*Numbness or tingling around the genitals/);
  });

  it('the full path gives the same verdict as --answers with the same answers (one decision, two doors)', async () => {
    const t = startTriage();
    await submitNone(/Emergency signs/);
    await screen.next();
    expect(screen.getScreen()).toContain('Signs to see a doctor today');
    toSign(1);
    screen.keypress('space'); // fever
    screen.keypress('enter');
    // The onset and the pain score come before the doctor-level signs, which they can settle.
    await screen.next();
    expect(screen.getScreen()).toContain('When did this episode start?');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter'); // 2 to 3 days ago: 60 hours
    await screen.next();
    screen.type('9');
    screen.keypress('enter');
    await screen.next();
    // A score of 8 or more already counts as pain that stops daily life: it is not asked again.
    expect(screen.getScreen()).toContain('already counted: your pain score is 8 or more');
    expect(screen.getScreen()).not.toContain('Pain that stops daily activities');
    expect(screen.getScreen()).toContain('You are pregnant, or gave birth in the last 6 weeks');
    chooseNone();
    await screen.next();
    expect(screen.getScreen()).toContain('Before heat, ice or stretches: do any of these apply to you?');
    toSign(3);
    screen.keypress('space'); // osteoporosis
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('What might have set it off?');
    screen.keypress('space'); // lifting
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('space'); // workout
    screen.keypress('enter');
    await answerSaveOnset('enter');
    expect(await t.exit).toBe(0);
    const recorded = t.journal();
    expect(recorded.map((r) => r.type)).toEqual(['triage', 'onset', 'pain']);
    expect(recorded[0]).toMatchObject({
      level: 'urgent',
      painScore: 9,
      triggers: ['lifting', 'workout'],
      precautions: { 'skin-sensation': false, circulation: false, 'broken-skin': false, osteoporosis: true },
    });
    expect(recorded[0]!.reasons).toEqual([
      { id: 'fever', level: 'urgent', because: 'yes' },
      { id: 'daily-life', level: 'doctor', because: 'derived' },
    ]);
    expect(recorded[1]).toMatchObject({ onset: new Date(NOW.getTime() - 60 * 3_600_000).toISOString(), approximate: true });
    expect(recorded[2]).toMatchObject({ score: 9, source: 'triage' });

    const dir = tempDir();
    const answers = join(dir, 'answers.json');
    const flags = JSON.parse(await (async () => {
      const list = fakeEnv();
      await run(['red-flags', '--json'], list.env);
      return list.stdout();
    })()) as { id: string }[];
    writeFileSync(
      answers,
      JSON.stringify({
        onset: new Date(NOW.getTime() - 60 * 3_600_000).toISOString(),
        redFlags: Object.fromEntries(flags.map((f) => [f.id, f.id === 'fever'])),
        painScore: 9,
        triggers: ['lifting', 'workout'],
        precautions: { 'skin-sensation': false, circulation: false, 'broken-skin': false, osteoporosis: true },
      }),
    );
    const scripted = fakeEnv({ tty: true, now: () => NOW });
    expect(await run(['triage', '--answers', answers], scripted.env)).toBe(0);
    expect(t.stdout()).toBe(scripted.stdout());
    const out = t.stdout().replace(/\s+/g, ' ');
    expect(out).toContain('SEE A DOCTOR TODAY');
    expect(out).toContain('Pain that stops daily activities, keeps getting worse or is hard to cope with (a pain score of 8 or more)');
    expect(out).toContain('Pain now: 9 out of 10.');
    expect(out).toContain('electrolytes');
    expect(out).toMatch(/Take care ! With osteoporosis/);
    expect(out).toMatch(/Left out for you: cat-cow and child's pose \(osteoporosis/);
  });

  it('the pain prompt takes what `pain` takes and nothing else', async () => {
    const t = startTriage();
    for (const q of [/Emergency signs/, /Signs to see a doctor today/]) await submitNone(q);
    await screen.next();
    screen.keypress('enter'); // in the last few hours
    await screen.next();
    for (const typed of ['1e1', '0x5', '0b101', '6.5', '11', '-1', ' 7x']) {
      screen.type(typed);
      screen.keypress('enter');
      await screen.next();
      expect(screen.getScreen(), typed).toContain('A whole number from 0 (no pain) to 10 (the worst), or Enter to skip.');
      for (let i = 0; i < typed.length; i++) screen.keypress('backspace');
    }
    screen.type('7');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain("Signs to book a doctor's appointment");
    screen.keypress({ name: 'c', ctrl: true });
    expect(await t.exit).toBe(130);
  });

  it('"more than a week?" is asked only when the onset does not already answer it', async () => {
    const ask = async (onsetChoice: number) => {
      const t = startTriage();
      for (const q of [/Emergency signs/, /Signs to see a doctor today/]) await submitNone(q);
      await screen.next();
      for (let i = 0; i < onsetChoice; i++) screen.keypress('down');
      screen.keypress('enter');
      await screen.next();
      screen.keypress('enter'); // no pain score
      await screen.next();
      const doctor = screen.getScreen();
      screen.keypress({ name: 'c', ctrl: true });
      await t.exit;
      return doctor;
    };
    expect(await ask(0)).not.toContain('Pain for more than a week'); // in the last few hours
    expect(await ask(8)).toContain('Pain for more than a week'); // I don't know
  });

  it('"not sure" about a precaution asks each in turn and counts as applying', async () => {
    const t = startTriage();
    for (const q of [/Emergency signs/, /Signs to see a doctor today/]) await submitNone(q);
    await screen.next();
    screen.keypress('enter'); // in the last few hours
    await screen.next();
    screen.keypress('enter'); // no pain score
    await submitNone(/Signs to book/);
    await screen.next();
    screen.keypress('down');
    screen.keypress('space'); // I'm not sure
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toMatch(/Is the feeling in your skin reduced/);
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter'); // Not sure
    for (let i = 0; i < 3; i++) {
      await screen.next();
      screen.keypress('down');
      screen.keypress('enter'); // No
    }
    await screen.next();
    screen.keypress('enter'); // no triggers
    await answerSaveOnset('n');
    expect(await t.exit).toBe(0);
    expect(t.journal()[0]).toMatchObject({ precautions: { 'skin-sensation': 'unsure', circulation: false, 'broken-skin': false, osteoporosis: false } });
    const out = t.stdout().replace(/\s+/g, ' ');
    expect(out).toContain('SELF-CARE');
    expect(out).toMatch(/Heat and ice: ask a doctor or pharmacist before using either/);
    expect(out).toMatch(/With less feeling in the skin/);
  });

  it('an exact onset is checked as it is typed: a future time is refused', async () => {
    const t = startTriage();
    for (const q of [/Emergency signs/, /Signs to see a doctor today/]) await submitNone(q);
    await screen.next();
    for (let i = 0; i < 7; i++) screen.keypress('down');
    screen.keypress('enter'); // An exact date and time
    await screen.next();
    screen.type('2030-01-01');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('is in the future');
    for (let i = 0; i < 10; i++) screen.keypress('backspace');
    screen.type('3 days ago');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter'); // no pain score
    for (const q of [/Signs to book/, /Before heat, ice or stretches/]) await submitNone(q);
    await screen.next();
    screen.keypress('enter'); // no triggers
    await answerSaveOnset('n');
    expect(await t.exit).toBe(0);
    expect(t.journal().map((r) => r.type)).toEqual(['triage']);
    expect(t.stdout()).toContain('It started about 3 days ago (acute phase).');
    expect(t.stdout()).toContain('SELF-CARE');
  });

  it('Ctrl+C at the question about saving the onset records nothing either', async () => {
    const t = startTriage();
    for (const q of [/Emergency signs/, /Signs to see a doctor today/]) await submitNone(q);
    await screen.next();
    screen.keypress('enter'); // in the last few hours
    await screen.next();
    screen.keypress('enter'); // no pain score
    for (const q of [/Signs to book/, /Before heat, ice or stretches/]) await submitNone(q);
    await screen.next();
    screen.keypress('enter'); // no triggers
    await screen.next();
    expect(screen.getScreen()).toContain('Save this onset');
    screen.keypress({ name: 'c', ctrl: true });
    expect(await t.exit).toBe(130);
    expect(t.stderr()).toBe('Triage cancelled.\n');
    expect(t.journal()).toEqual([]);
  });

  it('Ctrl+C at a prompt: "Triage cancelled." on stderr, exit 130, nothing on stdout', async () => {
    const t = startTriage();
    await submitNone(/Emergency signs/);
    await screen.next();
    screen.keypress({ name: 'c', ctrl: true });
    expect(await t.exit).toBe(130);
    expect(t.stderr()).toBe('Triage cancelled.\n');
    expect(t.stdout()).toBe('');
    expect(t.journal()).toEqual([]);
  });
});
