// Danger signals put urgent help first, with the line for that danger on top; ordinary questions stay quiet.
// The table (dangers.table.yaml) was written by someone who never saw knowledge/signals.yaml.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { composeAnswer } from '../../knowledge';
import fc from 'fast-check';
import { altKey, compilePhraseBook, fits, keysOfWord, kindsIn, parsePhrase, type Alt } from '../../knowledge/phrases';
import { dangersIn, loadSignals } from '../../knowledge/signals';
import { LOCALES, type Locale } from '../../locales';
import { loadEvalSet, TUNING_SETS } from '../../scripts/eval';
import { sharedKnowledgeBase } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const signals = loadSignals();
const kinds = (text: string) => dangersIn(text, signals).map((d) => d.kind);

type Table = Record<Locale, Record<string, string[]>>;
const read = (file: string) => YAML.parse(fs.readFileSync(path.join(__dirname, file), 'utf8')) as Table;
const table = read('dangers.table.yaml');
const DANGERS = signals.dangers.map((d) => d.kind);

describe.each([['dangers.table.yaml', table], ['dangers.second.yaml', read('dangers.second.yaml')]] as const)('the blind table %s', (_file, table) => {
  test('covers every locale with at least 8 phrasings per danger and 20 harmless messages', () => {
    for (const locale of LOCALES) {
      for (const kind of DANGERS) expect([locale, kind, (table[locale][kind] ?? []).length >= 8]).toEqual([locale, kind, true]);
      expect([locale, table[locale].harmless!.length >= 20]).toEqual([locale, true]);
    }
  });

  describe.each(LOCALES.map((l) => [l]))('%s', (locale) => {
    test.each(DANGERS.flatMap((kind) => (table[locale][kind] ?? []).map((text) => [kind, text])))('%s: "%s"', (kind, text) => {
      expect(kinds(text)).toContain(kind);
    });

    test.each((table[locale].harmless ?? []).map((text) => [text]))('harmless: "%s"', (text) => {
      expect(kinds(text)).toEqual([]);
    });
  });
});

describe.each(['pills.table.yaml', 'pills.second.yaml'])('an overdose told through pills, and medicine that only ran out (test/knowledge/%s, written blind)', (file) => {
  const pills = YAML.parse(fs.readFileSync(path.join(__dirname, file), 'utf8')) as Record<Locale, { pills: string[]; harmless: string[] }>;
  describe.each(LOCALES.map((l) => [l]))('%s', (locale) => {
    test.each(pills[locale].pills.map((text) => [text]))('an overdose: "%s"', (text) => {
      expect(kinds(text)).toContain('suicide');
    });
    test.each(pills[locale].harmless.map((text) => [text]))('medicine that ran out or a course to finish, no alarm: "%s"', (text) => {
      expect(kinds(text)).toEqual([]);
    });
  });
});

describe.each(['er.table.yaml', 'er.second.yaml', 'er.review.yaml'])('the emergency room or an ambulance now, and in the past or on a bill (test/knowledge/%s, written blind)', (file) => {
  const er = YAML.parse(fs.readFileSync(path.join(__dirname, file), 'utf8')) as Record<Locale, { now: string[]; past: string[]; accepted?: string[] }>;
  describe.each(LOCALES.map((l) => [l]))('%s', (locale) => {
    test.each(er[locale].now.map((text) => [text]))('an emergency now: "%s"', (text) => {
      expect(kinds(text).some((k) => k === 'medical' || k === 'danger')).toBe(true);
    });
    // Someone asking who pays the emergency room's bill gets that answer, not only the emergency numbers.
    const past = er[locale].past;
    if (past.length) test.each(past.map((text) => [text]))('a visit in the past, a bill or a complaint, no alarm: "%s"', (text) => {
      expect(kinds(text)).toEqual([]);
    });
    // Accepted false alarms: moving one to `past` is a choice to make with its own test, not a side effect.
    const accepted = er[locale].accepted ?? [];
    if (accepted.length) test.each(accepted.map((text) => [text]))('a past visit that still alarms, accepted for safety: "%s"', (text) => {
      expect(kinds(text)).not.toEqual([]);
    });
  });

  test('a bill or the past does not hide an emergency told with it, nor a call for help in another language', () => {
    expect(kinds('the ambulance is not coming and my wife is bleeding, will I get a bill?')).toContain('medical');
    expect(kinds('last month we were at the emergency room, now he is not breathing')).toContain('medical');
    expect(kinds('de ambulance komt niet, mijn vader ligt op de grond')).not.toEqual([]);
    // "ambulance" and "rekening" are words of the Tigrinya and Somali idioms too; the Dutch "komt" guards them.
    expect(kinds('rekening van de ambulance, die komt niet')).not.toEqual([]);
    expect(kinds('the ambulance bill from last month')).toEqual([]);
  });
});

