// Decides between answering, asking "did you mean ...?", and the honest fallback. Pure; thresholds from the eval set.
import type { Hit } from './search';

export interface Thresholds {
  /** Lowest confidence for a direct answer. */
  answer: number;
  /** Lowest confidence to offer an entry as a "did you mean" choice. */
  choose: number;
  /** How far ahead of the runner-up a direct answer must be. */
  margin: number;
  /** At most this many "did you mean" choices. */
  maxChoices: number;
}

/** Chosen on the public eval set (`npm run eval`); see README, "How answers are chosen". */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.55, choose: 0.45, margin: 0.06, maxChoices: 3 };

export type Decision =
  | { kind: 'answer'; hit: Hit }
  | { kind: 'choose'; hits: Hit[]; confidence: number }
  | { kind: 'fallback'; confidence: number };

export function decide(hits: Hit[], t: Thresholds = DEFAULT_THRESHOLDS): Decision {
  const [best, second] = hits;
  if (!best || best.confidence < t.choose) return { kind: 'fallback', confidence: best?.confidence ?? 0 };
  const clearWinner = !second || best.confidence - second.confidence >= t.margin;
  if (best.confidence >= t.answer && clearWinner) return { kind: 'answer', hit: best };
  const close = hits
    .filter((h) => h.confidence >= t.choose && best.confidence - h.confidence < 2 * t.margin)
    .slice(0, t.maxChoices);
  return { kind: 'choose', hits: close, confidence: best.confidence };
}
