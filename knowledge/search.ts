// Knowledge search: per locale, an inverted index over title, questions and keywords (weighted), scored by how
// much of the question an entry covers, so unknown topics are not guessed; fuse.js corrects misspelt words.
import Fuse from 'fuse.js';
import { LOCALES, type Locale } from '../locales';
import type { Lexicon } from './lexicon';
import { terms } from './normalize';
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
  /** Known words by first letter, for typo correction (fuse.js proposes, edit distance confirms). */
  vocabulary: Map<string, Fuse<string>>;
  known: ReadonlySet<string>;
  idf: (term: string) => number;
  /**
   * term → entries containing it: how central the term is to the entry (0..1), and whether it occurs as a
   * word of its own or only inside a compound ("arm" in "armslag" is weak evidence).
   */
  postings: Map<string, Map<string, { centrality: number; direct: boolean }>>;
  tokenize: (text: string) => string[];
  /** Per entry, the term sets of its title and each question variant (with their idf norm), for phrase-level similarity. */
  variants: Map<string, { words: ReadonlySet<string>; norm: number }[]>;
}

/**
 * How much each part of an entry says about what it is about: its title, each question variant (together
 * weighing as much as all else) and its keyword list.
 */
const FIELD_WEIGHTS = { title: 2, questions: 3, keywords: 2 };

