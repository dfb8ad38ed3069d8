// The bot writes markdown once; channels that do not render it get their own formatting from here: plain text
// (SMS and the like) or WhatsApp's markup. Also splitting long text into messages a channel accepts, shortening
// button titles without cutting words, and direction marks for right-to-left text on clients that do not set the
// direction themselves. Pure functions: no botbuilder import, so the WhatsApp renderer and the channel step share them.
import { RTL_LOCALES } from '../../locales';

export type TextFlavour = 'plain' | 'whatsapp';

/** Characters markdown lets a backslash escape (see escapeMarkdown in bot/cards/render.ts). */
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!|<>~])/g;
/** A markdown link or image: [text](url "title"). */
const LINK = /(!?)\[([^\]\n]*)\]\(\s*<?([^\s)<>]+)>?(?:\s+"[^"\n]*")?\s*\)/g;
const AUTOLINK = /<(https?:\/\/[^\s<>]+)>/g;
/** A bare address: it ends before trailing punctuation, which belongs to the sentence. */
const BARE_URL = /\bhttps?:\/\/[^\s<>]*[^\s<>.,;:!?'")\]*_]/g;
const WORD = '\\p{L}\\p{N}';

/**
 * Stand-ins for text no later rule may touch (escaped characters, addresses, code): an index between two
 * private-use characters. Those characters in the text itself are kept first, so they cannot pose as a stand-in.
 */
class Shelter {
  private readonly kept: string[] = [];
  keep(text: string): string {
    this.kept.push(text);
    return `\uE000${this.kept.length - 1}\uE001`;
  }

  /** Puts the kept texts back; a kept text may hold older stand-ins (an escape inside an address). */
  restore(text: string): string {
    return text.replace(/\uE000(\d+)\uE001/g, (_m, n: string) => this.restore(this.kept[Number(n)] ?? ''));
  }
}

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host.replace(/^www\./i, '').toLowerCase();
  } catch {
    return undefined;
  }
};

