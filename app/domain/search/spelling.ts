// Spelling suggestions for a Latin word nobody knows ("headphnoes", "backpak"): the known words within
// a small edit distance (a swap of two neighbouring letters counts as one edit, as typists make them).

/** Optimal-string-alignment distance, stopped early once every path is past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** One edit for short words, two from six letters on: more would turn "ring" into "king". */
const allowedEdits = (word: string) => (word.length >= 6 ? 2 : 1);

/** The closest known words (nearest first, then alphabetical), at most `max`. */
export function nearestWords(word: string, vocabulary: readonly string[], max = 3): string[] {
  if (word.length < 3) return [];
  const limit = allowedEdits(word);
  return vocabulary
    .filter((known) => known !== word)
    .map((known) => ({ known, distance: editDistance(word, known, limit) }))
    .filter((candidate) => candidate.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.known.localeCompare(b.known))
    .slice(0, max)
    .map((candidate) => candidate.known);
}
