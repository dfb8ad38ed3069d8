// The content checks that run in `npm run kb:check`.
import { coverageTable, longAnswers, missingTranslations, staleEntries } from '../../scripts/kbCheck';
import { sharedKnowledgeBase } from '../helpers/fixtures';

const entries = sharedKnowledgeBase().entries;

test('all shipped entries were reviewed within the last year', () => {
  expect(staleEntries(entries)).toEqual([]);
});

test('an entry reviewed more than a year ago, or in the future, is named with its file', () => {
  const [first] = entries;
  const old = { ...first!, reviewed: '2020-01-01' };
  const future = { ...first!, reviewed: '2099-01-01' };
  const problems = staleEntries([old, future], new Date('2026-11-28T00:00:00Z'));
  expect(problems[0]).toMatch(new RegExp(`\\(entry "${first!.id}"\\): field reviewed: 2020-01-01 is more than 365 days ago`));
  expect(problems[1]).toMatch(/2099-01-01 is in the future/);
});

test('the coverage table counts entries per area and authority', () => {
  const table = coverageTable(entries);
  expect(table).toMatch(/^\| area \|/);
  expect(table).toContain(`| **total** |`);
  expect(table).toContain(`| ${entries.length} |`);
});

test('answers stay short enough to read on a phone', () => {
  expect(longAnswers(entries)).toEqual([]);
  const [first] = entries;
  const long = { ...first!, text: { ...first!.text, en: { ...first!.text.en, answer: 'word '.repeat(131) } } };
  expect(longAnswers([long])[0]).toMatch(/field text\.en\.answer: 131 words; at most 130/);
});

test('every national entry is translated into every locale; a missing one fails, in an overlay it only warns', () => {
  expect(missingTranslations(entries)).toEqual({ failures: [], warnings: [] });
  const [first] = entries;
  const { ar: _ar, ...withoutArabic } = first!.text;
  const untranslated = { ...first!, text: withoutArabic as typeof first.text };
  expect(missingTranslations([untranslated]).failures[0]).toMatch(/field text: no translation in ar$/);
  expect(missingTranslations([{ ...untranslated, origin: 'overlay' }]).warnings).toHaveLength(1);
});