describe('medical emergencies now, and illnesses of the past (test/knowledge/medical.table.yaml, written blind)', () => {
  const medical = YAML.parse(fs.readFileSync(path.join(__dirname, 'medical.table.yaml'), 'utf8')) as Record<Locale, { emergency: string[]; past: string[] }>;
  describe.each(LOCALES.map((l) => [l]))('%s', (locale) => {
    test.each(medical[locale].emergency.map((text) => [text]))('an emergency now: "%s"', (text) => {
      expect(kinds(text)).toContain('medical');
    });
    // A stroke survivor who asks to be exempted from the exams gets her answer, not only the emergency numbers.
    test.each(medical[locale].past.map((text) => [text]))('the past or a figure of speech, no alarm: "%s"', (text) => {
      expect(kinds(text)).toEqual([]);
    });
  });

  test('an idiom of the past does not hide an emergency told with it', () => {
    expect(kinds('my father had a stroke two years ago and now he is not breathing')).toContain('medical');
    expect(kinds('na zijn beroerte vorig jaar is hij nu ineens bewusteloos')).toContain('medical');
  });
});

const accepted = YAML.parse(fs.readFileSync(path.join(__dirname, 'alarms.accepted.yaml'), 'utf8')) as { set: string; locale: Locale; text: string; why: string }[];

test.each(accepted.map((a) => [a.locale, a.text, a]))('accepted on the safe side (%s): "%s" still alarms and is still in its set', (_locale, _text, a) => {
  const { set, locale, text, why } = a as (typeof accepted)[number];
  expect(why.trim().length).toBeGreaterThan(20);
  expect(loadEvalSet(locale, set as (typeof TUNING_SETS)[number]).some((item) => item.q === text)).toBe(true);
  expect(kinds(text).length).toBeGreaterThan(0);
});

test('no question people ask about anything else raises an alarm: entry titles and variants, and the eval sets', () => {
  const alarms: string[] = [];
  const isAccepted = (set: string, locale: Locale, q: string) => accepted.some((a) => a.set === set && a.locale === locale && a.text === q);
  for (const entry of kb.entries.filter((e) => e.id !== kb.urgentEntry?.id)) {
    for (const locale of LOCALES) {
      const text = entry.text[locale];
      for (const q of text ? [text.title, ...text.questions] : []) if (kinds(q).length) alarms.push(`${entry.id}.${locale}: ${q}`);
    }
  }
  // The public set and the blind tuning sets (real-style messages: stories of illness, banks, a phone that is hung up).
  for (const locale of LOCALES) {
    for (const set of TUNING_SETS) {
      for (const item of loadEvalSet(locale, set)) if (item.topic !== 'urgent-help' && kinds(item.q).length && !isAccepted(set, locale, item.q)) alarms.push(`eval ${set} ${locale}: ${item.q}`);
    }
  }
  expect(alarms).toEqual([]);
});

