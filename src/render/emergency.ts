/**
 * The emergency number in the words of every message that says to call for help: the person's own
 * country's number when it is known (the `country` setting, else the locale's region), else "your
 * local emergency number" with the three best-known examples.
 */
import type { EmergencyNumber } from '../content/schema.js';

export interface EmergencyContact {
  /** ISO 3166-1 alpha-2, upper case. */
  code: string;
  name: string;
  number: string;
  alsoFrom: string[];
}

export const GENERIC_NUMBER = 'your local emergency number (911 in the US and Canada, 112 in Europe, 999 in the UK)';

/** The contact for a country code, or null when the code is not given or not in the list. */
export function emergencyContact(numbers: readonly EmergencyNumber[], country: string | null): EmergencyContact | null {
  if (!country) return null;
  const found = numbers.find((n) => n.id === country.toLowerCase());
  return found ? { code: found.id.toUpperCase(), name: found.name, number: found.number, alsoFrom: found.alsoFrom ?? [] } : null;
}

/** "999 (the emergency number in the United Kingdom; 112 works too)", or the generic words. */
export function emergencyNumberWords(contact: EmergencyContact | null): string {
  if (!contact) return GENERIC_NUMBER;
  const also = contact.alsoFrom.length ? `; ${contact.alsoFrom.join(' or ')} works too` : '';
  return `${contact.number} (the emergency number in ${contact.name}${also})`;
}

/** "Call 999 (...) or go to an emergency room now. Do not drive yourself." */
export function callNow(contact: EmergencyContact | null): string {
  return `Call ${emergencyNumberWords(contact)} or go to an emergency room now. Do not drive yourself.`;
}

/** "call 999" or "call your local emergency number": the short form inside a sentence. */
export function callShort(contact: EmergencyContact | null): string {
  return contact ? `call ${contact.number}` : 'call your local emergency number';
}

/** For `config set country`: null when the code is known, else why not (with the codes that are). */
export function knownCountry(ctx: { content(kinds: ['emergency-numbers']): { 'emergency-numbers': EmergencyNumber[] } }, code: string): string | null {
  const numbers = ctx.content(['emergency-numbers'])['emergency-numbers'];
  if (numbers.some((n) => n.id === code.toLowerCase())) return null;
  // The United Kingdom's code is GB; UK is what people type.
  if (code.toUpperCase() === 'UK' && numbers.some((n) => n.id === 'gb')) return 'The country code of the United Kingdom is GB: back-relief config set country GB';
  return `No emergency number is known for "${code}". The countries known: ${numbers.map((n) => n.id.toUpperCase()).join(', ')}. Another can be added with --data-dir (emergency-numbers.json).`;
}
