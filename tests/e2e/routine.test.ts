/** routine --plan and the refusals, through the built binary. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, tempDir } from '../helpers/run-bin.js';

/** A state folder with an onset some hours ago and the precautions answered. */
function episode(hoursAgo: number | null, precautions: Record<string, boolean | 'unsure'> = {}, pregnancy = false) {
  const dir = join(tempDir(), 'state');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lines: object[] = [
    { type: 'precautions', at: new Date().toISOString(), answers: { 'skin-sensation': false, circulation: false, 'broken-skin': false, osteoporosis: false, ...precautions }, pregnancy },
  ];
  if (hoursAgo !== null) lines.unshift({ type: 'onset', at: new Date().toISOString(), onset: new Date(Date.now() - hoursAgo * 3_600_000).toISOString() });
  writeFileSync(join(dir, 'journal.jsonl'), lines.map((l) => `${JSON.stringify(l)}\n`).join(''), { mode: 0o600 });
  return (args: string[]) => runBin(args, { env: { BACK_RELIEF_HOME: dir } });
}
const ids = (stdout: string) => (JSON.parse(stdout) as { id: string }[]).map((s) => s.id);

describe('routine --plan', () => {
  it('prints the steps and timings without running them', () => {
    const r = episode(100)(['routine', '--plan']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1\. Light walking: 5 minutes, 5 min/);
    expect(r.stdout).toMatch(/2\. Cat-cow: 5 slow breaths, 40 s/);
    // Ids only where a person types them: the --only hint.
    expect(r.stdout).not.toMatch(/\(childs-pose\)/);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/--only the ids, separated by commas: walking, cat-cow, childs-pose, pelvic-tilt, knee-to-chest, glute-bridge/);
    expect(r.stdout).toMatch(/Knee to chest.*each side, then both/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('--json, with --walk and --level build', () => {
    const plan = JSON.parse(episode(100)(['routine', '--plan', '--json', '--walk', '7', '--level', 'build']).stdout) as { id: string; totalSeconds: number; phases: unknown[] }[];
    expect(plan.map((s) => s.id)).toEqual(['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge']);
    expect(plan[0]!.totalSeconds).toBe(420);
    expect(plan.find((s) => s.id === 'childs-pose')!.totalSeconds).toBe(60);
  });

  it.each([
    ['24 hours in: only the gentlest', 24, ['walking', 'cat-cow', 'childs-pose']],
    ['71 hours in', 71, ['walking', 'cat-cow', 'childs-pose']],
    ['from 72 hours: all six, never the plank', 72.1, ['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge']],
    ['no episode recorded: the gentlest', null, ['walking', 'cat-cow', 'childs-pose']],
  ])('%s', (_name, hours, expected) => {
    expect(ids(episode(hours)(['routine', '--plan', '--json']).stdout)).toEqual(expected);
  });

  it('the routine and the plan name the same stretches for today', () => {
    for (const hours of [24, 100]) {
      const run = episode(hours, { osteoporosis: true });
      const plan = JSON.parse(run(['plan', '--json']).stdout) as { today: boolean; actions: string[] }[];
      const today = plan.find((d) => d.today)!.actions.join(' ');
      const routine = JSON.parse(run(['routine', '--plan', '--json']).stdout) as { name: string }[];
      for (const step of routine) expect(today.toLowerCase()).toContain(step.name.toLowerCase());
    }
  });

  it('osteoporosis leaves out the forward bends, pregnancy the stretches on the back, and the plan says why', () => {
    const r = episode(100, { osteoporosis: 'unsure' }, true)(['routine', '--plan']);
    expect(r.status).toBe(0);
    const flat = r.stdout.replace(/\s+/g, ' ');
    expect(flat).toMatch(/1\. Light walking/);
    expect(flat).not.toMatch(/\d\. (Cat-cow|Child's pose|Pelvic tilt|Knee to chest|Glute bridge)/);
    expect(flat).toMatch(/Left out for you: cat-cow, child's pose and knee to chest \(osteoporosis: forward bends only as a physiotherapist has shown you\); pelvic tilt and glute bridge \(pregnancy/);
  });

  it('--only naming a left-out stretch: in the printed plan with a note, since only a physiotherapist can clear it', () => {
    const r = episode(100, { osteoporosis: true })(['routine', '--plan', '--only', 'childs-pose,glute-bridge']);
    expect(r.status).toBe(0);
    const flat = r.stdout.replace(/\s+/g, ' ');
    expect(flat).toMatch(/1\. Child's pose: .* 2\. Glute bridge/);
    expect(flat).toMatch(/Only if a physiotherapist has shown them to you: child's pose \(osteoporosis/);
    // Only child's pose named, with osteoporosis: printed with its note, not refused as empty.
    const alone = episode(100, { osteoporosis: true })(['routine', '--plan', '--only', 'childs-pose']);
    expect(alone.status).toBe(0);
    expect(alone.stdout).toMatch(/1\. Child's pose/);
  });

  it('the plank by name: refused in the first 72 hours, allowed after', () => {
    const early = episode(24)(['routine', '--plan', '--only', 'plank']);
    expect(early.status).toBe(2);
    expect(early.stderr).toMatch(/plank is for prevention, once the pain has settled; not in the first 72 hours/);
    expect(ids(episode(100)(['routine', '--plan', '--json', '--only', 'plank']).stdout)).toEqual(['plank']);
  });

  it('unknown precautions: a warning line, and the plan still prints', () => {
    const r = runBin(['routine', '--plan']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: the precautions have not been answered yet/);
  });

  it('--only', () => {
    const plan = JSON.parse(runBin(['routine', '--plan', '--json', '--only', 'childs-pose,cat-cow']).stdout) as { id: string }[];
    expect(plan.map((s) => s.id)).toEqual(['cat-cow', 'childs-pose']);
  });
});

describe('refusals: exit 2, nothing recorded', () => {
  it.each([
    [['routine'], /--plan/],
    [['routine', '--no-input'], /--plan/],
    [['routine', '--plan', '--only', 'cat-cwo'], /no stretch "cat-cwo". Did you mean "cat-cow"\?/],
    [['routine', '--plan', '--walk', '0'], /--walk/],
    [['routine', '--plan', '--walk', 'ten'], /--walk/],
    [['routine', '--plan', '--level', 'hard'], /Allowed choices are gentle, build/],
  ])('%j', (args, message) => {
    const home = join(tempDir(), 'state');
    const r = runBin(args, { env: { BACK_RELIEF_HOME: home } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(home)).toBe(false);
  });
});
