// Loads the per-language search lexicon (stopwords, synonyms, spelling variants) from knowledge/lexicon/*.yaml.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../locales';
import { fold, foldedLongestFirst, foldedWords } from './normalize';
import { KNOWLEDGE_DIR } from './paths';

/** One language's search lexicon, folded and ready for `terms` (see `buildLexicon`). */
export interface Lexicon {
  /** Folded function words, dropped from messages and texts (romanized ones included). */
  stopwords: ReadonlySet<string>;
  /** Folded variant → canonical term. */
  canonical: ReadonlyMap<string, string>;
  /** Clitic prefixes stripped before matching (Arabic "ال", Tigrinya "ክ"/"ዝ"), longest first. */
  prefixes: readonly string[];
  /** Inflection endings stripped before matching (Ukrainian "іспиту" → "іспит"), longest first. */
  suffixes: readonly string[];
  /** Letters that must remain after a prefix or suffix is stripped. */
  minStem: number;
  /**
   * For a language not written in Latin letters: how people write its words in Latin letters on a phone
   * ("imti7an", "emtehan", "ispyt") → the word in its own script. Also in `canonical`.
   */
  romanized: ReadonlyMap<string, string>;
  /** The `skeleton` of each romanized spelling → the word, where only one word has that skeleton. */
  skeletons: ReadonlyMap<string, string>;
  /**
   * One-letter clitics written onto a word (Arabic "و" and, "ب" with/at, "ل" for): the search tries an unknown word
   * without them, and keeps the result only when that is a word the index knows ("وحصلت" → "حصلت", but "بلديه" stays).
   */
  clitics: readonly string[];
  /**
   * Endings written onto a word (Persian "م" my, "رو"; Turkish case endings, also on Dutch words: "politieyi"),
   * longest first: tried like `clitics`, kept only when the rest is a word the index knows.
   */
  cliticEndings: readonly string[];
  /**
   * For a language whose words people also type in Latin letters, the key both spellings meet on (see
   * `LatinKey`): `ofWord` for a word in the language's script, `ofLatin` for a typed Latin word. Absent otherwise.
   */
  latinKey?: LatinKeys;
  /**
   * Phrases that announce a question about something else than the story before it ("but I have another
   * question:"), as folded words; see `afterSwitch`.
   */
  switches: readonly (readonly string[])[];
}

/** The key functions of a `LatinKey`, with its limits. */
export interface LatinKeys {
  /** A word's keys: the main key first, then those of its letters' other spellings (at most `MAX_LATIN_KEYS`). */
  ofWord: (word: string) => string[];
  /** The same for a typed Latin word. */
  ofLatin: (latin: string) => string[];
  /** Shorter keys are not used (they meet too many words). */
  minKey: number;
  /** Up to this many letters of a typed word's key are tried off (a case ending of its own). */
  ending: number;
  /** A word's key also counts without this last letter (Arabic teh marbuta, often not typed). */
  optionalFinal?: string;
}

/** One word in lower-case Latin letters and digits, as romanized spellings are written (and searched). */
export const LATIN_WORD = /^[a-z0-9]+$/;
const latinWord = z.string().regex(LATIN_WORD, 'lower-case Latin letters and digits, one word');

const keyLetters = z.string().regex(/^[a-z0-9]*$/, 'lower-case Latin letters and digits');
/** A letter's key, or its keys: the main one first, then how else it is typed. */
const keyChoices = z.union([keyLetters, z.array(keyLetters).min(2)]);
/** How a language's letters are typed in Latin letters: see `LatinKey`. */
const LatinKeyFile = z.strictObject({
  script: z.record(z.string().length(1), keyChoices),
  latin: z.record(z.string().regex(/^[a-z0-9]+$/, 'lower-case Latin letters and digits'), keyChoices).default({}),
  minKey: z.number().int().min(2).default(4),
  ending: z.number().int().min(0).default(0),
  optionalFinal: z.string().regex(/^[a-z]$/).optional(),
});

