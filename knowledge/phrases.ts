// Phrases in a small pattern language (see knowledge/signals.yaml for its description), per locale, found in a
// message after folding: the engine behind the danger signals and the situation rules. Pure; no botbuilder.
import { z } from 'zod';
import { LOCALES, type Locale } from '../locales';
import { fold, foldedLongestFirst, foldedWords } from './normalize';

/**
 * One alternative of a phrase word: the folded word, and whether it may be the start, the end or any part of a
 * message word.
 */
export interface Alt { text: string; mode: 'exact' | 'prefix' | 'suffix' | 'infix' | 'any' }
/**
 * One word of a phrase (any of its alternatives); "~": up to GAP_WORDS other words; "^"/"$": the message's
 * start/end.
 */
export type Token = { kind: 'word'; alts: Alt[] } | { kind: 'gap' } | { kind: 'start' } | { kind: 'end' };
/** A phrase: parts that must all be in the message, within WINDOW words of each other; a part is a run of tokens. */
export interface Phrase { kind: string; parts: Token[][] }

/** Compiled phrases of several kinds, indexed per locale, with the idioms whose words no phrase may use. */
export interface PhraseBook {
  /**
   * Per locale (in LOCALES order): phrases by the keys of one word every match needs (see `indexKeysOf`), the
   * phrases without such a word (tried on every message), and the locale's prefixes.
   */
  byLocale: { keyed: Map<string, Phrase[]>; loose: Phrase[]; prefixes: string[] }[];
  /**
   * Every locale's idioms, indexed like the phrases. An idiom of one part is blanked wherever it is; one of several
   * parts ("ambulance & bill") only where all its parts lie within WINDOW words, and then only those parts' words.
   */
  idioms: { keyed: Map<string, Idiom[]>; loose: Idiom[]; guards: Token[][] };
}

/**
 * An idiom: parts whose words are taken out of a message. One written with "!" parts ("@er & @bill & !@call") is
 * guarded: it is not used when the message has a guard anywhere, that is any "!" part of any language's idioms
 * (people mix languages: a Dutch "bel" guards the idioms of every language). "the ambulance bill" loses
 * "ambulance"; "call an ambulance? the bill ..." does not. A "!!" part guards only its own idiom (`own`): the
 * idiom is not used when the message has that part anywhere ("*straat 112 & !!straat": "Kanaalstraat 112" loses
 * "112", "ik sta op straat, 112 komt niet" does not).
 */
export interface Idiom extends Phrase { guarded: boolean; own: Token[][] }

/** A kind of phrase (a danger, a situation word): lower-case words joined by hyphens. */
export const KIND = /^[a-z]+(-[a-z]+)*$/;
/** How phrase files (signals.yaml, situations.yaml) write a kind's name. */
export const KindName = z.string().regex(KIND, { error: 'use lower-case words joined by hyphens' });
/** Named word lists per locale, used in phrases as "@name" ("@self & snij*" with self: "mezelf|mijzelf"). */
export const PhraseSets = z.partialRecord(z.enum(LOCALES), z.record(z.string().regex(/^[a-z]+$/), z.string().min(1))).default({});
/** Clitics written onto a word (Arabic "ال", "و", "ب"): a message word is also tried without them. */
export const PhrasePrefixes = z.partialRecord(z.enum(LOCALES), z.array(z.string().min(1))).default({});

/** What a phrase file shares between its kinds: named word lists, idioms and clitic prefixes, per locale. */
export interface PhraseCommon {
  sets?: Partial<Record<Locale, Record<string, string>>>;
  idioms?: Partial<Record<Locale, string[]>>;
  prefixes?: Partial<Record<Locale, string[]>>;
}

/** Up to this many other words may stand where a phrase has "~" ("threatens ~ kill" fits "threatens to kill"). */
export const GAP_WORDS = 3;
/** The parts of a phrase joined by "&" must start within this many words of each other. */
export const WINDOW = 10;

function parseAlt(raw: string, phrase: string, where: string): Alt {
  if (raw === '*') return { text: '', mode: 'any' };
  const start = raw.startsWith('*');
  const end = raw.length > 1 && raw.endsWith('*');
  const core = fold(raw.slice(start ? 1 : 0, end ? -1 : undefined));
  if (!core) throw new Error(`${where}: "${raw}" in "${phrase}" has no letters`);
  if (core.includes(' ')) throw new Error(`${where}: "${raw}" in "${phrase}" folds into several words; write them apart`);
  return { text: core, mode: start && end ? 'infix' : start ? 'suffix' : end ? 'prefix' : 'exact' };
}

