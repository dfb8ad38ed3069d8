// Knowledge search: per locale, an inverted index over title, questions and keywords (weighted), scored by how
// much of the question an entry covers, so unknown topics are not guessed; fuse.js corrects misspelt words.
import Fuse, { type IFuseOptions } from 'fuse.js';
import { LOCALES, type Locale } from '../locales';
import { LATIN_WORD, MIN_SKELETON, skeleton, type Lexicon } from './lexicon';
import { foldedWords, terms, termsOfWords } from './normalize';
import type { LoadedEntry } from './schema';

export interface Hit {
  entry: LoadedEntry;
  /** 0..1, higher is better: how well the entry covers the question. */
  confidence: number;
  /** The locale whose text matched best (may differ from the user's locale). */
  matchedLocale: Locale;
}

export type KnowledgeSearch = (query: string, locale: Locale) => Hit[];

export interface SearchOptions {
  /** How many hits a search returns at most, best first (answering needs the best three). */
  limit?: number;
  /** Confidence multiplier for a match found in another locale than the user's. */
  crossLocalePenalty?: number;
  /** Largest fuse.js score (0 = perfect, 1 = nothing) for proposing a known word as a typo's correction. */
  typoThreshold?: number;
  /** Sum of word weights (idf) after which a long message counts as well covered. */
  enoughEvidence?: number;
  /** Share of the confidence that comes from how central the matched words are to the entry. */
  focusWeight?: number;
  /** A word in 1/focusSaturation of an entry's weighted fields counts as fully central. */
  focusSaturation?: number;
  /** Share of the confidence from the single most similar title or question variant (phrase-level match). */
  variantWeight?: number;
  /** How far the question sentence of a long message may raise an entry above what the whole message gives it. */
  questionLift?: number;
}

interface LocaleIndex {
  /** The entries translated into this locale; everything below refers to them by position (a document number). */
  docs: LoadedEntry[];
  /** Known words of 4+ letters by first letter and length, with their `letterMask`s, for typo correction. */
  shapes: Map<string, { words: string[]; masks: number[] }>;
  /** How fuse.js judges a two-edit correction of a long word. */
  fuseOptions: IFuseOptions<string>;
  known: ReadonlySet<string>;
  /** Romanized spellings' skeletons → a known word (see `skeleton`), for Latin spellings not listed. */
  skeletons: ReadonlyMap<string, string>;
  idf: (term: string) => number;
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

function buildIndex(all: LoadedEntry[], locale: Locale, lexicon: Lexicon, typoThreshold: number): LocaleIndex {
  // A locale's index holds the entries translated into it; others are found through the other locales.
  const docs = all.filter((e) => e.text[locale]);
  const texts = docs.map((e) => e.text[locale]!);
  const counts = new Map<string, number>();
  for (const t of texts) for (const s of [t.title, ...t.questions, ...t.keywords]) for (const w of terms(s, lexicon)) counts.set(w, (counts.get(w) ?? 0) + 1);
  // Writers put deliberate typos in question variants ("integraton"); fold each rare spelling into the
  // common word it is one edit away from, so a typo in the content never becomes a word of its own.
  const aliases = spellingAliases(counts);
  const known = new Set([...counts.keys()].filter((w) => !aliases.has(w)));
  const tokenize = (words: readonly string[]) => termsOfWords(words, lexicon, known).map((w) => aliases.get(w) ?? w);
  const tokenizeText = (text: string) => new Set(tokenize(foldedWords(text)));

  const byTerm = new Map<string, { docs: number[]; centrality: number[]; direct: number[] }>();
  const variantWords: ReadonlySet<string>[] = [];
  const variantDocs: number[] = [];
  const total = FIELD_WEIGHTS.title + FIELD_WEIGHTS.questions + FIELD_WEIGHTS.keywords;
  docs.forEach((_entry, doc) => {
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
        if (!words.has(part)) focus.set(part, (focus.get(part) ?? 0) + weight / total / 2);
      }
    }
    for (const [term, value] of focus) {
      let list = byTerm.get(term);
      if (!list) byTerm.set(term, list = { docs: [], centrality: [], direct: [] });
      list.docs.push(doc);
      list.centrality.push(value);
      list.direct.push(direct.has(term) ? 1 : 0);
    }
  });
  const termNumber = new Map([...byTerm.keys()].map((term, t) => [term, t]));
  const lists = [...byTerm.values()];
  const postingStart = offsets(lists.map((list) => list.docs.length));
  const n = docs.length;
  const idfOf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
  const idfs = Float64Array.from(lists, (list) => idfOf(list.docs.length));
  const unknownIdf = idfOf(0);
  const idf = (term: string) => {
    const t = termNumber.get(term);
    return t === undefined ? unknownIdf : idfs[t]!;
  };

  // Every word of a variant is a direct word of its document, so it has a term number.
  const byVariantTerm = lists.map((): number[] => []);
  variantWords.forEach((words, v) => {
    for (const w of words) byVariantTerm[termNumber.get(w)!]!.push(v);
  });
  const variantNorm = Float64Array.from(variantWords, (words) => Math.sqrt([...words].reduce((sum, w) => sum + idf(w) ** 2, 0)));

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
    docs, known, idf, tokenize, shapes, termNumber,
    // The word as this index has it (stemmed like any word: "проживання" → "проживанн").
    skeletons: new Map([...lexicon.skeletons].flatMap(([key, word]): [string, string][] => {
      const [term] = tokenize([word]);
      return term !== undefined && known.has(term) ? [[key, term]] : [];
    })),
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

