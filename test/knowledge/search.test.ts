// How the search finds entries, on a small knowledge base of its own (test/knowledge/fixture): exact, paraphrase,
// typo, other language, clitics and endings, and an honest "nothing". Which real question finds which real entry is
// the eval's business (test/eval/), so editing content never breaks these tests.
import fc from 'fast-check';
import { decide, type Hit } from '../../knowledge';
import { createSearch, editDistance, incidentalWords, splitCompound, withinOneEdit } from '../../knowledge/search';
import { barest, buildIndex } from '../../knowledge/search/localeIndex';
import { CORRECTED_QUALITY, resolveTerms } from '../../knowledge/search/terms';
import { fold, foldedWords, termsOfWords } from '../../knowledge/normalize';
import type { Locale } from '../../locales';
import { fixtureKnowledge } from '../helpers/fixtures';

const { entries, lexicons, search } = fixtureKnowledge();
const top = (query: string, locale: Locale) => search(query, locale)[0]?.entry.id;
const decision = (query: string, locale: Locale) => decide(search(query, locale));
const ids = (hits: Hit[]) => hits.map((h) => h.entry.id);

describe('When the question matches an entry', () => {
  test.each([
    ['Wat kost het inburgeringsexamen?', 'nl', 'exam-costs'],
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
    ['hoe kan ik geld lenen', 'nl', 'duo-loan'],
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
    ['hoeveel kost het examn', 'nl', 'exam-costs'],
  ] as const)('"%s" (%s) still finds %s', (query, locale, id) => {
    expect(top(query, locale)).toBe(id);
  });

  test('a typo counts as much as the word it was corrected to says, not as much as a word no entry has', () => {
    // A typo of a common word ("contract" read as "contact") must not outweigh the words spelled right.
    const index = buildIndex(entries, 'nl', lexicons.nl, 0.3, new Set());
    const [corrected] = resolveTerms(['verblijfsvergunnning'], index, new Map(), new Set());
    expect(corrected).toEqual({ term: 'verblijfsvergunning', quality: CORRECTED_QUALITY, weight: index.idf('verblijfsvergunning') });
    expect(corrected!.weight).toBeLessThan(index.idf('zzzonbekend'));
  });

  test('a long word two letters off is corrected too', () => {
    expect(top('wat is een verblijfsvergunning', 'nl')).toBe('residence-permit');
    expect(top('wat is een verbljfsvergunnig', 'nl')).toBe('residence-permit');
  });
});

test('a Dutch question under an English locale is still found, a little less sure than in its own language', () => {
  const [own] = search('Wat kost het inburgeringsexamen?', 'nl');
  const [other] = search('Wat kost het inburgeringsexamen?', 'en');
  expect(other?.entry.id).toBe('exam-costs');
  expect(other!.confidence).toBeLessThan(own!.confidence);
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
  const questions = ['hoeveel kost het examn', 'how much does the integraton exam cost', 'ik heb een verblijfsvergunning, wanneer krijg ik een huis?', 'وين بلاقي مكتب البلدية'];

  test('do not depend on the searches before them (no left-over sums between searches)', () => {
    const fresh = questions.map((q) => search(q, 'nl'));
    const again = [...questions].reverse().map((q) => search(q, 'nl')).reverse();
    expect(fresh.every((hits) => hits.length > 0)).toBe(true);
    expect(again).toEqual(fresh);
  });

  test('are the best `limit`, best first, the same as the head of a longer list', () => {
    const short = createSearch(entries, lexicons, { limit: 3 });
    const long = createSearch(entries, lexicons, { limit: 50 });
    const tiny = createSearch(entries, lexicons, { limit: 1 });
    for (const q of questions) {
      const hits = long(q, 'nl');
      expect(short(q, 'nl')).toEqual(hits.slice(0, 3));
      expect(tiny(q, 'nl')).toEqual(hits.slice(0, 1));
      const confidences = hits.map((h) => h.confidence);
      expect(confidences).toEqual([...confidences].sort((x, y) => y - x));
    }
    expect(Math.max(...questions.map((q) => long(q, 'nl').length))).toBeGreaterThan(3);
  });
});

