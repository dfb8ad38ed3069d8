// Arabic, Farsi, Tigrinya and Ukrainian written in Latin letters, as people type them on a phone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decide, DEFAULT_THRESHOLDS, isRomanized } from '../../knowledge';
import YAML from 'yaml';
import { buildLexicon, latinKeyOf, loadLexicons, MAX_LATIN_KEYS, romanizedLocaleOf, skeleton } from '../../knowledge/lexicon';
import { loadEvalSet } from '../../scripts/eval';
import { LOCALES } from '../../locales';
import { foldedWords, terms } from '../../knowledge/normalize';
import { buildIndex } from '../../knowledge/search/localeIndex';
import { resolveTerms, ROMANIZED_QUALITY } from '../../knowledge/search/terms';
import { sharedKnowledgeBase } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const lexicons = loadLexicons();
const ROMANIZED = ['ar', 'fa', 'ti', 'uk'] as const;

describe('the consonant skeleton', () => {
  test.each([
    ['imti7an', 'imtihan'], ['emtehaan', 'imtihan'], ['baladiyah', 'baladiya'], ['9anoon', 'qanun'], ['5idma', 'khidma'],
    ['dozvil', 'dozwil'], ['shchob', 'schob'], ['ispyt', 'ispit'],
  ])('"%s" and "%s" meet', (a, b) => {
    expect(skeleton(a)).toBe(skeleton(b));
  });

  test.each([['imtihan', 'mthn'], ['dozvil', 'dzvl'], ['3ala', 'l'], ['fetena', 'ftn']])('"%s" → "%s"', (word, expected) => {
    expect(skeleton(word)).toBe(expected);
  });

  test('different words stay apart', () => {
    expect(skeleton('qanun')).not.toBe(skeleton('qarz'));
    expect(skeleton('shikaya')).not.toBe(skeleton('sakan'));
  });
});

