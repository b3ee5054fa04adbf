// Part of `npm run bench`: a 60-second ice session in a real pseudo-terminal (tmux), beside a plain
// `sleep 60`. Reports the CPU the timer uses beyond its own start-up, as a share of one core, and
// how far from 60 s after its start the session really ended.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/back-relief.js');
const probe = join(root, 'scripts/cpu-probe.cjs');
const seconds = Number(process.env.BENCH_TIMER_SECONDS) || 60;
const work = mkdtempSync(join(tmpdir(), 'back-relief-bench-timer-'));

if (spawnSync('tmux', ['-V']).status !== 0) {
  console.log('\nTimer benchmark skipped: tmux is not installed (apt-get install tmux).');
} else {
  // Start-up CPU of the same binary, to subtract.
  const startupFile = join(work, 'startup.json');
  spawnSync(process.execPath, ['--require', probe, bin, '--version'], { env: { ...process.env, BACK_RELIEF_BENCH_PROBE: startupFile } });
  const startup = JSON.parse(readFileSync(startupFile, 'utf8'));

  const socket = `back-relief-bench-${process.pid}`;
  const tmux = (...args) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  const timerFile = join(work, 'timer.json');
  const sleepFile = join(work, 'sleep.txt');
  const home = join(work, 'home');
  // The precautions answered, so the session starts at once instead of asking them.
  mkdirSync(home, { mode: 0o700 });
  const precautions = { 'skin-sensation': false, circulation: false, 'broken-skin': false, osteoporosis: false };
  writeFileSync(join(home, 'journal.jsonl'), `${JSON.stringify({ type: 'precautions', at: new Date().toISOString(), answers: precautions, pregnancy: false })}\n`, { mode: 0o600 });
  const timerCmd = `env BACK_RELIEF_HOME=${home} BACK_RELIEF_BENCH_PROBE=${timerFile} ${process.execPath} --require ${probe} ${bin} ice --duration ${seconds}s --no-bell --force`;
  const sleepCmd = `/usr/bin/env bash -c 'TIMEFORMAT="%U %S %R"; { time sleep ${seconds}; } 2> ${sleepFile}'`;
  tmux('new-session', '-d', '-x', '100', '-y', '20', `${timerCmd}; sleep 5`);
  tmux('new-window', '-d', `${sleepCmd}; sleep 5`);
  const deadline = Date.now() + (seconds + 30) * 1000;
  while (!(existsSync(timerFile) && existsSync(sleepFile) && readFileSync(sleepFile, 'utf8').trim()) && Date.now() < deadline) {
    execFileSync('sleep', ['0.5']);
  }
  try {
    tmux('kill-server');
  } catch {}
  const timer = JSON.parse(readFileSync(timerFile, 'utf8'));
  const [sleepUser, sleepSys] = readFileSync(sleepFile, 'utf8').trim().split(/\s+/).map(Number);
  const session = readFileSync(join(home, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.type === 'session');
  const cpuMs = (timer.userUs + timer.systemUs) / 1000;
  const startupMs = (startup.userUs + startup.systemUs) / 1000;
  const steadyMs = Math.max(0, cpuMs - startupMs);
  const endErrorMs = timer.endedAtMs - Date.parse(session.startedAt) - seconds * 1000;
  console.log('');
  console.log(`Timer: a ${seconds}-second ice session in a pseudo-terminal (tmux), beside sleep ${seconds}`);
  console.log(`  timer CPU ${cpuMs.toFixed(0)} ms in all, start-up ${startupMs.toFixed(0)} ms, the rest ${steadyMs.toFixed(0)} ms = ${((steadyMs / (seconds * 1000)) * 100).toFixed(3)}% of one core (target under 1%)`);
  console.log(`  sleep CPU ${((sleepUser + sleepSys) * 1000).toFixed(0)} ms`);
  console.log(`  end error: the process ended ${endErrorMs.toFixed(0)} ms after ${seconds} s from the session start (target under 100 ms)`);
  console.log(`  peak memory of the timer: ${(timer.maxRssKiB / 1024).toFixed(1)} MiB; journal line: ${session.outcome}, ${session.actualSeconds} s`);
}
rmSync(work, { recursive: true, force: true });
