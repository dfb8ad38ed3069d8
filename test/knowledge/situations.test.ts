// Situation rules (knowledge/situations.yaml): a complaint already made and unanswered goes to an ombudsman, a
// complaint about a named organisation to its procedure, a disputed decision to the objection entry. The table
// (situations.table.yaml) was written by someone who never saw the rules file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { decide, type Hit } from '../../knowledge';
import type { LoadedEntry } from '../../knowledge/schema';
import { applySituation, loadSituations, situationOf, SITUATION_FLOOR, SITUATION_LEAD } from '../../knowledge/situations';
import { LOCALES, type Locale } from '../../locales';
import { loadEvalSet } from '../../scripts/eval';
import { sharedKnowledgeBase } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const situations = loadSituations(undefined, new Set(kb.entries.map((e) => e.id)));
const ruleEntry = (text: string) => situationOf(text, situations)?.entry;

const entry = (id: string, text: LoadedEntry['text'] = { nl: {} } as LoadedEntry['text']) => ({ id, text }) as LoadedEntry;
const hit = (e: LoadedEntry, confidence: number, matchedLocale: Locale = 'nl'): Hit => ({ entry: e, confidence, matchedLocale });

describe('applySituation (pure)', () => {
  const [a, b, target] = [entry('a'), entry('b'), entry('target', { nl: {}, ar: {} } as LoadedEntry['text'])];

  test('puts the entry first, a lead above the best other hit, the others in their order', () => {
    const out = applySituation([hit(a, 0.7), hit(b, 0.65), hit(target, 0.4, 'en')], target, 'nl');
    expect(out.map((h) => h.entry.id)).toEqual(['target', 'a', 'b']);
    expect(out[0]!.confidence).toBeCloseTo(0.7 + SITUATION_LEAD, 5);
    expect(out[0]!.matchedLocale).toBe('en');
  });

  test('gives at least the floor when the search found little, and never more than 1', () => {
    expect(applySituation([hit(a, 0.2)], target, 'nl')[0]!.confidence).toBe(SITUATION_FLOOR);
    expect(applySituation([hit(a, 0.97)], target, 'nl')[0]!.confidence).toBe(1);
    expect(applySituation([hit(target, 0.9), hit(a, 0.5)], target, 'nl')[0]!.confidence).toBe(0.9);
  });

  test('an entry the search did not find is matched in the user\'s locale, or Dutch without that translation', () => {
    expect(applySituation([], target, 'ar')[0]).toMatchObject({ entry: { id: 'target' }, matchedLocale: 'ar' });
    expect(applySituation([], target, 'ti')[0]).toMatchObject({ matchedLocale: 'nl' });
  });

  test('the result is answered at once by the default decision', () => {
    expect(decide(applySituation([hit(a, 0.58), hit(b, 0.57)], target, 'nl'))).toMatchObject({ kind: 'answer', hit: { entry: { id: 'target' } } });
  });
});

describe('situationOf (pure)', () => {
  test('the first rule whose words are all present and none of its unless words wins', () => {
    expect(ruleEntry('Ik heb geklaagd bij de gemeente maar nooit antwoord gekregen')).toBe('municipal-ombudsman');
    expect(ruleEntry('Ik heb geklaagd bij DUO maar nooit antwoord gekregen')).toBe('nationale-ombudsman');
    expect(ruleEntry('Ik wil klagen over DUO')).toBe('complain-duo');
    // Two organisations named: no rule, the search decides.
    expect(ruleEntry('Ik wil klagen over DUO en de gemeente')).toBeUndefined();
  });

  test('a situation told as context for another question has none', () => {
    expect(ruleEntry('Mijn asielaanvraag is afgewezen')).toBe('asylum-application-refused');
    expect(ruleEntry('De asielaanvraag van mijn broer is afgewezen, maar ik heb een andere vraag: waar is de bibliotheek?')).toBeUndefined();
  });

  test('a message without situation words has none', () => {
    expect(ruleEntry('Hoe meld ik me aan voor het examen?')).toBeUndefined();
    expect(ruleEntry('')).toBeUndefined();
  });
});

