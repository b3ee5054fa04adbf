/** `back-relief explain [TOPIC]`: how the tool decides, with its thresholds and where each comes from. */
import type { CommandContext } from '../context.js';
import { RED_FLAG_LEVELS } from '../content/schema.js';
import { THRESHOLDS } from '../decision/time.js';
import { UsageError } from '../errors.js';
import { EVIDENCE_LABEL, LEVEL_TITLE } from '../render/labels.js';
import { wrap } from '../render/layout.js';
import { sanitizeLine } from '../render/sanitize.js';
import { closest } from '../text/suggest.js';

export const TOPICS = {
  'red-flags': 'how triage turns answers into a level of care',
  'ice-or-heat': 'ice, heat and the phases, by the time since the pain started',
  journal: 'what is recorded, where, and how it is kept safe',
  sources: 'where the content comes from and how strong the evidence is',
} as const;
type Topic = keyof typeof TOPICS;

const T = THRESHOLDS;

function redFlags(ctx: CommandContext): string[] {
  const flags = ctx.content(['red-flags'])['red-flags'];
  const lines = [
    'Triage asks about warning signs ("red flags"). Each sign has a level, from most to least serious:',
    ...RED_FLAG_LEVELS.map((l) => `  ${LEVEL_TITLE[l]} (${l}): ${flags.filter((f) => f.level === l).map((f) => f.id).join(', ')}`),
    '',
    'The verdict is the most serious level of any sign that applies; with none, it is SELF-CARE.',
    'An unanswered sign, or one you are not sure about, counts as applying: when in doubt, the tool escalates. In a terminal, an emergency sign ends the questions at once.',
    `When the onset is known and ${T.painOverWeekHours} hours (7 days) have passed, pain-over-week applies whatever the answer was (the guide: pain lasting over a week despite home care).`,
    'A --data-dir may reword a built-in sign or raise its level, never remove or lower it.',
    '',
    'Sources: the guide (its red-flag list), NHS "Back pain" (nhs-back-pain), NICE CKS "Back pain - low" (nice-cks-lbp). Each sign cites its own: back-relief red-flags.',
  ];
  return lines;
}

function iceOrHeat(): string[] {
  return [
    'Hours since the onset decide ice or heat:',
    `  under ${T.iceOnlyBeforeHours} hours: ice`,
    `  ${T.iceOnlyBeforeHours} to ${T.heatFromHours} hours: ice or heat`,
    `  from ${T.heatFromHours} hours: heat`,
    'Source: the guide (ice for the first 48-72 hours, heat after 72). Heat has guideline support for acute low back pain (acp-2017); the evidence on cold is thin (cochrane-heat-cold).',
    '',
    'Days since the onset decide the phase:',
    `  under ${T.subacuteFromDays} days: acute`,
    `  ${T.subacuteFromDays} to ${T.chronicAfterDays} days: subacute`,
    `  over ${T.chronicAfterDays} days (12 weeks): chronic`,
    'Source: acp-2017 (acute under 4 weeks, subacute 4-12, chronic over 12); the guide also calls over 12 weeks chronic.',
    '',
    `One session lasts ${T.sessionMinutes} minutes at most, then the skin needs at least ${T.breakMinutes} minutes off before the next of the same kind; longer on the skin risks burns and nerve damage. Sources: the guide; cleveland-clinic-back-spasms.`,
    'Rest a day or two at most, then move gently (the guide; nice-cks-lbp).',
  ];
}

function journal(): string[] {
  return [
    'The journal is one file, journal.jsonl, in $BACK_RELIEF_HOME, or $XDG_STATE_HOME/back-relief (when absolute), or ~/.local/state/back-relief (Linux), ~/Library/Application Support/back-relief (macOS), %LOCALAPPDATA%\\back-relief (Windows).',
    'It holds one JSON object per line: onset, onset-cleared, pain, session, triage, check-in and routine lines. Lines are only ever appended, each in one write flushed to disk, so two terminals at once or a crash lose nothing.',
    'The folder is private (0700) and so is the file (0600); a looser mode is tightened.',
    'A line that cannot be read is copied once, byte for byte, to journal.quarantine.jsonl with a warning, and skipped; it is never removed.',
    'Nothing leaves your computer: the tool never uses the network. back-relief export makes a summary you can choose to share.',
  ];
}

function sources(ctx: CommandContext): string[] {
  const { sources: all } = ctx.content([]);
  return [
    'Every stretch, remedy, red flag and threshold cites at least one source; a test fails if a cited source is missing.',
    'Each remedy shows how strong its evidence is:',
    ...Object.entries(EVIDENCE_LABEL).map(([id, label]) => `  ${label} (${id})`),
    '  guideline: a clinical practice guideline recommends it; research: studies support it, no guideline recommends it; common-practice: widely advised, little direct evidence.',
    '',
    'The starting point was a consumer article on back spasm relief (guide); its facts were checked against clinical guidelines and reviews. Brands and sales claims were left out.',
    `Sources (${all.length}): ${all.map((s) => s.id).join(', ')}. Full citations: back-relief sources.`,
  ];
}

export function explainCommand(ctx: CommandContext, topic: string | undefined): void {
  if (topic === undefined) {
    if (ctx.options.json) return ctx.json(Object.entries(TOPICS).map(([name, about]) => ({ topic: name, about })));
    ctx.out('Topics:');
    for (const [name, what] of Object.entries(TOPICS)) ctx.out(wrap(what, ctx.width, `  ${ctx.style.bold(name.padEnd(12))} `, ' '.repeat(15)).join('\n'));
    ctx.out('\nRead one with: back-relief explain ice-or-heat');
    return;
  }
  if (!Object.hasOwn(TOPICS, topic)) {
    const guess = closest(topic, Object.keys(TOPICS));
    throw new UsageError(`There is no topic "${sanitizeLine(topic)}".${guess ? ` Did you mean "${guess}"?` : ''} Topics: ${Object.keys(TOPICS).join(', ')}.`);
  }
  const lines = { 'red-flags': () => redFlags(ctx), 'ice-or-heat': iceOrHeat, journal, sources: () => sources(ctx) }[topic as Topic]();
  if (ctx.options.json) return ctx.json({ topic, thresholds: THRESHOLDS, text: lines.filter(Boolean) });
  ctx.out(ctx.style.heading(`How back-relief decides: ${topic}`));
  ctx.out('');
  for (const line of lines) ctx.out(line === '' ? '' : wrap(line, ctx.width, line.startsWith('  ') ? '  ' : '', line.startsWith('  ') ? '    ' : '').join('\n'));
}
