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
  return emergencyContact(ctx.content(['emergency-numbers'])['emergency-numbers'], ctx.settings.country);
}