describe('loading', () => {
  const write = (text: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'situations-')), 'situations.yaml');
    fs.writeFileSync(file, text);
    return file;
  };

  test('a rule naming unknown words or an unknown entry is refused with the file and rule', () => {
    const words = 'words:\n  complaint: { nl: ["klacht*"] }\n';
    expect(() => loadSituations(write(`${words}rules:\n  - { why: "a reason here", when: [complaint, duo], entry: complain-duo }\n`)))
      .toThrow(/knowledge\/situations\.yaml: rules\.0 \(complain-duo\): "duo" is not under words/);
    expect(() => loadSituations(write(`${words}rules:\n  - { why: "a reason here", when: [complaint], entry: nope }\n`), new Set(['complain-duo'])))
      .toThrow(/rules\.0: no entry has id "nope"/);
  });

  test('a phrase that cannot be read names its word, locale and number', () => {
    expect(() => loadSituations(write('words:\n  complaint: { nl: ["klacht", "~ x"] }\nrules:\n  - { why: "a reason here", when: [complaint], entry: a }\n')))
      .toThrow(/situations\.yaml: words\.complaint\.nl\.1/);
  });
});

type Table = Record<Locale, Record<string, string[]>>;
const table = YAML.parse(fs.readFileSync(path.join(__dirname, 'situations.table.yaml'), 'utf8')) as Table;
// The Kinderombudsman rule has its own blind table and floor (situations.kid.yaml, below).
const OWN_TABLE = new Set(['kinderombudsman']);
const RULE_ENTRIES = [...new Set(situations.rules.map((r) => r.entry))].filter((id) => !OWN_TABLE.has(id));

// Written blind, the table put the right entry first for 242 of its 320 phrasings (75.6%) with the first rules,
// and no look-alike fired a rule; the rules were then widened on it. The refused-asylum rule's 40 phrasings and
// 32 look-alikes were added blind later: 35 right first, and a "but my question is something else" look-alike in
// every language fired the rule until `stop` words existed. The family reunification rule's 40 phrasings and 32
// look-alikes, added blind next: 26 right first (65%) before its words were widened on them, 39 after, no look-alike
// fires. Every later rule came with its own blind batch, and some of its look-alikes rightly fire another rule and
// stand under that rule's entry; README, "Situation rules", gives each batch's figures before and with its rule and
// says how each rule was widened.
// The thresholds keep all of that from slipping back.
const MIN_PER_LOCALE = 0.85;
const MIN_OVERALL = 0.92;

describe('the blind table (situations.table.yaml)', () => {
  test('covers every rule in every locale with at least 5 phrasings, and 12 look-alikes', () => {
    for (const locale of LOCALES) {
      for (const id of RULE_ENTRIES) expect([locale, id, (table[locale][id] ?? []).length >= 5]).toEqual([locale, id, true]);
      expect([locale, (table[locale].none ?? []).length >= 12]).toEqual([locale, true]);
    }
  });

  // The rule, or (when no rule fires) the search itself, puts the right entry first.
  const misses = (locale: Locale) => RULE_ENTRIES.flatMap((id) => (table[locale][id] ?? [])
    .filter((text) => kb.search(text, locale)[0]?.entry.id !== id)
    .map((text) => `${id}: ${text} → ${kb.search(text, locale)[0]?.entry.id ?? 'nothing'}`));
  const count = (locale: Locale) => RULE_ENTRIES.reduce((n, id) => n + (table[locale][id] ?? []).length, 0);

  test.each(LOCALES.map((l) => [l]))(`%s: at least ${MIN_PER_LOCALE * 100}% of the phrasings put their entry first`, (locale) => {
    const missed = misses(locale);
    const allowed = Math.floor((1 - MIN_PER_LOCALE) * count(locale));
    expect(missed.length <= allowed ? [] : missed).toEqual([]);
  });

  test(`at least ${MIN_OVERALL * 100}% over all locales`, () => {
    const missed = LOCALES.flatMap(misses).length;
    const total = LOCALES.reduce((n, l) => n + count(l), 0);
    expect((total - missed) / total).toBeGreaterThanOrEqual(MIN_OVERALL);
  });

  describe.each(LOCALES.map((l) => [l]))('%s', (locale) => {
    test.each((table[locale].none ?? []).map((text) => [text]))('look-alike: "%s"', (text) => {
      expect(ruleEntry(text)).toBeUndefined();
    });
  });
});

