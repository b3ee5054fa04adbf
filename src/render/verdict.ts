/** The triage verdict in words: a headline box in the level's colour, reasons, the plan, sources. */
import type { Precaution, RedFlag, Stretch } from '../content/schema.js';
import type { Care, LeftOut, ThermalKind } from '../decision/precautions.js';
import { THRESHOLDS, type Thermal } from '../decision/time.js';
import { DAILY_LIFE, PAIN_OVER_WEEK, type Action, type Reason, type TriageResult } from '../decision/triage.js';
import { callNow, callShort, type EmergencyContact } from './emergency.js';
import { count } from '../text/durations.js';
import { LEVEL_ACTION, LEVEL_TITLE, NOT_MEDICAL_ADVICE } from './labels.js';
import { longDay } from './dates.js';
import { words, wrap } from './layout.js';
import type { OutputMode } from './mode.js';
import type { Style } from './style.js';
import type { View } from './listings.js';

export interface VerdictView extends View {
  /** Draw the box with line-drawing characters (a terminal that can show them) or with ASCII. */
  unicode: boolean;
  /** No box at all: the level as a first line of words, for screen readers and logs. */
  plain?: boolean;
}

function box(lines: string[], view: VerdictView, paint: (s: string) => string): string[] {
  if (view.plain) {
    const [title = '', ...rest] = lines;
    return [...wrap(`Verdict: ${title}.`, view.width), ...rest.flatMap((l) => wrap(l, view.width))].map(paint);
  }
  const inner = view.width - 4;
  const body = lines.flatMap((l) => wrap(l, inner));
  const [h, v, tl, tr, bl, br] = view.unicode ? ['─', '│', '┌', '┐', '└', '┘'] : ['-', '|', '+', '+', '+', '+'];
  return [
    paint(`${tl}${h.repeat(inner + 2)}${tr}`),
    ...body.map((l) => `${paint(v)} ${paint(l.padEnd(inner))} ${paint(v)}`),
    paint(`${bl}${h.repeat(inner + 2)}${br}`),
  ];
}

/**
 * "about 3 hours", "about 2 days", "about 5 weeks", "about 7 months", "about 126 years": how long ago,
 * in words a person would use. Months up to 24, years after.
 */
export function durationWords(hours: number): string {
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `about ${count(Math.round(hours), 'hour')}`;
  const days = hours / 24;
  if (days < 14) return `about ${count(Math.round(days), 'day')}`;
  if (days < 90) return `about ${count(Math.round(days / 7), 'week')}`;
  const months = Math.round(days / DAYS_PER_MONTH);
  if (months <= 24) return `about ${count(months, 'month')}`;
  return `about ${count(Math.round(days / DAYS_PER_YEAR), 'year')}`;
}

const DAYS_PER_YEAR = 365.25;
const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

// Behind the home-care plan: ice and heat timing, heat's guideline support, staying active, pain relief.
const LEVEL_KINDS = new Set<Action['kind']>(['call-emergency', 'see-doctor-today', 'book-appointment']);
export const PLAN_SOURCES = ['guide', 'acp-2017', 'cochrane-heat-cold', 'nice-cks-lbp', 'nice-ng59'];

/** What the verdict names things by: the content's own words, never raw ids. */
export interface VerdictContent {
  'red-flags': readonly RedFlag[];
  stretches?: readonly Stretch[] | undefined;
  precautions?: readonly Precaution[] | undefined;
  /** The person's emergency number (the country setting or the locale); null: the generic words. */
  emergency?: EmergencyContact | null | undefined;
}

const SESSION = '20 minutes at a time with a cloth between pack and skin, then at least 20 minutes off';