describe('clitics written onto a word (Arabic "و", "ب", "ل")', () => {
  const arabic = (q: string) => ids(search(q, 'ar').slice(0, 3));
  test('an unknown word is found without them, as the word the index knows', () => {
    // "وقرض" (and a loan), "وبقرض" (and with a loan): the word "قرض" (loan) with one or two clitics.
    expect(arabic('قرض')).toEqual(['duo-loan']);
    expect(arabic('وقرض')).toEqual(arabic('قرض'));
    expect(arabic('وبقرض')).toEqual(arabic('قرض'));
    // "س" is no clitic: the same word behind it is not found.
    expect(arabic('سقرض')).toEqual([]);
  });

  test('a clitic is looked for before an ending is cut off: "وخطة" (and a plan) is "خطة" (a plan)', () => {
    // Cut first, the teh marbuta goes and "وخط" is left, too short to lose its "و" and known to no index.
    expect(termsOfWords(foldedWords('وخطة'), lexicons.ar)).toEqual(['وخط']);
    expect(termsOfWords(foldedWords('وخطة'), lexicons.ar, new Set(['خطه']))).toEqual(['خطه']);
    // A word the index knows keeps its own term.
    expect(termsOfWords(foldedWords('وخطة'), lexicons.ar, new Set(['خطه', 'وخط']))).toEqual(['وخط']);
  });

  test('a known word that starts with a clitic letter stays as it is', () => {
    // "بلدية" (municipality) is not "ب" + "لدية".
    expect(lexicons.ar.clitics).toContain('ب');
    expect(arabic('بلدية')).toEqual(['municipality-help']);
    expect(arabic('بلدية')).toEqual(arabic('البلدية'));
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
  const persian = (q: string) => top(q, 'fa');
  expect(persian('بیمه')).toBe('health-insurance');
  expect(persian('بیمه‌ام')).toBe(persian('بیمه'));
});

describe('names and numbers in a message', () => {
  test('names are words with a capital inside a sentence; numbers are digits only', () => {
    const found = incidentalWords('Goedendag, ik woon in Emmen bij DUO. Mijn BSN is 123456782 en ik heet Ahmed!');
    expect([...found].sort()).toEqual(['123456782', 'ahmed', 'emmen']);
  });

  test('an unknown name counts less than another unknown word, and an unknown number not at all', () => {
    const best = (q: string) => search(q, 'nl')[0]!;
    const withName = best('Ik woon in Zwolle, hoe meld ik me aan voor het examen');
    const withWord = best('Ik woon in zwolle, hoe meld ik me aan voor het examen');
    expect(withName.entry.id).toBe(withWord.entry.id);
    expect(withName.confidence).toBeGreaterThan(withWord.confidence);
    expect(best('hoe meld ik me aan voor het examen 123456782').confidence).toBe(best('hoe meld ik me aan voor het examen').confidence);
  });

  test('in a script without capitals an unknown word may be a name, and counts less than one that cannot be', () => {
    const best = (q: string) => search(q, 'ar')[0]!;
    const plain = best('كيف اطلب قرض DUO');
    const town = best('كيف اطلب قرض DUO وانا ساكن في حمص'); // Homs: no capital shows it is a name
    const latin = best('كيف اطلب قرض DUO وانا ساكن في zwolle'); // lowercase Latin: not a name
    expect([town.entry.id, latin.entry.id]).toEqual([plain.entry.id, plain.entry.id]);
    expect(town.confidence).toBeLessThan(plain.confidence);
    expect(town.confidence).toBeGreaterThan(latin.confidence);
  });

  test('Ukrainian, mostly typed in small letters on a phone, counts an unknown Cyrillic word the same way', () => {
    const best = (q: string) => search(q, 'uk')[0]!;
    const plain = best('як попросити позику в DUO');
    const town = best('я живу в зволле, як попросити позику в DUO');
    const latin = best('я живу в zwolle, як попросити позику в DUO');
    expect([town.entry.id, latin.entry.id]).toEqual(['duo-loan', 'duo-loan']);
    expect(plain.entry.id).toBe('duo-loan');
    expect(town.confidence).toBeGreaterThan(latin.confidence);
  });
});