test('no rule sends an eval question elsewhere than its own topic', () => {
  const wrong = LOCALES.flatMap((locale) => ['questions', 'blind-tune'].flatMap((set) => loadEvalSet(locale, set as 'questions'))
    .map((item) => ({ item, rule: ruleEntry(item.q) }))
    .filter(({ item, rule }) => rule !== undefined && rule !== item.topic)
    .map(({ item, rule }) => `${item.q} → ${rule} (want ${item.topic})`));
  expect(wrong).toEqual([]);
});

// A complaint about how an organisation treats a child: its own blind table. As written, 18 of 48 put the
// Kinderombudsman first without the rule and 21 with it; 29 after its words were widened on the table. A second
// batch of 56 (a child's age or "someone for children" instead of the word "rights") came later: 29 before its
// rules, 34 with their first version, 37 now (README, "Situation rules"). The rest go to the organisation's own
// complaint entry or an ombudsman, the step the Kinderombudsman asks for first, so the floor is half per language
// and 66 of the 104 in all; none may end in the fallback.
const kid = YAML.parse(fs.readFileSync(path.join(__dirname, 'situations.kid.yaml'), 'utf8')) as Record<Locale, string[]>;

test('the permit and PVT rules keep to their situation', () => {
  expect(ruleEntry('Mijn verblijfsvergunning asiel van 5 jaar verloopt in maart, wat moet ik doen?')).toBe('permit-extension-asylum');
  // "pas" is also "only", "na afloop" is "after"; a parking permit, a deadline or "the new law" is no residence permit
  expect(ruleEntry('Ik ben vluchteling en pas 3 maanden in Nederland, wat moet ik doen na afloop van de taalcursus?')).toBeUndefined();
  expect(ruleEntry('I am a refugee, my parking permit expires next month, how do I renew it?')).toBeUndefined();
  expect(ruleEntry('I am a refugee with a residence permit, my integration deadline ends next year')).toBeUndefined();
  expect(ruleEntry('qaxooti baan ahay, sharciga cusub maxaa uu dhacay?')).toBeUndefined();
  expect(ruleEntry('Мій статус тимчасового захисту закінчується в березні')).toBeUndefined();
  expect(ruleEntry('moet ik die participatieverklaring doen en wat kost het?')).toBe('pvt-wi2021');
  expect(ruleEntry('participatieverklaring oude wet, moet ik 150 euro betalen?')).toBeUndefined();
  // a resident and a website are no values and no signature; signing up for the KNM exam is not the PVT
  expect(ruleEntry('انا مقيم في هولندا من سنتين، شو موقع DUO؟')).toBeUndefined();
  expect(ruleEntry('How do I sign up for the KNM exam? It is about Dutch values and norms, right?')).toBeUndefined();
});

test('the letter and learnability rules need their own Dutch words, not any announcement or workplace test', () => {
  expect(ruleEntry('DUO stuurde een Vooraankondiging termijnoverschrijding, wat betekent dat?')).toBe('deadline-letters');
  // "vooraankondiging" alone is any announcement: only with DUO (also with a Turkish case ending) or integration
  expect(ruleEntry("DUO'dan vooraankondiging geldi, ne demek?")).toBe('deadline-letters');
  expect(ruleEntry('vooraankondiging van de gemeente: werkzaamheden in onze straat, waar parkeer ik?')).toBeUndefined();
  // a decision that has come and is disputed is the objection
  expect(ruleEntry('na de vooraankondiging kwam het besluit van DUO, ik ben het niet eens, hoe maak ik bezwaar?')).toBe('object-duo-decision');
  // the 2013 law's letters and fines differ: the search decides
  expect(ruleEntry('ik val onder de wet 2013 en kreeg een boete termijnoverschrijding, hoe hoog?')).toBeUndefined();
  expect(ruleEntry('leerbaarheidstoets: in welke taal is de uitleg?')).toBe('learnability-test');
  expect(ruleEntry('my employer wants a leerbaarheidstest before the VCA course, how do I prepare?')).toBeUndefined();
  // found in review: a rent increase "is that fine?", "for example", a loan, a late decision, the route after the
  // test, and a real complaint that quotes the letter
  expect(ruleEntry('My landlord sent a vooraankondiging for a rent increase in July. Is that fine?')).toBeUndefined();
  expect(ruleEntry('vooraankondiging of street works, for example the road is closed, where do I park?')).toBeUndefined();
  expect(ruleEntry('DUO stuurde een vooraankondiging dat ik mijn lening moet gaan terugbetalen')).toBeUndefined();
  expect(ruleEntry('DUO heeft nog steeds niet beslist op mijn aanvraag, dat is termijnoverschrijding. Krijg ik een dwangsom?')).toBeUndefined();
  expect(ruleEntry('After the leerbaarheidstoets they put me in the Z-route but I want the B1 route')).toBeUndefined();
  expect(ruleEntry('Ik wil een klacht indienen over DUO: bij de vooraankondiging termijnoverschrijding was de medewerker onbeleefd')).toBe('complain-duo');
  expect(ruleEntry('ik wil klagen over hoe de gemeente de leerbaarheidstoets deed')).toBe('complain-gemeente');
});