/** A link's text, or nothing when it says no more than the address (its host, or the address itself). */
function linkLabel(label: string, url: string): string | undefined {
  const text = label.replace(/[*_~`]/g, '').trim();
  const bare = (s: string) => s.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');
  if (!text || bare(text) === hostOf(url) || bare(text) === bare(url)) return undefined;
  return text;
}

/**
 * The bot's markdown (**bold**, _italic_, [text](url), \-escapes, lists) in a channel's own formatting:
 * plain: no markup at all, links as "text: url" (or the url alone when the text is the url's host);
 * whatsapp: *bold*, _italic_, links as plain URLs (same rule), escapes removed.
 * Direction marks and isolates (phone numbers) are kept as they are.
 */
export function formatText(markdown: string, flavour: TextFlavour): string {
  const shelter = new Shelter();
  const whatsapp = flavour === 'whatsapp';
  let text = markdown.replace(/\r\n?/g, '\n').replace(/[\uE000\uE001]/g, (c) => shelter.keep(c));
  text = text.replace(ESCAPE, (_m, c: string) => shelter.keep(c));
  text = text.replace(/(`+)([^`\n]+?)\1/g, (_m, _ticks: string, code: string) => shelter.keep(whatsapp ? `\`${code}\`` : code));
  // A link as "text: url", or the url alone.
  text = text.replace(LINK, (_m, _image: string, label: string, url: string) => {
    const shown = linkLabel(shelter.restore(label), url) && label.replace(/[*_~`]/g, '').trim();
    return shown ? `${shown}: ${shelter.keep(url)}` : shelter.keep(url);
  });
  text = text.replace(AUTOLINK, (_m, url: string) => shelter.keep(url));
  text = text.replace(BARE_URL, (url) => shelter.keep(url));

  // Block markers, line by line.
  text = text.split('\n').map((line) => {
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) return '';
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) return whatsapp ? `*${heading[1]}*` : heading[1]!;
    let out = line.replace(/^(\s*)[*+](\s+)/, '$1-$2');
    if (!whatsapp) out = out.replace(/^\s{0,3}>\s?/, '');
    return out.replace(/[ \t]+$/, '');
  }).join('\n');

  // Emphasis. Single-star italics first, so that WhatsApp's *bold* made below is not read as italics again.
  text = text.replace(new RegExp(`(^|[^${WORD}*])\\*(?=[^\\s*])([^*\\n]*?[^\\s*])\\*(?![${WORD}*])`, 'gu'),
    (_m, before: string, inner: string) => `${before}${whatsapp ? `_${inner}_` : inner}`);
  text = text.replace(/\*\*(?=\S)([^\n]*?\S)\*\*/g, (_m, inner: string) => (whatsapp ? `*${inner}*` : inner));
  text = text.replace(new RegExp(`(^|[^${WORD}_])__(?=\\S)([^\\n]*?\\S)__(?![${WORD}_])`, 'gu'),
    (_m, before: string, inner: string) => `${before}${whatsapp ? `*${inner}*` : inner}`);
  text = text.replace(new RegExp(`(^|[^${WORD}_])_(?=[^\\s_])([^_\\n]*?[^\\s_])_(?![${WORD}_])`, 'gu'),
    (_m, before: string, inner: string) => `${before}${whatsapp ? `_${inner}_` : inner}`);
  text = text.replace(/~~(?=\S)([^\n]*?\S)~~/g, (_m, inner: string) => (whatsapp ? `~${inner}~` : inner));

  return shelter.restore(text).replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Where a too-long text may be cut, from the best place to the last resort: the separators between paragraphs,
 * lines, sentences (after the end of one, not after a number: "stap 1. Ga", "€ 1.500"; Arabic ؟, Ge'ez ። ፧),
 * words.
 */
const LEVELS: RegExp[] = [
  /\n[ \t]*\n\s*/g,
  /\n/g,
  /(?<=[^\s\d][.!?…]["'»”)]?|[؟።፧])\s+/gu,
  /\s+/g,
];

/** The pieces between a level's separators, each with the separator before it (kept when pieces are joined again). */
function piecesOf(text: string, separator: RegExp): { piece: string; before: string }[] {
  const pieces: { piece: string; before: string }[] = [];
  let at = 0;
  let before = '';
  for (const m of text.matchAll(separator)) {
    pieces.push({ piece: text.slice(at, m.index), before });
    before = m[0];
    at = m.index + m[0].length;
  }
  pieces.push({ piece: text.slice(at), before });
  return pieces;
}

const graphemes = (text: string): string[] =>
  Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);

/** A word longer than `max`: cut between characters (never inside one: combining marks, emoji, surrogates). */
function cutWord(word: string, max: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const g of graphemes(word)) {
    if (current && current.length + g.length > max) {
      parts.push(current);
      current = '';
    }
    current += g;
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Packs the pieces of one level into parts; a piece too long for a part is cut at the next level. A short start
 * (under half a part, such as an answer's title) goes along into that cut rather than being sent on its own.
 */
function splitAt(text: string, max: number, level: number): string[] {
  if (text.length <= max) return [text];
  const separator = LEVELS[level];
  if (!separator) return cutWord(text, max);
  const hard = level + 1 === LEVELS.length;
  const parts: string[] = [];
  let current = '';
  for (const { piece, before } of piecesOf(text, separator)) {
    const joined = current ? `${current}${before}${piece}` : piece;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (piece.length <= max) {
      parts.push(current);
      current = piece;
      continue;
    }
    const shortStart = current.trim() !== '' && current.length < max / 2 && !hard;
    if (current && !shortStart) parts.push(current);
    const pieces = splitAt(shortStart ? joined : piece, max, level + 1);
    // What follows may join the last of them, but not the end of a word cut in pieces.
    parts.push(...(hard ? pieces : pieces.slice(0, -1)));
    current = hard ? '' : pieces.at(-1) ?? '';
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Splits text into parts of at most `max` characters (UTF-16 code units, which is what channels count or more):
 * at paragraph boundaries (blank lines) first, then at line ends, then sentences, then words; never mid-word
 * unless one word is longer than `max`. Blank text gives no parts.
 */
export function splitText(text: string, max: number): string[] {
  if (!(max >= 1)) throw new RangeError(`splitText: max must be at least 1, not ${max}`);
  const trimmed = text.replace(/^\s*\n/, '').replace(/\s+$/, '');
  if (!trimmed.trim()) return [];
  // Parts start and end with text, not with the blank lines or spaces they were cut at.
  return splitAt(trimmed, Math.floor(max), 0).map((p) => p.replace(/^\s*\n/, '').replace(/\s+$/, '')).filter((p) => p.trim());
}

/**
 * Shortens a title to at most `max` characters at a word boundary, with "…" when shortened; never mid-word
 * (a single over-long first word is cut with "…" only then). A part in brackets is dropped first when that
 * alone makes the title fit ("Taalcursus (Wi2021)?" → "Taalcursus?").
 */
export function shortTitle(title: string, max: number): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  if (max < 2) return max === 1 ? '…' : '';
  const unbracketed = clean.replace(/\s*\([^()]*\)|\s*\[[^[\]]*\]/g, '').replace(/\s+([?!.:,;])/g, '$1').trim();
  if (unbracketed && unbracketed.length <= max) return unbracketed;
  const words = clean.split(' ');
  let kept = '';
  for (const word of words) {
    const next = kept ? `${kept} ${word}` : word;
    // Room for the ellipsis, and without punctuation left dangling before it ("examen, …").
    if (`${next.replace(/[\s,;:(\-–—/]+$/u, '')}…`.length > max) break;
    kept = next;
  }
  kept = kept.replace(/[\s,;:(\-–—/]+$/u, '');
  if (kept) return `${kept}…`;
  let cut = '';
  for (const g of graphemes(words[0]!)) {
    if (cut.length + g.length + 1 > max) break;
    cut += g;
  }
  return `${cut}…`;
}

/** Whether a locale ("ar", "fa-IR") is one of ours written right to left (the one list is `RTL_LOCALES`). */
export const isRightToLeft = (locale: string): boolean =>
  (RTL_LOCALES as ReadonlySet<string>).has(locale.trim().toLowerCase().split(/[-_]/)[0] ?? '');

/** Right-to-left mark, right-to-left isolate and its end (pop directional isolate). */
export const RLM = '\u200F';
export const RLI = '\u2067';
export const PDI = '\u2069';
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
/** What starts a line before its text: indentation, a list bullet or number, a quote, a heading. */
const LINE_PREFIX = /^(\s*(?:(?:[-*+]|\d{1,3}[.)])\s+|>\s?|#{1,6}\s+)*)/;

/**
 * One line: after its list marker and opening emphasis, a right-to-left mark (clients that take a line's
 * direction from its first letter, such as phones showing an SMS, then show it right to left) and an isolate that
 * ends before the closing emphasis (clients that show every line left to right, such as Teams and Web Chat in
 * an English interface, then still keep the line's words, numbers and Latin words such as "DUO" or "50 €" in
 * right-to-left order). Markdown stays valid: the marks sit inside the emphasis, next to letters, where they
 * change no delimiter's meaning.
 */
function markLine(line: string): string {
  if (!RTL_LETTER.test(line)) return line;
  const prefix = LINE_PREFIX.exec(line)?.[1] ?? '';
  let rest = line.slice(prefix.length);
  const open = /^[*_~]+(?=\S)/.exec(rest)?.[0] ?? '';
  rest = rest.slice(open.length);
  if (rest.startsWith(RLM)) return line;
  const trailing = /(?<!\\)[*_~]*\s*$/.exec(rest)?.[0] ?? '';
  const body = rest.slice(0, rest.length - trailing.length);
  if (!body) return line;
  return `${prefix}${open}${RLM}${RLI}${body}${PDI}${trailing}`;
}

/**
 * For right-to-left text (ar, fa): marks each paragraph and line with its direction so clients that do not
 * set the direction show it right to left, and keeps numbers and Latin words in order. No-op for other
 * locales, and for lines without right-to-left letters (a Dutch text shown on request, an address alone).
 * Marking twice changes nothing.
 */
export function markDirection(text: string, locale: string): string {
  if (!isRightToLeft(locale)) return text;
  return text.split('\n').map(markLine).join('\n');
}

/** Characters the marks add to each line at most. */
const MARKS_PER_LINE = RLM.length + RLI.length + PDI.length;

/**
 * splitText, then markDirection on every part, with every marked part still at most `max` characters (the
 * marks are added after splitting, so that no part starts inside another part's isolate).
 */
export function splitAndMark(text: string, max: number, locale: string): string[] {
  if (!isRightToLeft(locale)) return splitText(text, max);
  let budget = max;
  for (;;) {
    const parts = splitText(text, budget).map((p) => markDirection(p, locale));
    const over = Math.max(0, ...parts.map((p) => p.length - max));
    if (over === 0 || budget <= MARKS_PER_LINE + 1) return parts;
    budget = Math.max(MARKS_PER_LINE + 1, budget - over);
  }
}
