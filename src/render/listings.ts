/** The text views of the content: stretches, remedies, red flags, sources. Each returns lines. */
import { CATEGORIES, RED_FLAG_LEVELS, stageOf, type Category, type Movement, type RedFlag, type Remedy, type Source, type Stage, type Stretch } from '../content/schema.js';
import { describeDose } from './dose.js';
import { drawingLines } from './figures.js';
import { callNow, type EmergencyContact } from './emergency.js';
import type { OutputMode } from './mode.js';
import { CATEGORY_TITLE, EVIDENCE_LABEL, LEVEL_ACTION, LEVEL_TITLE } from './labels.js';
import { wrap } from './layout.js';
import type { Style } from './style.js';

export interface View {
  style: Style;
  width: number;
  /** Plain, Unicode, redrawn lines: where a view shows something other than words. */
  mode?: OutputMode;
}

/** Text wrapped to the width, each line styled on its own (a style never runs over a line break). */
export function styled(text: string, view: View, style: (line: string) => string, first = '', rest = first): string[] {
  return wrap(text, view.width, first, rest).map(style);
}

function pad(text: string, columns: number): string {
  return text.length >= columns ? `${text} ` : text.padEnd(columns);
}

function citeLine(ids: readonly string[], view: View, indent: string): string[] {
  return wrap(`Sources: ${ids.join(', ')}`, view.width, indent).map((l) => view.style.dim(l));
}

/** What a precaution says about a stretch that moves this way (back-relief explain precautions). */
export const MOVEMENT_CAUTION: Record<Movement, string> = {
  'forward-bend': 'It bends the spine forward: with osteoporosis or long-term steroid tablets, only as a physiotherapist has shown you.',
  'lying-on-back': 'It is done lying on your back: when pregnant, not flat on your back for long, particularly after 16 weeks.',
};

const MOVEMENT_SOURCES: Record<Movement, string> = { 'forward-bend': 'brooke-wavell-2022', 'lying-on-back': 'nhs-pregnancy-back-pain' };

/** When a stretch belongs, in words; the first days' stretches need no note. */
export const STAGE_WORDS: Record<Stage, string> = {
  'first-days': 'from the first days',
  'after-first-days': 'once 72 hours have passed',
  prevention: 'for prevention, once the pain has settled',
};

export function stretchList(stretches: readonly Stretch[], view: View): string[] {
  const idWidth = Math.min(18, Math.max(...stretches.map((s) => s.id.length)) + 2);
  const lines = [...styled('Stretches, gentlest first', view, view.style.heading), ''];
  for (const s of stretches) {
    const lead = `  ${pad(s.id, idWidth)}`;
    const when = stageOf(s) === 'first-days' ? '' : ` (${STAGE_WORDS[stageOf(s)]})`;
    const [first = '', ...rest] = wrap(`${s.name}: ${describeDose(s)}${when}`, view.width, lead, ' '.repeat(lead.length));
    lines.push(view.style.bold(lead) + first.slice(lead.length), ...rest);
  }
  lines.push(
    '',
    ...wrap('Some discomfort is normal and does not mean harm; stop a stretch that makes the pain clearly worse or sends pain, numbness or tingling down a leg. Prevention: planks and glute bridges, 10-15 minutes, three times a week.', view.width),
    '',
    ...wrap(`One in full: back-relief stretches ${stretches.at(-1)?.id ?? 'ID'}`, view.width),
    ...wrap('Guided, with timed holds: back-relief routine', view.width),
  );
  return lines;
}