function buildIndex(all: LoadedEntry[], locale: Locale, lexicon: Lexicon, typoThreshold: number): LocaleIndex {
  // A locale's index holds the entries translated into it; others are found through the other locales.
  const entries = all.filter((e) => e.text[locale]);
  const texts = entries.map((e) => e.text[locale]!);
  const counts = new Map<string, number>();
  for (const t of texts) for (const s of [t.title, ...t.questions, ...t.keywords]) for (const w of terms(s, lexicon)) counts.set(w, (counts.get(w) ?? 0) + 1);
  // Writers put deliberate typos in question variants ("integraton"); fold each rare spelling into the
  // common word it is one edit away from, so a typo in the content never becomes a word of its own.
  const aliases = spellingAliases(counts);
  const known = new Set([...counts.keys()].filter((w) => !aliases.has(w)));
  const tokenize = (text: string) => terms(text, lexicon, known).map((w) => aliases.get(w) ?? w);

  const postings = new Map<string, Map<string, { centrality: number; direct: boolean }>>();
  const variantWords = new Map<string, ReadonlySet<string>[]>();
  const total = FIELD_WEIGHTS.title + FIELD_WEIGHTS.questions + FIELD_WEIGHTS.keywords;
  entries.forEach((entry, i) => {
    const t = texts[i]!;
    const weighted: [Set<string>, number][] = [
      [new Set(tokenize(t.title)), FIELD_WEIGHTS.title],
      ...t.questions.map((q): [Set<string>, number] => [new Set(tokenize(q)), FIELD_WEIGHTS.questions / t.questions.length]),
      [new Set(tokenize(t.keywords.join(' '))), FIELD_WEIGHTS.keywords],
    ];
    variantWords.set(entry.id, weighted.slice(0, -1).map(([words]) => words));
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
      if (!postings.has(term)) postings.set(term, new Map());
      postings.get(term)!.set(entry.id, { centrality: value, direct: direct.has(term) });
    }
  });
  const n = entries.length;
  const idf = (term: string) => {
    const d = postings.get(term)?.size ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
  const variants = new Map([...variantWords].map(([id, sets]) => [id, sets.map((words) => ({
    words, norm: Math.sqrt([...words].reduce((sum, w) => sum + idf(w) ** 2, 0)),
  }))]));
  const vocabulary = new Map([...byFirstLetter(known, 4)].map(([letter, words]) => [letter, new Fuse(words, {
    includeScore: true, threshold: typoThreshold, ignoreLocation: false, distance: 3, minMatchCharLength: 3,
  })]));
  return { vocabulary, known, idf, postings, tokenize, variants };
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
 * (fuse.js proposes candidates, an edit distance of 1, or 2 for long words, confirms them).
 */
function resolveTerms(query: string, index: LocaleIndex, correctTypos = true): ResolvedTerm[] {
  return index.tokenize(query).flatMap((term): ResolvedTerm[] => {
    const weight = index.idf(term);
    if (index.known.has(term)) return [{ term, quality: 1, weight }];
    // No word is this long: skip compound splitting and typo correction (both grow with the length).
    if (term.length > MAX_TERM_LENGTH) return [{ term, quality: 0, weight }];
    const parts = splitCompound(term, index.known);
    if (parts) return parts.map((part) => ({ term: part, quality: 1, weight: index.idf(part) }));
    if (correctTypos && term.length >= 5) {
      const allowed = term.length >= 8 ? 2 : 1;
      let match: string | undefined;
      let nearest = allowed + 1;
      for (const { item: word } of index.vocabulary.get(term[0]!)?.search(term, { limit: 50 }) ?? []) {
        const distance = editDistance(word, term);
        // Equally near: the more common word wins ("examn" → "examen", not a rare typo in the content).
        const commoner = distance === nearest && match !== undefined && index.idf(word) < index.idf(match);
        if (distance < nearest || commoner) [match, nearest] = [word, distance];
      }
      if (match) return [{ term: match, quality: 0.85, weight }];
    }
    return [{ term, quality: 0, weight }];
  });
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

/** Damerau-Levenshtein distance (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
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
  const { crossLocalePenalty = 0.9, typoThreshold = 0.3, enoughEvidence = 12, focusWeight = 0.2, focusSaturation = 2, variantWeight = 0.4, questionLift = 0.25 } = options;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const indexes = Object.fromEntries(
    LOCALES.map((l) => [l, buildIndex(entries, l, lexicons[l], typoThreshold)]),
  ) as Record<Locale, LocaleIndex>;

  /** `primary`: the conversation's language; typos are corrected there only (the costly part of a search). */
  const searchLocale = (query: string, locale: Locale, primary: boolean): Hit[] => {
    const index = indexes[locale];
    const resolved = resolveTerms(query, index, primary);
    const total = resolved.reduce((sum, r) => sum + r.weight, 0);
    if (total === 0) return [];
    const evidence = new Map<string, number>();
    const focused = new Map<string, number>();
    const centralities = new Map<string, number>();
    for (const r of resolved) {
      if (r.quality === 0) continue;
      for (const [id, { centrality, direct }] of index.postings.get(r.term) ?? []) {
        const w = r.weight * r.quality * (direct ? 1 : 0.5);
        evidence.set(id, (evidence.get(id) ?? 0) + w);
        focused.set(id, (focused.get(id) ?? 0) + w * Math.min(1, focusSaturation * centrality));
        centralities.set(id, (centralities.get(id) ?? 0) + w * centrality);
      }
    }
    const vector = queryVector(resolved);
    return [...evidence].map(([id, covered]) => {
      // Share of the question the entry covers; a long message full of context still counts when the
      // entry covers enough of its distinctive words.
      const coverage = Math.max(covered / total, Math.min(1, covered / enoughEvidence) * 0.85);
      const focus = focused.get(id)! / covered;
      // Ties (both entries cover everything) go to the entry the words are most central to.
      const centrality = centralities.get(id)! / covered;
      const base = (1 - focusWeight) * coverage + focusWeight * focus * Math.min(1, coverage * 1.5);
      const similar = bestVariant(index, id, vector);
      const confidence = 0.97 * ((1 - variantWeight) * base + variantWeight * similar) + 0.03 * Math.min(1, centrality);
      return { entry: byId.get(id)!, confidence: round(confidence), matchedLocale: locale };
    });
  };

  return (query, locale) => {
    const best = new Map<string, Hit>();
    const [whole, question] = questionParts(query);
    const searchAll = (text: string) => {
      const hits = new Map<string, Hit>();
      // The conversation's language, and the other languages written in a script the message uses (a Dutch
      // term in a Turkish question; "DigiD" in Latin letters is in the Latin-script languages' texts too).
      // An Arabic or Ge'ez index has nothing to match in a Latin-script message, and searching it was half
      // the cost of a search.
      const scripts = scriptsOf(text);
      for (const l of [locale, ...LOCALES.filter((x) => x !== locale && scripts.has(SCRIPT[x]))]) {
        for (const hit of searchLocale(text, l, true)) {
          const confidence = hit.confidence * (l === locale ? 1 : crossLocalePenalty);
          const previous = hits.get(hit.entry.id);
          if (!previous || previous.confidence < confidence) hits.set(hit.entry.id, { ...hit, confidence });
        }
      }
      return hits;
    };
    for (const [id, hit] of searchAll(whole!.text)) best.set(id, { ...hit, confidence: round(hit.confidence) });
    if (question) {
      // The question sentence may lift an entry the story already points to, but not by more than `questionLift`:
      // "I want to make a complaint" must not outweigh "the gemeente cancelled my intake".
      for (const [id, hit] of searchAll(question.text)) {
        const full = best.get(id)?.confidence ?? 0;
        const lifted = round(Math.min(hit.confidence * question.factor, full + questionLift));
        if (lifted > full) best.set(id, { ...hit, confidence: lifted });
      }
    }
    return [...best.values()].sort((a, b) => b.confidence - a.confidence || a.entry.id.localeCompare(b.entry.id));
  };
}

/** The script each language is written in. */
const SCRIPT: Record<Locale, string> = { nl: 'Latin', en: 'Latin', tr: 'Latin', so: 'Latin', ar: 'Arabic', fa: 'Arabic', ti: 'Ethiopic', uk: 'Cyrillic' };
const SCRIPT_TESTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u], ['Arabic', /\p{Script=Arabic}/u], ['Ethiopic', /\p{Script=Ethiopic}/u], ['Cyrillic', /\p{Script=Cyrillic}/u],
];
const scriptsOf = (text: string) => new Set(SCRIPT_TESTS.filter(([, test]) => test.test(text)).map(([name]) => name));

/** The question as an idf-weighted word vector, with its norm, for `bestVariant`. */
function queryVector(resolved: ResolvedTerm[]): { weights: Map<string, number>; norm: number } {
  const weights = new Map<string, number>();
  for (const r of resolved) weights.set(r.term, Math.max(weights.get(r.term) ?? 0, r.weight * (r.quality || 1)));
  return { weights, norm: Math.sqrt([...weights.values()].reduce((sum, w) => sum + w * w, 0)) };
}

/**
 * The similarity (0..1, idf-weighted cosine of word sets) between the question and the entry's closest title
 * or question variant: "how much does the exam cost" is closer to one variant than to the entry as a whole.
 */
function bestVariant(index: LocaleIndex, id: string, query: { weights: Map<string, number>; norm: number }): number {
  let best = 0;
  for (const { words, norm } of index.variants.get(id) ?? []) {
    if (norm === 0 || query.norm === 0) continue;
    let dot = 0;
    for (const w of words) {
      const q = query.weights.get(w);
      if (q !== undefined) dot += q * index.idf(w);
    }
    best = Math.max(best, dot / (norm * query.norm));
  }
  return best;
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
