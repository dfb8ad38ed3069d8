// Search over the real knowledge base: exact, paraphrase, typo, other language, and honest "nothing".
import { decide, loadKnowledgeBase } from '../../knowledge';
import fc from 'fast-check';
import { createSearch, editDistance, splitCompound, withinOneEdit } from '../../knowledge/search';
import { loadLexicons } from '../../knowledge/lexicon';
import { barest } from '../../knowledge/search/localeIndex';
import { fold } from '../../knowledge/normalize';

const kb = loadKnowledgeBase();
const top = (query: string, locale: 'nl' | 'en') => kb.search(query, locale)[0]?.entry.id;
const decision = (query: string, locale: 'nl' | 'en') => decide(kb.search(query, locale));

describe('When the question matches an entry', () => {
  test.each([
    ['Wat kost het inburgeringsexamen?', 'nl', 'exam-costs'],
    ['Hoe kan ik DUO bellen?', 'nl', 'contact-duo'],
    ['How do I complain about the IND?', 'en', 'complain-ind'],
  ] as const)('"%s" (%s) finds %s', (query, locale, id) => {
    expect(top(query, locale)).toBe(id);
  });
});

describe('When the user paraphrases', () => {
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
});

describe('When the user makes typos or splits compounds', () => {
  test.each([
    ['wat kost het inburgerings examen', 'nl', 'exam-costs'],
    ['how much does the integraton exam cost', 'en', 'exam-costs'],
  ] as const)('"%s" (%s) still finds %s', (query, locale, id) => {
    expect(top(query, locale)).toBe(id);
  });

  test('a long word two letters off is corrected too', () => {
    expect(top('wat is een verbljfsvergunnig', 'nl')).toBe(top('wat is een verblijfsvergunning', 'nl'));
  });

  test('"hoeveel kost het examn" is corrected to "examen" and offers the exam costs (here or abroad)', () => {
    const d = decision('hoeveel kost het examn', 'nl');
    const offered = d.kind === 'answer' ? [d.hit.entry.id] : d.kind === 'choose' ? d.hits.map((h) => h.entry.id) : [];
    expect(offered).toContain('exam-costs');
  });
});

test('a Dutch question under an English locale is still found', () => {
  expect(top('Wat kost het inburgeringsexamen?', 'en')).toBe('exam-costs');
});

describe('When the question is out of scope', () => {
  test.each([
    ['wat voor weer wordt het morgen?', 'nl'],
    ['Wie heeft gisteren de wedstrijd van Ajax gewonnen?', 'nl'],
    ['what is a good recipe for pancakes', 'en'],
    ['purple elephant tax', 'en'],
    ['hallo', 'nl'],
  ] as const)('"%s" (%s) gets the fallback, not a guess', (query, locale) => {
    expect(decision(query, locale).kind).toBe('fallback');
  });
});

test('text folding removes case, accents and punctuation', () => {
  expect(fold('Ik wil een Boete-Regeling, café!')).toBe('ik wil een boete regeling cafe');
});

test('compounds split into known words, with a linking s', () => {
  const known = new Set(['inburgering', 'examen', 'plicht']);
  expect(splitCompound('inburgeringsexamen', known)).toEqual(['inburgering', 'examen']);
  expect(splitCompound('examenplicht', known)).toEqual(['examen', 'plicht']);
  expect(splitCompound('onbekend', known)).toBeUndefined();
});

test('edit distance counts a swap of two letters as one edit', () => {
  expect(editDistance('examen', 'exmaen')).toBe(1);
  expect(editDistance('examen', 'examn')).toBe(1);
  expect(editDistance('boete', 'loket')).toBeGreaterThan(1);
});

// Words over a three-letter alphabet: most pairs are a few edits apart, so every branch is met.
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 9 });

test('the one-edit check agrees with the edit distance', () => {
  fc.assert(fc.property(word, word, (a, b) => {
    expect(withinOneEdit(a, b)).toBe(editDistance(a, b) === 1);
  }), { numRuns: 2000 });
});

test('a bounded edit distance is exact up to the bound and bound + 1 beyond it', () => {
  fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
    expect(editDistance(a, b, max)).toBe(Math.min(editDistance(a, b), max + 1));
  }), { numRuns: 2000 });
});

describe('Search results', () => {
  const questions = ['hoeveel kost het examn', 'how much does the integraton exam cost', 'ik ben hier sinds 2019. wat moet ik doen om te naturaliseren?', 'وين بلاقي مكتب المساعدة القانونية'];

  test('do not depend on the searches before them (no left-over sums between searches)', () => {
    const fresh = questions.map((q) => kb.search(q, 'nl'));
    const again = [...questions].reverse().map((q) => kb.search(q, 'nl')).reverse();
    expect(again).toEqual(fresh);
  });

  test('are the best `limit`, best first, the same as the head of a longer list', () => {
    const short = createSearch(kb.entries, loadLexicons(), { limit: 3 });
    const long = createSearch(kb.entries, loadLexicons(), { limit: 50 });
    for (const q of questions) {
      const hits = long(q, 'nl');
      expect(kb.search(q, 'nl').length).toBeLessThanOrEqual(10);
      expect(short(q, 'nl')).toEqual(hits.slice(0, 3));
      const confidences = hits.map((h) => h.confidence);
      expect(confidences).toEqual([...confidences].sort((x, y) => y - x));
    }
  });
});

describe('clitics written onto a word (Arabic "و", "ب", "ل")', () => {
  const top = (q: string) => kb.search(q, 'ar').slice(0, 3).map((h) => h.entry.id);
  test('an unknown word is found without them, as the word the index knows', () => {
    // "وقرض" (and a loan), "بالقرض" (with the loan): the word "قرض" (loan) with one or two clitics.
    expect(top('وقرض DUO')).toEqual(top('قرض DUO'));
    expect(top('وبقرض DUO')).toEqual(top('قرض DUO'));
  });

  test('a known word that starts with a clitic letter stays as it is', () => {
    // "بلديه" (municipality) is not "ب" + "لديه" (he has).
    const lexicon = loadLexicons().ar;
    expect(lexicon.clitics).toContain('ب');
    expect(top('بلدية')).toEqual(top('البلدية'));
  });
});

test('a word without its clitics and endings: the first accepted form, never shorter than three letters', () => {
  const accept = (known: string[]) => (form: string) => (known.includes(form) ? form : undefined);
  expect(barest('وبقرض', ['و', 'ب'], [], accept(['قرض']))).toBe('قرض');
  expect(barest('پولامو', [], ['امو', 'مو', 'و'], accept(['پول']))).toBe('پول');
  expect(barest('وبقرض', ['و', 'ب'], [], accept([]))).toBeUndefined();
  expect(barest('بها', ['ب'], ['ا'], accept(['ها', 'ب']))).toBeUndefined();
});

test('Persian endings written onto a word ("بیمه‌ام", my insurance) find what the word finds', () => {
  const top = (q: string) => kb.search(q, 'fa')[0]?.entry.id;
  expect(top('بیمه‌ام گرونه')).toBe(top('بیمه گرونه'));
});
