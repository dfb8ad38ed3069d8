// Search stage "index": per locale, an inverted index over each entry's title, question variants and keywords
// (weighted), flat typed arrays for the postings, and the known words' shapes for typo correction.
import type { IFuseOptions } from 'fuse.js';
import type { Locale } from '../../locales';
import { LATIN_WORD, type LatinKeys, type Lexicon } from '../lexicon';
import { foldedWords, letterCount, MIN_BARE, termsOfWords } from '../normalize';
import { letterMask, shapeKey, splitCompound, spellingAliases } from './edits';

/** What the index reads of an entry, or of a subject no entry answers: its id and its text per locale. */
export interface Indexable {
  id: string;
  text: Partial<Record<Locale, { title: string; questions: readonly string[]; keywords: readonly string[] }>>;
}

/** One locale's search index over the entries translated into it (see `buildIndex`). */
export interface LocaleIndex {
  /** The entries translated into this locale; everything below refers to them by position (a document number). */
  docs: Indexable[];
  /** Known words of 4+ letters by first letter and length, with their `letterMask`s, for typo correction. */
  shapes: Map<string, { words: string[]; masks: number[] }>;
  /** How fuse.js judges a two-edit correction of a long word. */
  fuseOptions: IFuseOptions<string>;
  /** Every term the index's texts have (content typos folded into the word they misspell). */
  known: ReadonlySet<string>;
  /** Clitics and endings an unknown word is tried without (see `Lexicon.clitics`, `Lexicon.cliticEndings`). */
  clitics: readonly string[];
  cliticEndings: readonly string[];
  /** Romanized spellings' skeletons → a known word (see `skeleton`), for Latin spellings not listed. */
  skeletons: ReadonlyMap<string, string>;
  /**
   * For a language with a `latinKey`: how its Latin keys are made (`key`), and the key of each word of its texts
   * and of each known term (a stem) → that term, where only one term has the key (`terms`).
   */
  latin?: { key: LatinKeys; terms: ReadonlyMap<string, string> };
  /** A term's inverse document frequency: how much finding it says (rare terms more). */
  idf: (term: string) => number;
  /** Folded words → this index's terms (stopwords gone, synonyms, stems and content typos applied). */
  tokenize: (words: readonly string[]) => string[];
  /** Every term of the index → its number; the lists below are indexed by it. */
  termNumber: Map<string, number>;
  /**
   * Term t's postings are positions postingStart[t] up to postingStart[t + 1] of: the documents containing
   * it, how central it is to each (0..1), and whether it occurs there as a word of its own (1) or only
   * inside a compound (0: "arm" in "armslag" is weak evidence). One flat array each: a typed array per term
   * cost more memory than the numbers in it.
   */
  postingStart: Int32Array;
  postingDoc: Int32Array;
  postingCentrality: Float64Array;
  postingDirect: Uint8Array;
  /**
   * The title and each question variant of every document as a numbered "variant", for phrase-level
   * similarity: term t is in variants variantList[variantStart[t] .. variantStart[t + 1]]; per variant its
   * document and idf norm.
   */
  variantStart: Int32Array;
  variantList: Int32Array;
  variantDoc: Int32Array;
  variantNorm: Float64Array;
  /** Where a search's candidates are listed (documents, variants), with their counts kept by the search. */
  touchedDocs: Int32Array;
  touchedVariants: Int32Array;
  /** Per-document and per-variant sums of one search, reset after it (a search runs to the end synchronously). */
  scratch: { evidence: Float64Array; focused: Float64Array; centralities: Float64Array; similar: Float64Array; dot: Float64Array };
}

/**
 * How much each part of an entry says about what it is about: its title, each question variant (together
 * weighing as much as all else) and its keyword list.
 */
const FIELD_WEIGHTS = { title: 2, questions: 3, keywords: 2 };

/** A compound's parts count this share of the compound: "basisexamen" is about an exam, but not about every exam. */
export const COMPOUND_PART_SHARE = 0.5;

/**
 * Builds the index of one locale. `typoThreshold`: the largest fuse.js score for accepting a two-edit correction
 * (see `SearchOptions.typoThreshold`). `uncounted`: documents that are searched but leave how much a word says
 * alone (the off-topic subjects: their words are words no entry has, and count as such for the entries).
 */
