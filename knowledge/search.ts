// Knowledge search: one fuse.js index per locale over title, questions and keywords, plus a coverage score
// that says how much of the question the entry actually covers (so unknown topics are not guessed).
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
  /** How many candidates fuse.js returns per locale before re-scoring. */
  candidates?: number;
  /** Confidence multiplier for a match found in another locale than the user's. */
  crossLocalePenalty?: number;
  /** Largest fuse.js score (0 = perfect, 1 = nothing) for mapping a misspelt word to a known one. */
  typoThreshold?: number;
  /** Sum of word weights (idf) after which a long message counts as well covered. */
  enoughEvidence?: number;
}

interface IndexedEntry { id: string; title: string; questions: string[]; keywords: string[] }

interface LocaleIndex {
  fuse: Fuse<IndexedEntry>;
  vocabulary: Fuse<string>;
  known: ReadonlySet<string>;
  idf: (term: string) => number;
  entryTerms: Map<string, ReadonlySet<string>>;
  /** Per entry: in what share of its title, questions and keyword list each term occurs (how central it is). */
  entryFocus: Map<string, ReadonlyMap<string, number>>;
  tokenize: (text: string) => string[];
}

const FIELD_WEIGHTS = [
  { name: 'questions', weight: 3 },
  { name: 'title', weight: 2 },
  { name: 'keywords', weight: 2 },
];

function buildIndex(entries: LoadedEntry[], locale: Locale, lexicon: Lexicon, typoThreshold: number): LocaleIndex {
  const texts = entries.map((e) => e.text[locale]);
  const counts = new Map<string, number>();
  for (const t of texts) for (const s of [t.title, ...t.questions, ...t.keywords]) for (const w of terms(s, lexicon)) counts.set(w, (counts.get(w) ?? 0) + 1);
  // Writers put deliberate typos in question variants ("integraton"); fold each rare spelling into the
  // common word it is one edit away from, so a typo in the content never becomes a word of its own.
  const aliases = spellingAliases(counts);
  const known = new Set([...counts.keys()].filter((w) => !aliases.has(w)));
  const tokenize = (text: string) => terms(text, lexicon, known).map((w) => aliases.get(w) ?? w);

  const entryTerms = new Map<string, ReadonlySet<string>>();
  const entryFocus = new Map<string, ReadonlyMap<string, number>>();
  const df = new Map<string, number>();
  const withParts = (words: string[]) => words.flatMap((w) => [w, ...(splitCompound(w, known) ?? [])]);
  entries.forEach((entry, i) => {
    const t = texts[i]!;
    const values = [t.title, ...t.questions, t.keywords.join(' ')].map((v) => new Set(withParts(tokenize(v))));
    const focus = new Map<string, number>();
    for (const value of values) for (const term of value) focus.set(term, (focus.get(term) ?? 0) + 1 / values.length);
    entryFocus.set(entry.id, focus);
    const set = new Set(focus.keys());
    entryTerms.set(entry.id, set);
    for (const term of set) df.set(term, (df.get(term) ?? 0) + 1);
  });
  const n = entries.length;
  const idf = (term: string) => {
    const d = df.get(term) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };

  const records: IndexedEntry[] = entries.map((e, i) => ({ id: e.id, ...pick(texts[i]!) }));
  const fuse = new Fuse(records, {
    keys: FIELD_WEIGHTS,
    includeScore: true,
    ignoreLocation: true,
    ignoreFieldNorm: true,
    threshold: typoThreshold,
    useTokenSearch: true,
    tokenize,
  });
  const vocabulary = new Fuse([...known].filter((w) => w.length >= 4), {
    includeScore: true, threshold: typoThreshold, ignoreLocation: false, distance: 3, minMatchCharLength: 3,
  });
  return { fuse, vocabulary, known, idf, entryTerms, entryFocus, tokenize };
}

