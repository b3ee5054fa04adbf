/** The words for each level, category and evidence label: the meaning never rests on colour. */
import type { Category, Evidence, Level } from '../content/schema.js';

export const LEVEL_TITLE: Record<Level, string> = {
  emergency: 'EMERGENCY',
  urgent: 'SEE A DOCTOR TODAY',
  doctor: "BOOK A DOCTOR'S APPOINTMENT",
  'self-care': 'SELF-CARE',
};

/** What each level asks; the emergency words with the person's own number come from emergency.ts (callNow). */
export const LEVEL_ACTION: Record<Level, string> = {
  emergency:
    'Call your local emergency number (911 in the US and Canada, 112 in Europe, 999 in the UK) or go to an emergency room now. Do not drive yourself.',
  urgent: 'See a doctor today: call your doctor, an urgent care clinic, or a health advice line (111 in the UK).',
  doctor: 'Book an appointment with a doctor in the next few days.',
  'self-care': 'No warning sign applies: care for it at home and watch for changes.',
};

export const CATEGORY_TITLE: Record<Category, string> = {
  immediate: 'Immediate relief',
  prevention: 'Prevention',
  professional: 'Professional care',
};

export const EVIDENCE_LABEL: Record<Evidence, string> = {
  guideline: 'guideline-recommended',
  research: 'supported by research',
  'common-practice': 'common practice, little direct evidence',
  'not-recommended': 'not recommended: a guideline advises against it',
};

export const NOT_MEDICAL_ADVICE =
  'This is not medical advice or a diagnosis. If you are worried, or it gets worse, contact a doctor.';
