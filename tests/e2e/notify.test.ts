/**
 * Desktop notifications for real (issue 14): a notification daemon (dunst) on a virtual X display
 * (Xvfb) in its own D-Bus session receives what a timer sends, and gives it back with
 * `dunstctl history`. Skipped, with the reason, where these programs are missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { DATA_DIR } from '../helpers/fake-env.js';
import { NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { needs } from '../helpers/programs.js';
import { BIN, tempDir } from '../helpers/run-bin.js';

const DESKTOP = needs('Xvfb', 'dunst', 'dunstctl', 'dbus-run-session', 'notify-send', 'script', 'mkfifo');

interface Received {
  summary: string;
  body: string;
  appname: string;
}

/**
 * Runs the binary inside a fresh D-Bus session with Xvfb and dunst, then returns every notification
 * dunst received. `path` replaces PATH for the program only (to take notify-send away).
 */
function underDaemon(args: string[], env: Record<string, string>, path = process.env.PATH ?? '', settings?: string, tty = false): { status: number; received: Received[]; stderr: string } {
  const dir = tempDir('back-relief-notify-');
  const state = join(dir, 'state');
  seedJournal(state, [NO_PRECAUTIONS]);
  if (settings !== undefined) {
    mkdirSync(join(dir, 'config', 'back-relief'), { recursive: true });
    writeFileSync(join(dir, 'config', 'back-relief', 'config.json'), settings);
  }
  const script = join(dir, 'run.sh');
  // Xvfb picks a free display and writes its number on fd 3; dunst draws there; dunstctl moves
  // what is on screen into the history and prints it as JSON.
  writeFileSync(
    script,
    `set -u
Xvfb -displayfd 3 -screen 0 640x480x24 3>"${dir}/display" >/dev/null 2>&1 &
xvfb=$!
for i in $(seq 50); do [ -s "${dir}/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "${dir}/display")"
dunst >/dev/null 2>&1 &
dunst=$!
for i in $(seq 50); do dunstctl is-paused >/dev/null 2>&1 && break; sleep 0.1; done
${
      tty
        ? // In a terminal (the routine needs one), kept open by a writer that never writes.
          `mkfifo "${dir}/in"; sleep 60 >"${dir}/in" & holder=$!
script -qec "env PATH='$PROGRAM_PATH' '$NODE' '$BIN' ${args.map((a) => `'${a}'`).join(' ')}" /dev/null <"${dir}/in" >"${dir}/out" 2>"${dir}/err"
echo $? >"${dir}/status"
kill $holder`
        : `env PATH="$PROGRAM_PATH" "$NODE" "$BIN" "$@" >"${dir}/out" 2>"${dir}/err"
echo $? >"${dir}/status"`
    }
sleep 0.5
dunstctl close-all
sleep 0.2
dunstctl history
kill $dunst $xvfb 2>/dev/null
`,
  );
  const result = spawnSync('dbus-run-session', ['--', 'sh', script, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE: process.execPath, BIN, PROGRAM_PATH: path, BACK_RELIEF_HOME: state, XDG_CONFIG_HOME: join(dir, 'config'), NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const history = JSON.parse(result.stdout) as { data: Record<string, { data: string }>[][] };
  const received = history.data.flat().map((n) => ({ summary: n.summary!.data, body: n.body!.data, appname: n.appname!.data }));
  const read = (name: string) => spawnSync('cat', [join(dir, name)], { encoding: 'utf8' }).stdout;
  return { status: Number(read('status')), received, stderr: read('err') };
}

describe.skipIf(DESKTOP.skip)(DESKTOP.title('desktop notifications through a real daemon'), () => {
  it('the end of a session is received by the daemon, with its words', () => {
    const { status, received } = underDaemon(['ice', '--duration', '1s'], { BACK_RELIEF_NOTIFY: '1' });
    expect(status).toBe(0);
    expect(received).toEqual([{ appname: 'back-relief', summary: 'back-relief: ice done', body: expect.stringMatching(/^Ice done at \d\d:\d\d\. Take the cold pack off\.$/) }]);
  });

  it.each([
    ['--no-notify', ['--no-notify'], { BACK_RELIEF_NOTIFY: '1' }],
    ['BACK_RELIEF_NOTIFY=0', [], { BACK_RELIEF_NOTIFY: '0' }],
    ['no terminal and nothing asked for', [], {}],
  ] as const)('none with %s', (_name, flags, env) => {
    const { status, received } = underDaemon(['ice', '--duration', '1s', ...flags], { ...env });
    expect(status).toBe(0);
    expect(received).toEqual([]);
  });

  // Two short stretches, each with its 5-second announced pause: about 25 seconds in all.
  it('routine --auto: one as each stretch ends, naming the next', { timeout: 70_000 }, () => {
    const data = tempDir('back-relief-data-');
    const builtIn = loadContent(['stretches'], { builtin: DATA_DIR }).stretches;
    const short = builtIn.filter((s) => s.id === 'childs-pose' || s.id === 'knee-to-chest').map((s) => ({ ...s, dose: { ...s.dose, holdSeconds: { min: 2, max: 2 } } }));
    writeFileSync(join(data, 'stretches.json'), JSON.stringify(short));
    const { status, received, stderr } = underDaemon(['routine', '--auto', '--only', 'childs-pose,knee-to-chest', '--data-dir', data, '--plain'], { BACK_RELIEF_NOTIFY: '1' }, process.env.PATH, undefined, true);
    expect(status, stderr).toBe(0);
    // dunstctl history lists the newest first.
    expect(received.map((n) => [n.summary, n.body]).reverse()).toEqual([
      ["back-relief: Child's pose done", 'Next: Knee to chest, in 5 seconds.'],
      ['back-relief: Knee to chest done', 'The routine is complete.'],
    ]);
  });

  it('the setting turns them off as the flag does', () => {
    const { status, received } = underDaemon(['ice', '--duration', '1s'], {}, process.env.PATH, '{ "notify": false }');
    expect(status).toBe(0);
    expect(received).toEqual([]);
  });

  it('a notifier that fails is silent too: exit 0, nothing on stderr', () => {
    const bin = tempDir('back-relief-path-');
    symlinkSync(process.execPath, join(bin, 'node'));
    writeFileSync(join(bin, 'notify-send'), '#!/bin/sh\necho "notify-send: cannot connect" >&2\nexit 1\n', { mode: 0o755 });
    const { status, received, stderr } = underDaemon(['ice', '--duration', '1s'], { BACK_RELIEF_NOTIFY: '1' }, bin);
    expect(status).toBe(0);
    expect(received).toEqual([]);
    expect(stderr).toBe('');
  });

  it('a missing notifier is silent: the session ends as usual', () => {
    // A PATH without notify-send: a folder that holds only node.
    const bin = tempDir('back-relief-path-');
    symlinkSync(process.execPath, join(bin, 'node'));
    const { status, received, stderr } = underDaemon(['ice', '--duration', '1s'], { BACK_RELIEF_NOTIFY: '1' }, bin);
    expect(status).toBe(0);
    expect(received).toEqual([]);
    expect(stderr).toBe('');
  });
});
