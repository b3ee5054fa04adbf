/**
 * The clinician's report as HTML (issue 14): self-contained and safe (no script, no request, every
 * journal string escaped), valid HTML, and rendered for real by headless Chromium to PDF (Letter
 * and A4) and PNG, where the text is read back and the chart is found drawn.
 * `UPDATE_DOCS=1` also writes the PNG of the sample week to docs/, for the README.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_PRECAUTIONS, seedJournal } from '../helpers/journal-lines.js';
import { has, needs } from '../helpers/programs.js';
import { ROOT, runBin, tempDir } from '../helpers/run-bin.js';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const HOSTILE = `could not stand <straight> & "bent" <script>alert(1)</script> <img src=x onerror=alert(2)>`;

/** A sample week: an onset, scores with a day missing and a day of 9 and 3, sessions, a routine, a note, a triage with a "not sure". */
function sampleWeek(note = HOSTILE): { dir: string; run: (args: string[], env?: Record<string, string>) => ReturnType<typeof runBin> } {
  const dir = join(tempDir(), 'state');
  const session = (kind: string, endedHoursAgo: number, seconds: number, outcome: string) => ({
    type: 'session',
    at: ago(endedHoursAgo),
    kind,
    startedAt: new Date(Date.now() - endedHoursAgo * HOUR - seconds * 1000).toISOString(),
    endedAt: ago(endedHoursAgo),
    plannedSeconds: 1200,
    actualSeconds: seconds,
    outcome,
  });
  seedJournal(dir, [
    NO_PRECAUTIONS,
    { type: 'onset', at: ago(144), onset: ago(146) },
    { type: 'pain', at: ago(143), score: 8, note },
    session('ice', 142, 1200, 'completed'),
    { type: 'pain', at: ago(120), score: 9 },
    { type: 'pain', at: ago(116), score: 3 },
    // No score on the day after: a gap.
    { type: 'pain', at: ago(72), score: 6 },
    session('heat', 71, 1080, 'interrupted'),
    { type: 'routine', at: ago(70), level: 'gentle', outcome: 'completed', steps: [{ id: 'walking', status: 'done' }, { id: 'cat-cow', status: 'done' }, { id: 'childs-pose', status: 'skipped' }] },
    { type: 'pain', at: ago(48), score: 5 },
    { type: 'pain', at: ago(24), score: 4 },
  ]);
  const run = (args: string[], env: Record<string, string> = {}) => runBin(args, { env: { BACK_RELIEF_HOME: dir, ...env } });
  // A triage with a "not sure", recorded as a person would.
  const ids = (JSON.parse(run(['red-flags', '--json']).stdout) as { id: string }[]).map((f) => f.id);
  const answers = join(tempDir(), 'answers.json');
  writeFileSync(answers, JSON.stringify({ onset: ago(146), painScore: 4, redFlags: Object.fromEntries(ids.map((id) => [id, id === 'night-pain'])) }));
  expect(run(['triage', '--answers', answers, '--record']).status).toBe(0);
  // An answers file holds yes or no; "not sure" comes from the prompts. The line as the prompts write it:
  const journal = join(dir, 'journal.jsonl');
  writeFileSync(journal, readFileSync(journal, 'utf8').replace('"night-pain":true', '"night-pain":"unsure"').replace('"because":"yes"', '"because":"unsure"'));
  expect(run(['check-in', '--signs', 'none', '--pain', '3']).status).toBe(0);
  return { dir, run };
}

