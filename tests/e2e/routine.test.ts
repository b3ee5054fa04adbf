/** routine --plan and the refusals, through the built binary. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, tempDir } from '../helpers/run-bin.js';

describe('routine --plan', () => {
  it('prints the steps and timings without running them', () => {
    const r = runBin(['routine', '--plan']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1\. Cat-cow \(cat-cow\): 5 slow breaths, 0:40/);
    expect(r.stdout).toMatch(/Knee to chest.*each side, then both/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('--json, with --walk and --level build', () => {
    const plan = JSON.parse(runBin(['routine', '--plan', '--json', '--walk', '5', '--level', 'build']).stdout) as { id: string; totalSeconds: number; phases: unknown[] }[];
    expect(plan.map((s) => s.id)).toEqual(['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge']);
    expect(plan[0]!.totalSeconds).toBe(300);
    expect(plan.find((s) => s.id === 'childs-pose')!.totalSeconds).toBe(60);
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
