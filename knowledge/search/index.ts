// Knowledge search: per locale, an inverted index over title, questions and keywords (weighted), scored by how
// much of the question an entry covers, so unknown topics are not guessed. Stages, one module each: query parsing
// (query.ts), the index (localeIndex.ts), typo correction (terms.ts, edits.ts; fuse.js judges two-edit typos)
// and scoring (score.ts); this module runs them over the locales a message may be in.
import { LOCALES, type Locale } from '../../locales';
import { DEFAULT_THRESHOLDS } from '../decide';
import { LATIN_WORD, MIN_SKELETON, skeleton, type Lexicon } from '../lexicon';
import { foldedWords } from '../normalize';
import type { OffTopicSubject } from '../offTopic';
import type { LoadedEntry } from '../schema';
import { buildIndex, type Indexable, type LocaleIndex } from './localeIndex';
import { afterSwitch, isRomanized, questionParts, scriptsOf, SCRIPT } from './query';
import { newPass, scoreLocale, top, round, type Pass } from './score';
import { resolveTerms, type ResolvedTerm } from './terms';

export { editDistance, splitCompound, withinOneEdit } from './edits';
export { afterSwitch, isRomanized, questionParts } from './query';

/** One entry a search found for a message. */
export interface Hit {
  entry: LoadedEntry;
  /** 0..1, higher is better: how well the entry covers the question. */
  confidence: number;
  /** The locale whose text matched best (may differ from the user's locale). */
  matchedLocale: Locale;
}

/** A search: the hits for a message in the person's locale, best first (empty when nothing fits). */
export type KnowledgeSearch = (query: string, locale: Locale) => Hit[];

/** Tuning of `createSearch`; the defaults are the ones the eval sets were measured with. */
export interface SearchOptions {
  /** How many hits a search returns at most, best first (answering needs the best three). */
  limit?: number;
  /** Confidence multiplier for a match found in another locale than the user's. */
  crossLocalePenalty?: number;
  /** Largest fuse.js score (0 = perfect, 1 = nothing) for proposing a known word as a typo's correction. */
  typoThreshold?: number;
  /** Sum of word weights (idf) after which a long message counts as well covered. */
  enoughEvidence?: number;
  /** Share of the confidence that comes from how central the matched words are to the entry. */
  focusWeight?: number;
  /** A word in 1/focusSaturation of an entry's weighted fields counts as fully central. */
  focusSaturation?: number;
  /** Share of the confidence from the single most similar title or question variant (phrase-level match). */
  variantWeight?: number;
  /** How far the question sentence of a long message may raise an entry above what the whole message gives it. */
  questionLift?: number;
  /**
   * Subjects no entry answers (knowledge/offtopic.yaml), searched like entries: a message, or a long message's
   * question sentence, that one of them covers better than any entry finds nothing (see `offTopic`).
   */
  offTopic?: readonly OffTopicSubject[];
}

/**
 * Builds the search over all entries; pure after construction.
 * @example createSearch(entries, lexicons)('hoe meld ik me aan voor het examen', 'nl')[0].entry.id
 */