let html = '';
let file = '';
beforeAll(() => {
  const week = sampleWeek();
  file = join(tempDir(), 'report.html');
  const r = week.run(['export', '--output', file]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toContain('(HTML)');
  html = readFileSync(file, 'utf8');
});

describe('the HTML report, as a file', () => {
  it('is self-contained: no script, no request, a policy that forbids both', () => {
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none'; base-uri 'none'; form-action 'none'">/);
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|<img|<[a-z][^>]*\ssrc=|url\(|@import/i);
    // The only addresses are the sources' links, to be followed by a reader, never loaded.
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="https:\/\//);
  });

  it('escapes every string from the journal', () => {
    expect(html).toContain('could not stand &lt;straight&gt; &amp; &quot;bent&quot; &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toContain('<straight>');
  });

  it('has the episode, every verdict with its "not sure", the chart, the days, the notes and the sources', () => {
    const text = html
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Episode');
    expect(text).toMatch(/Phase acute/);
    expect(text).toMatch(/triage BOOK A DOCTOR'S APPOINTMENT|triage SEE A DOCTOR TODAY/);
    expect(text).toMatch(/Pain at night or at rest/i);
    expect(text).toContain('check-in SELF-CARE');
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('no score');
    expect(text).toMatch(/heat, 18 min of 20 min, interrupted/);
    expect(text).toMatch(/stretch routine \(gentle\), completed; done: light walking, cat-cow; skipped or cut short: child's pose/);
    expect(text).toContain('Sources');
    expect(text).toContain('not medical advice');
  });

  it('lists each day\'s entries in the order they happened, whatever their kind', () => {
    // Fixed local times on one day three days back, so no hour of the clock moves one to another day.
    const day = new Date();
    day.setDate(day.getDate() - 3);
    const at = (hour: number, minute = 0) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute).toISOString();
    const dir = join(tempDir(), 'state');
    seedJournal(dir, [
      NO_PRECAUTIONS,
      { type: 'onset', at: at(8), onset: at(7) },
      { type: 'session', at: at(10, 50), kind: 'ice', startedAt: at(10, 30), endedAt: at(10, 50), plannedSeconds: 1200, actualSeconds: 1200, outcome: 'completed' },
      { type: 'pain', at: at(10), score: 6, note: 'before the ice' },
      { type: 'routine', at: at(9, 45), level: 'gentle', outcome: 'completed', steps: [{ id: 'walking', status: 'done' }] },
    ]);
    const report = runBin(['export', '--format', 'html'], { env: { BACK_RELIEF_HOME: dir } }).stdout;
    const days = [...report.matchAll(/<li><h3>[^<]+<\/h3><ul>(.*?)<\/ul><\/li>/g)].map((m) => [...m[1]!.matchAll(/<li>(\d\d:\d\d): ([a-z ]+)/g)].map((t) => `${t[1]} ${t[2]!.trim()}`));
    expect(days).toEqual([['09:45 stretch routine', '10:00 note', '10:30 ice']]);
  });

  it.each([
    ['UTC0', 'Times are in UTC+00:00.'],
    ['JST-9', 'Times are in UTC+09:00.'],
    ['Europe/Paris', /Times are in the time zone Europe\/Paris \(UTC\+0[12]:00\)\./],
  ])('TZ=%s (a POSIX rule has no zone name): every format says the zone', (tz, sentence) => {
    const week = sampleWeek();
    for (const format of ['html', 'md']) {
      const r = week.run(['export', '--format', format], { TZ: tz });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.replace(/\s+/g, ' ')).toMatch(typeof sentence === 'string' ? new RegExp(sentence.replace(/[.+]/g, '\\$&')) : sentence);
    }
    const json = JSON.parse(week.run(['export', '--format', 'json'], { TZ: tz }).stdout) as { timeZone: { name: string } };
    expect(json.timeZone.name).toMatch(/^(UTC[+-]\d\d:\d\d|Europe\/Paris)$/);
  });

  it('is valid HTML (html-validate, recommended rules)', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const report = await validator.validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`))).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('--format html, or the name .html / .htm, chooses it; a mismatch is refused', () => {
    const week = sampleWeek();
    expect(week.run(['export', '--format', 'html']).stdout).toMatch(/^<!DOCTYPE html>/);
    const htm = join(tempDir(), 'r.htm');
    expect(week.run(['export', '--output', htm]).status).toBe(0);
    expect(readFileSync(htm, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // A file called only ".html" is HTML too; "-" is standard output, as for --answers.
    const dir = tempDir();
    expect(week.run(['export', '--output', join(dir, '.html')]).status).toBe(0);
    expect(readFileSync(join(dir, '.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const dash = week.run(['export', '--output', '-', '--format', 'json'], {});
    expect(dash.status).toBe(0);
    expect(JSON.parse(dash.stdout)).toHaveProperty('timeZone');
    expect(week.run(['export', '--output', '-']).stdout).toMatch(/^# Back pain summary/);
    const bad = week.run(['export', '--format', 'md', '--output', join(tempDir(), 'r.html')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format md does not match "r\.html"/);
  });
});

const BROWSER = has('chromium-headless-shell') ? 'chromium-headless-shell' : 'chromium';
const RENDER = needs(BROWSER, 'pdftotext', 'pdftoppm', 'pdfinfo');

/** Chromium, headless, with no sandbox (root in a container) and nothing from the network. */
function chromium(args: string[]): void {
  const r = spawnSync(BROWSER, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--disable-background-networking', ...args], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
}

/** The pixels of one page of a PDF, as RGB bytes, from pdftoppm's PPM output. */
function pagePixels(pdf: string, page: number): { width: number; height: number; rgb: Buffer } {
  const ppm = execFileSync('pdftoppm', ['-r', '60', '-f', String(page), '-l', String(page), pdf], { maxBuffer: 64 * 1024 * 1024 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
}

/** How many pixels are close to a colour: the chart's blue (#0b5cad) is found nowhere else on the page but the verdict words. */
function pixelsNear(rgb: Buffer, [r, g, b]: [number, number, number]): number {
  let n = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) if (Math.abs(rgb[i]! - r) < 40 && Math.abs(rgb[i + 1]! - g) < 40 && Math.abs(rgb[i + 2]! - b) < 40) n++;
  return n;
}

describe.skipIf(RENDER.skip)(RENDER.title('rendered by headless Chromium'), () => {
  it('to PDF on Letter and on A4: all the text there, the chart drawn', () => {
    const dir = tempDir('back-relief-render-');
    // The same report with the page size fixed: a copy whose policy lets the extra rule in.
    const a4 = join(dir, 'a4.html');
    writeFileSync(a4, html.replace(/style-src '[^']+'/, "style-src 'unsafe-inline'").replace('</head>', '<style>@page { size: A4; }</style>\n</head>'));
    for (const [page, source, size] of [['Letter', file, /612 x 792 pts/], ['A4', a4, /\(A4\)/]] as const) {
      const pdf = join(dir, `${page}.pdf`);
      chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${source}`]);
      expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), page).toMatch(size);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const words of ['Back pain summary', 'Warning-sign screens', 'Pain scores, 0 to 10', 'the bar is the day\'s range', 'could not stand <straight> & "bent"', 'Sessions, routines and notes, day by day', 'Sources', 'not medical advice']) {
        expect(text, `${page}: ${words}`).toContain(words);
      }
      // The chart: the blue of its points and line fills many pixels on one of the pages.
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      const blue = Array.from({ length: pages }, (_, i) => pixelsNear(pagePixels(pdf, i + 1).rgb, [11, 92, 173]));
      expect(Math.max(...blue), `${page}: ${blue.join(', ')}`).toBeGreaterThan(150);
    }
  });

  it('a long unbroken note (a web address) wraps: all of it printed, none cut off at the page edge', () => {
    const dir = tempDir('back-relief-render-');
    const long = `see https://example.org/${'a'.repeat(440)}`;
    const report = join(dir, 'long.html');
    expect(sampleWeek(long).run(['export', '--output', report]).status).toBe(0);
    const pdf = join(dir, 'long.pdf');
    chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${report}`]);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(long.replace(/\s+/g, ''));
  });

  it('to PNG, as a phone and as a desktop screen', () => {
    const dir = tempDir('back-relief-render-');
    for (const [name, size] of [['phone', '390,1600'], ['desktop', '820,1800']] as const) {
      const png = join(dir, `${name}.png`);
      chromium([`--window-size=${size}`, `--screenshot=${png}`, `file://${file}`]);
      const bytes = readFileSync(png);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR: the width the page was laid out at.
      expect(bytes.readUInt32BE(16)).toBe(Number(size.split(',')[0]));
      expect(bytes.length).toBeGreaterThan(20_000);
    }
    // The picture in the README: the same week, with a note a person would write.
    if (process.env.UPDATE_DOCS === '1') {
      const report = join(dir, 'sample.html');
      expect(sampleWeek('could not stand straight after lifting a box').run(['export', '--output', report]).status).toBe(0);
      const png = join(dir, 'sample.png');
      chromium(['--window-size=820,1800', `--screenshot=${png}`, `file://${report}`]);
      copyFileSync(png, join(ROOT, 'docs', 'report-sample.png'));
    }
  });
});
