// Preloaded by the timer benchmark: at exit, writes this process's CPU time and peak memory to the
// file named by BACK_RELIEF_BENCH_PROBE.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const file = process.env.BACK_RELIEF_BENCH_PROBE;
  if (!file) return;
  const cpu = process.cpuUsage();
  writeFileSync(file, JSON.stringify({ userUs: cpu.user, systemUs: cpu.system, maxRssKiB: process.resourceUsage().maxRSS, endedAtMs: Date.now() }));
});
