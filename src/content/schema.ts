/**
 * The shapes of data/*.json, as valibot schemas. Each item is validated on its own so an error can name
 * the item; `v.object` keeps only the keys listed here, so nothing unexpected from a file travels on.
 */
import * as v from 'valibot';

export const LEVELS = ['emergency', 'urgent', 'doctor', 'self-care'] as const;
export type Level = (typeof LEVELS)[number];
/** A red flag can only be one of the first three: self-care is what remains when none applies. */
export const RED_FLAG_LEVELS = ['emergency', 'urgent', 'doctor'] as const;

export const CATEGORIES = ['immediate', 'prevention', 'professional'] as const;
export type Category = (typeof CATEGORIES)[number];

/** `not-recommended`: a guideline advises against it; listed so the person knows, not as an option. */
export const EVIDENCE = ['guideline', 'research', 'common-practice', 'not-recommended'] as const;
export type Evidence = (typeof EVIDENCE)[number];

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(600, 'is too long (600 characters at most)'));
const id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens, like "my-stretch"'),
  v.maxLength(60, 'is too long (60 characters at most)'),
);
const texts = v.pipe(v.array(text), v.minLength(1, 'must list at least one entry'), v.maxLength(20, 'lists more than 20 entries'));
/** One position of a stretch's drawing: rows of text, within 40 columns (two fit side by side at 80). */
const panel = v.pipe(
  v.array(v.pipe(v.string(), v.maxLength(40, 'is wider than 40 columns'))),
  v.minLength(1, 'must have a row'),
  v.maxLength(8, 'is taller than 8 lines'),
);
const sourceIds = v.pipe(v.array(id), v.minLength(1, 'must cite at least one source'), v.maxLength(30, 'cites more than 30 sources'));

/**
 * When a stretch belongs in the routine and the plan (content.md): from the first hours, once the
 * first days (72 hours) have passed, or for prevention only (never in the routine by default).
 */
export const STAGES = ['first-days', 'after-first-days', 'prevention'] as const;
export type Stage = (typeof STAGES)[number];

/** The kinds of movement a precaution can rule out (osteoporosis: forward bends; pregnancy: lying on the back). */
export const MOVEMENTS = ['forward-bend', 'lying-on-back'] as const;
export type Movement = (typeof MOVEMENTS)[number];

/**
 * A dose range, with an upper bound a real dose never reaches: a --data-dir stretch of 100,000,000
 * repetitions would otherwise be planned into a routine that cannot fit in memory, let alone a day.
 */
const range = (most: number, unit: string) => {
  const bound = v.pipe(
    v.number(),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(most, `must be at most ${most} ${unit}`),
  );
  return v.nullable(
    v.pipe(
      v.object({ min: bound, max: bound }),
      v.forward(
        v.check((r) => r.min <= r.max, 'must not be below "min"'),
        ['max'],
      ),
    ),
  );
};

export const StretchSchema = v.pipe(
  v.object({
  id,
  name: text,
  summary: v.optional(text),
  steps: texts,
  dose: v.object({
    holdSeconds: range(600, 'seconds'),
    reps: range(100, 'repetitions'),
    breaths: range(60, 'breaths'),
    minutes: range(60, 'minutes'),
    perSide: v.boolean(),
  }),
  /**
   * Where it belongs in an episode (stageOf: a stretch without one joins once the first days have
   * passed). Left out of a --data-dir item that replaces a built-in one, the built-in's stands.
   */
  stage: v.optional(v.picklist(STAGES, `must be one of ${STAGES.join(', ')}`)),
  /** What a precaution may rule out: forward bends (osteoporosis), lying on the back (later pregnancy). */
  movements: v.optional(v.array(v.picklist(MOVEMENTS, `must each be one of ${MOVEMENTS.join(', ')}`))),
  /** A gentler way to start, such as a plank on the knees. */
  easier: v.optional(text),
  /** Knee to chest: after each side, both knees together. */
  thenBoth: v.optional(v.boolean()),
  /** Glute bridge: start at reps.min and build toward reps.max over the weeks. */
  buildsUp: v.optional(v.boolean()),
  cautions: texts,
  sources: sourceIds,
  /**
   * The pose, as one or two positions (start and end, side by side where the screen allows), each a
   * few rows of text at most 40 columns wide. One position given as a plain list of rows is read as
   * such (the version 1 shape).
   */
  drawing: v.optional(v.union([v.pipe(v.array(panel), v.minLength(1, 'must have a position'), v.maxLength(2, 'has more than 2 positions')), panel])),
  /** Each position in one line of words, in the same order: what --plain and --json give instead of the drawing. */
  drawingAlt: v.optional(v.pipe(v.array(text), v.minLength(1, 'must describe a position'), v.maxLength(2, 'describes more than 2 positions'))),
  }),
  v.forward(
    v.check((s) => !s.drawing || !s.drawingAlt || drawingPanels(s.drawing).length === s.drawingAlt.length, 'must describe each position of the drawing, one line each'),
    ['drawingAlt'],
  ),
);

