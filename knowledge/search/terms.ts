// Search stage "typo correction": each word of a message becomes a known word of a locale's index (exact, a
// compound's parts, an unlisted romanized spelling, or a typo's correction), with how sure that is. Pure.
import Fuse from 'fuse.js';
import { LATIN_WORD, skeleton, type LatinKeys } from '../lexicon';
import { editDistance, letterMask, bitCount, shapeKey, splitCompound, withinOneEdit } from './edits';
import { barest, type LocaleIndex } from './localeIndex';

/**
 * A message word as a term of the index: `quality` 1 for an exact or equivalent word, less for a correction,
 * 0 for a word the index does not have; `weight`, its idf.
 */
export interface ResolvedTerm { term: string; quality: number; weight: number }

/** How much a word counts when it was a typo's correction, or an unlisted romanized spelling, instead of exact. */
export const CORRECTED_QUALITY = 0.85;
/** The same for an unlisted romanized spelling (see `CORRECTED_QUALITY`). */
export const ROMANIZED_QUALITY = 0.85;

/** Longer "words" are junk or a pasted blob; Dutch compounds in the content stay well below this. */
const MAX_TERM_LENGTH = 40;

/**
 * Maps each query term to a known term: exact; else a compound split into known parts
 * ("examenonderdeel" → "examen" + "onderdeel"); else a typo of a known word with the same first letter
 * (an edit distance of 1, or 2 for long words). `memo` keeps each word's outcome for the rest of one search
 * (the question sentence of a long message repeats words of the whole message). `notTypos`: words never
 * corrected (the person's own language's stopwords, when searching another language).
 */
export function resolveTerms(
  words: readonly string[], index: LocaleIndex, memo: Map<string, ResolvedTerm[]>, notTypos: ReadonlySet<string>,
): ResolvedTerm[] {
  return index.tokenize(words).flatMap((term): ResolvedTerm[] => {
    const weight = index.idf(term);
    if (index.known.has(term)) return [{ term, quality: 1, weight }];
    let resolved = memo.get(term);
    if (!resolved) {
      resolved = resolveUnknown(term, weight, index, !notTypos.has(term));
      memo.set(term, resolved);
    }
    return resolved;
  });
}

function resolveUnknown(term: string, weight: number, index: LocaleIndex, correctTypos: boolean): ResolvedTerm[] {
  // No word is this long: skip compound splitting and typo correction (both grow with the length).
  if (term.length > MAX_TERM_LENGTH) return [{ term, quality: 0, weight }];
  // "imtihaan" in an Arabic conversation: an unlisted romanization of a spelling the lexicon lists.
  const romanized = index.skeletons.size && LATIN_WORD.test(term) ? index.skeletons.get(skeleton(term)) : undefined;
  if (romanized) return [{ term: romanized, quality: ROMANIZED_QUALITY, weight: index.idf(romanized) }];
  // "zapysatysia" in a Ukrainian conversation: any word of the index typed in Latin letters.
  const typed = index.latin && LATIN_WORD.test(term) ? fromLatin(term, index.latin.key, index.latin.terms) : undefined;
  if (typed) return [{ term: typed, quality: ROMANIZED_QUALITY, weight: index.idf(typed) }];
  const bare = withoutClitics(term, index);
  if (bare) return [{ term: bare, quality: 1, weight: index.idf(bare) }];
  const parts = splitCompound(term, index.known);
  if (parts) return parts.map((part) => ({ term: part, quality: 1, weight: index.idf(part) }));
  const match = correctTypos && term.length >= 5 ? correction(term, index) : undefined;
  // A correction says what the word it was corrected to says: "contract" read as "contact" weighs as "contact",
  // not as a word no entry has (the most a word can weigh), which let a typo outweigh the words spelled right.
  return [match ? { term: match, quality: CORRECTED_QUALITY, weight: index.idf(match) } : { term, quality: 0, weight }];
}

/**
 * The term whose Latin key one of a typed word's keys is (the main key first), or is without an ending of up to
 * `latin.ending` letters (every key whole before any is cut).
 */
function fromLatin(typed: string, latin: LatinKeys, keys: ReadonlyMap<string, string>): string | undefined {
  const typedKeys = latin.ofLatin(typed);
  for (let cut = 0; cut <= latin.ending; cut++) {
    for (const key of typedKeys) {
      if (key.length - cut < latin.minKey + (cut ? 1 : 0)) continue;
      const term = keys.get(cut ? key.slice(0, -cut) : key);
      if (term !== undefined) return term;
    }
  }
  return undefined;
}

/**
 * The known word an unknown word is without one or two of the locale's clitics, or an ending ("وحصلت" → "حصلت",
 * "پولامو" → "پول"), stemmed as the index has it; undefined when no such form is a word the index knows.
 */
function withoutClitics(term: string, index: LocaleIndex): string | undefined {
  if (!index.clitics.length && !index.cliticEndings.length) return undefined;
  return barest(term, index.clitics, index.cliticEndings, (form) => {
    const [bare] = index.tokenize([form]);
    return bare !== undefined && index.known.has(bare) ? bare : undefined;
  });
}

/**
 * The known word a typo most likely meant: the nearest (the more common one when equally near). Words one
 * edit away are found by comparing the few known words with the same first letter and a length within one.
 * A long word with none of those may be two edits from a known word, if fuse.js agrees.
 */
function correction(term: string, index: LocaleIndex): string | undefined {
  let match: string | undefined;
  let nearest = Infinity;
  const consider = (word: string, distance: number) => {
    // Equally near: the more common word wins ("examn" → "examen", not a rare typo in the content).
    const commoner = distance === nearest && match !== undefined && index.idf(word) < index.idf(match);
    if (distance < nearest || commoner) [match, nearest] = [word, distance];
  };
  const first = term[0]!;
  for (let length = term.length - 1; length <= term.length + 1; length++) {
    for (const word of index.shapes.get(shapeKey(first, length))?.words ?? []) {
      if (withinOneEdit(word, term)) consider(word, 1);
    }
  }
  if (match || term.length < 8) return match;
  const near = wordsTwoEditsAway(term, index);
  // Two edits in a long word is a typo only when the differences do not change its shape too much: fuse.js
  // (bitap, with where the differences are) keeps the plausible ones.
  if (near.length) for (const { item: word } of new Fuse(near, index.fuseOptions).search(term)) consider(word, 2);
  return match;
}

/**
 * The known words with the same first letter that are two edits from the term. Each edit adds or removes at
 * most two letters from a word's set of letters, so only words whose sets differ in at most four are
 * measured. Most long unknown words (a Turkish word in the English index) have none.
 */
function wordsTwoEditsAway(term: string, index: LocaleIndex): string[] {
  const near: string[] = [];
  const mask = letterMask(term);
  for (let length = term.length - 2; length <= term.length + 2; length++) {
    const key = shapeKey(term[0]!, length);
    const group = index.shapes.get(key);
    if (!group) continue;
    const { words, masks } = group;
    for (let k = 0; k < masks.length; k++) {
      if (bitCount(masks[k]! ^ mask) <= 4 && editDistance(words[k]!, term, 2) === 2) near.push(words[k]!);
    }
  }
  return near;
}