function thermalText(thermal: Thermal, askFirst: readonly ThermalKind[]): string {
  if (askFirst.includes('ice') && askFirst.includes('heat')) {
    return 'Heat and ice: ask a doctor or pharmacist before using either (see Take care below). Until then, keep moving gently.';
  }
  if (askFirst.includes('ice')) return `Heat, ${SESSION}; it has the better evidence. Ice: ask a doctor or pharmacist first (see Take care below). Run: back-relief heat`;
  if (askFirst.includes('heat')) return `Ice, ${SESSION}. Heat: ask a doctor or pharmacist first (see Take care below). Run: back-relief ice`;
  return {
    ice: `Ice or heat, ${SESSION}. In the first days ice is the usual habit; heat is just as fine and has the better evidence. Run: back-relief ice, or back-relief heat`,
    'ice-or-heat': `Ice or heat, ${SESSION}. Either suits now; from 72 hours heat on its own. Run: back-relief heat, or back-relief ice`,
    heat: `Heat: a heating pad, a wrapped hot water bottle or a warm bath, ${SESSION}. Run: back-relief heat`,
    unknown: `Ice or heat, ${SESSION}. Ice is the usual habit in the first 2-3 days; heat suits any time and has the better evidence. Run: back-relief heat, or back-relief ice`,
  }[thermal];
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Child's pose" -> "child's pose" inside a sentence; an acronym ("TENS") keeps its capitals. */
export function inSentence(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** Why a stretch is left out, in words. */
export const LEFT_OUT_WORDS: Record<LeftOut['because'], string> = {
  osteoporosis: 'osteoporosis: forward bends only as a physiotherapist has shown you',
  pregnancy: 'pregnancy: not lying flat on the back, particularly after 16 weeks',
  'skin-sensation': 'reduced skin feeling',
  circulation: 'poor circulation',
  'broken-skin': 'broken skin',
};

/** "cat-cow and child's pose (osteoporosis: ...)": what a precaution left out, grouped by why. */
export function leftOutText(leftOut: readonly LeftOut[], nameOf: (id: string) => string): string {
  const groups = new Map<LeftOut['because'], string[]>();
  for (const l of leftOut) groups.set(l.because, [...(groups.get(l.because) ?? []), nameOf(l.id)]);
  return [...groups].map(([because, names]) => `${listWords(names)} (${LEFT_OUT_WORDS[because]})`).join('; ');
}

/** ["a", "b", "c"] -> "a, b and c". */
export function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A stretch id to its name as it reads inside a sentence ("child's pose"). */
export function stretchNames(stretches: readonly Stretch[]): (id: string) => string {
  const names = new Map(stretches.map((s) => [s.id, inSentence(s.name)]));
  return (id) => names.get(id) ?? words(id);
}

interface Names {
  flag(id: string): string;
  stretch(id: string): string;
  /** For dates: the year is shown when it is not this one. */
  now: Date;
  /** The precautions' short names, for the line that asks to check them. */
  precautions: string[];
  pregnancyKnown: boolean;
  emergency: EmergencyContact | null;
}

function namesOf(content: VerdictContent, now: Date, care?: Care): Names {
  const flags = new Map(content['red-flags'].map((f) => [f.id, f.summary]));
  // Ids never reach the reader: a missing entry (which validation prevents) still shows as words.
  return {
    flag: (id) => flags.get(id) ?? words(id),
    stretch: stretchNames(content.stretches ?? []),
    now,
    precautions: (content.precautions ?? []).map((p) => p.name),
    pregnancyKnown: care?.pregnancy !== null && care?.pregnancy !== undefined,
    emergency: content.emergency ?? null,
  };
}

function actionText(action: Action, names: Names): string {
  switch (action.kind) {
    case 'call-emergency':
      return callNow(names.emergency);
    case 'see-doctor-today':
      return LEVEL_ACTION.urgent;
    case 'book-appointment':
      return LEVEL_ACTION.doctor;
    case 'check-precautions':
      return `Before heat, ice or stretches, check the precautions: ${listWords(names.precautions)}${names.pregnancyKnown ? '' : ', and pregnancy'}. Each changes what is safe (see Take care below).`;
    case 'thermal':
      return thermalText(action.thermal, action.askFirst);
    case 'move': {
      const left = action.leftOut.length ? ` Left out for you: ${leftOutText(action.leftOut, names.stretch)}.` : '';
      const list = action.stretches.length ? ` Stretches for now: ${listWords(action.stretches.map(names.stretch))}.${left} Some discomfort is normal; stop any that makes the pain clearly worse or sends pain down a leg. Run: back-relief routine` : left;
      return `Rest a day or two at most, then keep moving gently: short walks, changing position often.${list}`;
    }
    case 'pain-relief':
      return 'If pain keeps you from moving, pain relief from a pharmacy can help you stay active: ask the pharmacist which suits you and follow the label (back-relief explain pain-relief).';
    case 'hydrate':
      return 'Drink water through the day; after sweating, add a drink with electrolytes (sodium, potassium, magnesium).';
    case 'stress':
      return 'Stress keeps muscles tense: a few minutes of slow breathing, or whatever helps you unwind, is part of the care.';
    case 'lifting-posture':
      return 'Once it settles: lift with bent knees, the load close and no twisting; at a desk, stand up and move every so often.';
    case 'watch':
      return action.emergencyFlags.length
        ? `${capitalise(callShort(names.emergency))} at once if any of these appears: ${action.emergencyFlags.map(names.flag).join('; ')}.`
        : `${capitalise(callShort(names.emergency))} at once if anything new or frightening appears.`;
    case 'week-mark':
      return `If it is not clearly better by ${longDay(action.at, names.now)} (a week since it started), book a doctor's appointment.`;
    case 'recheck':
      return action.when === 'today'
        ? 'Run back-relief triage again if anything changes before you are seen.'
        : 'Check again tomorrow, or at once if anything changes: back-relief triage';
  }
}

/** Why a derived red flag applies, in words. */
const DERIVED_WHY: Record<string, string> = {
  [PAIN_OVER_WEEK]: 'it started 7 or more days ago',
  [DAILY_LIFE]: `a pain score of ${THRESHOLDS.severePainScore} or more`,
};

function reasonLines(reasons: Reason[], names: Names, view: View): string[] {
  const lines: string[] = [];
  const said = reasons.filter((r) => r.because !== 'unsure');
  const unsure = reasons.filter((r) => r.because === 'unsure');
  for (const r of said) {
    const summary = capitalise(names.flag(r.id));
    const why = r.because === 'derived' ? `${summary} (${DERIVED_WHY[r.id] ?? 'follows from your other answers'})` : summary;
    lines.push(...wrap(`${why} [${LEVEL_TITLE[r.level]}]`, view.width, '  - ', '    '));
  }
  if (unsure.length) {
    lines.push(...wrap('Not answered, or not sure (when in doubt, it counts):', view.width, '  '));
    for (const r of unsure) lines.push(...wrap(`${capitalise(names.flag(r.id))} [${LEVEL_TITLE[r.level]}]`, view.width, '  ? ', '    '));
  }
  return lines;
}

/** The "Take care" lines: each precaution that applies, pregnancy, or a reminder to check them. */
export function takeCareTexts(care: Care, precautions: readonly Precaution[]): string[] {
  const texts: string[] = [];
  if (care.precautions === null) {
    texts.push(
      `Not yet checked: ${listWords(precautions.map((p) => p.name))}. Each changes what is safe with heat, ice or stretches (back-relief explain precautions). Give them in the answers file ("precautions"), or answer them in a terminal with back-relief triage; a timer or the routine asks them before it starts.`,
    );
  } else {
    for (const id of care.precautions) {
      const p = precautions.find((x) => x.id === id);
      if (p) texts.push(p.care);
    }
  }
  if (care.pregnancy) texts.push(PREGNANCY_CARE);
  return texts;
}

export const PREGNANCY_CARE =
  'Pregnant or recently gave birth: do not lie flat on your back for long, particularly after 16 weeks of pregnancy (the routine leaves out the stretches done lying on the back), never put heat on your belly, and keep any heat on the back mild and short. Your midwife or doctor can refer you to a physiotherapist.';

export function actionTexts(result: TriageResult, content: VerdictContent, now: Date): string[] {
  const names = namesOf(content, now, result.care);
  return result.actions.map((a) => actionText(a, names));
}

export function verdictLines(result: TriageResult, content: VerdictContent, view: VerdictView & { now: Date }): string[] {
  const style: Style = view.style;
  const names = namesOf(content, view.now, result.care);
  const byId = new Map(content['red-flags'].map((f) => [f.id, f]));
  const paint = (s: string) => style.level(result.level, s);
  const lines = box([`${LEVEL_TITLE[result.level]}`, result.level === 'emergency' ? callNow(names.emergency) : LEVEL_ACTION[result.level]], view, paint);

  lines.push('');
  if (result.reasons.length) {
    lines.push(style.bold('Why'));
    lines.push(...reasonLines(result.reasons, names, view));
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
    lines.push('', style.bold(result.level === 'self-care' ? 'What to do now' : 'Meanwhile'));
    rest.forEach((a, i) => lines.push(...wrap(actionText(a, names), view.width, `  ${i + 1}. `, '     ')));
  }
  // Precautions change the plan, never the level; after an emergency only the phone call matters.
  if (result.level !== 'emergency') {
    const care = takeCareTexts(result.care, content.precautions ?? []);
    if (care.length) {
      lines.push('', style.bold('Take care'));
      for (const text of care) lines.push(...wrap(text, view.width, '  ! ', '    '));
    }
  }

  const sources = new Set<string>();
  for (const r of result.reasons) for (const s of byId.get(r.id)?.sources ?? []) sources.add(s);
  if (result.level !== 'emergency') {
    for (const s of PLAN_SOURCES) sources.add(s);
    for (const id of result.care.precautions ?? []) for (const s of content.precautions?.find((p) => p.id === id)?.sources ?? []) sources.add(s);
  }
  lines.push('', ...wrap(`Sources: ${[...sources].join(', ')} (back-relief sources)`, view.width).map((l) => style.dim(l)));
  lines.push(...wrap(NOT_MEDICAL_ADVICE, view.width));
  return lines;
}

/** The verdict as a command prints it: line-drawing box only on a terminal that can show it, none when plain. */
export function verdictText(result: TriageResult, content: VerdictContent, view: View & { mode: OutputMode; now: Date }): string {
  return ['', ...verdictLines(result, content, { style: view.style, width: view.width, unicode: view.mode.unicode, plain: view.mode.plain, now: view.now })].join('\n');
}

/** The --json shape of cli.md, with the plan in words and the disclaimer added. */
export function verdictJson(result: TriageResult, content: VerdictContent, now: Date) {
  return {
    level: result.level,
    reasons: result.reasons,
    phase: result.phase,
    thermal: result.thermal,
    hoursSinceOnset: result.hoursSinceOnset,
    painScore: result.painScore,
    triggers: result.triggers,
    precautions: result.care.precautions,
    plan: actionTexts(result, content, now),
    takeCare: result.level === 'emergency' || !content.precautions ? [] : takeCareTexts(result.care, content.precautions),
    notMedicalAdvice: NOT_MEDICAL_ADVICE,
  };
}
