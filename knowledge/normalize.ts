// Text folding shared by indexing and querying: case, diacritics, punctuation, spelling variants, stopwords.
import type { Lexicon } from './lexicon';

/**
 * Arabic-script letter variants folded to one form (after NFKD has split off hamza and madda marks):
 * Persian yeh and alef maqsura → yeh, Persian kaf → kaf, teh marbuta → heh, alef wasla → alef.
 */
const ARABIC_LETTERS: Record<string, string> = { 'ی': 'ي', 'ى': 'ي', 'ک': 'ك', 'ة': 'ه', 'ٱ': 'ا', 'ۀ': 'ه' };

/** The Ge'ez ፀ row (U+1340–U+1346), folded to the ጸ row eight code points before it (ፀ → ጸ, ፁ → ጹ, ... ፆ → ጾ). */
const TSADE = /[\u1340-\u1346]/g;
const TSADE_TO_TSADAI = 0x1340 - 0x1338;

/**
 * English "I'll" and "I'd" (and the same after you, he, she, we, they, it, that, there, who): without the
 * apostrophe they would be "ill" (sick) and "id" (an identity card).
 */
const CONTRACTION = /\b(i|you|he|she|we|they|it|that|there|who)['’‘`´ʼ](ll|d)\b/g;

/**
 * A letter typed three times or more in a row is stretched for emphasis ("sooo", "pleeease", "کمکککک"): it
 * becomes two, as two can be part of the word ("ممكن", "zee"), and typo correction then finds the word ("كيفف" →
 * "كيف"). The rare word with three ("ideeën" folds to "ideeen") folds the same in the index as in a message.
 */
const STRETCHED = /(\p{L})\1{2,}/gu;

/**
 * Lower-case, strip diacritics (Latin accents, Arabic harakat), fold Arabic/Persian letter variants, the Ge'ez
 * ፀ row to the ጸ row (the same sound; Tigray and older spelling write ፀ where Eritrean writing has ጸ) and
 * Arabic-Indic digits, Turkish dotless ı to i (people type "saldiri" for "saldırı"), drop tatweel, zero-width
 * joiners and apostrophes of every kind (Ukrainian "б'є", "бʼє", "б’є" are one word; English "I'll" and "I'd" are
 * written out first), shorten stretched letters to two, turn punctuation into spaces. Ge'ez and Cyrillic letters
 * stay as they are. Pure.
 * @example fold('Ik wil een Boete-Regeling, café!') // 'ik wil een boete regeling cafe'
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u200c\u200d\u0640\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[یىکةٱۀ]/g, (c) => ARABIC_LETTERS[c] ?? c)
    .replace(TSADE, (c) => String.fromCharCode(c.charCodeAt(0) - TSADE_TO_TSADAI))
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) - (d >= '\u06f0' ? 0x06f0 : 0x0660))))
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(CONTRACTION, (_, pronoun: string, verb: string) => `${pronoun} ${verb === 'll' ? 'will' : 'would'}`)
    .replace(/['’‘`´ʼ]/g, '')
    .replace(STRETCHED, '$1$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Turns text into search terms for one language: folds it, maps spelling variants, written-out numbers
 * and synonyms to one canonical form, joins split compounds the vocabulary knows
 * ("inburgerings examen" → "inburgeringsexamen") and three words into a spelling the lexicon lists (an
 * abbreviation spelled letter by letter), and drops stopwords. `vocabulary`: the words an index knows;
 * without it, nothing is joined.
 */
export function terms(text: string, lexicon: Lexicon, vocabulary?: ReadonlySet<string>): string[] {
  return termsOfWords(foldedWords(text), lexicon, vocabulary);
}

/**
 * The words of a text after `fold`: the same for every language, so a search folds a message once. A word that
 * mixes Latin letters (or digits) with another script is split where the script changes, as people glue a
 * clitic or an ending onto a Dutch term or a number ("الـIND", "ንDUO", "gemeenteها", "9ወርሒ"); the other
 * script's part is kept only when it is longer than a clitic or an ending (`MAX_GLUED_AFFIX` letters).
 * @example foldedWords('وين الـIND ب9شهور') // ['وين', 'ind', '9', 'شهور']
 */
export const foldedWords = (text: string): string[] => fold(text).split(' ').filter(Boolean).flatMap(splitScripts);

/** Affixes as the search compares them: folded, each once, the longest first (so "وال" is tried before "ال"). Pure. */
export const foldedLongestFirst = (affixes: readonly string[]): string[] =>
  [...new Set(affixes.map(fold))].sort((a, b) => b.length - a.length);

/** A part of another script glued to a Latin word or a number and at most this long is a clitic or an ending. */
export const MAX_GLUED_AFFIX = 3;
const MIXED = /[\p{Script=Latin}\p{N}][^\p{Script=Latin}\p{N}]|[^\p{Script=Latin}\p{N}][\p{Script=Latin}\p{N}]/u;
const RUNS = /[\p{Script=Latin}\p{N}]+|[^\p{Script=Latin}\p{N}]+/gu;
const LATIN_OR_NUMBER = /^[\p{Script=Latin}\p{N}]/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Latin letters typed inside a Cyrillic word in place of the Cyrillic letter that looks the same ("лiкарнi" with a
 * Latin i), each with that Cyrillic letter; and the words made of Cyrillic letters and those Latin ones only.
 */
const LOOKALIKES: Readonly<Record<string, string>> = { a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', x: 'х', y: 'у' };
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');
const CYRILLIC_OR_LOOKALIKE = `[\\p{Script=Cyrillic}${Object.keys(LOOKALIKES).join('')}]`;
const CYRILLIC_WITH_LOOKALIKES = new RegExp(`^${CYRILLIC_OR_LOOKALIKE}*\\p{Script=Cyrillic}${CYRILLIC_OR_LOOKALIKE}*$`, 'u');

function splitScripts(word: string): string[] {
  if (!MIXED.test(word)) return [word];
  // A Cyrillic word with a few Latin look-alike letters in it (a keyboard without Ukrainian і): one Cyrillic word.
  // Not a Latin word behind a Cyrillic clitic ("вCOA" is "в" + "COA"): the Latin letters must be the fewer.
  if (CYRILLIC_WITH_LOOKALIKES.test(word)) {
    const latin = word.match(LOOKALIKE)?.length ?? 0;
    if (2 * latin < word.length) return [word.replace(LOOKALIKE, (c) => LOOKALIKES[c]!)];
  }
  const runs = word.match(RUNS) ?? [word];
  // Digits beside another script only ("ب9شهور", "2022ጀሚረ"): the number and the words are apart, all kept.
  if (!runs.some((run) => LATIN.test(run))) return runs;
  return runs.filter((run) => LATIN_OR_NUMBER.test(run) || letterCount(run) > MAX_GLUED_AFFIX);
}

/** `terms` for words `foldedWords` made (a search folds a message once and makes terms per language). */
export function termsOfWords(words: readonly string[], lexicon: Lexicon, vocabulary?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    // An abbreviation typed letter by letter, with dots or spaces ("d.u.o", "K N M"), is the word the index knows
    // ("duo"); never a word it does not know, so "i.e." or the initials "J.P." stay single letters.
    if (vocabulary) {
      const letters = lettersFrom(words, i, lexicon, vocabulary);
      if (letters !== undefined) {
        out.push(letters.term);
        i += letters.count - 1;
        continue;
      }
    }
    const next = words[i + 1];
    // Two function words are not one split compound ("wat er" is not "water", "voor dat" not "voordat"), unless
    // the lexicon lists them together ("how much" → "cost").
    const functionWords = lexicon.stopwords.has(word) && next !== undefined && lexicon.stopwords.has(next) && !lexicon.canonical.has(word + next);
    // Three words are joined only into a spelling the lexicon lists: an abbreviation spelled letter by letter in
    // another script ("آی ان دی" is "IND", "دي يو او" is "DUO").
    const third = words[i + 2];
    if (vocabulary && third !== undefined) {
      const listed = listedTerm(word + next + third, lexicon);
      if (listed !== undefined && vocabulary.has(listed)) {
        out.push(listed);
        i += 2;
        continue;
      }
    }
    if (vocabulary && next !== undefined && !functionWords) {
      const joined = canonical(word + next, lexicon);
      if (vocabulary.has(joined)) {
        out.push(joined);
        i++;
        continue;
      }
    }
    // A stopword is dropped as written, before prefix stripping could turn it into another word, and so is a
    // spelling the lexicon lists for a stopword (Somali "hada" for "hadda").
    if (lexicon.stopwords.has(word) || lexicon.stopwords.has(lexicon.canonical.get(word) ?? '')) continue;
    let term = canonical(word, lexicon);
    if (vocabulary && !vocabulary.has(term)) term = withoutClitic(word, lexicon, vocabulary) ?? term;
    if (!lexicon.stopwords.has(term)) out.push(term);
  }
  return out;
}

/** The most single letters joined into one abbreviation ("d u o", "i n d", "k n m"). */
const MAX_SPELLED_LETTERS = 4;
/** One letter, not a digit: "3 5" is two numbers, never "35". */
const SINGLE_LETTER = /^\p{L}$/u;

/** The known term spelled by single letters from `words[i]` on, the longest run first, and how many words it takes. */
function lettersFrom(words: readonly string[], i: number, lexicon: Lexicon, vocabulary: ReadonlySet<string>): { term: string; count: number } | undefined {
  let run = 0;
  while (run < MAX_SPELLED_LETTERS && i + run < words.length && SINGLE_LETTER.test(words[i + run] as string)) run++;
  for (let count = run; count >= 2; count--) {
    const term = canonical(words.slice(i, i + count).join(''), lexicon);
    if (vocabulary.has(term) && !lexicon.stopwords.has(term)) return { term, count };
  }
  return undefined;
}

/** A word without its clitics shorter than this is too often another word (here and in the search's `barest`). */
export const MIN_BARE = 3;

/**
 * The known term of an unknown word without one of the locale's one-letter clitics ("وخطه" → "خطه"), looked for
 * before an ending is cut off: cut first, "وخطه" is "وخط", which is no word, and its clitic can no longer go.
 */
function withoutClitic(word: string, lexicon: Lexicon, vocabulary: ReadonlySet<string>): string | undefined {
  for (const clitic of lexicon.clitics) {
    if (!word.startsWith(clitic) || letterCount(word) - letterCount(clitic) < MIN_BARE) continue;
    const term = canonical(word.slice(clitic.length), lexicon);
    if (vocabulary.has(term)) return term;
  }
  return undefined;
}

/**
 * A known variant or synonym → its canonical term; else the word without a clitic prefix ("الامتحان" →
 * "امتحان") and an inflection ending ("іспиту" → "іспит"), as the locale's lexicon lists them.
 */
function canonical(word: string, lexicon: Lexicon): string {
  // A variant's word is stemmed like the word itself is where it stands in a text: "скаргу" → "скарга" →
  // "скарг", as "скарга" in an entry is "скарг".
  // A listed variant may also come with a clitic prefix ("التليفون" is "ال" + a listed "تليفون"): looked up
  // before an ending is cut off, which would make it another word ("تليف").
  const direct = listedTerm(word, lexicon);
  let stem = direct ?? word;
  const prefix = lexicon.prefixes.find((p) => stem.startsWith(p) && letterCount(stem) - letterCount(p) >= lexicon.minStem);
  if (prefix) stem = stem.slice(prefix.length);
  const suffix = lexicon.suffixes.find((s) => stem.endsWith(s) && letterCount(stem) - letterCount(s) >= lexicon.minStem);
  if (suffix) stem = stem.slice(0, -suffix.length);
  return direct !== undefined ? stem : lexicon.canonical.get(stem) ?? stem;
}

/** The canonical term of a listed variant, also behind a clitic prefix; undefined when the lexicon does not list it. */
function listedTerm(word: string, lexicon: Lexicon): string | undefined {
  return lexicon.canonical.get(word) ?? withoutPrefix(word, lexicon);
}

/** The canonical term of `word` without one of the lexicon's prefixes, when that rest is a listed variant. */
function withoutPrefix(word: string, lexicon: Lexicon): string | undefined {
  for (const p of lexicon.prefixes) {
    if (!word.startsWith(p) || letterCount(word) - letterCount(p) < lexicon.minStem) continue;
    const found = lexicon.canonical.get(word.slice(p.length));
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * How many letters (code points) a word has: a letter outside the Basic Multilingual Plane is two UTF-16 units.
 * Counted without making an array of its letters, as this runs for every word of every search.
 */
export function letterCount(word: string): number {
  let count = word.length;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) count--;
  }
  return count;
}