export function createSearch(
  entries: LoadedEntry[],
  lexicons: Record<Locale, Lexicon>,
  options: SearchOptions = {},
): KnowledgeSearch {
  const { limit = 10, crossLocalePenalty = 0.9, typoThreshold = 0.3, enoughEvidence = 12, focusWeight = 0.2, focusSaturation = 2, variantWeight = 0.4, questionLift = 0.15 } = options;
  // The off-topic subjects are documents after the entries (from `firstSubject` on); how much a word says is
  // counted over the entries alone, so the subjects change no entry's confidence.
  const subjects: Indexable[] = [...options.offTopic ?? []];
  const docs: Indexable[] = [...entries, ...subjects];
  const firstSubject = entries.length;
  const uncounted = new Set(subjects);
  const indexes = Object.fromEntries(
    LOCALES.map((l) => [l, buildIndex(docs, l, lexicons[l], typoThreshold, uncounted)]),
  ) as Record<Locale, LocaleIndex>;
  const globalOf = new Map(docs.map((e, g) => [e, g]));
  const docGlobal = Object.fromEntries(LOCALES.map((l) => [l, Int32Array.from(indexes[l].docs, (e) => globalOf.get(e)!)])) as Record<Locale, Int32Array>;
  const whole = newPass(docs.length);
  const asked = newPass(docs.length);
  const found = new Int32Array(entries.length);

  const scoring = { enoughEvidence, focusWeight, focusSaturation, variantWeight };
  /** Whether a folded word is, as the locale's index reads it, one of its terms (or one of its stopwords). */
  const knownIn = (locale: Locale, word: string): boolean => {
    const [term] = indexes[locale].tokenize([word]);
    return term === undefined || indexes[locale].known.has(term);
  };

  /** Scores the entries of one locale's index for the words, into `pass` (times `factor`). */
  const searchLocale = (
    words: readonly string[], locale: Locale, memo: Map<string, ResolvedTerm[]>, notTypos: ReadonlySet<string>, factor: number, pass: Pass,
    names: ReadonlySet<string>, romanized: boolean, conversationLanguage: boolean,
  ): void => {
    const index = indexes[locale];
    const globals = docGlobal[locale];
    const localeNumber = LOCALES.indexOf(locale);
    const resolved = resolveTerms(words, index, memo, notTypos);
    // Words the index does not have count less than other words the entries miss, in one pass: a name (a person, a
    // town) says little about the topic, though not nothing (the name of another country or a football club says
    // "not here"); and a message typed in Latin letters in a language of another script has many words no key
    // places (a dialect's verbs, "ba3atetli", "gita3aw") that say less than a word of the script the entries miss.
    // A script without capitals (Arabic, Ge'ez) cannot show which words are names ("حمص", "آرنهم"): each of its
    // words the conversation's own language does not have may be one. Ukrainian has capitals, but on a phone it is
    // mostly typed in small letters ("київ", "наталія"), and mixed with Russian forms the index lacks. (In another
    // language of the script most words are unknown, and that says the message is not in it.)
    const unplacedLatin = romanized && SCRIPT[locale] !== 'Latin';
    const namesUntold = conversationLanguage && NAMES_UNTOLD_SCRIPTS.has(SCRIPT[locale]);
    if (names.size || unplacedLatin || namesUntold) {
      for (let i = 0; i < resolved.length; i++) {
        const r = resolved[i]!;
        if (r.quality !== 0) continue;
        let weight = r.weight;
        if (names.has(r.term)) weight *= NAME_SHARE;
        else if (namesUntold && !LATIN_WORD.test(r.term)) weight *= UNTOLD_NAME_SHARE;
        if (unplacedLatin && LATIN_WORD.test(r.term)) weight *= UNPLACED_ROMANIZED_SHARE;
        if (weight !== r.weight) resolved[i] = { ...r, weight };
      }
    }
    scoreLocale(index, resolved, scoring, (doc, confidence) => pass.add(globals[doc]!, confidence * factor, localeNumber));
  };

  return (message, locale) => {
    const romanized = isRomanized(message, locale);
    // The message is folded once: for finding a topic switch, and as the words of the whole message.
    const folded = foldedWords(message);
    // "... But I have another question: ..." — what follows is the question; the story before it is not.
    const switched = afterSwitch(message, lexicons[locale].switches, folded);
    const [all, question] = questionParts(switched ?? message);
    const memos = new Map<Locale, Map<string, ResolvedTerm[]>>();
    const searchAll = (text: string, pass: Pass, textWords?: string[]) => {
      const { words, names: incidental } = readWords(text, textWords);
      // The conversation's language, and the other languages written in a script the message uses (a Dutch
      // term in a Turkish question; "DigiD" in Latin letters is in the Latin-script languages' texts too).
      // An Arabic or Ge'ez index has nothing to match in a Latin-script message, and searching it was half
      // the cost of a search.
      const scripts = scriptsOf(text);
      // A stopword of the user's own language is no typo in another ("hallo" is Dutch, not Somali "hadlo").
      // Other words may be: a Turkish "diplomasi" rightly finds the Dutch "diploma".
      const own = new Set(words.filter((w) => lexicons[locale].stopwords.has(w)));
      // And a language written in another script when the message has words of it in Latin letters
      // ("ana bidi imti7an" in a Dutch conversation): two, since one may be chance.
      let latin: { word: string; skeleton: string }[] | undefined;
      const romanizedIn = (l: Locale) => {
        const { romanized, skeletons } = lexicons[l];
        if (!romanized.size) return false;
        // A word the conversation's own language knows says nothing about another one: "inburgering" is in the
        // Arabic and Persian tables (people type it there), and "mijn" has the skeleton of an Arabic word.
        latin ??= words.filter((w) => w.length > MIN_SKELETON && LATIN_WORD.test(w) && !knownIn(locale, w))
          .map((word) => ({ word, skeleton: skeleton(word) }));
        let found = 0;
        for (const w of latin) if ((romanized.has(w.word) || skeletons.has(w.skeleton)) && ++found === 2) return true;
        return false;
      };
      for (const l of [locale, ...LOCALES.filter((x) => x !== locale && (scripts.has(SCRIPT[x]) || romanizedIn(x)))]) {
        if (!memos.has(l)) memos.set(l, new Map());
        // Nor is it a word of another language's text: Dutch "een" is not a word in an English text about a
        // "valse start (een)".
        // A number a language's texts do not have says nothing about the topic ("123456782", "2019" in a long
        // story): it is left out rather than counted as a word the entries miss.
        const these = words.filter((w) => (l === locale || !own.has(w)) && !(NUMBER.test(w) && !knownIn(l, w)));
        searchLocale(these, l, memos.get(l)!, l === locale ? NONE : own, l === locale ? 1 : crossLocalePenalty, pass, incidental, romanized, l === locale);
      }
    };
    whole.clear();
    asked.clear();
    searchAll(all!.text, whole, switched === undefined ? folded : undefined);
    for (let k = 0; k < whole.count; k++) whole.score[whole.touched[k]!] = round(whole.score[whole.touched[k]!]!);
    const best = { entry: 0, subject: 0, entryAsked: 0, subjectAsked: 0 };
    if (question) {
      searchAll(question.text, asked);
      // The question sentence may lift an entry the story already points to, but not by more than `questionLift`:
      // "I want to make a complaint" must not outweigh "the gemeente cancelled my intake".
      for (let k = 0; k < asked.count; k++) {
        const g = asked.touched[k]!;
        if (g >= firstSubject) {
          best.subjectAsked = Math.max(best.subjectAsked, asked.score[g]!);
          continue;
        }
        best.entryAsked = Math.max(best.entryAsked, asked.score[g]!);
        const full = whole.marked[g] ? whole.score[g]! : 0;
        const lifted = round(Math.min(asked.score[g]! * question.factor, full + questionLift));
        if (lifted > full) whole.add(g, lifted, asked.locale[g]!, true);
      }
    }
    let count = 0;
    for (let k = 0; k < whole.count; k++) {
      const g = whole.touched[k]!;
      if (g >= firstSubject) best.subject = Math.max(best.subject, whole.score[g]!);
      else {
        best.entry = Math.max(best.entry, whole.score[g]!);
        found[count++] = g;
      }
    }
    if (offTopic(best)) return [];
    const order = (a: number, b: number) => whole.score[b]! - whole.score[a]! || entries[a]!.id.localeCompare(entries[b]!.id);
    return top(found, count, Math.max(1, limit), order).map((g) => ({
      entry: entries[g]!, confidence: whole.score[g]!, matchedLocale: LOCALES[whole.locale[g]!]!,
    }));
  };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * A message an entry covers this well is not declined because a subject covers it better still: "I bought a
 * second-hand car; can I drive it with my foreign licence?" is about the licence. A little above the confidence of a
 * direct answer (`OFF_TOPIC_ANSWERED`): between the two, a stolen bicycle, a CBR theory exam or a gas bill shares
 * enough words with an entry (a stolen card, the driving licence, the first months' bills) to reach it, and a
 * subject that covers it clearly better (`OFF_TOPIC_BAND_LEAD`) is the better reading. Chosen on all tuning sets; at
 * 0.65 entry keywords alone ("consulaat", "nüfus kaydı") were declined.
 */
export const OFF_TOPIC_CLEAR_ENTRY = 0.6;
/** The confidence of a direct answer (`DEFAULT_THRESHOLDS.answer`): below it, any subject that covers more wins. */
export const OFF_TOPIC_ANSWERED = DEFAULT_THRESHOLDS.answer;
/**
 * From `OFF_TOPIC_ANSWERED` up to `OFF_TOPIC_CLEAR_ENTRY`, a subject must lead the best entry by this much: a message
 * that mixes an off-topic bill with an in-scope loan ("I cannot pay my dentist bill and my DUO loan") stays answered.
 * Without a lead, 29 more out-of-scope tuning messages were declined but such mixed messages too; with 0.1, 14 more
 * and none of them, and no message in scope moved.
 */
export const OFF_TOPIC_BAND_LEAD = 0.1;
/** A long message's question sentence is taken as off-topic only from this confidence of a subject up. */
export const OFF_TOPIC_QUESTION = 0.3;
/**
 * ... and only when the subject covers the whole message nearly as well as the best entry: "Waar kan ze goedkoop
 * les krijgen?" after a story about lessons for an old mother is still about the lessons.
 */
export const OFF_TOPIC_STORY_GAP = 0.1;

/**
 * Whether a message is about a subject no entry answers: a subject covers it better than any entry does (and no
 * entry covers it clearly), or — for a long message — covers its question sentence better than any entry does and
 * the whole message nearly as well ("... my inburgering is done. Do you know a good recipe for pea soup?").
 * `entry`, `subject`: the best confidences for the whole message; `entryAsked`, `subjectAsked`: for the question
 * sentence alone (0 without one). Pure.
 */
export function offTopic(best: { entry: number; subject: number; entryAsked: number; subjectAsked: number }): boolean {
  if (best.subject > best.entry + (best.entry >= OFF_TOPIC_ANSWERED ? OFF_TOPIC_BAND_LEAD : 0) && best.entry < OFF_TOPIC_CLEAR_ENTRY) return true;
  return best.subjectAsked >= OFF_TOPIC_QUESTION && best.subjectAsked > best.entryAsked && best.subject >= best.entry - OFF_TOPIC_STORY_GAP;
}

/** How much an unknown name counts of what another unknown word counts. */
export const NAME_SHARE = 0.5;

/**
 * In a message of a language of another script typed in Latin letters, a Latin word that language's index cannot
 * place counts this share of a missed word (see `isRomanized`). Chosen on the romanized items of the tuning sets.
 */
export const UNPLACED_ROMANIZED_SHARE = 0.4;

/**
 * The share of its weight a word the index does not have keeps where a capital does not tell a name (see
 * `NAMES_UNTOLD_SCRIPTS`), as it may be one. Chosen on the tuning sets: 0.4 to 0.8 all gained; 0.7 lost no
 * out-of-scope decline. Measured per script: Cyrillic gained too (Ukrainian cost 178 → 167); the Latin-script
 * languages lost, as a capital tells their names.
 */
export const UNTOLD_NAME_SHARE = 0.7;
/** Scripts whose names a capital does not tell: Arabic and Ge'ez have none; Ukrainian is mostly typed without. */
const NAMES_UNTOLD_SCRIPTS: ReadonlySet<string> = new Set(['Arabic', 'Ethiopic', 'Cyrillic']);

const SENTENCE_END = /[.!?؟።፧:]/;
/** A word that starts (after any opening quote or bracket) with a capital followed by a small letter. */
const NAME_CANDIDATE = /(?<=^|\s)[^\s\p{L}]*\p{Lu}\p{Ll}\S*/gu;
const NUMBER = /^\p{N}+$/u;

/**
 * The folded words of a message that are names or numbers: written with a capital inside a sentence ("in Emmen",
 * "з Наталією"; not the first word, not an abbreviation in capitals), or digits only. Pure.
 */
export function incidentalWords(text: string): Set<string> {
  const { words, names } = readWords(text);
  return new Set([...names, ...words.filter((w) => NUMBER.test(w))]);
}

/**
 * The folded words of a message (`words`, when the caller folded it already), and those of them that are names
 * (see `incidentalWords`).
 */
function readWords(text: string, words: string[] = foldedWords(text)): { words: string[]; names: Set<string> } {
  const names = new Set<string>();
  // Only a capitalised word is folded on its own; the message is folded once.
  for (const match of text.matchAll(NAME_CANDIDATE)) {
    // The first word of the message or of a sentence is capitalised anyway. Looked up from the match backwards, not
    // by copying the text before it: a long story has many capitalised words.
    let end = match.index - 1;
    while (end >= 0 && /\s/.test(text[end]!)) end--;
    if (end < 0 || SENTENCE_END.test(text[end]!)) continue;
    const folded = foldedWords(match[0]);
    if (folded.length === 1) names.add(folded[0]!);
  }
  return { words, names };
}
