// Situation rules (knowledge/situations.yaml): a complaint already made and not answered goes to an ombudsman, a
// complaint about a named organisation to its complaint procedure, a disputed decision to the objection entry.
// Found with the phrase engine of the danger signals; applied to the search's hits. Pure; no botbuilder.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../locales';
import { compilePhraseBook, KindName, kindsIn, PhrasePrefixes, PhraseSets, type PhraseBook } from './phrases';
import { KNOWLEDGE_DIR } from './paths';
import type { LoadedEntry } from './schema';
import type { Hit } from './search';
import { round } from './search/score';

const FILE = 'knowledge/situations.yaml';

const SituationsFile = z.strictObject({
  prefixes: PhrasePrefixes,
  sets: PhraseSets,
  /** Situation words that stop every rule ("my friend's asylum was refused, but my question is something else"). */
  stop: z.array(z.string()).default([]),
  /** Situation words: phrases per locale. */
  words: z.record(KindName, z.partialRecord(z.enum(LOCALES), z.array(z.string().min(2)).min(1))),
  rules: z.array(z.strictObject({
    why: z.string().min(10),
    when: z.array(z.string()).min(1),
    unless: z.array(z.string()).default([]),
    entry: z.string().min(1),
  })).min(1),
});

/**
 * One rule: when all `when` words and none of the `unless` words are in a message, `entry` goes first; `why`
 * says why.
 */
export interface SituationRule { why: string; when: string[]; unless: string[]; entry: string }

/** The situation rules as loaded: the words' phrases, the rules in order, and the words that stop every rule. */
export interface Situations { book: PhraseBook; rules: SituationRule[]; stop: string[] }

/**
 * How far above the best other hit a situation's entry is put, and the least confidence it gets: enough to be
 * answered at once (the answer threshold is 0.55), since every word of the rule is in the message.
 */
export const SITUATION_LEAD = 0.1;
/** The least confidence a situation's entry gets (see `SITUATION_LEAD`). */
export const SITUATION_FLOOR = 0.6;

/** Loads and checks the rules; `entryIds` (when given) must hold every rule's entry. Errors name the file and rule. */
export function loadSituations(file = path.join(KNOWLEDGE_DIR, 'situations.yaml'), entryIds?: ReadonlySet<string>): Situations {
  const parsed = SituationsFile.safeParse(YAML.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${FILE}: ${z.prettifyError(parsed.error)}`);
  const { words, rules, sets, prefixes, stop } = parsed.data;
  for (const word of stop) if (!(word in words)) throw new Error(`${FILE}: stop: "${word}" is not under words`);
  rules.forEach((rule, i) => {
    for (const word of [...rule.when, ...rule.unless]) {
      if (!(word in words)) throw new Error(`${FILE}: rules.${i} (${rule.entry}): "${word}" is not under words (${Object.keys(words).join(', ')})`);
    }
    if (entryIds && !entryIds.has(rule.entry)) throw new Error(`${FILE}: rules.${i}: no entry has id "${rule.entry}"`);
  });
  const kinds = Object.entries(words).map(([kind, phrases]) => ({ kind, phrases }));
  return { book: compilePhraseBook(kinds, { sets, prefixes }, FILE, (kind, locale, i) => `words.${kind}.${locale}.${i}`), rules, stop };
}

/**
 * The first rule whose `when` words are all in the message and none of whose `unless` words are; none when the
 * message has a `stop` word. Pure.
 * @example situationOf('klacht coa geen antwoord wat nu', situations)?.entry // 'nationale-ombudsman'
 */
export function situationOf(text: string, situations: Situations): SituationRule | undefined {
  const found = kindsIn(text, situations.book);
  if (found.size === 0 || situations.stop.some((w) => found.has(w))) return undefined;
  return situations.rules.find((r) => r.when.every((w) => found.has(w)) && !r.unless.some((w) => found.has(w)));
}

/**
 * The hits with the situation's entry first: `SITUATION_LEAD` above the best other hit, at least `SITUATION_FLOOR`
 * (at most 1), the others in their order. An entry the search did not find is matched in the user's locale
 * (Dutch while that translation is missing). Pure.
 */
export function applySituation(hits: readonly Hit[], entry: LoadedEntry, locale: Locale): Hit[] {
  const own = hits.find((h) => h.entry === entry);
  const others = hits.filter((h) => h.entry !== entry);
  const best = others[0]?.confidence ?? 0;
  const confidence = Math.min(1, Math.max(own?.confidence ?? 0, best + SITUATION_LEAD, SITUATION_FLOOR));
  const matchedLocale = own?.matchedLocale ?? (entry.text[locale] ? locale : 'nl');
  return [{ entry, confidence: round(confidence), matchedLocale }, ...others];
}
