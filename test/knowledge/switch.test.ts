// "... my course goes well. But I have another question: ..." — the words after a phrase that switches the topic
// are searched instead of the whole story (knowledge/lexicon/<lng>.yaml, `switches`). The table
// (switch.table.yaml) was written per language without the switches lists, in the writers' own words.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { decide, DEFAULT_THRESHOLDS, isRomanized } from '../../knowledge';
import { loadLexicons } from '../../knowledge/lexicon';
import { loadOffTopic } from '../../knowledge/offTopic';
import { afterSwitch, createSearch } from '../../knowledge/search';
import { foldedWords } from '../../knowledge/normalize';
import { LOCALES } from '../../locales';
import { sharedKnowledgeBase } from '../helpers/fixtures';

describe('afterSwitch (pure)', () => {
  const switches = [foldedWords('andere vraag'), foldedWords('nog een vraag'), foldedWords('سؤال آخر')];

  test('gives the words after the last switch phrase', () => {
    expect(afterSwitch('Mijn cursus gaat goed. Maar ik heb een andere vraag: hoe bak ik zelf brood?', switches)).toBe('hoe bak ik zelf brood');
    expect(afterSwitch('Andere vraag: wie betaalt de cursus? Nog een vraag: waar meld ik me aan voor het examen?', switches))
      .toBe('waar meld ik me aan voor het examen');
  });

  test('matches as folded words, so Arabic letter forms and accents do not matter', () => {
    expect(afterSwitch('خلصت الكورس. عندي سوال اخر: كيف بعمل كعكة عيد ميلاد؟', switches)).toBe('كيف بعمل كعكه عيد ميلاد');
  });

  test('keeps the whole message when too little follows, or when the question came before the phrase', () => {
    expect(afterSwitch('Mijn man heeft een brief van DUO. Andere vraag: mag dat?', switches)).toBeUndefined();
    expect(afterSwitch('Hoe meld ik me aan voor het examen? Andere vraag heb ik niet, ik woon in Emmen en werk veel.', switches)).toBeUndefined();
    expect(afterSwitch('Hoe meld ik me aan voor het examen bij DUO in Emmen?', switches)).toBeUndefined();
    expect(afterSwitch('andere vraag: hoe bak ik zelf brood', [])).toBeUndefined();
  });
});

const Table = z.record(z.enum(LOCALES), z.strictObject({
  inScope: z.array(z.strictObject({ q: z.string().min(3), topic: z.string() })).min(4),
  outOfScope: z.array(z.string().min(3)).min(3),
}));
const table = Table.parse(YAML.parse(fs.readFileSync(path.join(__dirname, 'switch.table.yaml'), 'utf8')));

describe('switching on messages written without the lists', () => {
  const kb = sharedKnowledgeBase();
  const lexicons = loadLexicons();
  const noSwitches = { ...lexicons };
  for (const l of LOCALES) noSwitches[l] = { ...lexicons[l], switches: [] };
  const without = createSearch(kb.entries, noSwitches, { offTopic: loadOffTopic() });

  test('every language has switch phrases', () => {
    for (const l of LOCALES) expect([l, lexicons[l].switches.length >= 10]).toEqual([l, true]);
  });

  test.each(LOCALES)('%s: no in-scope message loses its entry from the first three, and no out-of-scope message is answered that was declined', (locale) => {
    const { inScope, outOfScope } = table[locale];
    const top3 = (hits: ReturnType<typeof without>, topic: string) => hits.slice(0, 3).some((h) => h.entry.id === topic);
    const lost = inScope.filter(({ q, topic }) => top3(without(q, locale), topic) && !top3(kb.search(q, locale), topic));
    expect(lost).toEqual([]);
    const declined = (hits: ReturnType<typeof without>, q: string) => decide(hits, DEFAULT_THRESHOLDS, { romanized: isRomanized(q, locale) }).kind === 'fallback';
    expect(outOfScope.filter((q) => declined(without(q, locale), q) && !declined(kb.search(q, locale), q))).toEqual([]);
  });
});
