// The real content under the search: questions that must keep finding the entry written for them, and questions
// outside the content that must keep getting the honest fallback. The mechanism itself is tested on a small
// knowledge base of its own (test/knowledge/search.test.ts); a content edit that breaks a line here should be
// checked against the eval figures (`npm run eval`) before the line is changed.
import { decide, type Hit } from '../../knowledge';
import type { Locale } from '../../locales';
import { sharedKnowledgeBase } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const top = (query: string, locale: Locale) => kb.search(query, locale)[0]?.entry.id;
const decision = (query: string, locale: Locale) => decide(kb.search(query, locale));
const ids = (hits: Hit[]) => hits.map((h) => h.entry.id);

test.each([
  ['Wat kost het inburgeringsexamen?', 'nl', 'exam-costs'],
  ['Hoe kan ik DUO bellen?', 'nl', 'contact-duo'],
  ['How do I complain about the IND?', 'en', 'complain-ind'],
  ['Wat kost het inburgeringsexamen?', 'en', 'exam-costs'],
  ['wat kost het inburgerings examen', 'nl', 'exam-costs'],
  ['how much does the integraton exam cost', 'en', 'exam-costs'],
] as const)('"%s" (%s) finds %s', (query, locale, id) => {
  expect(top(query, locale)).toBe(id);
});

test.each([
  ['Hoe schrijf ik me in voor het examen?', 'nl', 'exam-registration'],
  ['I live in an AZC, when do I get a house?', 'en', 'waiting-for-a-home'],
  ['Ik woon in een azc, wanneer krijg ik een huis?', 'nl', 'waiting-for-a-home'],
  ['who pays for my language lessons if I have an asylum permit', 'en', 'who-pays-wi2021'],
] as const)('"%s" (%s) is answered with %s', (query, locale, id) => {
  const d = decision(query, locale);
  expect(d.kind).toBe('answer');
  expect(d.kind === 'answer' && d.hit.entry.id).toBe(id);
});

test('a long word two letters off finds what the word finds', () => {
  const right = top('wat is een verblijfsvergunning', 'nl');
  expect(right).toBeDefined();
  expect(top('wat is een verbljfsvergunnig', 'nl')).toBe(right);
});

test('"hoeveel kost het examn" is corrected to "examen" and offers the exam costs (here or abroad)', () => {
  const d = decision('hoeveel kost het examn', 'nl');
  const offered = d.kind === 'answer' ? [d.hit.entry.id] : d.kind === 'choose' ? ids(d.hits) : [];
  expect(offered).toContain('exam-costs');
});

test.each([
  ['wat voor weer wordt het morgen?', 'nl'],
  ['Wie heeft gisteren de wedstrijd van Ajax gewonnen?', 'nl'],
  ['what is a good recipe for pancakes', 'en'],
  ['purple elephant tax', 'en'],
  ['hallo', 'nl'],
] as const)('"%s" (%s) gets the fallback, not a guess', (query, locale) => {
  expect(decision(query, locale).kind).toBe('fallback');
});

test('Arabic clitics and Persian endings on words of the real content', () => {
  const arabic = (q: string) => ids(kb.search(q, 'ar').slice(0, 3));
  expect(arabic('قرض DUO').length).toBeGreaterThan(0);
  expect(arabic('وقرض DUO')).toEqual(arabic('قرض DUO'));
  expect(arabic('وبقرض DUO')).toEqual(arabic('قرض DUO'));
  expect(arabic('بلدية').length).toBeGreaterThan(0);
  expect(arabic('بلدية')).toEqual(arabic('البلدية'));
  const persian = (q: string) => kb.search(q, 'fa')[0]?.entry.id;
  expect(persian('بیمه گرونه')).toBeDefined();
  expect(persian('بیمه‌ام گرونه')).toBe(persian('بیمه گرونه'));
});
