/** "Did you mean ...?" for ids the user typed: the nearest known one, if it is near enough. */

function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const d = candidate.startsWith(input) && input.length >= 3 ? 0 : distance(input, candidate);
    // A third of the longer word may differ: "ice-heat" is near enough to "ice-or-heat".
    const allowed = Math.max(2, Math.floor(Math.max(input.length, candidate.length) / 3));
    if (d <= allowed && d < bestScore) {
      best = candidate;
      bestScore = d;
    }
  }
  return best;
}