/**
 * Reads one phrase. Words are separated by spaces; "word*" matches a message word that starts with "word",
 * "*word" one that ends with it, "*word*" one that contains it, a lone "*" any one word, "a|b" either, and "~" up
 * to three other words, "^" and "$" the start and end of the message. " & " joins parts that must all be in the
 * message, in any order, close together ("mezelf & snij*|kras*"). Each word is folded like messages are, so
 * "б'є", "бʼє" and "бє" are one word. Returns the parts, each a run of tokens. `where` starts every error message;
 * `sets`: the locale's named word lists for "@name".
 * @example parsePhrase('mezelf & snij*|kras*', where) // two parts: mezelf (exact); snij or kras (prefixes)
 */
export function parsePhrase(phrase: string, where: string, sets: Record<string, string> = {}): Token[][] {
  // "@name" stands for a named word list of the locale: expand it before reading the words.
  phrase = phrase.replace(/@([a-z]+)/g, (_, name: string) => {
    const set = sets[name];
    if (set === undefined) throw new Error(`${where}: "@${name}" in "${phrase}" is not in sets`);
    return set.trim().split(/\s*\|\s*/).join('|');
  });
  return phrase.split(/\s+&\s+/).map((part) => {
    // A word that folds into two ("don't-know") becomes two words.
    const special = (raw: string) => raw.includes('|') || raw.includes('*') || ['~', '^', '$'].includes(raw);
    const raws = part.trim().split(/\s+/).flatMap((raw) => (special(raw) ? [raw] : fold(raw).split(' ').filter(Boolean)));
    if (raws.length === 0) throw new Error(`${where}: "${phrase}" has an empty part`);
    const tokens = raws.map((raw): Token => {
      if (raw === '~') return { kind: 'gap' };
      if (raw === '^') return { kind: 'start' };
      if (raw === '$') return { kind: 'end' };
      return { kind: 'word', alts: raw.split('|').map((a) => parseAlt(a, phrase, where)) };
    });
    if (!tokens.some((t) => t.kind === 'word') || tokens[0]!.kind === 'gap' || tokens.at(-1)!.kind === 'gap') {
      throw new Error(`${where}: "${phrase}": a part needs a word, and may not start or end with "~" (before "$" it may)`);
    }
    return tokens;
  });
}

/**
 * Index key of a word alternative: the word itself; the first or last three letters a wildcard keeps (two for a
 * two-letter stem); the first three letters of "*word*"; none for "*" or a shorter "*word*". Folded text has no
 * letters outside the Basic Multilingual Plane, so slicing by code unit is exact.
 */
export function altKey(alt: Alt): string | undefined {
  const n = Math.min(3, alt.text.length);
  if (alt.mode === 'exact') return `=${alt.text}`;
  if (alt.mode === 'prefix' && n >= 2) return `<${alt.text.slice(0, n)}`;
  if (alt.mode === 'suffix' && n >= 2) return `>${alt.text.slice(-n)}`;
  if (alt.mode === 'infix' && n >= 3) return `~${alt.text.slice(0, 3)}`;
  return undefined;
}

/**
 * Every part of a phrase must match, so any one of its words is needed. The keys of the word most likely to be
 * rare (its shortest alternative is the longest, then the fewest alternatives): a phrase is only tried on a
 * message that has one of them. Undefined when no word has keys: the phrase is then tried on every message.
 */
function indexKeysOf(phrase: Phrase): string[] | undefined {
  let best: { keys: string[]; shortest: number } | undefined;
  for (const token of phrase.parts.flat()) {
    if (token.kind !== 'word') continue;
    const keys = token.alts.map(altKey);
    if (!keys.every((k): k is string => k !== undefined)) continue;
    const shortest = Math.min(...token.alts.map((a) => a.text.length));
    const unique = [...new Set(keys)];
    if (!best || shortest > best.shortest || (shortest === best.shortest && unique.length < best.keys.length)) best = { keys: unique, shortest };
  }
  return best?.keys;
}

/**
 * The keys a message word can be found under (the kinds of `altKey`: the word, its first and last 2 or 3
 * letters, and every three letters in a row).
 */
export function keysOfWord(word: string): string[] {
  const keys = [`=${word}`];
  if (word.length >= 2) keys.push(`<${word.slice(0, 2)}`, `>${word.slice(-2)}`);
  if (word.length >= 3) keys.push(`<${word.slice(0, 3)}`, `>${word.slice(-3)}`);
  for (let i = 0; i + 3 <= word.length; i++) keys.push(`~${word.slice(i, i + 3)}`);
  return keys;
}

