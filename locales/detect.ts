// Guesses the language of a message, for channels that send no locale. Pure; never flips on short messages.
import LanguageDetect from 'languagedetect';
import { isLocale, type Locale } from './index';

const detector = new LanguageDetect();
detector.setLanguageType('iso2');

/** Messages shorter than this (words of 2+ letters, or letters in all) are too short to tell. */
export const MIN_WORDS = 3;
export const MIN_LETTERS = 12;
/** The best language must score at least this, and lead the runner-up by this much. */
export const MIN_SCORE = 0.15;
export const MIN_LEAD = 0.08;

/**
 * The supported locale a message is written in, or undefined when unsure. Ge'ez script is Tigrinya (the
 * only Ethiopic-script language served); other scripts go to the n-gram detector, limited to our locales.
 * @example detectLocale('Hoe schrijf ik me in voor het examen?') === 'nl'
 */
export function detectLocale(text: string): Locale | undefined {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return undefined;
  const words = text.split(/[^\p{L}]+/u).filter((w) => w.length > 1);
  // A script is the message's when most of its letters, or most of its words, are in it: people keep the long
  // Dutch words of a letter ("Vooraankondiging termijnoverschrijding") in a sentence of their own language, and
  // those words can outweigh it in letters.
  const written = (script: RegExp) => (text.match(new RegExp(script, 'gu'))?.length ?? 0) / letters.length > 0.5
    || (words.length > 0 && words.filter((w) => script.test(w)).length / words.length > 0.5);
  if (written(/\p{Script=Ethiopic}/u)) return 'ti';
  if (words.length < MIN_WORDS || letters.length < MIN_LETTERS) return undefined;
  // The script narrows the candidates: a Dutch word inside an Arabic sentence does not make it Dutch.
  const candidates: readonly Locale[] = written(/\p{Script=Arabic}/u) ? ['ar', 'fa']
    : written(/\p{Script=Cyrillic}/u) ? ['uk']
      : ['nl', 'en', 'tr', 'so'];
  if (candidates.length === 1) return candidates[0];
  const scores = detector.detect(text).filter(([code]) => isLocale(code) && candidates.includes(code));
  const [best, second] = scores;
  if (!best || best[1] < MIN_SCORE || (second && best[1] - second[1] < MIN_LEAD)) return undefined;
  return best[0] as Locale;
}
