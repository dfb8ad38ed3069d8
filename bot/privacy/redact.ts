// PII redaction for everything Wegwijzer stores or logs: BSN, IBAN, V-number, phone numbers, e-mail addresses,
// dates of birth, and any other long number. Pure; no botbuilder.

export type PiiKind = 'bsn' | 'iban' | 'vnumber' | 'phone' | 'email' | 'birthdate' | 'number';

/** What replaces each kind of personal data. Neutral tokens, the same in every language. */
export const PLACEHOLDER: Record<PiiKind, string> = {
  bsn: '[BSN]', iban: '[IBAN]', vnumber: '[V-nummer]', phone: '[telefoon]', email: '[e-mail]',
  birthdate: '[geboortedatum]', number: '[nummer]',
};

/** The BSN "elfproef": 9 digits, 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11, and not all zeros. */
export function isBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** ISO 13616 check: move the first four characters to the end, letters → numbers, mod 97 must be 1. */
export function isIban(candidate: string): boolean {
  const iban = candidate.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of moved) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Bounded parts (64 before the @, as RFC 5321 allows): an unbounded run makes a long word quadratic. */
const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/gu;
const IBAN = /\b[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}/g;
/** "V-nummer 1234567890", "v-nr: 12 3456 7890", "V number 1234567890": the word, then 10 digits. */
const VNUMBER = /\b[Vv](?:[ -]?(?:nummer|number|nr|no)\b[^\d\n]{0,12}?|[ -]?)(\d(?:[ .]?\d){9})(?!\d)/g;
/** Dates such as 03-04-1990, 3/4/90, 1990-04-03, 3.4.1990. */
const DATE = /(?<!\d)(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})(?!\d)/g;
/** Words that make a nearby date a date of birth, in the eight supported languages. */
const BIRTH = /(geboren|geboorte|born|birth|dob|مواليد|ولدت|الميلاد|تولد|doğum|dogum|ልደት|ተወሊደ|dhalasho|dhashay|народжен|народження|дата нар)/iu;
/** International phone numbers: +31 6 12345678, 0031 20 1234567, +32 (0)2 123 45 67. */
const PHONE_INTERNATIONAL = /(?<![\p{L}\d])(?:\+|00)\d{1,3}[ -]?(?:\(0\))?[ -]?\d(?:[ -]?\d){6,11}(?!\d)/gu;
/** Dutch phone numbers: 0 and nine more digits, as 06-12345678, 020 123 4567, (020) 1234567. */
const PHONE_LOCAL = /(?<![\p{L}\d])\(?0\d{1,3}\)?(?:[ -]?\d){6,8}(?!\d)/gu;
const isLocalPhone = (match: string) => match.replace(/\D/g, '').length === 10;
/** A 9-digit group, possibly written 123.456.789 or 123 45 6789: a BSN when it passes the elfproef. */
const NINE_DIGITS = /(?<![\d.])\d(?:[ .]?\d){8}(?![\d])/g;
/** Any other run of 7 or more digits (case numbers, client numbers): better lost than leaked. */
const LONG_NUMBER = /\d(?:[ .-]?\d){6,}/g;
/** A date written with a month name ("3 maart 1990", "3 March 1990"), for dates of birth. */
const DATE_WORDS = /(?<!\d)\d{1,2}\.?\s+\p{L}{3,12}\.?\s+\d{4}(?!\d)/gu;
/**
 * Ordinary numbers that look long but are not personal: dates, times ("9.00-17.00", "14:30"), year ranges
 * ("2015-2021"), amounts ("€ 1.250.000", "1.000.000 euro"). They are set aside before the long-number rule.
 */
const ORDINARY = new RegExp([
  /(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?!\d)/.source,
  /(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)/.source,
  /(?<!\d)\d{1,2}[:.]\d{2}(?!\d)/.source,
  /(?<!\d)(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}(?!\d)/.source,
  /€\s?\d{1,3}(?:[.,]\d{3})+(?:,\d{2})?/.source,
  /(?<!\d)\d{1,3}(?:[.,]\d{3})+(?:,\d{2})?\s?(?:euro|eur|€)/.source,
].join('|'), 'giu');
/** Arabic-Indic and Persian digits, read as the digits they are (a BSN typed in Arabic digits is a BSN). */
const toAsciiDigits = (text: string) => text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) =>
  String(d.charCodeAt(0) - (d >= '\u06f0' ? 0x06f0 : 0x0660)));

/**
 * Replaces personal data in `text` with neutral placeholders ("[BSN]"). Order matters: e-mail first (it may
 * hold digits), then IBAN and V-number (both checked or keyed), dates of birth (only with a birth word
 * within 30 characters before the date), international phone numbers, BSN (elfproef), Dutch phone numbers,
 * then any other long number (dates excepted).
 * @example redact('mijn bsn is 111222333') === 'mijn bsn is [BSN]'
 */
export function redact(text: string): string {
  let out = toAsciiDigits(text);
  // The costlier patterns run only when their anchor is there at all (long messages stay linear and fast).
  if (out.includes('@')) out = out.replace(EMAIL, PLACEHOLDER.email);
  out = out.replace(IBAN, (match) => {
    // The pattern may run on into the next word; the IBAN is the longest prefix that passes mod-97.
    for (let end = match.length; end >= 15; end--) {
      const prefix = match.slice(0, end);
      if (/[A-Za-z0-9]$/.test(prefix) && isIban(prefix)) return PLACEHOLDER.iban + match.slice(end);
    }
    return match;
  });
  out = out.replace(VNUMBER, (match, digits: string) => match.replace(digits, PLACEHOLDER.vnumber));
  const birth = (match: string, offset: number, whole: string) =>
    BIRTH.test(whole.slice(Math.max(0, offset - 30), offset)) ? PLACEHOLDER.birthdate : match;
  if (BIRTH.test(out)) out = out.replace(DATE, birth).replace(DATE_WORDS, birth);
  out = out.replace(PHONE_INTERNATIONAL, PLACEHOLDER.phone);
  out = out.replace(NINE_DIGITS, (match) => (isBsn(match.replace(/[ .]/g, '')) ? PLACEHOLDER.bsn : match));
  out = out.replace(PHONE_LOCAL, (match) => (isLocalPhone(match) ? PLACEHOLDER.phone : match));
  // Set ordinary numbers aside (as \u0000<index>\u0000), redact the remaining long numbers, put them back.
  const kept: string[] = [];
  out = out.replace(ORDINARY, (match) => `\u0000${kept.push(match) - 1}\u0000`);
  out = out.replace(LONG_NUMBER, PLACEHOLDER.number);
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)] ?? '');
}

/**
 * Which kinds of personal data `text` contains (for the one-time "I never need your BSN" warning). Pass
 * `redacted` when it is at hand, so the text is not redacted twice.
 */
export function findPii(text: string, redacted = redact(text)): PiiKind[] {
  return (Object.keys(PLACEHOLDER) as PiiKind[]).filter((kind) => redacted.includes(PLACEHOLDER[kind]) && !text.includes(PLACEHOLDER[kind]));
}

/**
 * Text a person typed, made safe to show again: bidi overrides and isolates (which can make text read
 * backwards, e.g. "exe.gnp" shown as "png.exe"), other invisible control characters, and runs of blank
 * lines are removed. Letters, emoji, zero-width joiners and line breaks stay.
 */
export function cleanUserText(text: string): string {
  return text
    .replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
