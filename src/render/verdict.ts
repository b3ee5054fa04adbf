/** The triage verdict in words: a headline box in the level's colour, reasons, the plan, sources. */
import { format } from 'date-fns';
import type { RedFlag } from '../content/schema.js';
import type { Action, Reason, TriageResult } from '../decision/triage.js';
import { LEVEL_ACTION, LEVEL_TITLE, NOT_MEDICAL_ADVICE } from './labels.js';
import { wrap } from './layout.js';
import type { Style } from './style.js';
import type { View } from './listings.js';

export interface VerdictView extends View {
  /** Draw the box with line-drawing characters (a terminal that can show them) or with ASCII. */
  unicode: boolean;
}

function box(lines: string[], view: VerdictView, paint: (s: string) => string): string[] {
  const inner = view.width - 4;
  const body = lines.flatMap((l) => wrap(l, inner));
  const [h, v, tl, tr, bl, br] = view.unicode ? ['─', '│', '┌', '┐', '└', '┘'] : ['-', '|', '+', '+', '+', '+'];
  return [
    paint(`${tl}${h.repeat(inner + 2)}${tr}`),
    ...body.map((l) => `${paint(v)} ${paint(l.padEnd(inner))} ${paint(v)}`),
    paint(`${bl}${h.repeat(inner + 2)}${br}`),
  ];
}

/** "about 3 hours", "about 2 days", "about 5 weeks": how long ago, in words a person would use. */
export function durationWords(hours: number): string {
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `about ${Math.round(hours)} hour${Math.round(hours) === 1 ? '' : 's'}`;
  const days = hours / 24;
  if (days < 14) return `about ${Math.round(days)} days`;
  if (days < 90) return `about ${Math.round(days / 7)} weeks`;
  return `about ${Math.round(days / 30.44)} months`;
}

// Behind the home-care plan: ice and heat timing, heat's guideline support, staying active.
const LEVEL_KINDS = new Set<Action['kind']>(['call-emergency', 'see-doctor-today', 'book-appointment']);
const PLAN_SOURCES = ['guide', 'acp-2017', 'cochrane-heat-cold', 'nice-cks-lbp'];

function actionText(action: Action, summaries: Map<string, string>): string {
  switch (action.kind) {
    case 'call-emergency':
      return LEVEL_ACTION.emergency;
    case 'see-doctor-today':
      return LEVEL_ACTION.urgent;
    case 'book-appointment':
      return LEVEL_ACTION.doctor;
    case 'thermal':
      return {
        ice: 'Ice: wrap a cold pack in a thin cloth and hold it on the sore spot for 20 minutes, then give the skin at least 20 minutes off. Run: back-relief ice',
        'ice-or-heat': 'Ice or heat: between 48 and 72 hours either may help; from 72 hours, heat. 20 minutes with a cloth between pack and skin, then at least 20 minutes off. Run: back-relief ice (or back-relief heat)',
        heat: 'Heat: a heating pad, a wrapped hot water bottle or a warm bath, 20 minutes at a time with at least 20 minutes off. Run: back-relief heat',
        unknown: 'Ice if it started in the last 2-3 days, heat if longer ago: 20 minutes with a cloth between pack and skin, then at least 20 minutes off. Run: back-relief ice (or back-relief heat)',
      }[action.thermal];
    case 'move':
      return `Rest a day or two at most, then keep moving gently: short walks, changing position often. Stretches for now: ${action.stretches.join(', ')}; stop any that hurts. Run: back-relief stretches`;
    case 'hydrate':
      return 'Drink water through the day; after sweating, add a drink with electrolytes (sodium, potassium, magnesium).';
    case 'stress':
      return 'Stress keeps muscles tense: a few minutes of slow breathing, or whatever helps you unwind, is part of the care.';
    case 'lifting-posture':
      return 'Once it settles: lift with bent knees, the load close and no twisting; at a desk, stand up and move every so often.';
    case 'watch':
      return action.emergencyFlags.length
        ? `Call emergency services at once if any of these appears: ${action.emergencyFlags.map((id) => summaries.get(id) ?? id).join('; ')}.`
        : 'Call emergency services at once if anything new or frightening appears.';
    case 'week-mark':
      return `If it is not clearly better by ${format(action.at, 'EEEE d MMMM')} (a week since it started), book a doctor's appointment.`;
    case 'recheck':
      return action.when === 'today'
        ? 'Run back-relief triage again if anything changes before you are seen.'
        : 'Check again tomorrow, or at once if anything changes: back-relief triage';
  }
}