test('the Mijn Inburgering rule needs the portal by name and a way in that fails, not a DigiD account problem or an exam', () => {
  expect(ruleEntry('Ik kan niet inloggen op Mijn Inburgering, de sms-code komt niet')).toBe('mijn-inburgering');
  expect(ruleEntry('mijn inburgering opent niet, wit scherm')).toBe('mijn-inburgering');
  expect(ruleEntry('не можу зайти в мійн інбургерінг, смс не приходить')).toBe('mijn-inburgering');
  // a new phone number or a forgotten password is the DigiD problems entry; registering for an exam is the exam's
  expect(ruleEntry('ik heb een nieuw telefoonnummer en de sms van DigiD gaat naar mijn oude nummer, ik kom niet in mijn inburgering')).toBeUndefined();
  expect(ruleEntry('hoe meld ik me aan voor het examen in mijn inburgering? ik kan inloggen')).toBeUndefined();
  // another portal, or what the portal is for
  expect(ruleEntry('I cannot log in to Mijn toeslagen, the SMS code does not come')).toBeUndefined();
  expect(ruleEntry('Wat is Mijn Inburgering en wat kan ik daar zien?')).toBeUndefined();
});

test('the EU citizen rules need a European nationality, passport or "EU citizen", and keep to integration', () => {
  expect(ruleEntry('Ik heb een Pools paspoort, moet ik inburgeren?')).toBe('not-obliged-groups');
  expect(ruleEntry('عندي جواز سفر ألماني، هل لازم أعمل الإنبورخرينغ؟')).toBe('not-obliged-groups');
  expect(ruleEntry('Я громадянин Румунії, чи треба мені інбургеринг?')).toBe('not-obliged-groups');
  expect(ruleEntry('I have a Polish passport, do I have to sign the participation statement?')).toBe('not-obliged-groups');
  expect(ruleEntry('I have a Spanish passport, but I want to do the integration exams voluntarily')).toBe('voluntary-integration');
  // "I want to know whether I must" and "is it optional?" are the not-obliged question, not the wish to do it anyway
  expect(ruleEntry("I'm Spanish and would like to know if integration is mandatory")).toBe('not-obliged-groups');
  expect(ruleEntry('هل الاندماج اجباري ام اختياري؟ عندي جواز الماني')).toBe('not-obliged-groups');
  // a volunteer is not doing it voluntarily ("vrijwilliger", Turkish "gönüllü öğretmen")
  expect(ruleEntry('Ik ben vrijwilliger en help een man met een Italiaans paspoort. Moet hij inburgeren?')).toBe('not-obliged-groups');
  expect(ruleEntry('ben gönüllü öğretmenim, öğrencim Alman vatandaşı, inburgering yapması gerekiyor mu?')).toBe('not-obliged-groups');
  expect(ruleEntry('I have a Spanish passport and want to do voluntary work, do I need a VOG?')).toBeUndefined();
  // not from the EU
  for (const text of ['I am from a non-EU country, do I have to do inburgering?', 'Ik ben geen EU-burger, moet ik inburgeren?',
    'AB vatandaşı değilim, inburgering yapmak zorunda mıyım?', 'Я з країни поза ЄС, чи треба інтеграція?']) expect([text, ruleEntry(text)]).toEqual([text, undefined]);
  // a country one came through, lived in or lost a passport in, a language, someone else, Europe itself, lessons
  for (const text of ['I came from Greece by boat, must I do inburgering?', 'Ik ben in 2015 uit Griekenland naar Nederland gekomen, moet ik inburgeren?',
    'أنا جيت من ايطاليا، لازم اعمل اندماج؟', 'من از یونان آمده ام، باید inburgering کنم؟', 'ኣነ ኣብ ጀርመን ነይረ እየ፣ inburgering ግዴታ ድዩ?',
    'Я громадянин України, приїхав з Польщі, чи треба інбургеринг?', 'I lost my passport in Germany, do I have to do inburgering again?',
    "Yunanistan'dan geldim. Pasaportum Suriye pasaportu, inburgering yapmam lazım mı?", 'Waxaan ka imid Talyaaniga, baasaboorka ma haysto, inburgering ma qasab baa?',
    'Mag ik het inburgeringsexamen in het Duits doen? Ik spreek geen Nederlands', 'Almanca biliyorum, vatandaşlık için inburgering lazım mı?',
    'Is German allowed in the integration exam?', 'Mijn collega is een Belg en zegt dat ik moet inburgeren',
    'Sideen ku heli karaa baasaboorka Holland? inburgering ma qasab baa?', 'Geldt de inburgeringsplicht ook in andere Europese landen?',
    'Ik ben Belg en wil Nederlandse les, kan dat bij een inburgering taalschool?']) expect([text, ruleEntry(text)]).toEqual([text, undefined]);
});

