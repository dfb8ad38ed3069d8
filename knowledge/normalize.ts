// Text folding shared by indexing and querying: case, diacritics, punctuation, spelling variants, stopwords.
import type { Lexicon } from './lexicon';

/** Lower-case, strip diacritics and punctuation, collapse white space. Pure. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Turns text into search terms for one language: folds it, maps spelling variants, written-out numbers
 * and synonyms to one canonical form, joins split compounds the vocabulary knows
 * ("inburgerings examen" → "inburgeringsexamen") and drops stopwords.
 */
export function terms(text: string, lexicon: Lexicon, vocabulary?: ReadonlySet<string>): string[] {
  const words = fold(text).split(' ').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    if (vocabulary && next !== undefined) {
      const joined = canonical(word + next, lexicon);
      if (vocabulary.has(joined)) {
        out.push(joined);
        i++;
        continue;
      }
    }
    const term = canonical(word, lexicon);
    if (!lexicon.stopwords.has(term)) out.push(term);
  }
  return out;
}

function canonical(word: string, lexicon: Lexicon): string {
  return lexicon.canonical.get(word) ?? word;
}