export function buildIndex(
  all: readonly Indexable[], locale: Locale, lexicon: Lexicon, typoThreshold: number, uncounted: ReadonlySet<Indexable> = new Set(),
): LocaleIndex {
  // A locale's index holds the entries translated into it; others are found through the other locales.
  const docs = all.filter((e) => e.text[locale]);
  const texts = docs.map((e) => e.text[locale]!);
  const counts = new Map<string, number>();
  const textWords = new Set<string>();
  for (const t of texts) {
    for (const s of [t.title, ...t.questions, ...t.keywords]) {
      const words = foldedWords(s);
      for (const w of words) textWords.add(w);
      for (const w of termsOfWords(words, lexicon)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  // Writers put deliberate typos in question variants ("integraton"); fold each rare spelling into the
  // common word it is one edit away from, so a typo in the content never becomes a word of its own.
  const aliases = spellingAliases(counts);
  // Colloquial writers' variants join clitics onto words ("وقرض", and a loan): such a word is the word itself.
  for (const [word, target] of cliticAliases(counts, lexicon.clitics, lexicon.cliticEndings)) if (!aliases.has(word)) aliases.set(word, target);
  const known = new Set([...counts.keys()].filter((w) => !aliases.has(w)));
  const tokenize = tokenizer(lexicon, known, aliases);
  const tokenizeText = (text: string) => new Set(tokenize(foldedWords(text)));

  const byTerm = new Map<string, { docs: number[]; centrality: number[]; direct: number[]; counted: number }>();
  const variantWords: ReadonlySet<string>[] = [];
  const variantDocs: number[] = [];
  const total = FIELD_WEIGHTS.title + FIELD_WEIGHTS.questions + FIELD_WEIGHTS.keywords;
  docs.forEach((entry, doc) => {
    const counted = uncounted.has(entry) ? 0 : 1;
    const t = texts[doc]!;
    const weighted: [Set<string>, number][] = [
      [tokenizeText(t.title), FIELD_WEIGHTS.title],
      ...t.questions.map((q): [Set<string>, number] => [tokenizeText(q), FIELD_WEIGHTS.questions / t.questions.length]),
      [tokenizeText(t.keywords.join(' ')), FIELD_WEIGHTS.keywords],
    ];
    for (const [words] of weighted.slice(0, -1)) {
      variantWords.push(words);
      variantDocs.push(doc);
    }
    const focus = new Map<string, number>();
    const direct = new Set(weighted.flatMap(([words]) => [...words]));
    for (const [words, weight] of weighted) {
      for (const w of words) focus.set(w, (focus.get(w) ?? 0) + weight / total);
      // A compound's parts count half: "basisexamen" is about an exam, but not about every exam.
      for (const w of words) for (const part of splitCompound(w, known) ?? []) {
        if (!words.has(part)) focus.set(part, (focus.get(part) ?? 0) + (weight / total) * COMPOUND_PART_SHARE);
      }
    }
    for (const [term, value] of focus) {
      let list = byTerm.get(term);
      if (!list) byTerm.set(term, list = { docs: [], centrality: [], direct: [], counted: 0 });
      list.docs.push(doc);
      list.counted += counted;
      list.centrality.push(value);
      list.direct.push(direct.has(term) ? 1 : 0);
    }
  });
  const termNumber = new Map([...byTerm.keys()].map((term, t) => [term, t]));
  const lists = [...byTerm.values()];
  const postingStart = offsets(lists.map((list) => list.docs.length));
  const n = docs.length;
  const countedDocs = docs.filter((d) => !uncounted.has(d)).length;
  const idfOf = (d: number) => Math.log(1 + (countedDocs - d + 0.5) / (d + 0.5));
  const idf = idfLookup(termNumber, Float64Array.from(lists, (list) => idfOf(list.counted)), idfOf(0));

  // Every word of a variant is a direct word of its document, so it has a term number.
  const byVariantTerm = lists.map((): number[] => []);
  variantWords.forEach((words, v) => {
    for (const w of words) byVariantTerm[termNumber.get(w)!]!.push(v);
  });
  const variantNorm = Float64Array.from(variantWords, (words) => Math.sqrt([...words].reduce((sum, w) => sum + idf(w) ** 2, 0)));

  const latin = lexicon.latinKey && { key: lexicon.latinKey, terms: keysOfWords(textWords, lexicon.latinKey, tokenize, known) };

  const shapes = new Map<string, { words: string[]; masks: number[] }>();
  for (const w of known) {
    if (w.length < 4) continue;
    const key = shapeKey(w[0]!, w.length);
    let group = shapes.get(key);
    if (!group) shapes.set(key, group = { words: [], masks: [] });
    group.words.push(w);
    group.masks.push(letterMask(w));
  }
  return {
    docs, known, idf, tokenize, shapes, termNumber, clitics: lexicon.clitics, cliticEndings: lexicon.cliticEndings,
    // The word as this index has it (stemmed like any word: "проживання" → "проживанн").
    skeletons: new Map([...lexicon.skeletons].flatMap(([key, word]): [string, string][] => {
      const [term] = tokenize([word]);
      return term !== undefined && known.has(term) ? [[key, term]] : [];
    })),
    ...(latin ? { latin } : {}),
    fuseOptions: { includeScore: true, threshold: typoThreshold, ignoreLocation: false, distance: 3, minMatchCharLength: 3 },
    postingStart,
    postingDoc: Int32Array.from(lists.flatMap((list) => list.docs)),
    postingCentrality: Float64Array.from(lists.flatMap((list) => list.centrality)),
    postingDirect: Uint8Array.from(lists.flatMap((list) => list.direct)),
    variantStart: offsets(byVariantTerm.map((list) => list.length)),
    variantList: Int32Array.from(byVariantTerm.flat()),
    touchedDocs: new Int32Array(n),
    touchedVariants: new Int32Array(variantWords.length),
    variantDoc: Int32Array.from(variantDocs),
    variantNorm,
    scratch: {
      evidence: new Float64Array(n), focused: new Float64Array(n), centralities: new Float64Array(n), similar: new Float64Array(n),
      dot: new Float64Array(variantWords.length),
    },
  };
}

// The index keeps two functions. Made here, outside `buildIndex`, they hold only what they use: a closure made
// inside it would keep all of its working lists alive (a function's closures share one scope), ten times the
// index itself.

/** A locale's words → the index's terms (stopwords gone, synonyms and stems applied, content typos folded). */
function tokenizer(lexicon: Lexicon, known: ReadonlySet<string>, aliases: ReadonlyMap<string, string>): (words: readonly string[]) => string[] {
  return (words) => termsOfWords(words, lexicon, known).map((w) => aliases.get(w) ?? w);
}

/** A term's idf, or that of a word no entry has. */
function idfLookup(termNumber: ReadonlyMap<string, number>, idfs: Float64Array, unknown: number): (term: string) => number {
  return (term) => {
    const t = termNumber.get(term);
    return t === undefined ? unknown : idfs[t]!;
  };
}

/**
 * Each text word's (as folded) and each known term's Latin keys → the term, for the keys only one term has. A main
 * key (every letter as it is mostly typed) wins over a key of other spellings: the other keys only fill in keys no
 * word has as its main key.
 */
function keysOfWords(
  words: Iterable<string>, latin: LatinKeys, tokenize: (words: readonly string[]) => string[], known: ReadonlySet<string>,
): Map<string, string> {
  const main = new Map<string, Set<string>>();
  const other = new Map<string, Set<string>>();
  const add = (into: Map<string, Set<string>>, key: string, term: string) => {
    if (key.length >= latin.minKey) into.set(key, (into.get(key) ?? new Set()).add(term));
  };
  const note = (keys: string[], term: string) => {
    keys.forEach((key, i) => {
      const into = i === 0 ? main : other;
      add(into, key, term);
      if (latin.optionalFinal && key.endsWith(latin.optionalFinal)) add(into, key.slice(0, -1), term);
    });
  };
  for (const word of words) {
    const [term] = tokenize([word]);
    if (term === undefined || !known.has(term) || LATIN_WORD.test(word)) continue;
    note(latin.ofWord(word), term);
    note(latin.ofWord(term), term);
  }
  const unique = (map: Map<string, Set<string>>) => [...map].filter(([, found]) => found.size === 1).map(([key, found]): [string, string] => [key, [...found][0]!]);
  const terms = new Map(unique(main));
  for (const [key, term] of unique(other)) if (!main.has(key)) terms.set(key, term);
  return terms;
}

/** Start positions of consecutive lists of these lengths, and the end of the last one. */
function offsets(lengths: number[]): Int32Array {
  const starts = new Int32Array(lengths.length + 1);
  lengths.forEach((length, i) => { starts[i + 1] = starts[i]! + length; });
  return starts;
}

/**
 * Words that are a clitic (or two) plus a word seen at least as often → that word ("وقرض" → "قرض"); a common word
 * that only starts with a clitic's letter ("بلديه", not "ب" + "لديه") stays itself.
 */
function cliticAliases(counts: ReadonlyMap<string, number>, clitics: readonly string[], endings: readonly string[]): Map<string, string> {
  const aliases = new Map<string, string>();
  if (!clitics.length && !endings.length) return aliases;
  const common = (word: string, rest: string) => rest !== word && (counts.get(rest) ?? 0) >= (counts.get(word) ?? 0);
  for (const word of counts.keys()) {
    const rest = barest(word, clitics, endings, (form) => (common(word, form) ? form : undefined));
    if (rest) aliases.set(word, rest);
  }
  return aliases;
}

/**
 * What `known` gives for the first form of `word` without one or two leading clitics, or without one ending, or
 * both; undefined when it gives nothing for any. Shared by the index (folding the content's own forms) and the
 * search (unknown words).
 */
export function barest<T>(word: string, clitics: readonly string[], endings: readonly string[], known: (form: string) => T | undefined): T | undefined {
  const heads = [word];
  for (let i = 0; i < heads.length && i < 3; i++) {
    for (const c of clitics) if (heads[i]!.startsWith(c) && letterCount(heads[i]!) - 1 >= MIN_BARE) heads.push(heads[i]!.slice(c.length));
  }
  for (const head of heads) {
    const found = head !== word ? known(head) : undefined;
    if (found !== undefined) return found;
    for (const e of endings) {
      if (!head.endsWith(e) || letterCount(head) - letterCount(e) < MIN_BARE) continue;
      const rest = known(head.slice(0, -e.length));
      if (rest !== undefined) return rest;
    }
  }
  return undefined;
}
