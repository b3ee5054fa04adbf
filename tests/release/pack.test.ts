/**
 * The package as a user gets it: `npm pack`, then `npm install -g` of the tarball into a temporary
 * prefix, offline. It must hold only what runs and work with no devDependencies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/run-bin.js';

const npm = (args: string[], cwd = ROOT) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });

describe('the packed tarball', () => {
  // --ignore-scripts: dist/ was built by `npm test`; rebuilding here would race the other test files.
  const out = tempDir('back-relief-pack-');
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', out])) as { filename: string; files: { path: string }[] }[];
  const tarball = join(out, packed!.filename);

  it('holds only what runs: bin, the built bundles, data, README, LICENSE, package.json', () => {
    const paths = packed!.files.map((f) => f.path).sort();
    for (const path of paths) expect(path).toMatch(/^(bin\/back-relief\.js|dist\/[a-z-]+\.js|dist\/cli\.(cjs|cache)|data\/[a-z-]+\.json|README\.md|LICENSE|package\.json)$/);
    for (const needed of ['bin/back-relief.js', 'dist/main.js', 'dist/cli.cjs', 'dist/cli.cache', 'data/red-flags.json', 'data/stretches.json', 'data/remedies.json', 'data/sources.json', 'data/precautions.json', 'README.md', 'LICENSE']) {
      expect(paths).toContain(needed);
    }
    expect(paths.some((p) => p.startsWith('src/') || p.startsWith('tests/'))).toBe(false);
  });

  it('installs globally offline into an empty prefix and works, with no dependencies at all', () => {
    const prefix = tempDir('back-relief-prefix-');
    npm(['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], tempDir());
    const bin = join(prefix, 'bin', 'back-relief');
    const run = (...args: string[]) => execFileSync(bin, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: tempDir() } });
    expect(run('--version').trim()).toBe(JSON.parse(npm(['pkg', 'get', 'version'])));
    expect(JSON.parse(run('stretches', '--json'))).toHaveLength(7);
    expect(run('red-flags')).toContain('EMERGENCY');
    const installed = join(prefix, 'lib', 'node_modules', 'back-relief');
    expect(existsSync(join(installed, 'dist', 'main.js'))).toBe(true);
    // Everything is bundled: not one package is installed beside it.
    expect(existsSync(join(installed, 'node_modules')) ? readdirSync(join(installed, 'node_modules')) : []).toEqual([]);
  });
});
