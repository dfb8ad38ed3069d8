// Search stage "query parsing": which scripts a message uses, the question after "I have another question", and
// the question sentence of a long story. Pure.
import type { Locale } from '../../locales';
import { foldedWords } from '../normalize';

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

const QUESTION_MARK = /[?؟፧]/g;

/**
 * The words after the last phrase of `switches` in a message ("... my course goes well. But I have another
 * question: how do I ...?"), as a text to search instead of the whole message: the person says the story is not
 * what they ask about. Undefined without such a phrase, when fewer than `MIN_QUESTION_WORDS` words follow it
 * ("another question: is that allowed?" needs the story), or when the message's last question mark comes before
 * it ("How do I register? By the way, I live in Emmen." asks the first). `words`: the text's `foldedWords`, when the
 * caller has them already. Pure.
 * @example afterSwitch('Alles goed. Andere vraag: hoe bak ik brood?', [['andere', 'vraag']]) // 'hoe bak ik brood'
 */
export function afterSwitch(
  text: string, switches: readonly (readonly string[])[], words: readonly string[] = foldedWords(text),
): string | undefined {
  if (!switches.length) return undefined;
  let end = -1;
  for (let i = 0; i < words.length; i++) {
    for (const phrase of switches) {
      if (i + phrase.length > words.length || i + phrase.length <= end) continue;
      let k = 0;
      while (k < phrase.length && words[i + k] === phrase[k]) k++;
      if (k === phrase.length) end = i + phrase.length;
    }
  }
  if (end < 0 || words.length - end < MIN_QUESTION_WORDS) return undefined;
  let mark = -1;
  for (const match of text.matchAll(QUESTION_MARK)) mark = match.index;
  if (mark >= 0 && foldedWords(text.slice(0, mark + 1)).length <= end) return undefined;
  return words.slice(end).join(' ');
}