/**
 * Compiles the phrases of each kind. Throws an error that names the file, kind, locale and phrase number on a phrase
 * it cannot read (`where` gives the place of phrase i: "knowledge/signals.yaml: dangers.violence.phrases.nl.3").
 */
export function compilePhraseBook(
  kinds: readonly { kind: string; phrases: Partial<Record<Locale, string[]>> }[], common: PhraseCommon,
  file: string, where: (kind: string, locale: Locale, i: number) => string,
): PhraseBook {
  const { sets = {}, idioms = {}, prefixes = {} } = common;
  const byLocale = LOCALES.map((locale: Locale) => {
    // Parts written the same in several phrases ("@pills" in "@pills & tonight" and "@pills & all") are one array,
    // so that a message is searched for each only once (see `kindsIn`).
    const shared = new Map<string, Token[]>();
    const intern = (part: Token[]) => {
      const key = JSON.stringify(part);
      const known = shared.get(key);
      if (known) return known;
      shared.set(key, part);
      return part;
    };
    const phrases = kinds.flatMap((k) => (k.phrases[locale] ?? []).map((text, i): Phrase => (
      { kind: k.kind, parts: parsePhrase(text, `${file}: ${where(k.kind, locale, i)}`, sets[locale]).map(intern) })));
    return { ...byKeys(phrases, indexKeysOf), prefixes: foldedLongestFirst(prefixes[locale] ?? []) };
  });
  const guards = new Map<string, Token[]>();
  const idiomPhrases = LOCALES.flatMap((locale) => (idioms[locale] ?? []).map((text, i): Idiom => {
    const where = `${file}: idioms.${locale}.${i}`;
    const pieces = text.split(/\s+&\s+/);
    const own = pieces.filter((p) => p.startsWith('!!')).flatMap((piece) => parsePhrase(piece.slice(2), where, sets[locale]));
    const shared = pieces.filter((p) => p.startsWith('!') && !p.startsWith('!!'));
    for (const piece of shared) {
      for (const part of parsePhrase(piece.slice(1), where, sets[locale])) guards.set(JSON.stringify(part), part);
    }
    const kept = pieces.filter((p) => !p.startsWith('!'));
    if (kept.length === 0) throw new Error(`${where}: "${text}" has only parts with "!"; an idiom needs a part to take out`);
    return { kind: '', parts: parsePhrase(kept.join(' & '), where, sets[locale]), guarded: shared.length > 0, own };
  }));
  return { byLocale, idioms: { ...byKeys(idiomPhrases, indexKeysOf), guards: [...guards.values()] } };
}

/** Items listed under each of their index keys; those without keys are `loose` (tried on every message). */
function byKeys<T>(items: readonly T[], keysOf: (item: T) => string[] | undefined): { keyed: Map<string, T[]>; loose: T[] } {
  const keyed = new Map<string, T[]>();
  const loose: T[] = [];
  for (const item of items) {
    const keys = keysOf(item);
    if (!keys) loose.push(item);
    else for (const key of keys) {
      const list = keyed.get(key);
      if (list) list.push(item);
      else keyed.set(key, [item]);
    }
  }
  return { keyed, loose };
}

/** Whether a message word (folded) fits one alternative of a phrase word. */
export const fits = (alt: Alt, word: string): boolean => {
  switch (alt.mode) {
    case 'exact': return word === alt.text;
    case 'prefix': return word.startsWith(alt.text);
    case 'suffix': return word.endsWith(alt.text);
    case 'infix': return word.includes(alt.text);
    default: return word !== '';
  }
};

/**
 * A message word and the same word without one or two of the locale's clitic prefixes ("والانتحار" → "الانتحار",
 * "انتحار").
 */
function variantsOf(word: string, prefixes: readonly string[]): string[] {
  const out = [word];
  for (let depth = 0; depth < 2; depth++) {
    for (const w of out.slice()) {
      for (const p of prefixes) {
        const rest = w.slice(p.length);
        if (w.startsWith(p) && [...rest].length >= 2 && !out.includes(rest)) out.push(rest);
      }
    }
  }
  return out;
}