describe('the romanized tables', () => {
  test.each(ROMANIZED)('%s has a table, and every spelling in it finds an entry in its own language', (locale) => {
    const { romanized } = lexicons[locale];
    expect(romanized.size).toBeGreaterThan(500);
    const lost = [...romanized.keys()].filter((spelling) => !kb.search(spelling, locale).some((h) => h.matchedLocale === locale));
    expect(lost).toEqual([]);
  });

  test.each(ROMANIZED)('%s: every romanized word is a word the index has (not reached by a typo correction)', (locale) => {
    const lexicon = lexicons[locale];
    const indexed = new Set(kb.entries.flatMap((e) => {
      const text = e.text[locale];
      return text ? [text.title, ...text.questions, ...text.keywords].flatMap((s) => terms(s, lexicon)) : [];
    }));
    const words = new Set(lexicon.romanized.values());
    expect([...words].filter((w) => terms(w, lexicon).length === 0 || !terms(w, lexicon).every((t) => indexed.has(t)))).toEqual([]);
  });

  test.each(ROMANIZED)('%s: a spelling not listed but with a listed skeleton finds what the listed one finds in that language', (locale) => {
    const { romanized, skeletons } = lexicons[locale];
    // Romanized question variants make some spellings words of the index themselves: those are found as such.
    const indexed = new Set(kb.entries.flatMap((e) => {
      const text = e.text[locale];
      return text ? [text.title, ...text.questions, ...text.keywords].flatMap((s) => foldedWords(s)) : [];
    }));
    // A doubled vowel leaves the skeleton as it is ("imtihan" → "iimtihan").
    const pairs = [...romanized.keys()].map((listed) => [listed, listed.replace(/[aeiou]/, (v) => v + v)] as const)
      .filter(([, unlisted]) => !romanized.has(unlisted) && !indexed.has(unlisted) && skeletons.has(skeleton(unlisted)));
    expect(pairs.length).toBeGreaterThan(100);
    const lost = pairs.filter(([listed, unlisted]) => {
      // What the listed spelling finds in its own language (another language may know the same letters).
      const wanted = kb.search(listed, locale).find((h) => h.matchedLocale === locale)?.entry.id;
      return !kb.search(unlisted, locale).some((h) => h.entry.id === wanted);
    });
    expect(lost).toEqual([]);
  });

  test('the languages written in Latin letters have none', () => {
    for (const locale of LOCALES.filter((l) => !(ROMANIZED as readonly string[]).includes(l))) expect(lexicons[locale].romanized.size).toBe(0);
  });

  test('a skeleton shared by two words is not used', () => {
    const lexicon = buildLexicon({ stopwords: [], synonyms: {}, romanized: { امتحان: ['imtihan'], متحن: ['mutahin'], قرض: ['qarz'] } });
    expect(lexicon.skeletons.has(skeleton('imtihan'))).toBe(false);
    expect(lexicon.skeletons.get(skeleton('qarz'))).toBe('قرض');
    expect(lexicon.canonical.get('imtihan')).toBe('امتحان');
  });

  test('a spelling under two words, or also a function word, is refused with the file named', () => {
    expect(() => buildLexicon({ stopwords: [], synonyms: {}, romanized: { امتحان: ['imtihan'], اختبار: ['imtihan'] } })).toThrow(/"imtihan" is listed under both/);
    expect(() => buildLexicon({ stopwords: ['ana'], synonyms: {}, romanized: { انا: ['ana'] } })).toThrow(/also a stopword/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexicon-'));
    for (const locale of LOCALES) fs.copyFileSync(path.join(__dirname, '../../knowledge/lexicon', `${locale}.yaml`), path.join(dir, `${locale}.yaml`));
    const uk = path.join(dir, 'uk.yaml');
    fs.writeFileSync(uk, fs.readFileSync(uk, 'utf8').replace('romanized:\n', 'romanized:\n  перевірка: [Perevirka]\n'));
    expect(() => loadLexicons(dir)).toThrow(/uk\.yaml[\s\S]*lower-case Latin letters/);
  });
});

describe('a question in Latin letters', () => {
  // Spellings written for this test, some of them not in the tables (the skeleton finds those).
  test.each([
    ['ar', 'kam si3r imti7aan el inburgering?', 'DUO'],
    ['fa', 'emtehaan inburgering cheghadr hazine dare', 'DUO'],
    ['uk', 'skilky koshtuye ispyt inburgering', 'DUO'],
    ['ti', 'fetena inburgering kunday waga alewo', 'DUO'],
  ] as const)('(%s) "%s" is found in that language, at %s', (locale, query, authority) => {
    const [best] = kb.search(query, locale);
    expect(best?.entry.authority).toBe(authority);
  });

  test('Arabic in Latin letters in a Dutch conversation is searched in Arabic too', () => {
    const hits = kb.search('ana bidi a3mel imti7an el lugha, kif asajjel?', 'nl');
    expect(hits.some((h) => h.matchedLocale === 'ar')).toBe(true);
  });

  test('a Dutch or Turkish question is not read as romanized Arabic or Farsi', () => {
    for (const [query, locale] of [['Wat kost het examen en hoe meld ik me aan?', 'nl'], ['Sınav ne kadar, saat kaçta başlıyor?', 'tr']] as const) {
      expect(kb.search(query, locale).some((h) => (ROMANIZED as readonly string[]).includes(h.matchedLocale))).toBe(false);
    }
  });

  test('words no key places (dialect verbs, French) count less than missed words, so the entry the rest names leads', () => {
    // Maghrebi Arabic with a French word: only "zorgtoeslag" is placed. In a Dutch conversation the other three
    // words count in full, as any words the entries miss.
    const message = 'zorgtoeslag kifach ndir demande';
    const [arabic] = kb.search(message, 'ar');
    const [dutch] = kb.search(message, 'nl');
    expect(arabic?.entry.id).toBe('zorgtoeslag');
    expect(arabic!.confidence).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.chooseRomanized);
    expect(arabic!.confidence).toBeGreaterThan(dutch!.confidence);
    expect(decide(kb.search(message, 'ar'), DEFAULT_THRESHOLDS, { romanized: isRomanized(message, 'ar') }).kind).not.toBe('fallback');
  });

  test('out of scope in Latin letters is still declined', () => {
    expect(decide(kb.search('shu a7san mat3am pizza bi amsterdam', 'ar')).kind).toBe('fallback');
  });
});

