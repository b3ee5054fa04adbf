/**
 * The summary for a clinician as one HTML file: no script, no request to anywhere (a
 * Content-Security-Policy forbids both), the chart drawn in inline SVG. Readable on a phone,
 * printable on A4 or Letter. Every string that comes from the journal or the content is escaped.
 */
import { createHash } from 'node:crypto';
import { format, startOfDay } from 'date-fns';
import type { Source } from '../content/schema.js';
import { painOf } from '../decision/episode.js';
import { historyPainDays, type PainDay } from '../decision/pain-days.js';
import { scoreText } from './chart.js';
import { timeOfDay } from './dates.js';
import { exportJson, latest, timeZoneSentence, type SummaryInput } from './export.js';
import { LEVEL_TITLE, NOT_MEDICAL_ADVICE } from './labels.js';
import { words } from './layout.js';
import { count, lengthText } from '../text/durations.js';

export interface HtmlInput extends SummaryInput {
  /** The sources behind what the report shows (the signs reported, the care advised). */
  sources: readonly Source[];
  /** A stretch id as its name reads in a sentence ("child's pose"). */
  stretchName?: (id: string) => string;
  /** The summary, when the caller has made it already. */
  json?: ReturnType<typeof exportJson>;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text for an element or an attribute: nothing in it can open a tag or close a quote. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const when = (iso: string) => `${format(new Date(iso), 'EEE d MMM yyyy')}, ${timeOfDay(new Date(iso))}`;
const dayLabel = (date: Date) => format(date, 'EEE d MMM');

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --range: #8fb8e8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; overflow-wrap: break-word; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 0.6rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.3rem; }
.meta, figcaption, .note { color: var(--muted); font-size: 0.9rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; }
th { background: #f6f8fa; }
tr { break-inside: avoid; }
.level { font-weight: 700; white-space: nowrap; }
.level-emergency { color: #a40e26; }
.level-urgent { color: #8a4600; }
.level-doctor { color: #0b5cad; }
.level-self-care { color: #1a7f37; }
figure { margin: 0; }
svg { width: 100%; height: auto; max-height: 22rem; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.axis { stroke: var(--muted); stroke-width: 1; }
.grid { stroke: var(--line); stroke-width: 1; }
.range { stroke: var(--range); stroke-width: 6; stroke-linecap: round; }
.mean { stroke: var(--accent); stroke-width: 2; fill: none; }
.score { fill: var(--accent); }
.gap { fill: var(--muted); }
ul.days { list-style: none; padding: 0; margin: 0; }
ul.days > li { margin: 0 0 0.8rem; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: 0.6rem; color: var(--muted); font-size: 0.9rem; }
@media (max-width: 30rem) { body { font-size: 15px; } main { padding: 0.6rem; } dl { grid-template-columns: 1fr; } dt { margin-top: 0.4rem; } }
@media print {
  @page { margin: 15mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .table { overflow: visible; }
  h2 { break-after: avoid; }
  figure, table { break-inside: avoid; }
}
`;

/** The chart: a point per score, each day's range as a bar, the averages joined, a day without a score left empty. */
export function painSvg(days: readonly PainDay[]): string {
  const left = 34;
  const top = 12;
  const plotHeight = 200;
  const step = Math.max(14, Math.min(48, Math.floor(640 / Math.max(1, days.length))));
  const width = left + step * days.length + 12;
  const height = top + plotHeight + 44;
  const y = (score: number) => top + plotHeight - (score / 10) * plotHeight;
  const x = (i: number) => left + step * i + step / 2;
  const out: string[] = [];
  const scored = days.filter((d) => d.mean !== null).length;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="pain-title pain-desc">`,
    `<title id="pain-title">Pain by day, 0 to 10</title>`,
    `<desc id="pain-desc">${escapeHtml(`${count(days.length, 'day')} from ${dayLabel(days[0]!.start)} to ${dayLabel(days.at(-1)!.start)}; ${count(scored, 'day')} with a score. Each point is one score; the bar is the day's range; the line joins the daily averages and breaks on a day without a score.`)}</desc>`,
  );
  for (const tick of [0, 5, 10]) {
    out.push(`<line class="grid" x1="${left}" y1="${y(tick)}" x2="${width - 8}" y2="${y(tick)}"/>`, `<text x="${left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`);
  }
  out.push(`<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${top + plotHeight}"/>`, `<line class="axis" x1="${left}" y1="${top + plotHeight}" x2="${width - 8}" y2="${top + plotHeight}"/>`);
  // Date labels: every day when there is room, else every few days, and always the last.
  const every = Math.ceil(44 / step);
  days.forEach((d, i) => {
    if (i % every === 0 || i === days.length - 1) out.push(`<text x="${x(i)}" y="${top + plotHeight + 16}" text-anchor="middle">${escapeHtml(format(d.start, 'd MMM'))}</text>`);
  });
  // The averages, joined day to day; a day without a score breaks the line.
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) out.push(`<polyline class="mean" points="${run.join(' ')}"/>`);
    run = [];
  };
  days.forEach((d, i) => {
    if (d.mean === null) {
      flush();
      out.push(`<circle class="gap" cx="${x(i)}" cy="${top + plotHeight + 28}" r="2"><title>${escapeHtml(`${dayLabel(d.start)}: no score`)}</title></circle>`);
      return;
    }
    run.push(`${x(i)},${y(d.mean)}`);
    if (d.max! > d.min!) out.push(`<line class="range" x1="${x(i)}" y1="${y(d.min!)}" x2="${x(i)}" y2="${y(d.max!)}"/>`);
    // A point for each score given that day; the same score twice is one point (with how many), so
    // a day of many scores draws at most eleven.
    const times = new Map<number, number>();
    for (const score of d.scores) times.set(score, (times.get(score) ?? 0) + 1);
    for (const [score, n] of times) out.push(`<circle class="score" cx="${x(i)}" cy="${y(score)}" r="3.5"><title>${escapeHtml(`${dayLabel(d.start)}: ${score}${n > 1 ? ` (${n} times)` : ''}`)}</title></circle>`);
  });
  flush();
  out.push('</svg>');
  return out.join('\n');
}

function table(head: string[], rows: string[][]): string {
  return `<div class="table"><table>\n<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>\n<tbody>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}\n</tbody></table></div>`;
}

export function exportHtml(input: HtmlInput): string {
  const s = input.json ?? exportJson(input);
  const e = escapeHtml;
  const named = (ids: readonly string[]) => ids.map((id) => e(input.flagName(id))).join('; ');
  const body: string[] = [];
  body.push('<h1>Back pain summary</h1>');
  body.push(`<p class="meta">Generated ${e(when(s.generatedAt))} by back-relief from the person's own journal: a self-report, not a clinical record. ${e(timeZoneSentence(s.timeZone))}</p>`);

  body.push('<section aria-labelledby="episode"><h2 id="episode">Episode</h2><dl>');
  if (s.onset) {
    body.push(`<dt>Started</dt><dd>${e(when(s.onset.at))}${s.onset.approximate ? ' (approximately)' : ''}</dd>`);
    body.push(`<dt>Time since</dt><dd>${s.hoursSinceOnset === null ? "not known: the onset is ahead of the computer's clock" : e(`${count(Math.round(s.hoursSinceOnset / 24), 'day')} (${count(Math.round(s.hoursSinceOnset), 'hour')})`)}</dd>`);
    body.push(`<dt>Phase</dt><dd>${e(s.phase)} (acute under 4 weeks, subacute 4 to 12 weeks, chronic over 12 weeks)</dd>`);
  } else body.push('<dt>Started</dt><dd>not recorded</dd>');
  body.push('</dl></section>');

  body.push('<section aria-labelledby="screens"><h2 id="screens">Warning-sign screens</h2>');
  if (s.redFlagScreens.length === 0) body.push('<p>No screens recorded.</p>');
  else {
    body.push(
      table(
        ['When', 'Screen', 'Verdict', 'Signs reported', 'Not sure'],
        s.redFlagScreens.map((r) => [
          e(when(r.at)),
          e(r.source),
          `<span class="level level-${e(r.level)}">${e(LEVEL_TITLE[r.level as keyof typeof LEVEL_TITLE] ?? r.level)}</span>`,
          [named(r.yes), ...r.derived.map((id) => `${e(input.flagName(id))} (derived)`)].filter(Boolean).join('; ') || 'none',
          named(r.unsure) || '-',
        ]),
      ),
    );
  }
  body.push('</section>');

  body.push('<section aria-labelledby="precautions"><h2 id="precautions">Precautions</h2><ul>');
  const { applying, pregnancy } = s.precautions;
  body.push(`<li>${applying === null ? 'Not answered yet.' : applying.length ? `Apply (yes or not sure): ${applying.map((id) => e(input.precautionName(id))).join('; ')}` : 'None applies.'}</li>`);
  if (pregnancy !== null) body.push(`<li>Pregnant or gave birth in the last 6 weeks: ${pregnancy ? 'yes or not sure' : 'no'}.</li>`);
  body.push('</ul></section>');

  body.push('<section aria-labelledby="pain"><h2 id="pain">Pain scores, 0 to 10</h2>');
  if (s.pain.length === 0) body.push('<p>No scores recorded.</p>');
  else {
    const days = historyPainDays(painOf(input.records), input.now);
    body.push(`<figure>${painSvg(days)}<figcaption>Each point is one score; the bar is the day's range (lowest to highest); the line joins the daily averages and breaks on a day without a score (a dot below the axis).</figcaption></figure>`);
    body.push(table(['Day', 'Average', 'Range', 'Scores'], days.map((d) => [e(dayLabel(d.start)), d.mean === null ? 'no score' : scoreText(d.mean), d.mean === null ? '-' : d.min === d.max ? String(d.min) : `${d.min} to ${d.max}`, d.scores.length > 12 ? `${d.scores.length} scores` : d.scores.join(', ') || '-'])));
  }
  body.push('</section>');

  body.push('<section aria-labelledby="by-day"><h2 id="by-day">Sessions, routines and notes, day by day</h2>');
  // Each day's entries in the order they happened, whatever their kind.
  const byDay = new Map<number, { at: number; html: string }[]>();
  const add = (iso: string, html: string) => {
    const at = new Date(iso);
    const key = startOfDay(at).getTime();
    const list = byDay.get(key) ?? [];
    list.push({ at: at.getTime(), html });
    byDay.set(key, list);
  };
  const capped = (count_: number, shown: number, what: string) => (shown < count_ ? [`<p class="note">The last ${shown} of ${count_} ${what} are listed; --format json has them all.</p>`] : []);
  const notes = latest(s.notes);
  body.push(...capped(s.notes.length, notes.length, 'notes'));
  for (const x of latest(s.sessions)) add(x.startedAt, `${e(timeOfDay(new Date(x.startedAt)))}: ${x.kind === 'ice' ? 'ice' : 'heat'}, ${e(lengthText(x.actualSeconds))} of ${e(lengthText(x.plannedSeconds))}, ${e(x.outcome)}`);
  const how: Record<string, string> = { completed: 'completed', stopped: 'stopped early', pain: 'stopped: the pain got worse', interrupted: 'interrupted' };
  const stretch = input.stretchName ?? words;
  for (const r of latest(s.routines)) add(r.at, `${e(timeOfDay(new Date(r.at)))}: stretch routine (${e(r.level)}), ${e(how[r.outcome] ?? r.outcome)}; done: ${e(r.done.map(stretch).join(', ') || 'none')}${r.skipped.length + r.partial.length ? `; skipped or cut short: ${e([...r.skipped, ...r.partial].map(stretch).join(', '))}` : ''}`);
  for (const n of notes) add(n.at, `${e(timeOfDay(new Date(n.at)))}: note: "${e(n.text ?? '')}"`);
  if (byDay.size === 0) body.push('<p>No sessions, routines or notes recorded.</p>');
  else {
    body.push('<ul class="days">');
    for (const [key, items] of [...byDay].sort((a, b) => a[0] - b[0])) body.push(`<li><h3>${e(format(new Date(key), 'EEEE d MMMM yyyy'))}</h3><ul>${[...items].sort((a, b) => a.at - b.at).map((i) => `<li>${i.html}</li>`).join('')}</ul></li>`);
    body.push('</ul>');
  }
  body.push('</section>');

  body.push('<section aria-labelledby="sources"><h2 id="sources">Sources</h2><ol>');
  for (const source of input.sources) {
    const link = source.url ? ` <a href="${e(source.url)}">${e(source.url)}</a>` : source.doi ? ` doi:${e(source.doi)}` : '';
    body.push(`<li>${e(source.citation)}${link}</li>`);
  }
  body.push('</ol></section>');
  body.push(`<footer><p>${e(NOT_MEDICAL_ADVICE)}</p></footer>`);

  const style = STYLE.trim();
  // The policy allows this one style sheet (by its hash) and nothing else: no script, no request.
  const hash = createHash('sha256').update(style).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Back pain summary</title>
<style>${style}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