const shapeKey = (first: string, length: number) => `${first}${length}`;

/** Start positions of consecutive lists of these lengths, and the end of the last one. */
function offsets(lengths: number[]): Int32Array {
  const starts = new Int32Array(lengths.length + 1);
  lengths.forEach((length, i) => { starts[i + 1] = starts[i]! + length; });
  return starts;
}

/** Which letters a word has, as bits (letters beyond 32 share bits: the test below only gets less strict). */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
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
function spellingAliases(counts: ReadonlyMap<string, number>): Map<string, string> {
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
 * Maps each query term to a known term: exact; else a compound split into known parts
 * ("examenonderdeel" → "examen" + "onderdeel"); else a typo of a known word with the same first letter
 * (an edit distance of 1, or 2 for long words). `memo` keeps each word's outcome for the rest of one search
 * (the question sentence of a long message repeats words of the whole message).
 */
function resolveTerms(
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
  // "imtihaan" in an Arabic conversation: an unlisted romanization of a word the index knows.
  const romanized = index.skeletons.size && LATIN_WORD.test(term) ? index.skeletons.get(skeleton(term)) : undefined;
  if (romanized) return [{ term: romanized, quality: 0.85, weight: index.idf(romanized) }];
  const parts = splitCompound(term, index.known);
  if (parts) return parts.map((part) => ({ term: part, quality: 1, weight: index.idf(part) }));
  const match = correctTypos && term.length >= 5 ? correction(term, index) : undefined;
  return [match ? { term: match, quality: 0.85, weight } : { term, quality: 0, weight }];
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

interface ResolvedTerm { term: string; quality: number; weight: number }

/** Longer "words" are junk or a pasted blob; Dutch compounds in the content stay well below this. */
const MAX_TERM_LENGTH = 40;

/** Splits a compound into two known words of 4+ letters, allowing a linking "s" ("inburgeringsplicht"). */
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
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  if (i === a.length) return false; // the same word
  const same = (from: number, shift: number) => {
    for (let j = from; j < b.length; j++) if (a[j + shift] !== b[j]) return false;
    return true;
  };
  if (a.length > b.length) return same(i, 1); // a has one letter more, at i
  return same(i + 1, 0) || (a[i] === b[i + 1] && a[i + 1] === b[i] && same(i + 2, 0));
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
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Every path to the end passes through this row or, by a transposition, the one before it.
    if (rowMin > max && Math.min(...previous) > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, max + 1);
}

/**
 * Builds the search over all entries; pure after construction.
 * @example createSearch(entries, lexicons)('hoe meld ik me aan voor het examen', 'nl')[0].entry.id
 */
export function createSearch(
  entries: LoadedEntry[],
  lexicons: Record<Locale, Lexicon>,
  options: SearchOptions = {},
): KnowledgeSearch {
  const { limit = 10, crossLocalePenalty = 0.9, typoThreshold = 0.3, enoughEvidence = 12, focusWeight = 0.2, focusSaturation = 2, variantWeight = 0.4, questionLift = 0.25 } = options;
  const indexes = Object.fromEntries(
    LOCALES.map((l) => [l, buildIndex(entries, l, lexicons[l], typoThreshold)]),
  ) as Record<Locale, LocaleIndex>;
  const globalOf = new Map(entries.map((e, g) => [e, g]));
  const docGlobal = Object.fromEntries(LOCALES.map((l) => [l, Int32Array.from(indexes[l].docs, (e) => globalOf.get(e)!)])) as Record<Locale, Int32Array>;
  const whole = newPass(entries.length);
  const asked = newPass(entries.length);

  /** Scores the entries of one locale's index for the words, into `pass` (times `factor`). */
  const searchLocale = (
    words: readonly string[], locale: Locale, memo: Map<string, ResolvedTerm[]>, notTypos: ReadonlySet<string>, factor: number, pass: Pass,
  ): void => {
    const index = indexes[locale];
    const resolved = resolveTerms(words, index, memo, notTypos);
    const total = resolved.reduce((sum, r) => sum + r.weight, 0);
    if (total === 0) return;
    const { evidence, focused, centralities, similar, dot } = index.scratch;
    const { touchedDocs, touchedVariants, postingStart, postingDoc, postingCentrality, postingDirect } = index;
    let touched = 0;
    for (const r of resolved) {
      if (r.quality === 0) continue;
      const t = index.termNumber.get(r.term);
      if (t === undefined) continue;
      const weight = r.weight * r.quality;
      for (let k = postingStart[t]!, end = postingStart[t + 1]!; k < end; k++) {
        const doc = postingDoc[k]!;
        const centrality = postingCentrality[k]!;
        const w = postingDirect[k] ? weight : weight * 0.5;
        if (evidence[doc] === 0) touchedDocs[touched++] = doc;
        evidence[doc] += w;
        focused[doc] += w * Math.min(1, focusSaturation * centrality);
        centralities[doc] += w * centrality;
      }
    }
    // Phrase-level similarity: the idf-weighted cosine between the question and each title or question
    // variant, summed over the question's words only; an entry keeps its most similar variant.
    const vector = queryVector(resolved);
    let variants = 0;
    const { variantStart, variantList } = index;
    for (const [term, weight] of vector.weights) {
      const t = index.termNumber.get(term);
      if (t === undefined) continue;
      const contribution = weight * index.idf(term);
      for (let k = variantStart[t]!, end = variantStart[t + 1]!; k < end; k++) {
        const v = variantList[k]!;
        if (dot[v] === 0) touchedVariants[variants++] = v;
        dot[v] += contribution;
      }
    }
    // Every variant met belongs to a document met above (its words are that document's words).
    const { variantDoc, variantNorm } = index;
    for (let k = 0; k < variants; k++) {
      const v = touchedVariants[k]!;
      const doc = variantDoc[v]!;
      const cosine = dot[v]! / variantNorm[v]!; // still to be divided by the question's norm
      if (cosine > similar[doc]!) similar[doc] = cosine;
      dot[v] = 0;
    }
    const globals = docGlobal[locale];
    const localeNumber = LOCALES.indexOf(locale);
    for (let k = 0; k < touched; k++) {
      const doc = touchedDocs[k]!;
      const covered = evidence[doc]!;
      // Share of the question the entry covers; a long message full of context still counts when the
      // entry covers enough of its distinctive words.
      const coverage = Math.max(covered / total, Math.min(1, covered / enoughEvidence) * 0.85);
      const focus = focused[doc]! / covered;
      // Ties (both entries cover everything) go to the entry the words are most central to.
      const centrality = centralities[doc]! / covered;
      const base = (1 - focusWeight) * coverage + focusWeight * focus * Math.min(1, coverage * 1.5);
      const closest = similar[doc]! / vector.norm;
      const confidence = 0.97 * ((1 - variantWeight) * base + variantWeight * closest) + 0.03 * Math.min(1, centrality);
      pass.add(globals[doc]!, round(confidence) * factor, localeNumber);
      evidence[doc] = focused[doc] = centralities[doc] = similar[doc] = 0;
    }
  };

  return (query, locale) => {
    const [all, question] = questionParts(query);
    const memos = new Map<Locale, Map<string, ResolvedTerm[]>>();
    const searchAll = (text: string, pass: Pass) => {
      const words = foldedWords(text);
      // The conversation's language, and the other languages written in a script the message uses (a Dutch
      // term in a Turkish question; "DigiD" in Latin letters is in the Latin-script languages' texts too).
      // An Arabic or Ge'ez index has nothing to match in a Latin-script message, and searching it was half
      // the cost of a search.
      const scripts = scriptsOf(text);
      // A stopword of the user's own language is no typo in another ("hallo" is Dutch, not Somali "hadlo").
      // Other words may be: a Turkish "diplomasi" rightly finds the Dutch "diploma".
      const own = new Set(words.filter((w) => lexicons[locale].stopwords.has(w)));
      // And a language written in another script when the message has words of it in Latin letters
      // ("ana bidi imti7an" in a Dutch conversation): two, since one may be chance.
      let latin: { word: string; skeleton: string }[] | undefined;
      const romanizedIn = (l: Locale) => {
        const { romanized, skeletons } = lexicons[l];
        if (!romanized.size) return false;
        latin ??= words.filter((w) => w.length > MIN_SKELETON && LATIN_WORD.test(w)).map((word) => ({ word, skeleton: skeleton(word) }));
        let found = 0;
        for (const w of latin) if ((romanized.has(w.word) || skeletons.has(w.skeleton)) && ++found === 2) return true;
        return false;
      };
      for (const l of [locale, ...LOCALES.filter((x) => x !== locale && (scripts.has(SCRIPT[x]) || romanizedIn(x)))]) {
        if (!memos.has(l)) memos.set(l, new Map());
        // Nor is it a word of another language's text: Dutch "een" is not a word in an English text about a
        // "valse start (een)".
        const these = l === locale ? words : words.filter((w) => !own.has(w));
        searchLocale(these, l, memos.get(l)!, l === locale ? NONE : own, l === locale ? 1 : crossLocalePenalty, pass);
      }
    };
    whole.clear();
    asked.clear();
    searchAll(all!.text, whole);
    for (const g of whole.touched) whole.score[g] = round(whole.score[g]!);
    if (question) {
      searchAll(question.text, asked);
      // The question sentence may lift an entry the story already points to, but not by more than `questionLift`:
      // "I want to make a complaint" must not outweigh "the gemeente cancelled my intake".
      for (const g of asked.touched) {
        const full = whole.marked[g] ? whole.score[g]! : 0;
        const lifted = round(Math.min(asked.score[g]! * question.factor, full + questionLift));
        if (lifted > full) whole.add(g, lifted, asked.locale[g]!, true);
      }
    }
    const order = (a: number, b: number) => whole.score[b]! - whole.score[a]! || entries[a]!.id.localeCompare(entries[b]!.id);
    return top(whole.touched, Math.max(1, limit), order).map((g) => ({
      entry: entries[g]!, confidence: whole.score[g]!, matchedLocale: LOCALES[whole.locale[g]!]!,
    }));
  };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * One pass of a search (the whole message, or its question sentence) over all entries, by entry number:
 * each entry's best confidence over the locales searched, and the locale it came from. Arrays instead of
 * a hit object per candidate: at ten times today's content a search meets over a thousand candidates.
 */
interface Pass {
  score: Float64Array;
  locale: Uint8Array;
  marked: Uint8Array;
  touched: number[];
  /** Keeps the higher confidence (the first locale on a tie), or with `replace` the new one. */
  add(entry: number, confidence: number, locale: number, replace?: boolean): void;
  clear(): void;
}

function newPass(size: number): Pass {
  const pass: Pass = {
    score: new Float64Array(size), locale: new Uint8Array(size), marked: new Uint8Array(size), touched: [],
    add(entry, confidence, locale, replace = false) {
      if (!pass.marked[entry]) {
        pass.marked[entry] = 1;
        pass.touched.push(entry);
      } else if (!replace && pass.score[entry]! >= confidence) return;
      pass.score[entry] = confidence;
      pass.locale[entry] = locale;
    },
    clear() {
      for (const entry of pass.touched) pass.marked[entry] = 0;
      pass.touched.length = 0;
    },
  };
  return pass;
}

/** The first `limit` items in `order`, without sorting them all. */
function top(items: readonly number[], limit: number, order: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  for (const item of items) {
    if (best.length === limit && order(item, best[limit - 1]!) >= 0) continue;
    let i = Math.min(best.length, limit - 1);
    while (i > 0 && order(item, best[i - 1]!) < 0) i--;
    best.splice(i, 0, item);
    if (best.length > limit) best.pop();
  }
  return best;
}

/** The script each language is written in. */
const SCRIPT: Record<Locale, string> = { nl: 'Latin', en: 'Latin', tr: 'Latin', so: 'Latin', ar: 'Arabic', fa: 'Arabic', ti: 'Ethiopic', uk: 'Cyrillic' };
const SCRIPT_TESTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u], ['Arabic', /\p{Script=Arabic}/u], ['Ethiopic', /\p{Script=Ethiopic}/u], ['Cyrillic', /\p{Script=Cyrillic}/u],
];
const scriptsOf = (text: string) => new Set(SCRIPT_TESTS.filter(([, test]) => test.test(text)).map(([name]) => name));