describe('the Kinderombudsman table (situations.kid.yaml)', () => {
  const first = (locale: Locale) => kid[locale].filter((text) => kb.search(text, locale)[0]?.entry.id === 'kinderombudsman');

  test.each(LOCALES.map((l) => [l]))('%s: at least half put the Kinderombudsman first, and none finds nothing', (locale) => {
    expect(kid[locale].length).toBeGreaterThanOrEqual(6);
    expect(first(locale).length).toBeGreaterThanOrEqual(kid[locale].length / 2);
    expect(kid[locale].filter((text) => kb.search(text, locale).length === 0)).toEqual([]);
  });

  test('66 of 104 in all', () => {
    expect(LOCALES.reduce((n, l) => n + first(l).length, 0)).toBeGreaterThanOrEqual(66);
  });

  test('the rule fires on a complaint about a child\'s rights and on one about youth care, not on a child in another complaint', () => {
    expect(ruleEntry('Ik wil klagen, mijn kind krijgt zijn rechten niet in het azc')).toBe('kinderombudsman');
    expect(ruleEntry('klacht over jeugdzorg')).toBe('kinderombudsman');
    expect(ruleEntry('Ik wil klagen over DUO, ik ben alleen met drie kinderen')).toBe('complain-duo');
    // a child's age with a complaint in the AZC, or "someone for children", without the word "rights"
    expect(ruleEntry('ik ben 15 en woon in het azc, de beveiliging schreeuwt tegen ons. waar kan ik klagen?')).toBe('kinderombudsman');
    expect(ruleEntry('my son is 13, the azc staff ignore the bullying, is there somewhere for kids to complain?')).toBe('kinderombudsman');
    // an adult's own complaint about the AZC, with children only mentioned, stays with COA's procedure
    expect(ruleEntry('ik woon met mijn drie kinderen in het azc en wil klagen over de schimmel bij het COA')).toBe('complain-coa');
    // "15 years" that is not an age
    expect(ruleEntry('ik woon al 15 jaar in Nederland en wil klagen over het COA')).toBe('complain-coa');
    // weeks, days and hours are no age; a complaint about the IND or the gemeente that mentions children stays there
    expect(ruleEntry('Ik ben 16 weken zwanger en wil een klacht indienen over het eten in het AZC')).toBe('complain-coa');
    expect(ruleEntry('ik wil klagen bij het COA, ik ben 17 dagen al zonder warm water in het azc')).toBe('complain-coa');
    expect(ruleEntry('klacht over IND, de nareis voor kinderen duurt te lang')).toBe('complain-ind');
    expect(ruleEntry('Ik wil een klacht indienen bij de gemeente, er is geen speeltuin voor kinderen in onze wijk')).toBe('complain-gemeente');
    // a child's entitlement in the AZC is not a complaint about its rights
    expect(ruleEntry('Heeft mijn zoon in het AZC recht op kinderbijslag?')).toBeUndefined();
  });
});
