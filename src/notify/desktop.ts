/**
 * Desktop notifications, so a timer in a background terminal still reaches the person: notify-send
 * (libnotify) on Linux, osascript on macOS, a PowerShell toast on Windows. Fire and forget: the
 * notifier runs on its own and a missing or failing one is silent (the bell still rings). The text
 * is our own, but it is cleaned of control characters all the same, and it never passes through a
 * shell: each notifier gets it as an argument or an environment variable.
 */
import { spawn } from 'node:child_process';

export interface Notification {
  title: string;
  body: string;
}

const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 300);

/** The program and its arguments for this platform, or null where there is none. */
export function notifierCommand(platform: NodeJS.Platform, note: Notification): { command: string; args: string[]; env?: Record<string, string> } | null {
  const title = clean(note.title);
  const body = clean(note.body);
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return { command: 'notify-send', args: ['--app-name=back-relief', title, body] };
    case 'darwin':
      // AppleScript reads the text from the arguments: nothing of it is ever parsed as script.
      return { command: 'osascript', args: ['-e', 'on run argv', '-e', 'display notification (item 2 of argv) with title (item 1 of argv)', '-e', 'end run', title, body] };
    case 'win32':
      return {
        command: 'powershell.exe',
        args: [
          '-NoProfile',
          '-NonInteractive',
          '-Command',
          [
            '$t = [Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02)',
            '$n = $t.GetElementsByTagName("text")',
            '[void]$n.Item(0).AppendChild($t.CreateTextNode($env:BACK_RELIEF_TITLE))',
            '[void]$n.Item(1).AppendChild($t.CreateTextNode($env:BACK_RELIEF_BODY))',
            '[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier("back-relief").Show([Windows.UI.Notifications.ToastNotification]::new($t))',
          ].join('; '),
        ],
        env: { BACK_RELIEF_TITLE: title, BACK_RELIEF_BODY: body },
      };
    default:
      return null;
  }
}

/**
 * Sends it. The notifier is detached and unreferenced: it outlives a run that ends at once (the
 * last session's end), and never keeps the run waiting.
 */
export function notify(platform: NodeJS.Platform, env: Record<string, string | undefined>, note: Notification): void {
  const spec = notifierCommand(platform, note);
  if (!spec) return;
  try {
    const child = spawn(spec.command, spec.args, { detached: true, stdio: 'ignore', env: { ...env, ...spec.env } as NodeJS.ProcessEnv });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No notifier here: the bell is enough.
  }
}

/**
 * Whether to notify: the `notify` setting on, and either the display is a terminal (a person is
 * there) or BACK_RELIEF_NOTIFY / --notify asked for it outright (a script, or the test with a real
 * notification daemon).
 */
export function wantsNotifications(setting: { value: boolean; source: string }, screenIsTerminal: boolean): boolean {
  if (!setting.value) return false;
  return screenIsTerminal || setting.source === 'environment' || setting.source === 'flag';
}