const LexiconFile = z.strictObject({
  stopwords: z.array(z.string().min(1)),
  synonyms: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
  prefixes: z.array(z.string().min(1)).default([]),
  suffixes: z.array(z.string().min(1)).default([]),
  minStem: z.number().int().min(1).default(3),
  /** Word in the language's script → how people spell it in Latin letters. */
  romanized: z.record(z.string().min(1), z.array(latinWord).min(1)).default({}),
  /** Function words as people write them in Latin letters ("ana", "shcho"). */
  romanizedStopwords: z.array(latinWord).default([]),
  clitics: z.array(z.string().length(1)).default([]),
  cliticEndings: z.array(z.string().min(1)).default([]),
  latinKey: LatinKeyFile.optional(),
  /** Phrases that announce another question ("another question", "btw a question"); see `Lexicon.switches`. */
  switches: z.array(z.string().min(2)).default([]),
});

/**
 * How a language's letters are typed in Latin letters, as one key both spellings meet on ("zapysatysia" and
 * "записатися" → "zapisatisia"; "imti7an" and "امتحان" → "mthn"): `script` gives each letter's key (letters as
 * folded: Ukrainian ї is і, й is и); `latin` rewrites typed spellings that differ from the key ("y" → "i",
 * "kh" → "h", a vowel Arabic does not write → ""), the longest first; other Latin letters are their own key.
 * A letter typed in more than one way has a list, the main key first (Arabic ع is often typed "3" and often left
 * out; a typed "g" is ج in Egypt and ق in Iraq): a word then has a key for each choice. Doubled letters count
 * once on both sides. `minKey`, `ending`, `optionalFinal`: see `LatinKeys`.
 */
export type LatinKey = z.infer<typeof LatinKeyFile>;

/** A word has at most this many keys (each letter with another spelling doubles them). */
export const MAX_LATIN_KEYS = 8;

/** The key functions of a `LatinKey`. Pure. */
export function latinKeyOf(spec: LatinKey): LatinKeys {
  const choices = (key: string | string[]) => (typeof key === 'string' ? [key] : key);
  const script = new Map(Object.entries(spec.script).map(([letter, key]) => [letter, choices(key)]));
  const spellings = Object.entries(spec.latin).map(([spelling, key]): [string, string[]] => [spelling, choices(key)])
    .sort(([a], [b]) => b.length - a.length);
  return {
    ofWord: (word) => keysOf([...word].map((c) => script.get(c) ?? [c])),
    ofLatin: (latin) => {
      const parts: string[][] = [];
      for (let i = 0; i < latin.length;) {
        const found = spellings.find(([spelling]) => latin.startsWith(spelling, i));
        parts.push(found ? found[1] : [latin[i]!]);
        i += found ? found[0].length : 1;
      }
      return keysOf(parts);
    },
    minKey: spec.minKey,
    ending: spec.ending,
    ...(spec.optionalFinal ? { optionalFinal: spec.optionalFinal } : {}),
  };
}

/**
 * The keys a word's parts spell, each part one of its choices: the main choices first, then those with the fewest
 * other choices, at most `MAX_LATIN_KEYS`; doubled letters once, each key once. Pure.
 */
function keysOf(parts: readonly (readonly string[])[]): string[] {
  let keys = [{ key: '', others: 0 }];
  for (const options of parts) {
    if (options.length === 1) {
      for (const k of keys) k.key += options[0];
      continue;
    }
    // A stable sort: among equally many other choices, the earlier parts' main choices stay first.
    keys = keys.flatMap((k) => options.map((o, i) => ({ key: k.key + o, others: k.others + (i ? 1 : 0) })))
      .sort((a, b) => a.others - b.others).slice(0, MAX_LATIN_KEYS);
  }
  return [...new Set(keys.map((k) => k.key.replace(/(.)\1+/g, '$1')))];
}

/**
 * Reads and validates the lexicon of every locale (`<dir>/<locale>.yaml`); variants of more than two words
 * are ignored (search is per word, or per pair of neighbouring words). Throws an error naming the file on bad content.
 */