export function stretchDetail(s: Stretch, view: View): string[] {
  const lines = styled(`${s.name} (${s.id})`, view, view.style.heading);
  if (s.summary) lines.push(...wrap(s.summary, view.width));
  const drawing = drawingLines(s, { width: view.width, plain: view.mode?.plain ?? false });
  if (drawing.length) lines.push('', ...drawing);
  lines.push('', ...styled('Steps', view, view.style.bold));
  s.steps.forEach((step, i) => lines.push(...wrap(step, view.width, `  ${i + 1}. `, '     ')));
  lines.push('', ...wrap(`${view.style.bold('Dose:')} ${describeDose(s)}`, view.width, '', '      '));
  if (s.easier) lines.push(...wrap(`${view.style.bold('Easier:')} ${s.easier}`, view.width, '', '        '));
  lines.push(...wrap(`${view.style.bold('When:')} ${STAGE_WORDS[stageOf(s)]}`, view.width));
  lines.push('', ...styled('Cautions', view, view.style.bold));
  for (const caution of [...s.cautions, ...(s.movements ?? []).map((m) => MOVEMENT_CAUTION[m])]) lines.push(...wrap(caution, view.width, '  ! ', '    '));
  lines.push('', ...citeLine([...new Set([...s.sources, ...(s.movements ?? []).map((m) => MOVEMENT_SOURCES[m])])], view, ''));
  return lines;
}

export function remedyList(remedies: readonly Remedy[], view: View, only?: Category): string[] {
  const lines: string[] = [];
  for (const category of CATEGORIES) {
    if (only && category !== only) continue;
    const inCategory = remedies.filter((r) => r.category === category);
    if (inCategory.length === 0) continue;
    if (lines.length) lines.push('');
    lines.push(...styled(`${CATEGORY_TITLE[category]} (${category})`, view, (l) => view.style.category(category, view.style.heading(l))));
    for (const r of inCategory) {
      lines.push('', ...wrap(`${r.name} (${r.id})`, view.width, '  ', '    ').map((l) => view.style.bold(l)));
      // The colour runs over a line break only across spaces, where it shows nothing.
      lines.push(...wrap(`Evidence: ${view.style.evidence(r.evidence, EVIDENCE_LABEL[r.evidence])}`, view.width, '    ', '      '));
      if (r.evidenceNote) lines.push(...wrap(r.evidenceNote, view.width, '      '));
      if (r.caveat) lines.push(...wrap(`But: ${r.caveat}`, view.width, '      ', '        '));
      lines.push(...wrap(`When: ${r.when}`, view.width, '    ', '      '));
      for (const step of r.how) lines.push(...wrap(step, view.width, '    - ', '      '));
      for (const caution of r.cautions ?? []) lines.push(...wrap(caution, view.width, '    ! ', '      '));
      lines.push(...citeLine(r.sources, view, '    '));
    }
  }
  return lines;
}

export function redFlagList(flags: readonly RedFlag[], view: View, emergency: EmergencyContact | null = null): string[] {
  const lines = [
    ...styled('Warning signs, most serious first', view, view.style.heading),
    ...wrap('If any of these applies, do not rely on home care. Run back-relief triage for a verdict.', view.width),
  ];
  for (const level of RED_FLAG_LEVELS) {
    const group = flags.filter((f) => f.level === level);
    if (group.length === 0) continue;
    lines.push('', ...styled(`${LEVEL_TITLE[level]} (${level})`, view, (l) => view.style.level(level, l)));
    lines.push(...wrap(level === 'emergency' ? callNow(emergency) : LEVEL_ACTION[level], view.width, '  '));
    for (const f of group) {
      lines.push(...wrap(f.question, view.width, `  - `, '    '));
      lines.push(...wrap(`[${f.id}] ${f.sources.join(', ')}`, view.width, '    ').map((l) => view.style.dim(l)));
    }
  }
  return lines;
}

export function sourceList(sources: readonly Source[], view: View): string[] {
  const lines = styled('Sources', view, view.style.heading);
  for (const s of sources) {
    lines.push('', ...styled(s.id, view, view.style.bold));
    lines.push(...wrap(s.citation, view.width, '  '));
    if (s.doi) lines.push(...wrap(`doi:${s.doi}`, view.width, '  '));
    if (s.url) lines.push(...wrap(s.url, view.width, '  '));
    if (s.note) lines.push(...wrap(`Note: ${s.note}`, view.width, '  ', '    '));
  }
  return lines;
}
