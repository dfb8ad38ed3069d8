// How a message becomes search terms (knowledge/normalize.ts), on small lexicons written here: words glued across
// scripts, function words that look like a compound, listed variants behind a clitic prefix, and English
// contractions. Pure.
import { buildLexicon } from '../../knowledge/lexicon';
import { fold, foldedWords, terms } from '../../knowledge/normalize';

describe('words glued across scripts', () => {
  test.each([
    ['الـIND', ['ind']], // Arabic article and tatweel on a Dutch abbreviation
    ['والverblijfsvergunning', ['verblijfsvergunning']], // "and the" + a Dutch word
    ['ንDUO', ['duo']], // Tigrinya "to" on DUO
    ['gemeenteኹም', ['gemeente']], // a Tigrinya possessive ending on a Dutch word
    ['gemeente‌ها', ['gemeente']], // a Persian plural after a zero-width non-joiner
    ['вDUO', ['duo']], // Ukrainian "in"
  ])('%s → %j: the clitic or ending of the other script is dropped', (word, expected) => {
    expect(foldedWords(word)).toEqual(expected);
  });

  test('a Cyrillic word typed with Latin look-alike letters is one Cyrillic word; a Latin word behind a clitic is not', () => {
    expect(foldedWords('лiкарнi iнбургерiнг теорiя')).toEqual(['лікарні', 'інбургерінг', 'теорія']);
    expect(foldedWords('вCOA')).toEqual(['coa']);
  });

  test('a longer part in the other script is a word of its own and kept', () => {
    expect(foldedWords('DUOቤትጽሕፈት')).toEqual(['duo', 'ቤትጽሕፈት']);
  });

  test('a number glued to a word is split off it, and both stay', () => {
    expect(foldedWords('9ወርሒ')).toEqual(['9', 'ወርሒ']);
    expect(foldedWords('از300یورو')).toEqual(['از', '300', 'يورو']);
  });

  test('Latin words with digits and words of one script stay whole', () => {
    expect(foldedWords('wi2013 B1 Z-route')).toEqual(['wi2013', 'b1', 'z', 'route']);
    expect(foldedWords('الامتحان ፈተና іспит')).toEqual(['الامتحان', 'ፈተና', 'іспит']);
  });
});

describe('two words written apart that a vocabulary knows as one', () => {
  const dutch = buildLexicon({ stopwords: ['wat', 'er', 'voor', 'dat', 'met'], synonyms: {} });
  const vocabulary = new Set(['water', 'voordat', 'inburgeringsexamen']);

  test('are joined when they are content words ("inburgerings examen")', () => {
    expect(terms('inburgerings examen', dutch, vocabulary)).toEqual(['inburgeringsexamen']);
  });

  test('are not joined when both are function words ("wat er" is not "water")', () => {
    expect(terms('wat er gebeurt met mijn uitkering', dutch, vocabulary)).not.toContain('water');
    expect(terms('voor dat examen', dutch, vocabulary)).toEqual(['examen']);
  });

  test('are joined when the lexicon lists the two function words together ("how much" → cost)', () => {
    const english = buildLexicon({ stopwords: ['how', 'much', 'is', 'the'], synonyms: { cost: ['howmuch'] } });
    expect(terms('how much is the exam', english, new Set(['cost', 'exam']))).toEqual(['cost', 'exam']);
  });

  test('are joined when the lexicon lists them as a two-word variant, written with its space ("pay back")', () => {
    const english = buildLexicon({ stopwords: ['i', 'the'], synonyms: { repay: ['pay back'], ombudsman: ['three word variant'] } });
    expect(terms('i pay back the loan', english, new Set(['repay', 'loan']))).toEqual(['repay', 'loan']);
    // Longer variants are not searched for: their words stay words.
    expect(terms('three word variant', english, new Set(['ombudsman']))).toEqual(['three', 'word', 'variant']);
  });
});

describe('lexicon words', () => {
  // Before, a lexicon folded its words with less than a message gets: "على" (alef maqsura) stayed "على" while every
  // message has "علي", so the stopword never matched; the same for Persian ی and a zero-width non-joiner in a listed
  // spelling, and for an apostrophe.
  test('are folded exactly as a message is', () => {
    const arabic = buildLexicon({ stopwords: ['على', 'متى'], synonyms: { ind: ['ايندي'] } });
    expect(terms('متى رد على IND', arabic)).toEqual(['رد', 'ind']);
    const persian = buildLexicon({ stopwords: [], synonyms: { duo: ['دی‌یو‌او'] } });
    expect(terms('دییواو', persian)).toEqual(['duo']);
    const tigrinya = buildLexicon({ stopwords: ["ደብዳቤ'ዩ"], synonyms: {} });
    expect(terms('ደብዳቤዩ', tigrinya)).toEqual([]);
  });
});