export function loadLexicons(dir = path.join(KNOWLEDGE_DIR, 'lexicon')): Record<Locale, Lexicon> {
  const result = {} as Record<Locale, Lexicon>;
  for (const locale of LOCALES) {
    const file = path.join(dir, `${locale}.yaml`);
    const parsed = LexiconFile.safeParse(YAML.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    const { stopwords, romanizedStopwords, ...rest } = parsed.data;
    try {
      result[locale] = buildLexicon({ ...rest, stopwords: [...stopwords, ...romanizedStopwords] });
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
  }
  return result;
}

/** What a lexicon is built from (a lexicon file's fields; see `Lexicon` for each). */
export interface LexiconSource {
  stopwords: string[];
  synonyms: Record<string, string[]>;
  prefixes?: string[];
  minStem?: number;
  suffixes?: string[];
  /** Word in the language's script → how people spell it in Latin letters. */
  romanized?: Record<string, string[]>;
  clitics?: string[];
  cliticEndings?: string[];
  latinKey?: LatinKey;
  switches?: string[];
}

/**
 * Builds a lexicon from plain lists; every word is folded here exactly as a message is (`fold`), so the data files
 * may use accents, Persian or Arabic letter forms (على, ی) and apostrophes, and still meet the message's words.
 */
export function buildLexicon(source: LexiconSource): Lexicon {
  const { stopwords, synonyms, prefixes = [], minStem = 3, suffixes = [], romanized: romanizedSpellings = {}, clitics = [], cliticEndings = [] } = source;
  const canonical = new Map<string, string>();
  for (const [term, variants] of Object.entries(synonyms)) {
    for (const variant of variants) {
      // A two-word variant ("pay back", "city hall") is found as the two words written together, which is how
      // the search tries each pair of neighbouring words; longer ones are not searched for.
      const parts = fold(variant).split(/\s+/);
      if (parts.length <= 2) canonical.set(parts.join(''), fold(term));
    }
  }
  const stops = new Set(stopwords.map(fold));
  const romanized = new Map<string, string>();
  const bySkeleton = new Map<string, Set<string>>();
  for (const [term, spellings] of Object.entries(romanizedSpellings)) {
    // Folded as a text is (Arabic letter variants, no zero-width non-joiner), so it meets the index's word.
    const word = fold(term);
    if (!word || word.includes(' ')) throw new Error(`romanized: "${term}" is not one word`);
    for (const spelling of spellings.map(fold)) {
      const other = romanized.get(spelling);
      if (other !== undefined && other !== word) throw new Error(`romanized: "${spelling}" is listed under both "${other}" and "${term}"`);
      if (stops.has(spelling)) throw new Error(`romanized: "${spelling}" (under "${term}") is also a stopword`);
      romanized.set(spelling, word);
      if (!canonical.has(spelling)) canonical.set(spelling, canonical.get(word) ?? word);
      const key = skeleton(spelling);
      if (key.length >= MIN_SKELETON) bySkeleton.set(key, (bySkeleton.get(key) ?? new Set()).add(canonical.get(word) ?? word));
    }
  }
  // A skeleton two words share says nothing.
  const skeletons = new Map([...bySkeleton].filter(([, words]) => words.size === 1).map(([key, words]) => [key, [...words][0]!]));
  return { stopwords: stops, canonical, prefixes: foldedLongestFirst(prefixes), suffixes: foldedLongestFirst(suffixes), minStem, romanized,
    skeletons, clitics: clitics.map(fold), cliticEndings: foldedLongestFirst(cliticEndings),
    switches: (source.switches ?? []).map((phrase) => foldedWords(phrase)).filter((words) => words.length > 0),
    ...(source.latinKey ? { latinKey: latinKeyOf(source.latinKey) } : {}) };
}

/** Skeletons shorter than this match too many words. */
export const MIN_SKELETON = 3;

/**
 * The consonant skeleton of a word written in Latin letters, so that the many ways people romanize one word
 * meet: "imti7an", "emtehaan", "imtihan" → "mthn"; "dozvil", "dozwil" → "dzvl". Digraphs become one letter,
 * a final h goes (teh marbuta: "baladiyah", "baladiya"), Arabizi digits become their letter (7 ḥ, 5 kh, 9 q,
 * 6 ṭ, 8 gh; 2 and 3, hamza and ʿayn, are dropped), q is k, w is v, the vowels go, and doubled letters are
 * written once. Pure.
 */
export function skeleton(word: string): string {
  // One pass, no regular expressions: it runs on every Latin word of a message.
  const w = word.toLowerCase();
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    let letter: string | undefined;
    if (w.startsWith('shch', i)) [letter, i] = ['S', i + 3];
    else if (w.startsWith('sch', i)) [letter, i] = ['S', i + 2];
    else {
      const pair = DIGRAPHS[w.slice(i, i + 2)];
      if (pair) [letter, i] = [pair, i + 1];
      else if (c === 'h' && i === w.length - 1) letter = '';
      else if (c >= '0' && c <= '9') letter = DIGIT_LETTERS[c] ?? '';
      else if (VOWELS.includes(c)) letter = '';
      else letter = c === 'q' ? 'k' : c === 'w' ? 'v' : c;
    }
    if (letter && letter !== out[out.length - 1]) out += letter;
  }
  return out;
}

const DIGRAPHS: Record<string, string> = { sh: 'S', ch: 'C', kh: 'x', gh: 'g', zh: 'Z', ts: 'c', th: 't', ph: 'f' };
const DIGIT_LETTERS: Record<string, string> = { '7': 'h', '5': 'x', '9': 'k', '6': 't', '8': 'g' };
const VOWELS = 'aeiouy';

/** The languages written in Latin letters anyway: their function words are no sign of a romanized language. */
const LATIN_SCRIPT_LOCALES: readonly Locale[] = ['nl', 'en', 'tr', 'so'];
/**
 * An Arabizi word: a digit standing for an Arabic letter between letters ("ma3on", "ra2m", "imti7an"), or before
 * three letters or more ("3ala", "2adesh"); not "b1", "2e" or "3de".
 */
const ARABIZI = /^(?:[a-z]+[235679][a-z]+|[235679][a-z]{3,})$/;
/** A romanized language needs this many of a message's Latin words, and this share of them. */
export const ROMANIZED_MIN_WORDS = 2;
/** The share of a message's Latin words a romanized language needs (see `ROMANIZED_MIN_WORDS`). */
export const ROMANIZED_MIN_SHARE = 0.3;

/**
 * The language written in another script that a Latin-letter message is in ("wein bsajel 3al imti7an" → ar,
 * "kelase zaban ro ki pardakht mikone" → fa), or undefined when unsure. Counts the words that are romanized
 * spellings in a language's lexicon, or its romanized function words of 3+ letters, that no Latin-script language
 * has as a function word; the best language needs enough of them and more than any other. (Skeletons, which let
 * the search find unlisted spellings, are too loose for this: Turkish "sikayet" has the skeleton of an Arabic word.)
 * Pure.
 */
export function romanizedLocaleOf(text: string, lexicons: Record<Locale, Lexicon>): Locale | undefined {
  if (/[^\p{Script=Latin}\p{N}\p{P}\p{S}\s]/u.test(text)) return undefined;
  const words = [...new Set(foldedWords(text))].filter((w) => w.length >= 2 && LATIN_WORD.test(w));
  if (words.length < ROMANIZED_MIN_WORDS) return undefined;
  const latinStop = (w: string) => LATIN_SCRIPT_LOCALES.some((l) => lexicons[l].stopwords.has(w));
  const counts = (Object.keys(lexicons) as Locale[]).filter((l) => lexicons[l].romanized.size > 0).map((locale) => {
    const { romanized, stopwords } = lexicons[locale];
    const hits = words.filter((w) => ((romanized.has(w) || (w.length >= 3 && stopwords.has(w))) && !latinStop(w))
      || (locale === 'ar' && ARABIZI.test(w))).length;
    return { locale, hits };
  }).sort((a, b) => b.hits - a.hits);
  const [best, second] = counts;
  if (!best || best.hits < ROMANIZED_MIN_WORDS || best.hits < ROMANIZED_MIN_SHARE * words.length) return undefined;
  return second && second.hits === best.hits ? undefined : best.locale;
}