describe('recognising a language written in Latin letters (for channels that send no locale)', () => {
  test.each([
    ['ar', 'salam, wein lazem sajel 3ala el imti7an? ana ma ba3ref shi'],
    ['ar', 'kif bsawi shakwa 3al DUO? ma 7ada rad 3alayi'],
    ['fa', 'salam, chetori mitoonam baraye emtehan sabte nam konam?'],
    ['fa', 'man bayad koja beram baraye kelase zaban? kheili mamnoon'],
    ['uk', 'pryvit, de meni zapysatysia na ispyt? shcho treba zrobyty?'],
    ['uk', 'skilky koshtuie ispyt i koly mozhna yoho skladaty?'],
    ['ti', 'selam, ane kemey gere nab fetena kimezgeb ykel?'],
  ] as const)('%s: "%s"', (locale, text) => {
    expect(romanizedLocaleOf(text, lexicons)).toBe(locale);
  });

  test.each([
    'hallo', 'ana', 'salam', 'B1 examen 2e keer', 'Ik woon in Den Haag sinds 3 jaar', 'What is the 3rd step?',
    'Merhaba, sınava nasıl kayıt olurum?', 'Salaan, sidee baan isku diiwaangeliyaa imtixaanka?', 'كيف أسجل في الامتحان؟',
  ])('not for "%s" (too short, a Latin-script language, or another script)', (text) => {
    expect(romanizedLocaleOf(text, lexicons)).toBeUndefined();
  });

  test('never for a message of the Latin-script languages in the eval sets and the phrase tables', () => {
    const tables = ['dangers.table.yaml', 'dangers.second.yaml', 'situations.table.yaml']
      .map((f) => YAML.parse(fs.readFileSync(path.join(__dirname, f), 'utf8')) as Record<string, Record<string, string[]>>);
    const latin = ['nl', 'en', 'tr', 'so'].flatMap((l) => [
      ...(['questions', 'blind-tune'] as const).flatMap((set) => loadEvalSet(l, set).map((i) => i.q)),
      ...tables.flatMap((t) => Object.values(t[l] ?? {}).flat()),
    ]);
    expect(latin.length).toBeGreaterThan(1500);
    expect(latin.filter((q) => romanizedLocaleOf(q, lexicons) !== undefined)).toEqual([]);
  });
});

/**
 * Each typed word, which no romanized table lists, is read through the locale's Latin key as the entries' word
 * (a word of that locale's index), at `ROMANIZED_QUALITY`.
 */
function expectReadAs(locale: 'ar' | 'ti' | 'uk', pairs: readonly (readonly [typed: string, word: string])[]): void {
  const index = buildIndex(kb.entries, locale, lexicons[locale], 0.3);
  for (const [typed, word] of pairs) {
    expect(lexicons[locale].romanized.has(typed)).toBe(false);
    const [term] = index.tokenize([foldedWords(word)[0]!]);
    expect(index.known.has(term!)).toBe(true);
    expect(resolveTerms([typed], index, new Map(), new Set())).toEqual([{ term, quality: ROMANIZED_QUALITY, weight: index.idf(term!) }]);
  }
}

