// The answer / "did you mean" / fallback decision on top of raw scores.
import { decide, type Hit } from '../../knowledge';
import type { LoadedEntry } from '../../knowledge/schema';

const hit = (id: string, confidence: number): Hit => ({ entry: { id } as LoadedEntry, confidence, matchedLocale: 'nl' });
const t = { answer: 0.6, choose: 0.5, margin: 0.04, maxChoices: 3 };

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