/** Where a part that starts at word `w` (from token `t`) ends, or -1 when it does not match there. */
function matchEnd(tokens: readonly Token[], t: number, words: readonly string[][], w: number): number {
  if (t === tokens.length) return w;
  const token = tokens[t]!;
  if (token.kind === 'start') return w === 0 ? matchEnd(tokens, t + 1, words, w) : -1;
  if (token.kind === 'end') return words.slice(w).every((vs) => vs.every((v) => v === '')) ? matchEnd(tokens, t + 1, words, words.length) : -1;
  if (token.kind === 'gap') {
    for (let skip = 0; skip <= GAP_WORDS && w + skip <= words.length; skip++) {
      const end = matchEnd(tokens, t + 1, words, w + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (w >= words.length || !words[w]!.some((v) => v !== '' && token.alts.some((alt) => fits(alt, v)))) return -1;
  return matchEnd(tokens, t + 1, words, w + 1);
}

/** Where each part of a phrase starts in the message. */
function startsOf(part: readonly Token[], words: readonly string[][]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < words.length; i++) if (matchEnd(part, 0, words, i) >= 0) starts.push(i);
  return starts;
}

/**
 * True when every part is in the message and some choice of their places lies within WINDOW words. `starts`: where
 * each part was already found in these words (a part shared by several phrases is looked for once).
 */
function phraseMatches(phrase: Phrase, words: readonly string[][], starts: Map<Token[], number[]>): boolean {
  const places: number[][] = [];
  for (const part of phrase.parts) {
    let found = starts.get(part);
    if (!found) starts.set(part, (found = startsOf(part, words)));
    if (found.length === 0) return false;
    places.push(found);
  }
  const [first, ...rest] = places as [number[], ...number[][]];
  return first.some((anchor) => rest.every((p) => p.some((q) => Math.abs(q - anchor) <= WINDOW)));
}

/**
 * The message's words with the words of idioms blanked out (a blank matches no phrase word). An idiom of several
 * parts blanks a place of one part only when every other part is found within WINDOW words of it: "the ambulance
 * bill" loses "ambulance", "the ambulance is not coming" keeps it. A guarded idiom is skipped when the message
 * holds any guard (looked for once, and only when a guarded idiom is a candidate), and any idiom when the message
 * holds one of its own ("!!") guards.
 */
function withoutIdioms(words: string[], idioms: PhraseBook['idioms']): string[] {
  const candidates = new Set<Idiom>(idioms.loose);
  for (const word of words) for (const key of keysOfWord(word)) for (const idiom of idioms.keyed.get(key) ?? []) candidates.add(idiom);
  if (candidates.size === 0) return words;
  const single = words.map((w) => [w]);
  const out = words.slice();
  let guarded: boolean | undefined;
  for (const idiom of candidates) {
    if (idiom.guarded && (guarded ??= idioms.guards.some((part) => startsOf(part, single).length > 0))) continue;
    if (idiom.own.some((part) => startsOf(part, single).length > 0)) continue;
    const places = idiom.parts.map((part) => {
      const found: [start: number, end: number][] = [];
      for (let i = 0; i < words.length; i++) {
        const end = matchEnd(part, 0, single, i);
        if (end >= 0) found.push([i, end]);
      }
      return found;
    });
    places.forEach((found, p) => {
      for (const [start, end] of found) {
        const near = places.every((other, q) => q === p || other.some(([s]) => Math.abs(s - start) <= WINDOW));
        if (near) for (let j = start; j < end; j++) out[j] = '';
      }
    });
  }
  return out;
}

/**
 * The kinds whose phrases a message contains. Every locale's phrases are tried, since people mix languages; a
 * phrase matches whole words after folding, and a word may carry the locale's prefixes. Pure.
 * @example kindsIn('mijn man slaat mij', signals.book).has('violence') // true
 */
export function kindsIn(text: string, book: PhraseBook): Set<string> {
  const found = new Set<string>();
  const words = withoutIdioms(foldedWords(text), book.idioms);
  if (words.every((w) => w === '')) return found;
  // The words as such (most locales), and each word's index keys, worked out once for all locales.
  const plain = words.map((w) => [w]);
  const keyCache = new Map<string, string[]>();
  const keysOf = (v: string) => {
    let keys = keyCache.get(v);
    if (!keys) keyCache.set(v, (keys = keysOfWord(v)));
    return keys;
  };
  for (const { keyed, loose, prefixes } of book.byLocale) {
    const variants = prefixes.length ? words.map((w) => (w ? variantsOf(w, prefixes) : [w])) : plain;
    const candidates = new Set<Phrase>(loose);
    for (const vs of variants) {
      for (const v of vs) {
        if (!v) continue;
        for (const key of keysOf(v)) {
          const phrases = keyed.get(key);
          if (phrases) for (const phrase of phrases) if (!found.has(phrase.kind)) candidates.add(phrase);
        }
      }
    }
    const starts = new Map<Token[], number[]>();
    for (const phrase of candidates) {
      if (!found.has(phrase.kind) && phraseMatches(phrase, variants, starts)) found.add(phrase.kind);
    }
  }
  return found;
}