describe('Ukrainian typed in Latin letters meets the Cyrillic word on one key (`latinKey` in the lexicon)', () => {
  const key = lexicons.uk.latinKey!;
  const cyrillic = (word: string) => key.ofWord(foldedWords(word)[0]!)[0];

  test.each([
    ['zakhvoriiu', 'захворію'], ['zahvoriju', 'захворію'], ['zapysatysia', 'записатися'], ['prozhyvannia', 'проживання'],
    ['prozhivanya', 'проживання'], ['shchob', 'щоб'], ['schob', 'щоб'], ['pereikhaly', 'переїхали'], ['yakyi', 'який'], ['vidmova', 'відмова'],
  ])('"%s" and "%s"', (latin, word) => {
    expect(key.ofLatin(latin)).toEqual([cyrillic(word)]);
  });

  test('different words keep different keys', () => {
    expect(key.ofLatin('borh')).not.toContain(cyrillic('берег'));
    expect(cyrillic('штраф')).not.toBe(cyrillic('страх'));
  });

  test('a Latin word no table lists is read as the word of the entries, in another case form too', () => {
    expectReadAs('uk', [['prozhyvanniu', 'проживання'], ['vidmovoiu', 'відмова'], ['zaiavoiu', 'заява']]);
  });
});

describe('letters typed in more than one way have a key for each way (Arabic `latinKey`)', () => {
  const key = lexicons.ar.latinKey!;
  const arabic = (word: string) => key.ofWord(foldedWords(word)[0]!);

  test('a word\'s main key comes first: ع left out, as most often; its key with "3" next', () => {
    expect(arabic('اعتراض')).toEqual(['trd', '3trd']);
    expect(key.ofLatin('a3tared')[0]).toBe('3trd');
    expect(key.ofLatin('atared')).toEqual(['trd']);
  });

  test('a typed "g" is ج (Egypt) or ق (Iraq, the Gulf); a typed "2" a hamza or ق (the Levant)', () => {
    expect(key.ofLatin('gawab')[0]).toBe(arabic('جواب')[0]);
    expect(key.ofLatin('gita3aw')).toContain(arabic('قطعوا')[1]);
    expect(key.ofLatin('2alb')).toContain(arabic('قلب')[0]);
  });

  test('a word has at most MAX_LATIN_KEYS keys', () => {
    // Six letters with two ways each: 64 combinations, of which the first eight (fewest other ways) are kept.
    const keys = key.ofLatin('gab2ad9ag3am9ar');
    expect(keys.length).toBeGreaterThan(1);
    expect(keys.length).toBeLessThanOrEqual(MAX_LATIN_KEYS);
    expect(keys[0]).toBe('jbdkj3mkr');
    const spec = latinKeyOf({ script: { ع: ['', '3'] }, latin: { '3': ['3', ''] }, minKey: 2, ending: 0 });
    expect(spec.ofWord('ععع')).toEqual(['', '3']);
  });

  test('unlisted spellings with such letters find the word of the entries', () => {
    expectReadAs('ar', [['a3tared', 'اعتراض'], ['gita3aw', 'قطع'], ['isboo3', 'اسبوع']]);
  });
});

describe('Tigrinya typed in Latin letters meets the Ge\'ez word on its consonants (`latinKey` in the lexicon)', () => {
  const key = lexicons.ti.latinKey!;
  const geez = (word: string) => key.ofWord(foldedWords(word)[0]!);

  test.each([['fetena', 'ፈተና'], ['ftena', 'ፈተና'], ['wxiet', 'ውጽኢት'], ['wtsiet', 'ውጽኢት'], ['mesrah', 'ምስራሕ'], ['tigrigna', 'ትግርኛ']])(
    '"%s" and "%s"', (latin, word) => {
      expect(key.ofLatin(latin)).toContain(geez(word)[0]);
    });

  test('"utsiet", with ው typed as a vowel, meets ውጽኢት on its other key', () => {
    expect(geez('ውጽኢት')).toEqual(['wtst', 'tst']);
    expect(key.ofLatin('utsiet')).toEqual(['tst']);
  });

  test('different words keep different keys', () => {
    expect(geez('ፈተና')[0]).not.toBe(geez('ፍትሒ')[0]);
    expect(key.ofLatin('sirah')).not.toContain(geez('ሰዓት')[0]);
  });

  test('a Latin word no table lists is read as the word of the entries', () => {
    expectReadAs('ti', [['mesrah', 'ምስራሕ'], ['tsehifu', 'ጽሓፍ']]);
  });
});
