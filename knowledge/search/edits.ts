// Search stage "typo correction", its primitives: edit distances, compounds, and the spelling variants of the
// content's own words. Pure.

/** The key a word is grouped under for typo correction: its first letter and its length ("e6" for "examen"). */
export const shapeKey = (first: string, length: number) => `${first}${length}`;

/** Which letters a word has, as bits (letters beyond 32 share bits: the test below only gets less strict). */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask;
}

/** How many bits of a 32-bit number are set (letters in which two `letterMask`s differ). */
export function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Words of at least `minLength` letters grouped by first letter (typos rarely change the first letter). */
function byFirstLetter(words: Iterable<string>, minLength: number): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const w of words) {
    if (w.length < minLength) continue;
    const group = groups.get(w[0]!);
    if (group) group.push(w);
    else groups.set(w[0]!, [w]);
  }
  return groups;
}

/** Rare words (seen at most twice) one edit from a word seen at least three times as often → that word. */
export function spellingAliases(counts: ReadonlyMap<string, number>): Map<string, string> {
  const byFirst = byFirstLetter(counts.keys(), 5);
  const aliases = new Map<string, string>();
  for (const [word, count] of counts) {
    if (count > 2 || word.length < 6 || /\d/.test(word)) continue;
    let best: string | undefined;
    for (const other of byFirst.get(word[0]!) ?? []) {
      if (other === word || Math.abs(other.length - word.length) > 1) continue;
      if ((counts.get(other) ?? 0) < 3 * count || editDistance(word, other) !== 1) continue;
      if (!best || (counts.get(other) ?? 0) > (counts.get(best) ?? 0)) best = other;
    }
    if (best) aliases.set(word, best);
  }
  return aliases;
}

/**
 * Splits a compound into two known words of 4+ letters, allowing a linking "s"; undefined when it cannot.
 * @example splitCompound('inburgeringsplicht', known) // ['inburgering', 'plicht']
 */
export function splitCompound(word: string, known: ReadonlySet<string>): [string, string] | undefined {
  for (let i = 4; i <= word.length - 4; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (known.has(head) && known.has(tail)) return [head, tail];
    if (head.endsWith('s') && known.has(head.slice(0, -1)) && known.has(tail) && head.length > 4) return [head.slice(0, -1), tail];
  }
  return undefined;
}

/**
 * Whether two different words are one edit apart (a letter changed, added, dropped, or two neighbours
 * swapped): `editDistance(a, b) === 1` for different words, without the table.
 */
export function withinOneEdit(a: string, b: string): boolean {
  // Char codes, not a[i]: indexing a string of Arabic, Ge'ez or Cyrillic letters makes a new string each time, and
  // this runs for every known word of a similar shape.
  if (a.length < b.length) return withinOneEdit(b, a);
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length) return false; // the same word
  if (a.length > b.length) return sameFrom(a, b, i, 1); // a has one letter more, at i
  return sameFrom(a, b, i + 1, 0) || (a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameFrom(a, b, i + 2, 0));
}

/** Whether b from `from` on equals a from `from + shift` on. */
function sameFrom(a: string, b: string, from: number, shift: number): boolean {
  for (let j = from; j < b.length; j++) if (a.charCodeAt(j + shift) !== b.charCodeAt(j)) return false;
  return true;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment). With `max`, stops as soon as the distance is sure
 * to exceed it and returns `max + 1`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  let before = new Array<number>(width).fill(0); // row i - 2
  let previous = Array.from({ length: width }, (_, j) => j); // row i - 1
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, before[j - 2]! + 1);
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Every path to the end passes through this row or, by a transposition, the one before it.
    if (rowMin > max && Math.min(...previous) > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, max + 1);
}