test.each([
  ['الانتحار', 'suicide'], ['أريد الانتحار', 'suicide'], ['أفكر بالانتحار', 'suicide'], ['zelfdoding', 'suicide'],
  ['ik heb zelfmoordgedachten', 'suicide'], ['ik wil er niet meer zijn', 'suicide'], ['waxaan doonayaa inaan is dilo', 'suicide'],
  ['хочу вмерти', 'suicide'], ['краще вмерти', 'suicide'], ['чоловік бʼє мене', 'violence'], ['чоловік б’є мене', 'violence'],
])('the forms the review found missing are recognised: "%s"', (text, kind) => {
  expect(kinds(text)).toContain(kind);
});

describe('matching', () => {
  test('several dangers come most urgent first', () => {
    expect(kinds('my husband beats me and I want to die')).toEqual(['suicide', 'violence']);
  });

  test.each([
    ['Arabic article and clitics on the word', 'أفكر بالانتحار', 'suicide'],
    ['Arabic with "and" and the article', 'والانتحار هو الحل', 'suicide'],
    ['Ukrainian apostrophe as U+02BC', 'чоловік бʼє мене', 'violence'],
    ['Ukrainian apostrophe as U+2019', 'чоловік б’є мене', 'violence'],
    ['Ukrainian apostrophe as U+0027', "чоловік б'є мене", 'violence'],
    ['Turkish dotless i typed as i', 'bana cinsel saldiri oldu', 'sexual-violence'],
    ['Turkish with its own letters', 'bana cinsel saldırı oldu', 'sexual-violence'],
    ['capitals and accents', 'IK WIL DOOD', 'suicide'],
    ['two parts in the other order', 'met sigaretten heb ik mezelf gebrand', 'self-harm'],
  ])('%s', (_case, text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  test('a word that only contains a danger word is not that word', () => {
    expect(kinds('emergencyfund')).toEqual([]);
    expect(kinds('ik ben bang voor het examen')).toEqual([]);
  });

  test('idioms and "what does this word mean" are not danger', () => {
    expect(kinds('I almost had a heart attack when I saw the DUO letter')).toEqual([]);
    expect(kinds('wat betekent noodgeval')).toEqual([]);
    expect(kinds('noodgeval')).toEqual(['danger']);
  });
});

test('the index never hides a phrase: a word an alternative fits can always be found under that alternative\'s key', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcdeéنتحرብርҐї'), minLength: 1, maxLength: 12 });
  fc.assert(fc.property(word, fc.nat(), fc.nat(), fc.constantFrom('exact', 'prefix', 'suffix', 'infix'), (w, i, j, mode) => {
    const from = i % w.length;
    const to = from + 1 + (j % (w.length - from));
    const text = mode === 'exact' ? w : mode === 'prefix' ? w.slice(0, to) : mode === 'suffix' ? w.slice(from) : w.slice(from, to);
    const alt: Alt = { text, mode: mode as Alt['mode'] };
    const key = altKey(alt);
    if (!fits(alt, w) || key === undefined) return true;
    return keysOfWord(w).includes(key);
  }), { seed: Number(process.env.FC_SEED ?? 7), numRuns: 2000 });
});

describe('phrase syntax', () => {
  const one = (phrase: string, sets?: Record<string, string>) => parsePhrase(phrase, 'test', sets);

  test('a part written the same in several phrases is one part, looked for once; the phrases still match apart', () => {
    const book = compilePhraseBook([
      { kind: 'a', phrases: { en: ['@pills & tonight'] } }, { kind: 'b', phrases: { en: ['@pills & all', 'tonight'] } },
    ], { sets: { en: { pills: 'pills|meds' } } }, 'test', (kind, locale, i) => `${kind}.${locale}.${i}`);
    const en = book.byLocale[LOCALES.indexOf('en')]!;
    const twoParts = [...new Set([...en.keyed.values(), en.loose].flat())].filter((p) => p.parts.length === 2);
    expect(twoParts.map((p) => p.kind).sort()).toEqual(['a', 'b']);
    expect(twoParts[0]!.parts[0]).toBe(twoParts[1]!.parts[0]);
    expect([...kindsIn('my meds, all of them', book)]).toEqual(['b']);
    expect([...kindsIn('pills tonight', book)].sort()).toEqual(['a', 'b']);
  });

  test('an idiom of several parts blanks its words only where all its parts lie within the window', () => {
    const book = compilePhraseBook([{ kind: 'medical', phrases: { en: ['ambulance'] } }], {
      idioms: { en: ['ambulance & bill|invoice'] },
    }, 'test', (kind, locale, i) => `${kind}.${locale}.${i}`);
    expect([...kindsIn('the ambulance bill came, can I pay in parts', book)]).toEqual([]);
    expect([...kindsIn('call an ambulance', book)]).toEqual(['medical']);
    // The bill is too far from the ambulance: more than WINDOW words apart.
    expect([...kindsIn('call an ambulance now, one two three four five six seven eight nine ten eleven, bill', book)]).toEqual(['medical']);
    // Only the parts' own words are blanked: a second ambulance far from any bill still counts.
    expect([...kindsIn('ambulance bill paid. one two three four five six seven eight nine ten eleven twelve: ambulance now', book)]).toEqual(['medical']);
  });

  test('a guarded idiom ("!" parts) is not used when any language\'s guard is in the message', () => {
    const book = compilePhraseBook([{ kind: 'medical', phrases: { en: ['ambulance'] } }], {
      idioms: { en: ['ambulance & bill & !call|calling'], nl: ['ambulance & rekening & !bel|bellen'] },
    }, 'test', (kind, locale, i) => `${kind}.${locale}.${i}`);
    expect([...kindsIn('the ambulance bill', book)]).toEqual([]);
    expect([...kindsIn('call an ambulance? the bill', book)]).toEqual(['medical']);
    // The Dutch guard also guards the English idiom.
    expect([...kindsIn('ambulance bill, moet ik bellen', book)]).toEqual(['medical']);
    expect(() => compilePhraseBook([], { idioms: { en: ['!call'] } }, 'test', () => 'x')).toThrow(/only parts with "!"/);
  });

  test('an idiom\'s own guard ("!!" part) turns off that idiom only, and is no guard of the others', () => {
    const book = compilePhraseBook([{ kind: 'danger', phrases: { nl: ['112'] } }, { kind: 'medical', phrases: { en: ['ambulance'] } }], {
      idioms: { nl: ['*straat 112 & !!straat'], en: ['ambulance & bill & !call'] },
    }, 'test', (kind, locale, i) => `${kind}.${locale}.${i}`);
    expect([...kindsIn('ik woon op de Kanaalstraat 112', book)]).toEqual([]);
    // a bare street word: the address idiom is off, the alarm stays
    expect([...kindsIn('ik sta op straat 112 komt niet', book)]).toEqual(['danger']);
    // "straat" guards nothing else: the ambulance bill is still an idiom
    expect([...kindsIn('ik sta op straat met de ambulance bill', book)]).toEqual([]);
    expect(() => compilePhraseBook([], { idioms: { nl: ['!!straat'] } }, 'test', () => 'x')).toThrow(/only parts with "!"/);
  });

  test('wildcards, alternatives, gaps, anchors, sets and parts', () => {
    expect(one('^ zelf* ~ *moord|*doding $ & @self', { self: 'mezelf|mij' })).toEqual([
      [
        { kind: 'start' },
        { kind: 'word', alts: [{ text: 'zelf', mode: 'prefix' }] },
        { kind: 'gap' },
        { kind: 'word', alts: [{ text: 'moord', mode: 'suffix' }, { text: 'doding', mode: 'suffix' }] },
        { kind: 'end' },
      ],
      [{ kind: 'word', alts: [{ text: 'mezelf', mode: 'exact' }, { text: 'mij', mode: 'exact' }] }],
    ]);
    expect(one('*نتحار*')[0]![0]).toEqual({ kind: 'word', alts: [{ text: 'نتحار', mode: 'infix' }] });
  });

  test('phrase words are folded like messages: "don\'t" is "dont", a hyphen splits', () => {
    expect(one("don't-want")[0]!.map((t) => (t.kind === 'word' ? t.alts[0]!.text : t.kind))).toEqual(['dont', 'want']);
  });

  test.each([
    ['~ gap at the start', '~ dood'],
    ['~ gap at the end', 'dood ~'],
    ['a set that does not exist', '@nothing & dood'],
    ['a wildcard word that folds into two', 'self-harm*'],
    ['only punctuation', '!!'],
  ])('refuses %s, naming where', (_case, phrase) => {
    expect(() => one(phrase)).toThrow(/^test: /);
  });

  test('a bad signals file fails with the file and field named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signals-'));
    const file = path.join(dir, 'signals.yaml');
    const phrases = (nl: string) => Object.fromEntries(LOCALES.map((l) => [l, [l === 'nl' ? nl : 'dood']]));
    fs.writeFileSync(file, YAML.stringify({ entry: 'urgent-help', dangers: [{ kind: 'x', line: 'x', phrases: phrases('~ dood') }] }));
    expect(() => loadSignals(file)).toThrow(/dangers\.x\.phrases\.nl\.0/);
    fs.writeFileSync(file, YAML.stringify({ entry: 'urgent-help', dangers: [{ kind: 'Bad Kind', line: 'x', phrases: phrases('dood') }] }));
    expect(() => loadSignals(file)).toThrow(/knowledge\/signals\.yaml.*\n?.*dangers/s);
    // Every danger is recognised in every language: a missing locale is an error.
    fs.writeFileSync(file, YAML.stringify({ entry: 'urgent-help', dangers: [{ kind: 'x', line: 'x', phrases: { nl: ['dood'] } }] }));
    expect(() => loadSignals(file)).toThrow(/phrases\.en/);
  });
});

