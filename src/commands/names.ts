/** Ids as the words a person reads: red flags by their checkbox line, precautions by their name. */
import type { CommandContext } from '../context.js';
import { emergencyContact, type EmergencyContact } from '../render/emergency.js';
import { words } from '../render/layout.js';

export function flagNames(ctx: CommandContext): (id: string) => string {
  const names = new Map(ctx.content(['red-flags'])['red-flags'].map((f) => [f.id, f.summary]));
  return (id) => names.get(id) ?? words(id);
}

export function precautionNames(ctx: CommandContext): (id: string) => string {
  const names = new Map(ctx.content(['precautions']).precautions.map((p) => [p.id, p.name]));
  return (id) => names.get(id) ?? words(id);
}

/** The person's emergency number: the country setting, else the locale's region; null for the generic words. */
export function emergencyOf(ctx: CommandContext): EmergencyContact | null {
  if (!ctx.settings.country) return null;
  const contact = emergencyContact(ctx.content(['emergency-numbers'])['emergency-numbers'], ctx.settings.country);
  const source = ctx.settingSources.country;
  // A country chosen on purpose (the file or the variable) that the list does not know: said once,
  // not silently turned into the generic words. A locale's region the list lacks needs no word.
  if (!contact && (source === 'file' || source === 'environment') && !warned.has(ctx)) {
    warned.add(ctx);
    const fix = source === 'file' ? 'the country setting; change it with back-relief config set country CODE' : 'BACK_RELIEF_COUNTRY';
    ctx.err(`back-relief: warning: no emergency number is known for "${ctx.settings.country}" (${fix}). The general words are shown instead.`);
  }
  return contact;
}

const warned = new WeakSet<CommandContext>();