/** The positions of a drawing, whichever shape it was given in. */
export function drawingPanels(drawing: readonly string[] | readonly (readonly string[])[] | undefined): string[][] {
  if (!drawing || drawing.length === 0) return [];
  return typeof drawing[0] === 'string' ? [[...(drawing as readonly string[])]] : (drawing as readonly (readonly string[])[]).map((p) => [...p]);
}

export const RemedySchema = v.object({
  id,
  category: v.picklist(CATEGORIES, `must be one of ${CATEGORIES.join(', ')}`),
  name: text,
  evidence: v.picklist(EVIDENCE, `must be one of ${EVIDENCE.join(', ')}`),
  evidenceNote: v.optional(text),
  /** What the label does not say: a guideline that disagrees, or a condition on the recommendation. */
  caveat: v.optional(text),
  when: text,
  how: texts,
  cautions: v.optional(v.array(text)),
  sources: sourceIds,
});

export const RedFlagSchema = v.object({
  id,
  level: v.picklist(RED_FLAG_LEVELS, `must be one of ${RED_FLAG_LEVELS.join(', ')}`),
  question: text,
  summary: text,
  /** false: a sign that cannot newly appear later (an injury happened or not), so the plan's watch list leaves it out. */
  watch: v.optional(v.boolean()),
  sources: sourceIds,
});

/** data/precautions.json: conditions that change what is safe at home (never the triage level). */
export const PrecautionSchema = v.object({
  id,
  /** A short name for lists: "poor circulation". */
  name: text,
  question: text,
  /** The checkbox line: answerable without the question under it. */
  summary: text,
  /** What to do about it, for the verdict's "Take care" block. */
  care: text,
  sources: sourceIds,
});

export const SourceSchema = v.object({
  id,
  citation: text,
  url: v.optional(v.pipe(v.string(), v.regex(/^https:\/\/\S+$/, 'must be an https:// address'))),
  doi: v.optional(v.pipe(v.string(), v.regex(/^10\.\d{4,9}\/\S+$/, 'must look like 10.1234/abc'))),
  kind: v.optional(text),
  note: v.optional(text),
});

/** A phone number as dialled: digits only, 2 to 6 of them (999, 112, 10177). */
const phone = v.pipe(v.string(), v.regex(/^\d{2,6}$/, 'must be the digits to dial, 2 to 6 of them, such as "999"'));

/** The number to call for an ambulance in a country; the id is its ISO 3166-1 code in lower case. */
export const EmergencyNumberSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z]{2}$/, 'must be the two-letter country code in lower case, such as "gb"')),
  /** As a sentence names it: "the United Kingdom", "Germany". */
  name: text,
  number: phone,
  /** Other numbers that reach the emergency services there, such as 112 from a mobile. */
  alsoFrom: v.optional(v.pipe(v.array(phone), v.maxLength(4, 'lists more than 4 numbers'))),
  sources: sourceIds,
});

export type Stretch = v.InferOutput<typeof StretchSchema>;
export type EmergencyNumber = v.InferOutput<typeof EmergencyNumberSchema>;
export type Remedy = v.InferOutput<typeof RemedySchema>;
export type RedFlag = v.InferOutput<typeof RedFlagSchema>;
export type Source = v.InferOutput<typeof SourceSchema>;
export type Precaution = v.InferOutput<typeof PrecautionSchema>;

/** A stretch's stage; without one, it joins once the first days have passed. */
export const stageOf = (stretch: Pick<Stretch, 'stage'>): Stage => stretch.stage ?? 'after-first-days';
/** The order of the stages: a replacement may move a stretch later, never earlier. */
export const STAGE_RANK: Record<Stage, number> = { 'first-days': 0, 'after-first-days': 1, prevention: 2 };
export type Range = NonNullable<Stretch['dose']['reps']>;

export const SCHEMAS = {
  stretches: StretchSchema,
  remedies: RemedySchema,
  'red-flags': RedFlagSchema,
  precautions: PrecautionSchema,
  'emergency-numbers': EmergencyNumberSchema,
  sources: SourceSchema,
  /** The sources of the emergency numbers: a file of their own, read only with the numbers (or to list every source). */
  'emergency-sources': SourceSchema,
} as const;

/** Kinds a --data-dir cannot change: precautions.json holds exactly the ids the decision module knows. */
export const BUILTIN_ONLY: ReadonlySet<Kind> = new Set<Kind>(['precautions']);

export type Kind = keyof typeof SCHEMAS;
export interface ContentByKind {
  stretches: Stretch;
  remedies: Remedy;
  'red-flags': RedFlag;
  precautions: Precaution;
  'emergency-numbers': EmergencyNumber;
  sources: Source;
  'emergency-sources': Source;
}

export const LEVEL_RANK: Record<Level, number> = { emergency: 3, urgent: 2, doctor: 1, 'self-care': 0 };
