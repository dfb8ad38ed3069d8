// Search stage "scoring": how well each entry of a locale's index covers a message's words, blended with how
// central those words are to it and how close its most similar title or question variant is. Pure.
import type { ResolvedTerm } from './terms';
import type { LocaleIndex } from './localeIndex';

/** The scoring part of `SearchOptions` (see there). */
export interface ScoreOptions {
  /** Sum of word weights (idf) after which a long message counts as well covered. */
  enoughEvidence: number;
  /** Share of the confidence that comes from how central the matched words are to the entry. */
  focusWeight: number;
  /** A word in 1/focusSaturation of an entry's weighted fields counts as fully central. */
  focusSaturation: number;
  /** Share of the confidence from the single most similar title or question variant (phrase-level match). */
  variantWeight: number;
}

/** A word found only inside one of an entry's compounds counts this share ("arm" in "armslag" is weak evidence). */
export const INDIRECT_SHARE = 0.5;
/** A long message full of context covers at most this much through `enoughEvidence` alone. */
export const LONG_MESSAGE_COVERAGE = 0.85;
/** Focus counts fully only from this share of coverage upwards (1 / 1.5: two thirds of the question). */
export const FOCUS_COVERAGE_SCALE = 1.5;
/** Share of the confidence that breaks ties by centrality (both entries cover everything). */
export const CENTRALITY_SHARE = 0.03;

/**
 * Scores the entries of one locale's index for the resolved words: calls `add(doc, confidence)` for every
 * document met. Uses and resets the index's scratch arrays (a search runs to the end synchronously).
 */
export function scoreLocale(index: LocaleIndex, resolved: readonly ResolvedTerm[], options: ScoreOptions, add: (doc: number, confidence: number) => void): void {
  const { enoughEvidence, focusWeight, focusSaturation, variantWeight } = options;
  let total = 0;
  for (const r of resolved) total += r.weight;
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
      const w = postingDirect[k] ? weight : weight * INDIRECT_SHARE;
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
  for (let q = 0; q < vector.terms.length; q++) {
    const term = vector.terms[q]!;
    const t = index.termNumber.get(term);
    if (t === undefined) continue;
    const contribution = vector.weights[q]! * index.idf(term);
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
  for (let k = 0; k < touched; k++) {
    const doc = touchedDocs[k]!;
    const covered = evidence[doc]!;
    // Share of the question the entry covers; a long message full of context still counts when the
    // entry covers enough of its distinctive words.
    const coverage = Math.max(covered / total, Math.min(1, covered / enoughEvidence) * LONG_MESSAGE_COVERAGE);
    const focus = focused[doc]! / covered;
    // Ties (both entries cover everything) go to the entry the words are most central to.
    const centrality = centralities[doc]! / covered;
    const base = (1 - focusWeight) * coverage + focusWeight * focus * Math.min(1, coverage * FOCUS_COVERAGE_SCALE);
    const closest = similar[doc]! / vector.norm;
    const confidence = (1 - CENTRALITY_SHARE) * ((1 - variantWeight) * base + variantWeight * closest) + CENTRALITY_SHARE * Math.min(1, centrality);
    add(doc, round(confidence));
    evidence[doc] = focused[doc] = centralities[doc] = similar[doc] = 0;
  }
}

/** The question as an idf-weighted word vector (each term once, its largest weight), with its norm. */
function queryVector(resolved: readonly ResolvedTerm[]): { terms: string[]; weights: number[]; norm: number } {
  const terms: string[] = [];
  const weights: number[] = [];
  for (const r of resolved) {
    const weight = r.weight * (r.quality || 1);
    const at = terms.indexOf(r.term);
    if (at < 0) {
      terms.push(r.term);
      weights.push(weight);
    } else if (weight > weights[at]!) weights[at] = weight;
  }
  let squares = 0;
  for (const w of weights) squares += w * w;
  return { terms, weights, norm: Math.sqrt(squares) };
}

/**
 * One pass of a search (the whole message, or its question sentence) over all entries, by entry number:
 * each entry's best confidence over the locales searched, and the locale it came from. Arrays instead of
 * a hit object per candidate: at ten times today's content a search meets over a thousand candidates.
 */
export interface Pass {
  /** Each entry's confidence in this pass (valid where `marked`). */
  score: Float64Array;
  /** The position in LOCALES of the locale each entry's confidence came from. */
  locale: Uint8Array;
  /** 1 for the entries that have a confidence in this pass. */
  marked: Uint8Array;
  /** The marked entries, in the order they were met: the first `count` of `touched`. */
  touched: Int32Array;
  count: number;
  /** Keeps the higher confidence (the first locale on a tie), or with `replace` the new one. */
  add(entry: number, confidence: number, locale: number, replace?: boolean): void;
  /** Forgets every entry, for the next search (only the touched ones are reset). */
  clear(): void;
}

/**
 * An empty pass for `size` entries, reused search after search (`clear`). Its lists are allocated once: a search
 * that grew a fresh list of a thousand candidates made garbage, and collecting it showed in the slowest searches.
 */
export function newPass(size: number): Pass {
  const pass: Pass = {
    score: new Float64Array(size), locale: new Uint8Array(size), marked: new Uint8Array(size), touched: new Int32Array(size), count: 0,
    add(entry, confidence, locale, replace = false) {
      if (!pass.marked[entry]) {
        pass.marked[entry] = 1;
        pass.touched[pass.count++] = entry;
      } else if (!replace && pass.score[entry]! >= confidence) return;
      pass.score[entry] = confidence;
      pass.locale[entry] = locale;
    },
    clear() {
      for (let k = 0; k < pass.count; k++) pass.marked[pass.touched[k]!] = 0;
      pass.count = 0;
    },
  };
  return pass;
}

/** The first `limit` of the first `count` items in `order`, without sorting them all. */
export function top(items: ArrayLike<number>, count: number, limit: number, order: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  for (let k = 0; k < count; k++) {
    const item = items[k]!;
    if (best.length === limit && order(item, best[limit - 1]!) >= 0) continue;
    // Insertion by shifting the worse ones down (splice would make an array of what it removes, each time).
    let i = best.length < limit ? best.length : limit - 1;
    if (best.length < limit) best.push(item);
    while (i > 0 && order(item, best[i - 1]!) < 0) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = item;
  }
  return best;
}

/** Rounded to three decimals, as confidences are reported and compared. */
export const round = (x: number) => Math.round(x * 1000) / 1000;
