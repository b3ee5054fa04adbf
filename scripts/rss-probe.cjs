// Preloaded by the benchmark: reports this process's peak resident memory (KiB) on stderr at exit.
process.on('exit', () => {
  process.stderr.write(`back-relief-bench-maxrss=${process.resourceUsage().maxRSS}\n`);
});
