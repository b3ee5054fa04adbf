/**
 * Every screen at 20, 40 and 90 columns (issue 13): no line overflows, no command is split. Runs
 * in-process with $COLUMNS setting the width of output that is not a terminal, as it does for ls.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { run } from '../../src/cli.js';
import { DATA_DIR, fakeEnv } from '../helpers/fake-env.js';
import { NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { expectLaidOut } from '../helpers/screens.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR).toISOString();

const home = mkdtempSync(join(tmpdir(), 'back-relief-widths-'));
const episode = join(home, 'episode');
seedJournal(episode, [
  NO_PRECAUTIONS,
  { type: 'onset', at: ago(100), onset: ago(102) },
  { type: 'session', at: ago(98), kind: 'ice', startedAt: ago(98.4), endedAt: ago(98), plannedSeconds: 1200, actualSeconds: 1200, outcome: 'completed' },
  { type: 'pain', at: ago(97), score: 9 },
  { type: 'pain', at: ago(96), score: 0 },
  { type: 'pain', at: ago(30), score: 5, note: 'after a walk around the block with the dog' },
  // A note in a wide script, and emoji: two columns a character on a terminal.
  { type: 'pain', at: ago(20), score: 4, note: '散步之后腰痛好一点了，但是弯腰的时候还是很疼 😣😣' },
  { type: 'session', at: ago(0.2), kind: 'heat', startedAt: ago(0.5), endedAt: ago(0.2), plannedSeconds: 1200, actualSeconds: 1080, outcome: 'interrupted' },
]);
const empty = join(home, 'empty');

const FLAG_IDS = (JSON.parse(readFileSync(join(DATA_DIR, 'red-flags.json'), 'utf8')) as { id: string }[]).map((f) => f.id);

function answers(yes: string[]): string {
  const file = join(home, `answers-${yes.join('-') || 'none'}.json`);
  writeFileSync(file, JSON.stringify({ onset: ago(102), painScore: 4, redFlags: Object.fromEntries(FLAG_IDS.map((id) => [id, yes.includes(id)])) }));
  return file;
}

/** stdout laid out by $COLUMNS (not a terminal), and stderr a terminal that wide, where a person reads the messages. */
async function screen(args: string[], width: number, state = episode): Promise<string> {
  let messages = '';
  const { env, stdout } = fakeEnv({ vars: { COLUMNS: String(width), BACK_RELIEF_HOME: state }, now: () => NOW, stderr: { write: (s: string) => (messages += s), isTTY: true, columns: width } });
  await run(args, env);
  return stdout() + messages;
}

const SCREENS: [string, string[], string?][] = [
  ['overview', []],
  ['help', ['--help']],
  ...['triage', 'ice', 'heat', 'contrast', 'stretches', 'routine', 'remedies', 'red-flags', 'sources', 'onset', 'pain', 'check-in', 'status', 'plan', 'history', 'export', 'explain', 'completion', 'undo', 'config'].map(
    (c): [string, string[]] => [`${c} --help`, [c, '--help']],
  ),
  ['verdict: self-care', ['triage', '--answers', 'ANSWERS:']],
  ['verdict: doctor', ['triage', '--answers', 'ANSWERS:age-at-onset']],
  ['verdict: urgent', ['triage', '--answers', 'ANSWERS:fever']],
  ['verdict: emergency', ['triage', '--answers', 'ANSWERS:saddle-numbness']],
  ['status', ['status']],
  ['status, no episode', ['status'], 'empty'],
  ['plan', ['plan']],
  ['history', ['history']],
  ['stretches', ['stretches']],
  ...['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge', 'plank'].map((id): [string, string[]] => [`stretch ${id}`, ['stretches', id]]),
  ['stretch, plain', ['stretches', 'cat-cow', '--plain']],
  ['remedies', ['remedies']],
  ['red flags', ['red-flags']],
  ['sources', ['sources']],
  ['explain', ['explain']],
  ['explain precautions', ['explain', 'precautions']],
  ['check-in', ['check-in', '--signs', 'none', '--pain', '3']],
  ['unknown command', ['stauts']],
  ['config list', ['config', 'list']],
  ['config set --help', ['config', 'set', '--help']],
];

// A verdict recorded the way a person records one, so status and the overview show it.
beforeAll(async () => {
  await screen(['triage', '--record', '--answers', answers(['age-at-onset'])], 80);
});

describe.each([20, 40, 90])('at %i columns', (width) => {
  it.each(SCREENS)('%s', async (name, args, state) => {
    const resolved = args.map((a) => (a.startsWith('ANSWERS:') ? answers(a.slice(8).split(',').filter(Boolean)) : a));
    const dir = state === 'empty' ? empty : episode;
    const narrow = await screen(resolved, width, dir);
    const wide = await screen(resolved, 1000, dir);
    expectLaidOut(name, narrow, wide, Math.min(width, 80));
  });
});
