// The public eval set is well-formed and independent of the content it measures.
import { fold } from '../../knowledge/normalize';
import { LOCALES } from '../../locales';
import { LATER_BLIND_SETS, loadEvalSet, type EvalItem } from '../../scripts/eval';
import { sharedKnowledgeBase } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();

/** An item's topic is an entry (or null: out of scope), and its authority is that entry's (null for none). */
function expectValidTopic(item: EvalItem): void {
  if (item.topic === null) {
    expect(item.authority).toBeNull();
    return;
  }
  const entry = kb.get(item.topic);
  expect([item.topic, entry !== undefined]).toEqual([item.topic, true]);
  expect(item.authority).toBe(entry!.authority === 'NONE' ? null : entry!.authority);
}

test.each(LOCALES)('the %s eval set has enough questions, 10%% out of scope, and valid topics and authorities', (locale) => {
  const items = loadEvalSet(locale);
  // nl and en: 125+ each (250+ together); every other locale 40+, written as native speakers ask.
  expect(items.length).toBeGreaterThanOrEqual(locale === 'nl' || locale === 'en' ? 125 : 40);
  const outOfScope = items.filter((i) => i.topic === null);
  expect(outOfScope.length / items.length).toBeGreaterThanOrEqual(0.1);
  for (const item of items) expectValidTopic(item);
});

test('no eval question appears verbatim in the content (titles or question variants)', () => {
  const content = new Map<string, string>();
  for (const entry of kb.entries) {
    for (const locale of LOCALES) {
      const text = entry.text[locale];
      if (!text) continue;
      for (const phrase of [text.title, ...text.questions]) content.set(fold(phrase), entry.id);
    }
  }
  const verbatim = LOCALES.flatMap((locale) => loadEvalSet(locale)
    .filter((item) => content.has(fold(item.q)))
    .map((item) => `${locale}: "${item.q}" is in ${content.get(fold(item.q))}`));
  expect(verbatim).toEqual([]);
});

test('every topic of the knowledge base is asked at least once in Dutch and in English', () => {
  for (const locale of ['nl', 'en'] as const) {
    const asked = new Set(loadEvalSet(locale).map((i) => i.topic));
    expect(kb.entries.map((e) => e.id).filter((id) => !asked.has(id))).toEqual([]);
  }
});

describe('the blind set', () => {
  const halves = ['blind-tune', 'blind-test'] as const;

  test.each(LOCALES)('%s: written to size, every style in both halves, valid topics and authorities, halves disjoint', (locale) => {
    const [tune, test] = halves.map((h) => loadEvalSet(locale, h));
    expect(tune!.length + test!.length).toBeGreaterThanOrEqual(locale === 'nl' || locale === 'en' ? 120 : 60);
    const styles = (items: typeof tune) => new Set(items!.map((i) => i.style));
    expect(styles(tune)).toEqual(styles(test));
    for (const item of [...tune!, ...test!]) {
      expect(item.style).toBeDefined();
      expectValidTopic(item);
    }
    const inTune = new Set(tune!.map((i) => fold(i.q)));
    expect(test!.filter((i) => inTune.has(fold(i.q)))).toEqual([]);
  });

  // Question variants could be tuned towards the set; a title is what the entry is about, and a person may well
  // type it ("KNM sınavı nedir?"), so only variants are checked here.
  test('no blind message appears verbatim among the question variants', () => {
    const content = new Set(kb.entries.flatMap((e) => LOCALES.flatMap((l) => e.text[l]?.questions ?? [])).map(fold));
    const verbatim = LOCALES.flatMap((l) => halves.flatMap((h) => loadEvalSet(l, h))).filter((i) => content.has(fold(i.q)));
    expect(verbatim.map((i) => i.q)).toEqual([]);
  });
});

describe.each(LATER_BLIND_SETS)('the later blind set %s', (set) => {
  test.each(LOCALES)('%s: 58 or more messages in every style, valid topics and authorities, none of them in the test half', (locale) => {
    const items = loadEvalSet(locale, set);
    expect(items.length).toBeGreaterThanOrEqual(58);
    expect(new Set(items.map((i) => i.style))).toEqual(new Set(['plain', 'short', 'typos', 'story', 'colloquial', ...(['ar', 'fa', 'ti', 'uk'].includes(locale) ? ['romanized'] : [])]));
    for (const item of items) expectValidTopic(item);
    const test = new Set(loadEvalSet(locale, 'blind-test').map((i) => fold(i.q)));
    expect(items.filter((i) => test.has(fold(i.q)))).toEqual([]);
  });

  test('no message of it appears verbatim among the question variants', () => {
    const content = new Set(kb.entries.flatMap((e) => LOCALES.flatMap((l) => e.text[l]?.questions ?? [])).map(fold));
    expect(LOCALES.flatMap((l) => loadEvalSet(l, set)).filter((i) => content.has(fold(i.q))).map((i) => i.q)).toEqual([]);
  });
});

describe.each([['romanized-tune', 18], ['romanized-tune2', 38]] as const)('the romanized set %s', (set, size) => {
  test.each(['ar', 'fa', 'ti', 'uk'])('%s: in Latin letters, with valid topics and authorities, none of it in the test half', (locale) => {
    const items = loadEvalSet(locale, set);
    expect(items.length).toBeGreaterThanOrEqual(size);
    for (const item of items) {
      expect([item.q, /[^\p{Script=Latin}\p{N}\p{P}\p{S}\s]/u.test(item.q)]).toEqual([item.q, false]);
      expectValidTopic(item);
    }
    const test = new Set(loadEvalSet(locale, 'blind-test').map((i) => fold(i.q)));
    expect(items.filter((i) => test.has(fold(i.q)))).toEqual([]);
  });
});
