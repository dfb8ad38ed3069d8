// Decides between answering, asking "did you mean ...?", and the honest fallback. Pure; thresholds from the eval
// sets (the public set and the blind set's tuning half).
import type { Hit } from './search';

/** The confidence levels `decide` works with (all 0..1 but `maxChoices`). */
export interface Thresholds {
  /** Lowest confidence for a direct answer. */
  answer: number;
  /** Lowest confidence to offer an entry as a "did you mean" choice. */
  choose: number;
  /**
   * The same for a message in a language of another script typed in Latin letters ("wein bsajel 3al imti7an"):
   * many of its words are spellings the search cannot place, so the right entry scores lower than it would in
   * the language's own script.
   */
  chooseRomanized: number;
  /** How far ahead of the runner-up a direct answer must be. */
  margin: number;
  /** At most this many "did you mean" choices. */
  maxChoices: number;
  /**
   * Lowest confidence to answer a leader whose runners-up within the margin would not change where the person goes
   * (the same organisation, no contradicting law), or that has no close runner-up at all; the runners-up are then
   * offered as "or did you mean". Above 1: never.
   */
  agreeing: number;
}

/** Chosen on the eval sets (`npm run eval -- --tune`); see README, "How answers are chosen". */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.55, choose: 0.46, chooseRomanized: 0.35, margin: 0.06, maxChoices: 3, agreeing: 0.5 };

/**
 * What to do with a message's hits: `answer` the best one, `choose` among close candidates ("did you mean"),
 * or the honest `fallback`; `confidence` is the best hit's (0 without hits).
 */
export type Decision =
  /**
   * `alternatives`: runners-up offered under the answer as "or did you mean": within twice the margin of a clear
   * winner, or, for a leader without a clear margin, close ones that send the person to the same place.
   */
  | { kind: 'answer'; hit: Hit; alternatives: Hit[] }
  | { kind: 'choose'; hits: Hit[]; confidence: number }
  | { kind: 'fallback'; confidence: number };

/**
 * True when answering either entry sends the person to the same organisation and neither is only about a law
 * the other is not about (a Wi2013-only and a Wi2021-only entry give contradicting advice). Pure.
 */
export function agree(a: Hit, b: Hit): boolean {
  if (a.entry.authority !== b.entry.authority) return false;
  const [ra, rb] = [a.entry.regime ?? [], b.entry.regime ?? []];
  return ra.length === 0 || rb.length === 0 || ra.some((r) => rb.includes(r));
}

/**
 * Answer, ask back or fall back, from the search's hits (best first). `message.romanized`: the message is a
 * language of another script typed in Latin letters, so choices are offered from `chooseRomanized` up. Pure.
 * @example decide(kb.search(text, locale), DEFAULT_THRESHOLDS, { romanized: isRomanized(text, locale) }).kind
 */
export function decide(hits: Hit[], thresholds: Thresholds = DEFAULT_THRESHOLDS, message: { romanized?: boolean } = {}): Decision {
  const t = message.romanized ? { ...thresholds, choose: Math.min(thresholds.choose, thresholds.chooseRomanized) } : thresholds;
  const [best, second] = hits;
  if (!best || best.confidence < t.choose) return { kind: 'fallback', confidence: best?.confidence ?? 0 };
  const clearWinner = !second || best.confidence - second.confidence >= t.margin;
  const close = hits
    .filter((h) => h.confidence >= t.choose && best.confidence - h.confidence < 2 * t.margin)
    .slice(0, t.maxChoices);
  const runnersUp = close.slice(1);
  // A clear winner is answered; a runner-up not far behind it is one tap away under the answer.
  if (best.confidence >= t.answer && clearWinner) return { kind: 'answer', hit: best, alternatives: runnersUp };
  // Ask back only when the choices would send the person to different places: a runner-up of another organisation
  // (or law) within the margin. One further behind is no closer than it is to a clear winner, and is offered the
  // same way, under the answer.
  if (best.confidence >= t.agreeing && runnersUp.every((h) => agree(best, h) || best.confidence - h.confidence >= t.margin)) {
    return { kind: 'answer', hit: best, alternatives: runnersUp };
  }
  return { kind: 'choose', hits: close, confidence: best.confidence };
}