/** The question as an idf-weighted word vector, with its norm, for the closest-variant cosine. */
function queryVector(resolved: ResolvedTerm[]): { weights: Map<string, number>; norm: number } {
  const weights = new Map<string, number>();
  for (const r of resolved) weights.set(r.term, Math.max(weights.get(r.term) ?? 0, r.weight * (r.quality || 1)));
  return { weights, norm: Math.sqrt([...weights.values()].reduce((sum, w) => sum + w * w, 0)) };
}

/** Sentences that ask something: end in "?", or the last sentence when none does. */
const MIN_QUESTION_WORDS = 5;
const SENTENCE = /[^.!?؟።፧]+[.!?؟።፧]*/g;

/**
 * The whole message, plus — for a long message that tells a story first — the question sentence(s) alone,
 * at a small discount: "I came in 2019 ... the letter says my time is almost over. What is DUO's number?"
 */
export function questionParts(query: string): { text: string; factor: number }[] {
  const sentences = (query.match(SENTENCE) ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
  if (sentences.length < 2) return [{ text: query, factor: 1 }];
  const asking = sentences.filter((s) => /[?؟፧]$/.test(s));
  const question = (asking.length ? asking : sentences.slice(-1)).join(' ');
  // "Is that allowed?" means nothing without the story before it.
  if (question.split(/\s+/).length < MIN_QUESTION_WORDS) return [{ text: query, factor: 1 }];
  return [{ text: query, factor: 1 }, { text: question, factor: 0.95 }];
}

const round = (x: number) => Math.round(x * 1000) / 1000;
