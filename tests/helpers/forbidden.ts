/** Brands, people, places and sales lines of the source guide: none may reach data/ or any output. */
export const FORBIDDEN = [/neuropasil/i, /tony enrico/i, /new york/i, /\bnyc\b/i, /charley horse chronicles/i, /unlock your traps/i, /muscle rub cream/i, /ultimate checklist/i, /really works/i, /\baloe\b/i, /\burea\b/i, /our customers/i, /secret weapon/i];

