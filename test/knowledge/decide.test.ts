// The answer / "did you mean" / fallback decision on top of raw scores.
import { decide, isRomanized, type Hit } from '../../knowledge';
import type { Locale } from '../../locales';
import type { LoadedEntry } from '../../knowledge/schema';

const hit = (id: string, confidence: number): Hit => ({ entry: { id } as LoadedEntry, confidence, matchedLocale: 'nl' });
const t = { answer: 0.6, choose: 0.5, chooseRomanized: 0.4, margin: 0.04, maxChoices: 3, agreeing: 2 };

test('a clear winner is answered', () => {
  expect(decide([hit('a', 0.9), hit('b', 0.7)], t)).toMatchObject({ kind: 'answer', hit: { entry: { id: 'a' } } });
});

test('close candidates become "did you mean" choices, at most three', () => {
  const d = decide([hit('a', 0.9), hit('b', 0.88), hit('c', 0.86), hit('d', 0.85), hit('e', 0.4)], t);
  expect(d.kind).toBe('choose');
  expect(d.kind === 'choose' && d.hits.map((h) => h.entry.id)).toEqual(['a', 'b', 'c']);
});

test('a middling score is offered as a choice, not answered', () => {
  expect(decide([hit('a', 0.55)], t)).toMatchObject({ kind: 'choose' });
});

test('nothing good is the fallback, with the best score for analytics', () => {
  expect(decide([hit('a', 0.3)], t)).toEqual({ kind: 'fallback', confidence: 0.3 });
  expect(decide([], t)).toEqual({ kind: 'fallback', confidence: 0 });
});

describe('asking back only when the choices would send the person to different places', () => {
  const at = (id: string, confidence: number, authority: string, regime: string[] = []): Hit =>
    ({ entry: { id, authority, regime } as unknown as LoadedEntry, confidence, matchedLocale: 'nl' });
  const agreeing = { ...t, agreeing: 0.5 };

  test('a leader whose close runners-up are of the same organisation is answered, the runners-up offered with it', () => {
    const d = decide([at('a', 0.58, 'DUO'), at('b', 0.56, 'DUO'), at('c', 0.55, 'DUO')], agreeing);
    expect(d).toMatchObject({ kind: 'answer', hit: { entry: { id: 'a' } } });
    expect(d.kind === 'answer' && d.alternatives.map((h) => h.entry.id)).toEqual(['b', 'c']);
  });

  test('a single "did you mean" choice is an answer', () => {
    expect(decide([at('a', 0.55, 'IND')], agreeing)).toMatchObject({ kind: 'answer', alternatives: [] });
  });

  test('runners-up of another organisation: ask back', () => {
    expect(decide([at('a', 0.58, 'DUO'), at('b', 0.56, 'GEMEENTE')], agreeing).kind).toBe('choose');
  });

  test('a runner-up of another organisation more than the margin behind does not make it a question', () => {
    // Between the agreeing and the answer threshold: "b" is close (within twice the margin) but not within it.
    const d = decide([at('a', 0.58, 'DUO'), at('b', 0.535, 'DUO'), at('c', 0.535, 'GEMEENTE')], agreeing);
    expect(d).toMatchObject({ kind: 'answer', hit: { entry: { id: 'a' } } });
    expect(d.kind === 'answer' && d.alternatives.map((h) => h.entry.id)).toEqual(['b', 'c']);
    expect(decide([at('a', 0.58, 'DUO'), at('b', 0.545, 'GEMEENTE')], agreeing).kind).toBe('choose');
  });

  test('the same organisation but contradicting laws (Wi2013 only against Wi2021 only): ask back', () => {
    expect(decide([at('a', 0.58, 'DUO', ['wi2013']), at('b', 0.56, 'DUO', ['wi2021'])], agreeing).kind).toBe('choose');
    expect(decide([at('a', 0.58, 'DUO', ['wi2013']), at('b', 0.56, 'DUO', ['wi2013', 'wi2021'])], agreeing).kind).toBe('answer');
  });

  test('below the agreeing threshold it stays a question', () => {
    expect(decide([at('a', 0.53, 'DUO'), at('b', 0.52, 'DUO')], { ...agreeing, agreeing: 0.55 }).kind).toBe('choose');
  });
});

test('a clear winner is answered with the runners-up within twice the margin as "or did you mean", whatever their organisation', () => {
  const d = decide([hit('a', 0.9), hit('b', 0.85), hit('c', 0.83), hit('d', 0.81), hit('e', 0.7)], { ...t, margin: 0.05 });
  expect(d).toMatchObject({ kind: 'answer', hit: { entry: { id: 'a' } } });
  expect(d.kind === 'answer' && d.alternatives.map((h) => h.entry.id)).toEqual(['b', 'c']);
  expect(decide([hit('a', 0.9), hit('b', 0.7)], t)).toMatchObject({ kind: 'answer', alternatives: [] });
});

test('a language of another script typed in Latin letters is offered as a choice from a lower confidence', () => {
  expect(decide([hit('a', 0.45)], t).kind).toBe('fallback');
  expect(decide([hit('a', 0.45)], t, { romanized: true })).toMatchObject({ kind: 'choose', hits: [{ entry: { id: 'a' } }] });
  expect(decide([hit('a', 0.35)], t, { romanized: true }).kind).toBe('fallback');
});

test.each([
  ['wein bsajel 3al imti7an?', 'ar', true], ['de zapysatysia na ispyt', 'uk', true], ['أين أسجل للامتحان', 'ar', false],
  ['waar meld ik me aan', 'nl', false], ['DUO lening', 'ar', true], ['اين DUO', 'ar', false], ['123?', 'ti', false],
])('"%s" in %s is romanized: %s', (text, locale, expected) => {
  expect(isRomanized(text, locale as Locale)).toBe(expected);
});
