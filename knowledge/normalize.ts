// Text folding shared by indexing and querying: case, diacritics, punctuation, spelling variants, stopwords.
import type { Lexicon } from './lexicon';

/**
 * Arabic-script letter variants folded to one form (after NFKD has split off hamza and madda marks):
 * Persian yeh and alef maqsura → yeh, Persian kaf → kaf, teh marbuta → heh, alef wasla → alef.
 */
const ARABIC_LETTERS: Record<string, string> = { 'ی': 'ي', 'ى': 'ي', 'ک': 'ك', 'ة': 'ه', 'ٱ': 'ا', 'ۀ': 'ه' };

/**
 * Lower-case, strip diacritics (Latin accents, Arabic harakat), fold Arabic/Persian letter variants and
 * Arabic-Indic digits, Turkish dotless ı to i (people type "saldiri" for "saldırı"), drop tatweel, zero-width
 * joiners and apostrophes of every kind (Ukrainian "б'є", "бʼє", "б’є" are one word), turn punctuation into
 * spaces. Ge'ez and Cyrillic letters stay as they are. Pure.
 * @example fold('Ik wil een Boete-Regeling, café!') // 'ik wil een boete regeling cafe'
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u200c\u200d\u0640\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[یىکةٱۀ]/g, (c) => ARABIC_LETTERS[c] ?? c)
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) - (d >= '\u06f0' ? 0x06f0 : 0x0660))))
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Turns text into search terms for one language: folds it, maps spelling variants, written-out numbers
 * and synonyms to one canonical form, joins split compounds the vocabulary knows
 * ("inburgerings examen" → "inburgeringsexamen") and drops stopwords. `vocabulary`: the words an index knows;
 * without it, nothing is joined.
 */
export function terms(text: string, lexicon: Lexicon, vocabulary?: ReadonlySet<string>): string[] {
  return termsOfWords(foldedWords(text), lexicon, vocabulary);
}

/** The words of a text after `fold`: the same for every language, so a search folds a message once. */
export const foldedWords = (text: string): string[] => fold(text).split(' ').filter(Boolean);

/** `terms` for words `foldedWords` made (a search folds a message once and makes terms per language). */
export function termsOfWords(words: readonly string[], lexicon: Lexicon, vocabulary?: ReadonlySet<string>): string[] {
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
    // A stopword is dropped as written, before prefix stripping could turn it into another word.
    if (lexicon.stopwords.has(word)) continue;
    const term = canonical(word, lexicon);
    if (!lexicon.stopwords.has(term)) out.push(term);
  }
  return out;
}

/**
 * A known variant or synonym → its canonical term; else the word without a clitic prefix ("الامتحان" →
 * "امتحان") and an inflection ending ("іспиту" → "іспит"), as the locale's lexicon lists them.
 */
function canonical(word: string, lexicon: Lexicon): string {
  // A variant's word is stemmed like the word itself is where it stands in a text: "скаргу" → "скарга" →
  // "скарг", as "скарга" in an entry is "скарг".
  const direct = lexicon.canonical.get(word);
  let stem = direct ?? word;
  const long = (rest: string) => [...rest].length >= lexicon.minStem;
  const prefix = lexicon.prefixes.find((p) => stem.startsWith(p) && long(stem.slice(p.length)));
  if (prefix) stem = stem.slice(prefix.length);
  const suffix = lexicon.suffixes.find((s) => stem.endsWith(s) && long(stem.slice(0, -s.length)));
  if (suffix) stem = stem.slice(0, -suffix.length);
  return direct !== undefined ? stem : lexicon.canonical.get(stem) ?? stem;
}
