/** The built binary, run as a user would: NO_COLOR=1, a private state folder, real exit codes. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN } from '../helpers/forbidden.js';
import { runBin, tempDir } from '../helpers/run-bin.js';

const ESC = '\u001b';

function expectFits80(text: string) {
  for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
}

describe('overview, help and version', () => {
  it('prints a short overview that points to triage, ice and stretches', () => {
    const r = runBin([]);
    expect(r.status).toBe(0);
    for (const command of ['back-relief triage', 'back-relief ice', 'back-relief stretches']) expect(r.stdout).toContain(command);
    expectFits80(r.stdout);
  });

  it('--help lists the commands with examples; each command has its own help with examples', () => {
    const r = runBin(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: back-relief \[options\] \[command\]/);
    for (const c of ['stretches', 'remedies', 'red-flags', 'sources']) {
      expect(r.stdout).toContain(c);
      const sub = runBin([c, '--help']);
      expect(sub.status).toBe(0);
      expect(sub.stdout).toContain('Examples:');
      expect(sub.stdout).toContain(`$ back-relief ${c}`);
      expectFits80(sub.stdout);
    }
    expectFits80(r.stdout);
  });

  it('--version and -V print the version from package.json', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    expect(runBin(['--version']).stdout.trim()).toBe(version);
    expect(runBin(['-V']).stdout.trim()).toBe(version);
  });
});

describe('usage errors exit 2 with a suggestion and no stack trace', () => {
  it.each([
    [['stretchez'], /unknown command 'stretchez'[\s\S]*Did you mean stretches\?/],
    [['stretches', '--jsn'], /unknown option '--jsn'[\s\S]*Did you mean --json\?/],
    [['--bogus'], /unknown option '--bogus'/],
    [['remedies', '--category', 'magic'], /Allowed choices are immediate, prevention, professional/],
    [['stretches', 'glute-brige'], /There is no stretch "glute-brige". Did you mean "glute-bridge"\?/],
    [['stretches', 'a', 'b'], /too many arguments/],
    [['--data-dir', '/no/such/dir', 'stretches'], /--data-dir: "\/no\/such\/dir" is not a folder/],
  ])('%j', (args, message) => {
    const r = runBin(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});

describe('listings', () => {
  it('stretches lists the six with their doses', () => {
    const r = runBin(['stretches']);
    expect(r.status).toBe(0);
    for (const text of ['walking', '5-10 minutes', 'cat-cow', '5-10 slow breaths', 'childs-pose', 'hold 30-60 seconds', 'pelvic-tilt', 'hold 5 seconds, 5-10 repetitions', 'knee-to-chest', 'each side, then both together', 'glute-bridge', 'build toward 30']) {
      expect(r.stdout).toContain(text);
    }
    expectFits80(r.stdout);
  });

  it('stretches ID shows steps, dose, cautions, sources and a drawing', () => {
    const r = runBin(['stretches', 'glute-bridge']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Steps\n {2}1\. Lie on your back/);
    expect(r.stdout).toContain('Dose: hold 5 seconds, start with 5 repetitions and build toward 30');
    expect(r.stdout).toMatch(/Cautions\n {2}! Some discomfort is normal and does not mean harm/);
    expect(r.stdout).toContain('Sources: guide');
    const json = JSON.parse(runBin(['stretches', 'glute-bridge', '--json']).stdout) as { drawing: string[][]; drawingAlt: string[] };
    // Start and end, side by side under their labels, with a line of words for each in --json.
    expect(json.drawing).toHaveLength(2);
    expect(json.drawingAlt).toEqual([expect.stringMatching(/^Lying on the back/), expect.stringMatching(/^Hips lifted/)]);
    expect(r.stdout).toMatch(/^ {2}Start {2,}End$/m);
    const [start, end] = json.drawing as [string[], string[]];
    expect(r.stdout).toContain(`  ${start.at(-1)!.padEnd(Math.max(...start.map((l) => l.length), 5) + 4)}${end.at(-1)}`);
    expectFits80(r.stdout);
    // --plain: the words, not the picture.
    const plain = runBin(['stretches', 'glute-bridge', '--plain']).stdout;
    expect(plain).toContain(`  Start: ${json.drawingAlt[0]}`);
    expect(plain).not.toContain(start.at(-1)!);
  });

  it('a stretch page says what the precautions mean for it, with their sources', () => {
    const flat = runBin(['stretches', 'knee-to-chest']).stdout.replace(/\s+/g, ' ');
    expect(flat).toMatch(/! It bends the spine forward: with osteoporosis .* only as a physiotherapist has shown you\./);
    expect(flat).toMatch(/! It is done lying on your back: when pregnant, not flat on your back for long, particularly after 16 weeks\./);
    expect(flat).toMatch(/Sources: .*brooke-wavell-2022.*nhs-pregnancy-back-pain/);
    expect(runBin(['stretches', 'walking']).stdout).not.toMatch(/osteoporosis|pregnant/);
  });

  it('remedies show when, how and the evidence in words, filtered by category', () => {
    const all = runBin(['remedies']);
    expect(all.status).toBe(0);
    expect(all.stdout).toContain('Evidence: guideline-recommended');
    expect(all.stdout).toContain('Evidence: supported by research');
    expect(all.stdout).toContain('Evidence: common practice, little direct evidence');
    expect(all.stdout).toContain('Evidence: not recommended: a guideline advises against it');
    const flat = all.stdout.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Acupuncture \(acupuncture\) Evidence: guideline-recommended .* But: The guidelines disagree: NICE advises against acupuncture/);
    expectFits80(all.stdout);
    // The new label in colour too, like the others: red, beside the words.
    const coloured = runBin(['remedies', '--color', '--category', 'immediate']).stdout;
    expect(coloured).toContain('\u001b[31mnot recommended: a guideline advises against it');
    const prevention = runBin(['remedies', '--category', 'prevention']);
    expect(prevention.stdout).toContain('Core strengthening');
    expect(prevention.stdout).not.toContain('Ice (ice)');
  });

  it('red-flags are grouped by how fast to act, most serious first, in words', () => {
    const r = runBin(['red-flags']);
    const order = ['EMERGENCY', 'SEE A DOCTOR TODAY', "BOOK A DOCTOR'S APPOINTMENT"].map((t) => r.stdout.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.stdout.indexOf('[bladder-bowel]')).toBeLessThan(order[1]!);
    expect(r.stdout.indexOf('[daily-life]')).toBeGreaterThan(order[2]!);
    expectFits80(r.stdout);
  });

  it('sources show citations with doi and url', () => {
    const r = runBin(['sources']);
    expect(r.stdout).toContain('doi:10.7326/M16-2367');
    expect(r.stdout).toContain('https://www.nhs.uk/conditions/back-pain/');
    expectFits80(r.stdout);
  });

  it('no output mentions a brand, a person or a place of the source guide', () => {
    const outputs = [[], ['--help'], ['stretches'], ['remedies'], ['red-flags'], ['sources'], ['remedies', '--json'], ['sources', '--json']]
      .map((args) => runBin(args).stdout)
      .concat(['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge'].map((id) => runBin(['stretches', id]).stdout));
    for (const out of outputs) for (const pattern of FORBIDDEN) expect(out).not.toMatch(pattern);
  });
});

describe('--json shapes of cli.md', () => {
  it('red-flags --json: id, level, question, sources', () => {
    const flags = JSON.parse(runBin(['red-flags', '--json']).stdout) as Record<string, unknown>[];
    expect(flags).toHaveLength(22);
    for (const f of flags) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['id', 'level', 'question', 'sources']));
      expect(['emergency', 'urgent', 'doctor']).toContain(f.level);
    }
  });

  it('stretches --json and stretches ID --json, the global flag before or after the command', () => {
    const list = JSON.parse(runBin(['stretches', '--json']).stdout) as { id: string; dose: Record<string, unknown> }[];
    expect(list.map((s) => s.id)).toHaveLength(7);
    for (const s of list) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'name', 'steps', 'dose', 'cautions', 'sources']));
      expect(Object.keys(s.dose).sort()).toEqual(['breaths', 'holdSeconds', 'minutes', 'perSide', 'reps']);
    }
    const one = JSON.parse(runBin(['--json', 'stretches', 'glute-bridge']).stdout);
    expect(one.dose.reps).toEqual({ min: 5, max: 30 });
  });

  it('remedies --json carries category and evidence; sources --json carries citation', () => {
    const remedies = JSON.parse(runBin(['remedies', '--json', '--category', 'professional']).stdout) as { category: string; evidence: string }[];
    expect(remedies.map((r) => r.category)).toEqual(['professional', 'professional', 'professional', 'professional']);
    const all = JSON.parse(runBin(['remedies', '--json']).stdout) as { id: string; evidence: string; caveat?: string }[];
    expect(all.filter((r) => r.evidence === 'not-recommended').map((r) => r.id)).toEqual(['bed-rest', 'tens', 'back-support-belt']);
    expect(all.find((r) => r.id === 'pain-relief')).toMatchObject({ evidence: 'guideline' });
    expect(all.find((r) => r.id === 'massage')!.caveat).toMatch(/only alongside an exercise programme/);
    const sources = JSON.parse(runBin(['sources', '--json']).stdout) as { id: string; citation: string }[];
    expect(sources.find((s) => s.id === 'acp-2017')!.citation).toMatch(/American College of Physicians/);
  });
});

describe('colour', () => {
  it('is off under NO_COLOR and on with FORCE_COLOR or --color, with the same words', () => {
    const plain = runBin(['red-flags']);
    expect(plain.stdout).not.toContain(ESC);
    const forced = runBin(['red-flags'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(`${ESC}[`);
    expect(forced.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain.stdout);
    expect(runBin(['red-flags', '--color']).stdout).toContain(`${ESC}[`);
    expect(runBin(['--no-color', 'red-flags'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
  });

  it('is off when TERM=dumb even if a colour was not refused otherwise', () => {
    expect(runBin(['red-flags'], { env: { NO_COLOR: undefined, TERM: 'dumb' } }).stdout).not.toContain(ESC);
  });
});

describe('--data-dir', () => {
  function dataDir(files: Record<string, unknown>): string {
    const dir = tempDir('back-relief-data-');
    for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
    return dir;
  }
  const hostile = {
    id: 'side-bend',
    name: `Side bend${ESC}]0;owned${ESC}\\${ESC}[2J\u0007\r\b`,
    steps: [`Lean${ESC}[31m gently${ESC}]8;;https://evil.example${ESC}\\ to one side\u009b2J`],
    dose: { holdSeconds: { min: 5, max: 10 }, reps: null, breaths: null, minutes: null, perSide: true },
    cautions: [`Stop${ESC}P1;2q${ESC}\\ if it hurts`],
    sources: ['guide'],
    drawing: [`  o ${ESC}[5m`],
  };

  it('adds items and prints hostile text with every escape and control removed', () => {
    const dir = dataDir({ 'stretches.json': [hostile] });
    for (const args of [['stretches', 'side-bend'], ['stretches'], ['stretches', 'side-bend', '--json']]) {
      const r = runBin([...args, '--data-dir', dir]);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(r.stdout).toContain('Side bend');
    }
    expect(runBin(['stretches', 'side-bend', '--data-dir', dir]).stdout).toContain('Lean gently to one side');
  });

  it('is also read from BACK_RELIEF_DATA_DIR', () => {
    const dir = dataDir({ 'stretches.json': [hostile] });
    expect(runBin(['stretches'], { env: { BACK_RELIEF_DATA_DIR: dir } }).stdout).toContain('side-bend');
  });

  it('an invalid file exits 1, naming the file, the item and the field, with no stack unless debugging', () => {
    const dir = dataDir({ 'red-flags.json': [{ id: 'fever', level: 'doctor', question: 'q', summary: 's', sources: ['guide'] }] });
    const r = runBin(['red-flags', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(join(dir, 'red-flags.json'));
    expect(r.stderr).toMatch(/item 1 \("fever"\): field "level" a built-in red flag cannot be lowered/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    const debug = runBin(['red-flags', '--data-dir', dir], { env: { BACK_RELIEF_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('a folder in place of a file is unreadable: exit 1 naming it', () => {
    const dir = tempDir('back-relief-data-');
    mkdirSync(join(dir, 'sources.json'));
    const r = runBin(['sources', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sources.json: cannot be read');
  });
});

describe('start-up', () => {
  it('the built entry uses the code cache made at build time (this Node made it)', () => {
    const r = runBin(['--version'], { env: { BACK_RELIEF_DEBUG: '1' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('back-relief: code cache used');
  });
});