function reasonLines(reasons: Reason[], flags: Map<string, RedFlag>, view: View): string[] {
  const lines: string[] = [];
  const said = reasons.filter((r) => r.because !== 'unsure');
  const unsure = reasons.filter((r) => r.because === 'unsure');
  for (const r of said) {
    const summary = flags.get(r.id)?.summary ?? r.id;
    const why = r.because === 'derived' ? `${summary} (it started 7 or more days ago)` : summary;
    lines.push(...wrap(`${why} [${LEVEL_TITLE[r.level]}]`, view.width, '  - ', '    '));
  }
  if (unsure.length) {
    lines.push(...wrap('Not answered, or not sure (when in doubt, it counts):', view.width, '  '));
    for (const r of unsure) lines.push(...wrap(`${flags.get(r.id)?.summary ?? r.id} [${LEVEL_TITLE[r.level]}]`, view.width, '  ? ', '    '));
  }
  return lines;
}

export function actionTexts(result: TriageResult, flags: readonly RedFlag[]): string[] {
  const summaries = new Map(flags.map((f) => [f.id, f.summary]));
  return result.actions.map((a) => actionText(a, summaries));
}

export function verdictLines(result: TriageResult, flags: readonly RedFlag[], view: VerdictView): string[] {
  const style: Style = view.style;
  const byId = new Map(flags.map((f) => [f.id, f]));
  const paint = (s: string) => style.level(result.level, s);
  const lines = box([`${LEVEL_TITLE[result.level]}`, LEVEL_ACTION[result.level]], view, paint);

  lines.push('');
  if (result.reasons.length) {
    lines.push(style.bold('Why'));
    lines.push(...reasonLines(result.reasons, byId, view));
  } else {
    lines.push(...wrap('Why: none of the warning signs applies.', view.width));
  }
  if (result.hoursSinceOnset !== null) {
    lines.push(...wrap(`It started ${durationWords(result.hoursSinceOnset)} ago (${result.phase} phase).`, view.width));
  } else if (result.level !== 'emergency') {
    lines.push(...wrap('When it started: not known.', view.width));
  }
  if (result.painScore !== null) lines.push(`Pain now: ${result.painScore} out of 10.`);

  // The level's own instruction is in the box; the list holds what to do alongside it.
  const rest = result.actions.filter((a) => !LEVEL_KINDS.has(a.kind));
  if (rest.length) {
    const summaries = new Map(flags.map((f) => [f.id, f.summary]));
    lines.push('', style.bold(result.level === 'self-care' ? 'What to do now' : 'Meanwhile'));
    rest.forEach((a, i) => lines.push(...wrap(actionText(a, summaries), view.width, `  ${i + 1}. `, '     ')));
  }

  const sources = new Set<string>();
  for (const r of result.reasons) for (const s of byId.get(r.id)?.sources ?? []) sources.add(s);
  if (result.level !== 'emergency') for (const s of PLAN_SOURCES) sources.add(s);
  lines.push('', ...wrap(`Sources: ${[...sources].join(', ')} (back-relief sources)`, view.width).map((l) => style.dim(l)));
  lines.push(...wrap(NOT_MEDICAL_ADVICE, view.width));
  return lines;
}

/** The verdict as a command prints it: line-drawing box only on a terminal that can show it. */
export function verdictText(result: TriageResult, flags: readonly RedFlag[], view: View & { isTTY: boolean; term: string | undefined }): string {
  const unicode = view.isTTY && view.term !== 'dumb';
  return ['', ...verdictLines(result, flags, { style: view.style, width: view.width, unicode })].join('\n');
}

/** The --json shape of cli.md, with the plan in words and the disclaimer added. */
export function verdictJson(result: TriageResult, flags: readonly RedFlag[]) {
  return {
    level: result.level,
    reasons: result.reasons,
    phase: result.phase,
    thermal: result.thermal,
    hoursSinceOnset: result.hoursSinceOnset,
    painScore: result.painScore,
    triggers: result.triggers,
    plan: actionTexts(result, flags),
    notMedicalAdvice: NOT_MEDICAL_ADVICE,
  };
}
