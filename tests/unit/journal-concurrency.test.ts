/** Two terminals at once: two processes appending hundreds of records each lose nothing. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/store.js';
import { ROOT, tempDir } from '../helpers/run-bin.js';

function bundleChild(): string {
  const out = join(tempDir('back-relief-child-'), 'append-child.mjs');
  buildSync({ entryPoints: [join(ROOT, 'tests/helpers/append-child.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'silent' });
  return out;
}

function run(child: string, dir: string, writer: string, count: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, dir, writer, String(count)], { stdio: 'inherit' });
    p.on('error', reject);
    p.on('exit', resolve);
  });
}

describe('concurrent appends', () => {
  it('keeps every record of two writers, each line whole', async () => {
    const child = bundleChild();
    const dir = join(tempDir(), 'state');
    const count = 400;
    const codes = await Promise.all([run(child, dir, 'a', count), run(child, dir, 'b', count)]);
    expect(codes).toEqual([0, 0]);
    const result = new Journal(dir, () => new Date()).read();
    expect(result.unreadable).toBe(0);
    const notes = result.records.map((r) => (r as { note: string }).note);
    expect(notes).toHaveLength(2 * count);
    for (const writer of ['a', 'b']) {
      const mine = notes.filter((n) => n.startsWith(`${writer}-`)).map((n) => Number(n.slice(2)));
      // Every record of each writer, in that writer's own order.
      expect(mine).toEqual(Array.from({ length: count }, (_, i) => i));
    }
  });
});