/** Rare words (seen at most twice) one edit from a word seen at least three times as often → that word. */
function spellingAliases(counts: ReadonlyMap<string, number>): Map<string, string> {
  const byFirst = new Map<string, string[]>();
  for (const w of counts.keys()) if (w.length >= 5) byFirst.set(w[0]!, [...(byFirst.get(w[0]!) ?? []), w]);
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

function pick(t: { title: string; questions: string[]; keywords: string[] }) {
  return { title: t.title, questions: t.questions, keywords: t.keywords };
}

/**
 * Maps each query term to a known term: exact; else a compound split into known parts
 * ("examenonderdeel" → "examen" + "onderdeel"); else a typo of a known word with the same first letter
 * (fuse.js proposes candidates, an edit distance of 1, or 2 for long words, confirms them).
 */
function resolveTerms(query: string, index: LocaleIndex): ResolvedTerm[] {
  return index.tokenize(query).flatMap((term): ResolvedTerm[] => {
    const weight = index.idf(term);
    if (index.known.has(term)) return [{ term, quality: 1, weight }];
    const parts = splitCompound(term, index.known);
    if (parts) return parts.map((part) => ({ term: part, quality: 1, weight: index.idf(part) }));
    if (term.length >= 5) {
      const allowed = term.length >= 8 ? 2 : 1;
      let match: string | undefined;
      let nearest = allowed + 1;
      for (const { item: word } of index.vocabulary.search(term, { limit: 10 })) {
        if (word[0] !== term[0]) continue;
        const distance = editDistance(word, term);
        if (distance < nearest) [match, nearest] = [word, distance];
      }
      if (match) return [{ term: match, quality: 0.85, weight }];
    }
    return [{ term, quality: 0, weight }];
  });
}

interface ResolvedTerm { term: string; quality: number; weight: number }

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
  const { candidates = 30, crossLocalePenalty = 0.9, typoThreshold = 0.3, enoughEvidence = 12 } = options;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const indexes = Object.fromEntries(
    LOCALES.map((l) => [l, buildIndex(entries, l, lexicons[l], typoThreshold)]),
  ) as Record<Locale, LocaleIndex>;

  const searchLocale = (query: string, locale: Locale): Hit[] => {
    const index = indexes[locale];
    const resolved = resolveTerms(query, index);
    const total = resolved.reduce((sum, r) => sum + r.weight, 0);
    if (total === 0) return [];
    const corrected = resolved.map((r) => r.term).join(' ');
    return index.fuse.search(corrected, { limit: candidates }).map((result) => {
      const own = index.entryTerms.get(result.item.id)!;
      const focusOf = index.entryFocus.get(result.item.id)!;
      const evidence = resolved.reduce((sum, r) => sum + (own.has(r.term) ? r.weight * r.quality : 0), 0);
      const focused = resolved.reduce((sum, r) => sum + r.weight * r.quality * Math.min(1, 2 * (focusOf.get(r.term) ?? 0)), 0);
      // Share of the question the entry covers; long messages full of context still count when the
      // entry covers enough distinctive words of it.
      const coverage = Math.max(evidence / total, Math.min(1, evidence / enoughEvidence) * 0.85);
      const focus = evidence > 0 ? focused / evidence : 0;
      const fuzzy = 1 - (result.score ?? 1);
      const confidence = 0.65 * coverage + 0.2 * focus * Math.min(1, coverage * 1.5) + 0.15 * fuzzy;
      return { entry: byId.get(result.item.id)!, confidence: round(confidence), matchedLocale: locale };
    });
  };

  return (query, locale) => {
    const best = new Map<string, Hit>();
    for (const l of [locale, ...LOCALES.filter((x) => x !== locale)]) {
      for (const hit of searchLocale(query, l)) {
        const confidence = l === locale ? hit.confidence : round(hit.confidence * crossLocalePenalty);
        const previous = best.get(hit.entry.id);
        if (!previous || previous.confidence < confidence) best.set(hit.entry.id, { ...hit, confidence });
      }
    }
    return [...best.values()].sort((a, b) => b.confidence - a.confidence);
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
