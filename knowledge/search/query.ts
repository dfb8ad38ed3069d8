// Search stage "query parsing": which scripts a message uses, and the question sentence of a long story. Pure.
import type { Locale } from '../../locales';

/** The script each language is written in. */
export const SCRIPT: Record<Locale, string> = { nl: 'Latin', en: 'Latin', tr: 'Latin', so: 'Latin', ar: 'Arabic', fa: 'Arabic', ti: 'Ethiopic', uk: 'Cyrillic' };
const SCRIPT_TESTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u], ['Arabic', /\p{Script=Arabic}/u], ['Ethiopic', /\p{Script=Ethiopic}/u], ['Cyrillic', /\p{Script=Cyrillic}/u],
];
/** The scripts of `SCRIPT` a text has letters of ("Latin", "Arabic", ...). */
export const scriptsOf = (text: string) => new Set(SCRIPT_TESTS.filter(([, test]) => test.test(text)).map(([name]) => name));

/**
 * Whether a message in a language of another script is typed in Latin letters only ("wein bsajel 3al imti7an" in
 * Arabic, "de zapysatysia na ispyt" in Ukrainian). Pure.
 */
export function isRomanized(text: string, locale: Locale): boolean {
  if (SCRIPT[locale] === 'Latin') return false;
  const scripts = scriptsOf(text);
  return scripts.size === 1 && scripts.has('Latin');
}

/** The question sentence alone counts this much of what it would count as the whole message. */
export const QUESTION_FACTOR = 0.95;

/** Sentences that ask something: end in "?", or the last sentence when none does. */
const MIN_QUESTION_WORDS = 5;
const SENTENCE = /[^.!?؟።፧]+[.!?؟።፧]*/g;

/**
 * The whole message, plus — for a long message that tells a story first — the question sentence(s) alone,
 * at a small discount: "I came in 2019 ... the letter says my time is almost over. What is DUO's number?"
 */
export function questionParts(query: string): { text: string; factor: number }[] {
  const sentences = (query.match(SENTENCE) ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
  if (sentences.length < 2) return [{ text: query, factor: 1 }];
  const asking = sentences.filter((s) => /[?؟፧]$/.test(s));
  const question = (asking.length ? asking : sentences.slice(-1)).join(' ');
  // "Is that allowed?" means nothing without the story before it.
  if (question.split(/\s+/).length < MIN_QUESTION_WORDS) return [{ text: query, factor: 1 }];
  return [{ text: query, factor: 1 }, { text: question, factor: QUESTION_FACTOR }];
}
