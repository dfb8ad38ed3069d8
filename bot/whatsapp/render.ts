// How one bot reply looks on WhatsApp: the Graph API "messages" bodies to send for it, in order. Pure.
//
// - Text: the bot's markdown in WhatsApp's own formatting (*bold*, _italic_, links as plain URLs), each paragraph
//   and line marked right to left for Arabic and Persian, at most 4,096 characters per message (split at
//   paragraph boundaries). A text the bot marked `textFormat: 'plain'` (what a person typed: summaries,
//   letters) is not read as markdown. Dutch phone numbers become international (+31 ...), which WhatsApp makes
//   tappable; service numbers (0800, 0900, ...) stay as they are, because they cannot be dialled as +31 (the
//   organisations publish a separate number for calls from abroad).
// - Choices (the suggested actions withOffers puts on the activity): up to 3 as reply buttons when every title
//   fits on a button (20), else and for 4–10 a list message (row titles ≤ 24, the whole text in the row
//   description ≤ 72); more than 10 as a numbered list in the text (withOffers already does that for WhatsApp;
//   this is the safety net). Why a list rather than shortened buttons: almost every follow-up and "did you
//   mean" button is a question longer than 20 characters ("Hoe neem ik contact…" hides "met de IND?"), and
//   only a list row shows it whole, in its description; yes/no and menu buttons stay buttons. Titles are
//   shortened at a word boundary and made unique (the API refuses two equal titles). When the text does not
//   fit in an interactive message's body (1,024), it goes first as text message(s) and the buttons or list
//   follow with a short body ("Choose one:").
// - Button and row ids: the offered value itself (what a tap sends; the WhatsApp adapter makes the reply's id
//   the message text). A value that cannot be an id (longer than the API allows — 256 for buttons, 200 for
//   rows —, with leading or trailing spaces, or offered twice) gets its position instead: "3". The bot reads a
//   number as the choice at that position of the last message with choices (conversation state `lastChoices`,
//   see bot/middleware/memory.ts and MainDialog), so the adapter passes every id on as text, unchanged.
// Limits: Meta's Cloud API reference for text, interactive reply-button and list messages.
import type { Activity } from 'botbuilder';
import { formatText, markDirection, shortTitle, splitAndMark } from '../channels/format';
import { RESOURCES, RTL_LOCALES, type Locale } from '../../locales';

export type WhatsAppOutgoing = Record<string, unknown>; // a full Graph "messages" body (messaging_product, recipient_type, to, type, ...)

/** The Cloud API's limits, in characters. */
export const WHATSAPP_LIMITS = {
  text: 4096,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  rows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  listButton: 20,
} as const;

interface Choice { title: string; value: string }

const strings = (locale: Locale) => (RESOURCES[locale] as { whatsapp: { listButton: string; choose: string } }).whatsapp;

/** Bidi isolates around a run that must read left to right (authorityText puts them around phone numbers). */
const LRI = '\u2066';
const PDI = '\u2069';
const ISOLATED = /\u2066([^\u2066\u2069]*)\u2069/g;

/**
 * A Dutch number in international format: "050 599 96 00" → "+31 50 599 96 00" (same grouping, the trunk 0
 * dropped). Numbers that are already international, and 0800/0900-type service numbers, which cannot be
 * dialled as +31, come back unchanged. Also for the voice-note reply, to fill `whatsapp.voiceCall`'s {{phone}}.
 */
export function internationalNumber(number: string): string {
  const trimmed = number.trim();
  if (!/^0[1-9][\d -]*\d$/.test(trimmed) || /^0[89]0/.test(trimmed)) return trimmed;
  if (trimmed.replace(/\D/g, '').length !== 10) return trimmed;
  return `+31 ${trimmed.slice(1).replace(/^[ -]+/, '')}`;
}

/**
 * A phone number written in a text (an answer that names one): Dutch (8 to 11 digits: "0800-0543",
 * "050 599 96 00", "0800-33 55 555") or international; not inside a word, an address or an isolate.
 */
const PHONE_NUMBER = /(?<![\w/+=.\-\u2066])(?:0[1-9]\d(?:[ -]?\d){5,8}|\+\d{1,3}(?:[ -]?\d){6,13})(?![\w/])/g;

/**
 * Makes the phone numbers of a bot text tappable. In right-to-left languages every number is isolated left to
 * right (without, "50 599 96 00" reads "00 96 599 50"); in the others the isolates the authority details put
 * around theirs go. A line that repeats a number of the details shown above it (IND's national number, once
 * international, is its number "from abroad") is left out.
 */
function tappablePhones(markdown: string, locale: Locale): string {
  const rtl = RTL_LOCALES.has(locale);
  const isolate = (number: string) => (rtl ? `${LRI}${number}${PDI}` : number);
  const seen = new Set<string>();
  const lines = markdown.split('\n').flatMap((line) => {
    let repeated = false;
    const converted = line.replace(ISOLATED, (whole, inner: string) => {
      if (!/^[+\d][\d -]*\d$/.test(inner.trim())) return whole;
      const number = internationalNumber(inner);
      const key = number.replace(/\D/g, '');
      if (seen.has(key)) repeated = true;
      seen.add(key);
      return isolate(number);
    });
    return repeated ? [] : [converted];
  });
  // Numbers written in an answer's own text ("+31 70 2140214" too needs its isolate in Arabic).
  return lines.join('\n').replace(PHONE_NUMBER, (number) => isolate(internationalNumber(number)));
}