describe('an abbreviation spelled letter by letter', () => {
  // "آی ان دی" is I-N-D in Persian letter names: three words, joined only into a spelling the lexicon lists.
  const persian = buildLexicon({ stopwords: ['ان'], synonyms: { ind: ['آی‌ان‌دی'] }, prefixes: ['ال'] });
  const vocabulary = new Set(['ind', 'جواب']);
  test('is read as the abbreviation when the lexicon lists its letters written together', () => {
    expect(terms('آی ان دی جواب', persian, vocabulary)).toEqual(['ind', 'جواب']);
    expect(terms('الآی ان دی', persian, vocabulary)).toEqual(['ind']);
  });

  test('three words are not joined into a word the vocabulary has but the lexicon does not list', () => {
    const dutch = buildLexicon({ stopwords: ['te'], synonyms: {} });
    expect(terms('in te burgeren', dutch, new Set(['inteburgeren']))).toEqual(['in', 'burgeren']);
  });
});

describe('listed variants', () => {
  const arabic = buildLexicon({ stopwords: [], synonyms: { هاتف: ['تليفون'] }, prefixes: ['ال'], suffixes: ['ون'] });

  test('are found behind a clitic prefix, before an ending is cut off ("التليفون" is the listed "تليفون")', () => {
    expect(terms('التليفون', arabic)).toEqual(terms('تليفون', arabic));
    expect(terms('تليفون', arabic)).toEqual(['هاتف']);
  });

  test('of a function word are dropped like the function word (Somali "hada" for "hadda")', () => {
    const somali = buildLexicon({ stopwords: ['hadda'], synonyms: { hadda: ['hada'] }, suffixes: ['da'] });
    expect(terms('hada imtixaan', somali)).toEqual(['imtixaan']);
  });
});

describe('English contractions', () => {
  // Without the apostrophe "I'll" is "ill" (sick) and "I'd" is "id" (an identity card): they are written out first.
  test.each([
    ["I'll do the Z-route", 'i will do the z route'], ['I’d like to know', 'i would like to know'],
    ["It'll take long", 'it will take long'], ["WE'D", 'we would'],
  ])('"%s" folds to "%s"', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  test('other apostrophes still join their word', () => {
    expect(fold("DUO'dan")).toBe('duodan');
    expect(fold("б'є")).toBe('бє');
    expect(fold("auto's")).toBe('autos');
    expect(fold("pill's")).toBe('pills');
  });
});

describe('an abbreviation typed letter by letter', () => {
  // "d.u.o", "K N M" are the words "duo" and "knm" when the index knows them; "i.e." or initials stay letters.
  const dutch = buildLexicon({ stopwords: ['a', 'from'], synonyms: {} });
  const vocabulary = new Set(['duo', 'knm', 'ind', 'telnr', 'inburgering', 'exam', 'letter', '123']);
  test.each([
    ['telnr d.u.o inburgering', ['telnr', 'duo', 'inburgering']], ['K.N.M. exam?', ['knm', 'exam']], ['K N M exam', ['knm', 'exam']],
    ['i.n.d.', ['ind']], ['a letter, i.e. from d.u.o', ['letter', 'i', 'e', 'duo']], ['J.P. Coen', ['j', 'p', 'coen']],
    ['1 2 3 exam', ['1', '2', '3', 'exam']],
  ])('"%s" has the terms %j', (text, expected) => {
    expect(terms(text, dutch, vocabulary)).toEqual(expected);
  });
  test('the dots are punctuation for fold itself', () => {
    expect(fold('d.u.o 3.5')).toBe('d u o 3 5');
  });
});

describe("the Ge'ez ፀ row", () => {
  test('folds to the ጸ row, the same sound written the Tigray way', () => {
    expect(fold('ፀፁፂፃፄፅፆ')).toBe('ጸጹጺጻጼጽጾ');
    expect(fold('ህፃናት ሕፅቦ')).toBe(fold('ህጻናት ሕጽቦ'));
  });
  test('leaves the letters around it alone', () => {
    expect(fold('ጷ ፈ')).toBe('ጷ ፈ');
  });
});

describe('stretched letters', () => {
  // People stretch a word for emphasis; no test can list them all, so a few scripts and lengths.
  test.each([
    ['sooo expensive', 'soo expensive'], ['pleeeeease', 'pleease'], ['کمکککک', 'کمکک'], ['ДОПОМОЖІТЬЬЬ', 'допоможітьь'],
    ['zee', 'zee'], ['ممكن', 'ممكن'], ['1000 euro', '1000 euro'],
  ])('"%s" folds to "%s"', (text, folded) => {
    expect(fold(text)).toBe(folded.replace(/ک/g, 'ك'));
  });
});
