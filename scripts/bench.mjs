// npm run bench: cold start of the common commands against plain `node -e 0`, as ratios of medians,
// and the peak memory of each. Runs alternate (a, b, c, d, a, b, ...) so drift in machine load
// touches every command alike. This is a benchmark to read, not a test that fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/back-relief.js');
const runs = Math.max(10, Number(process.env.BENCH_RUNS) || 20);
const home = mkdtempSync(join(tmpdir(), 'back-relief-bench-'));
const env = { ...process.env, NO_COLOR: '1', BACK_RELIEF_HOME: home };
const rssProbe = join(root, 'scripts/rss-probe.cjs');

// The floor for any ESM command-line tool: a bin that imports one module that writes one line.
const floor = mkdtempSync(join(tmpdir(), 'back-relief-bench-floor-'));
mkdirSync(join(floor, 'bin'));
mkdirSync(join(floor, 'dist'));
writeFileSync(join(floor, 'package.json'), '{"type":"module"}');
writeFileSync(join(floor, 'bin/cli.js'), "#!/usr/bin/env node\nimport '../dist/main.js';\n");
writeFileSync(join(floor, 'dist/main.js'), "process.stdout.write('ok\\n');\n");

const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: '(floor: an empty ESM bin)', args: [join(floor, 'bin/cli.js')], reference: true },
  { name: 'back-relief --help', args: [bin, '--help'] },
  { name: 'back-relief stretches', args: [bin, 'stretches'] },
  { name: 'back-relief red-flags --json', args: [bin, 'red-flags', '--json'] },
];

function once(args, extra = []) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...extra, ...args], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, stderr: result.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Warm the file cache so the first measured run is not a disk read.
for (const c of cases) once(c.args);
const times = cases.map(() => []);
for (let i = 0; i < runs; i++) cases.forEach((c, k) => times[k].push(once(c.args).ms));

// Peak memory: the child reports its own maxRSS at exit through a preloaded probe (separate runs, so
// the probe never touches the timings).
const peaks = cases.map((c) => {
  const { stderr } = once(c.args, ['--require', rssProbe]);
  const match = /back-relief-bench-maxrss=(\d+)/.exec(stderr);
  return match ? Number(match[1]) / 1024 : NaN;
});

const base = median(times[0]);
// Each round's own ratio to the `node -e 0` run beside it, then their median: a machine whose load
// drifts (other tenants, on a shared host) moves both runs of a round alike, so this ratio holds
// still where the ratio of the two medians swings by 0.1 from one bench to the next.
const paired = (k) => median(times[k].map((t, i) => t / times[0][i]));
console.log(`Cold start, median of ${runs} alternating runs, Node ${process.version}`);
console.log('');
console.log(`${'command'.padEnd(30)} ${'median ms'.padStart(10)} ${'ratio'.padStart(7)} ${'paired'.padStart(7)} ${'peak MiB'.padStart(9)}`);
cases.forEach((c, k) => {
  const m = median(times[k]);
  console.log(
    `${c.name.padEnd(30)} ${m.toFixed(1).padStart(10)} ${(m / base).toFixed(2).padStart(7)} ${paired(k).toFixed(2).padStart(7)} ${peaks[k].toFixed(1).padStart(9)}`,
  );
});
console.log('(ratio: of the medians; paired: the median of each round\'s ratio to node -e 0)');
const worst = Math.max(...cases.map((c, k) => (k === 0 || c.reference ? 0 : paired(k))));
const worstPeak = Math.max(...peaks);
console.log('');
console.log(`Worst paired ratio ${worst.toFixed(2)} (target at most 1.30); peak memory ${worstPeak.toFixed(1)} MiB (target at most 60).`);

rmSync(home, { recursive: true, force: true });
rmSync(floor, { recursive: true, force: true });

await import('./bench-timer.mjs');