/** The text of the reply in WhatsApp's formatting (not yet marked or split). */
function textOf(activity: Partial<Activity>, locale: Locale): string {
  const text = typeof activity.text === 'string' ? activity.text : '';
  // Plain text is what a person typed, shown as typed.
  if (activity.textFormat === 'plain') return text.trim();
  return formatText(tappablePhones(text, locale), 'whatsapp').trim();
}

/** A title of at most `max` characters, shortened at a word boundary, no markup, marked for its direction. */
function fitTitle(title: string, max: number, locale: Locale): string {
  const plain = formatText(title, 'plain').replace(/\s+/g, ' ').trim();
  for (let budget = max; ;) {
    const marked = markDirection(shortTitle(plain, budget), locale);
    const over = marked.length - max;
    if (over <= 0 || budget - over < 1) return marked;
    budget -= over;
  }
}

/**
 * Titles of at most `max` characters that differ from each other: equal shortened titles get their position
 * ("Hoe meld ik me… (2)"), the number a person could type as well.
 */
function uniqueTitles(titles: string[], max: number, locale: Locale): string[] {
  const key = (title: string) => title.toLocaleLowerCase(locale);
  const short = titles.map((title) => fitTitle(title, max, locale));
  const count = new Map<string, number>();
  for (const title of short) count.set(key(title), (count.get(key(title)) ?? 0) + 1);
  return short.map((title, i) => {
    if (count.get(key(title)) === 1) return title;
    const suffix = ` (${i + 1})`;
    return `${fitTitle(titles[i] ?? '', max - suffix.length, locale)}${suffix}`;
  });
}

/** Ids for the choices: the value itself where the API allows it, else the choice's position. */
function choiceIds(choices: Choice[], max: number): string[] {
  const used = new Set<string>();
  return choices.map(({ value }, i) => {
    const usable = value.length > 0 && value.length <= max && value === value.trim() && !used.has(value);
    const id = usable ? value : String(i + 1);
    used.add(id);
    return id;
  });
}

function choicesOf(activity: Partial<Activity>): Choice[] {
  return (activity.suggestedActions?.actions ?? []).flatMap((action) => {
    const value = typeof action.value === 'string' ? action.value : String(action.title ?? '');
    const title = String(action.title ?? value);
    return value.trim() && title.trim() ? [{ title, value }] : [];
  });
}

/** The bodies for one reply, in `locale`: the turn's language (the adapter falls back to DEFAULT_LOCALE). */
export function renderForWhatsApp(activity: Partial<Activity>, options: { to: string; locale: Locale }): WhatsAppOutgoing[] {
  if (activity.type !== 'message') return [];
  const { locale } = options;
  const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: options.to };
  const textMessage = (body: string): WhatsAppOutgoing =>
    ({ ...envelope, type: 'text', text: { body, preview_url: false } });

  let text = textOf(activity, locale);
  let choices = choicesOf(activity);
  if (choices.length > WHATSAPP_LIMITS.rows) {
    const list = choices.map((c, i) => `${i + 1}. ${formatText(c.title, 'plain')}`).join('\n');
    text = text ? `${text}\n\n${list}` : list;
    choices = [];
  }
  if (choices.length === 0) return splitAndMark(text, WHATSAPP_LIMITS.text, locale).map(textMessage);

  // The text goes in the interactive message when it fits; otherwise before it, and the body says "choose".
  const inBody = splitAndMark(text, WHATSAPP_LIMITS.interactiveBody, locale);
  const before = inBody.length > 1 ? splitAndMark(text, WHATSAPP_LIMITS.text, locale).map(textMessage) : [];
  const body = inBody.length === 1 ? inBody[0]! : fitTitle(strings(locale).choose, WHATSAPP_LIMITS.interactiveBody, locale);

  const whole = choices.map((c) => fitTitle(c.title, Number.MAX_SAFE_INTEGER, locale));
  if (choices.length <= WHATSAPP_LIMITS.buttons && whole.every((title) => title.length <= WHATSAPP_LIMITS.buttonTitle)) {
    const titles = uniqueTitles(choices.map((c) => c.title), WHATSAPP_LIMITS.buttonTitle, locale);
    const ids = choiceIds(choices, WHATSAPP_LIMITS.buttonId);
    const buttons = choices.map((_, i) => ({ type: 'reply', reply: { id: ids[i], title: titles[i] } }));
    return [...before, { ...envelope, type: 'interactive', interactive: { type: 'button', body: { text: body }, action: { buttons } } }];
  }
  const titles = uniqueTitles(choices.map((c) => c.title), WHATSAPP_LIMITS.rowTitle, locale);
  const ids = choiceIds(choices, WHATSAPP_LIMITS.rowId);
  const rows = choices.map((c, i) => {
    // The row's description carries the whole text when its title had to be shortened.
    const description = titles[i] === whole[i] ? undefined : fitTitle(c.title, WHATSAPP_LIMITS.rowDescription, locale);
    return { id: ids[i], title: titles[i], ...(description ? { description } : {}) };
  });
  // One section: a section title is required only when there are several.
  const action = { button: fitTitle(strings(locale).listButton, WHATSAPP_LIMITS.listButton, locale), sections: [{ rows }] };
  return [...before, { ...envelope, type: 'interactive', interactive: { type: 'list', body: { text: body }, action } }];
}
