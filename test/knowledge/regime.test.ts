// Entries whose rules differ per law carry a variant per regime; the user's regime picks it when known.
import { sharedKnowledgeBase } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const withVariants = kb.entries.filter((e) => e.variants);

test('the entries whose rules differ per regime have a variant for each regime they cover', () => {
  const ids = withVariants.map((e) => e.id);
  for (const id of ['exam-costs', 'integration-term', 'after-a-fine', 'law-differences']) expect(ids).toContain(id);
  for (const entry of withVariants) {
    for (const regime of entry.regime) expect(entry.variants?.[regime]).toBeDefined();
  }
});

test('without a known regime the base answer (both laws briefly) is used', () => {
  const entry = kb.get('exam-costs')!;
  const answer = kb.answerFor(entry, 'nl');
  expect(answer.regime).toBeUndefined();
  expect(answer.text).toContain('2013');
  expect(answer.text).toContain('2021');
});

test('with a known regime the variant for that regime is used, in the user\'s language', () => {
  const entry = kb.get('exam-costs')!;
  expect(kb.answerFor(entry, 'en', 'wi2013')).toEqual({ text: entry.variants!.wi2013!.en, regime: 'wi2013', locale: 'en' });
  expect(kb.answerFor(entry, 'nl', 'wi2021').text).toContain('€ 250');
  expect(kb.answerFor(entry, 'nl', 'wi2021').text).not.toContain('€ 300');
});

test('an entry without variants ignores the regime', () => {
  const entry = kb.entries.find((e) => !e.variants)!;
  expect(kb.answerFor(entry, 'nl', 'wi2013')).toEqual({ text: entry.text.nl.answer, locale: 'nl' });
});
