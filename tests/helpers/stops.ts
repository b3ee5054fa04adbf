/**
 * The stops registry (src/terminal/stops.ts) lives on globalThis for the whole test worker. A test
 * that delivers a stop puts it back, so the next test starts clean and the worker never ends itself
 * by SIGHUP at exit (which the registry does after a hang-up).
 */
export function resetStops(): void {
  const registry = (globalThis as unknown as Record<symbol, { received: unknown; hungUp: boolean; outputError: unknown; handlers: unknown[] } | undefined>)[
    Symbol.for('back-relief.stops')
  ];
  if (!registry) return;
  registry.received = null;
  registry.hungUp = false;
  registry.outputError = null;
  registry.handlers.length = 0;
}