describe('the urgent-help answer', () => {
  const urgent = kb.urgentEntry!;

  test('names 113 Zelfmoordpreventie and Centrum Seksueel Geweld in every locale, and a line for every danger', () => {
    for (const locale of LOCALES) {
      const text = urgent.text[locale]!;
      const answer = composeAnswer(text);
      for (const number of ['112', '113', '0800-0113', '113.nl', '0800-2000', '0800-0188']) expect([locale, answer.includes(number)]).toEqual([locale, true]);
      for (const danger of signals.dangers) for (const line of danger.lines) expect(Object.keys(text.lines ?? {})).toContain(line);
    }
  });

  test.each(LOCALES.map((l) => [l]))('a suicide signal puts 113 first (%s)', (locale) => {
    const help = kb.urgentHelpFor(table[locale].suicide![0]!)!;
    expect(help.first[0]).toBe('suicide');
    const lines = kb.answerFor(help.entry, locale, undefined, help.first).text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines[0]).toContain('113');
    expect(lines).toHaveLength(Object.keys(urgent.text.nl.lines!).length);
  });

  test.each([
    ['sexual-violence', '0800-0188'],
    ['violence', '0800-2000'],
    ['shelter', 'nachtopvang'],
    ['danger', '112'],
  ])('a %s signal puts its own line first', (kind, marker) => {
    const help = kb.urgentHelpFor(table.nl[kind]![0]!)!;
    expect(kb.answerFor(help.entry, 'nl', undefined, help.first).text.split('\n')[1]).toContain(marker);
  });

  test.each(LOCALES.map((l) => [l]))('a medical signal puts 112 first and the huisartsenpost right after it (%s)', (locale) => {
    // A stroke happening now needs 112, not the out-of-hours GP; a high fever the huisartsenpost, one line down.
    const help = kb.urgentHelpFor(table[locale].medical![0]!)!;
    expect(help.first.slice(0, 2)).toEqual(['emergency', 'medical']);
    const lines = kb.answerFor(help.entry, locale, undefined, help.first).text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines[0]).toContain('112');
    expect(lines[1]).toBe(`- ${urgent.text[locale]!.lines!.medical}`);
  });

  test('without a signal the lines keep their order (emergency first)', () => {
    expect(composeAnswer(urgent.text.en).split('\n')[1]).toContain('112');
    expect(kb.urgentHelpFor('Wat kost het examen?')).toBeUndefined();
  });
});
