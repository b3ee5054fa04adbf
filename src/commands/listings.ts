/** The commands that show the content: stretches [ID], remedies, red-flags, sources. */
import type { Category } from '../content/schema.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { closest } from '../text/suggest.js';
import { emergencyOf } from './names.js';
import { sanitizeLine } from '../render/sanitize.js';
import { redFlagList, remedyList, sourceList, stretchDetail, stretchList } from '../render/listings.js';

export function stretches(ctx: CommandContext, id: string | undefined): void {
  const { stretches: all } = ctx.content(['stretches']);
  if (id === undefined) {
    if (ctx.options.json) ctx.json(all);
    else ctx.out(stretchList(all, ctx).join('\n'));
    return;
  }
  const stretch = all.find((s) => s.id === id);
  if (!stretch) {
    const known = all.map((s) => s.id);
    const guess = closest(id, known);
    throw new UsageError(
      `There is no stretch "${sanitizeLine(id)}".${guess ? ` Did you mean "${guess}"?` : ''} Known stretches: ${known.join(', ')}.`,
    );
  }
  if (ctx.options.json) ctx.json(stretch);
  else ctx.out(stretchDetail(stretch, ctx).join('\n'));
}

export function remedies(ctx: CommandContext, category: Category | undefined): void {
  const { remedies: all } = ctx.content(['remedies']);
  const shown = category ? all.filter((r) => r.category === category) : all;
  if (ctx.options.json) ctx.json(shown);
  else ctx.out(remedyList(shown, ctx, category).join('\n'));
}

export function redFlags(ctx: CommandContext): void {
  const { 'red-flags': all } = ctx.content(['red-flags']);
  if (ctx.options.json) ctx.json(all);
  else ctx.out(redFlagList(all, ctx, emergencyOf(ctx)).join('\n'));
}

export function sources(ctx: CommandContext): void {
  // Every source: the care's, and those behind each country's emergency number.
  const { sources: all } = ctx.content(['emergency-sources']);
  if (ctx.options.json) ctx.json(all);
  else ctx.out(sourceList(all, ctx).join('\n'));
}
