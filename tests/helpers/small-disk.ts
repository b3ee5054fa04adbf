/**
 * A tiny file system (tmpfs) that fills up after a few kilobytes, for output cut short by a full
 * disk. Mounting needs root (and a container allowed to mount); elsewhere the tests that need it skip
 * with the reason, written once on stderr as tests/helpers/programs.ts does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type SmallDisk = { dir: string; unmount(): void; reason?: undefined } | { reason: string };

export function smallDisk(kilobytes: number): SmallDisk {
  if (process.getuid?.() !== 0) return skipped('mounting a small tmpfs needs root');
  const dir = mkdtempSync(join(tmpdir(), 'back-relief-small-disk-'));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mount.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return skipped(`mount -t tmpfs failed (${(mount.stderr || mount.error?.message || 'no reason given').trim()})`);
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function skipped(reason: string): SmallDisk {
  process.stderr.write(`back-relief tests: skipping the tests that need a full disk: ${reason}\n`);
  return { reason };
}
