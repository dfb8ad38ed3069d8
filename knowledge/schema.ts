// Shapes of the knowledge content (entries, authorities, synonyms), checked by zod when the app loads.
import { z } from 'zod';
import { LOCALES } from '../locales';

/** The organisations the knowledge base knows, by id (knowledge/authorities.yaml has one record each). */
export const AUTHORITIES = [
  'DUO', 'IND', 'COA', 'GEMEENTE', 'OMBUDSMAN', 'BELASTINGDIENST', 'UWV', 'JURIDISCH_LOKET',
  'VLUCHTELINGENWERK',
] as const;
/** One of `AUTHORITIES`. */
export type AuthorityId = (typeof AUTHORITIES)[number];

/** `NONE` is for entries about the assistant itself or about several organisations at once. */
export const AuthorityRef = z.enum([...AUTHORITIES, 'NONE']);
/** An entry's organisation: an `AuthorityId`, or `NONE`. */
export type AuthorityRef = z.infer<typeof AuthorityRef>;

/** The integration laws an answer may depend on: Wi2013 and Wi2021. */
export const REGIMES = ['wi2013', 'wi2021'] as const;
/** The schema of one of `REGIMES`. */
export const Regime = z.enum(REGIMES);
/** `wi2013` or `wi2021`: which integration law applies (to an answer, to a person). */
export type Regime = z.infer<typeof Regime>;

/**
 * Text per locale: Dutch (leading) and English are required; the other locales are translations that may
 * still be missing (then Dutch is shown, with a notice). `npm run kb:check` reports the gaps.
 */
const localized = <T extends z.ZodType>(value: T) => z.strictObject({
  nl: value, en: value,
  ar: value.optional(), tr: value.optional(), fa: value.optional(),
  ti: value.optional(), so: value.optional(), uk: value.optional(),
} satisfies Record<(typeof LOCALES)[number], z.ZodType>);
/** A value per locale: Dutch (leading) and English always, the other locales when translated. */
export type Localized<T> = { nl: T; en: T } & Partial<Record<(typeof LOCALES)[number], T>>;

/** The value for `locale`, or the Dutch one when that translation is missing. */
export function inLocale<T>(values: Localized<T>, locale: (typeof LOCALES)[number]): T {
  return values[locale] ?? values.nl;
}

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
const text = z.string().trim().min(1);
const isoDate = z.iso.date({ error: 'must be a date written as YYYY-MM-DD' });

/** A line of an answer made of lines (urgent help: one line per danger); keys are lower-case words with hyphens. */
export const LINE_KEY = /^[a-z]+(-[a-z]+)*$/;

/** An entry's text in one language: title (also what its button sends), answer, and what people ask it with. */
export const EntryText = z.strictObject({
  title: text.max(120),
  answer: text.max(1200),
  /**
   * Optional named lines shown as a list after `answer`, in this order unless a caller puts some first (urgent
   * help puts the line for the danger a message signals at the top). Every locale has the same keys.
   */
  lines: z.record(z.string().regex(LINE_KEY, { error: 'use lower-case words joined by hyphens' }), text.max(400)).optional(),
  questions: z.array(text.min(3)).min(6, { error: 'needs at least 6 question variants' }),
  keywords: z.array(text).min(4, { error: 'needs at least 4 keywords' }),
});
/** An entry's text in one language, as parsed (see the schema of the same name). */
export type EntryText = z.infer<typeof EntryText>;

/** A translation (locales other than the leading nl and en): at least 4 question variants of its own. */
export const TranslatedText = EntryText.extend({
  questions: z.array(text.min(2)).min(4, { error: 'needs at least 4 question variants' }),
});

/** nl (leading) and en are required; the other locales are translations (`npm run kb:check` reports gaps). */
const entryTexts = z.strictObject({
  nl: EntryText, en: EntryText,
  ar: TranslatedText.optional(), tr: TranslatedText.optional(), fa: TranslatedText.optional(),
  ti: TranslatedText.optional(), so: TranslatedText.optional(), uk: TranslatedText.optional(),
} satisfies Record<(typeof LOCALES)[number], z.ZodType>);

/** One knowledge entry file (knowledge/entries/<area>/<id>.yaml). */
export const KnowledgeEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'use lower-case words joined by hyphens' }),
  authority: AuthorityRef,
  /** Which integration law the answer is about; empty when it does not depend on either. */
  regime: z.array(Regime).default([]),
  sources: z.array(httpsUrl).min(1),
  reviewed: isoDate,
  related: z.array(z.string()).max(6).default([]),
  text: entryTexts,
  /** Answers that replace `text.<locale>.answer` when the user's regime is known. */
  variants: z.partialRecord(Regime, localized(text.max(1200))).optional(),
});
/** One entry as parsed, without where it came from (see `LoadedEntry`). */
export type KnowledgeEntry = z.infer<typeof KnowledgeEntry>;

/** A loaded entry also knows where it came from, for error messages and coverage tables. */
export interface LoadedEntry extends KnowledgeEntry {
  /** The entry's folder under the entries folder (`general` at its top). */
  area: string;
  /** The path it was read from. */
  file: string;
  /** `overlay` for a deployment's local entry (KNOWLEDGE_OVERLAY_DIR); national entries have none. */
  origin?: 'overlay';
}

const Phone = z.strictObject({
  number: text,
  /** Where the number is for, per locale (e.g. "from abroad"); omitted for the main line. */
  label: localized(text).optional(),
});

/** One organisation's record in knowledge/authorities.yaml: names, what it handles, how to reach it. */
export const Authority = z.strictObject({
  /** Short label for buttons ("DUO", "Gemeente"); also what a user may type to get the card. */
  short: localized(text.max(24)),
  name: localized(text),
  handles: localized(text),
  website: httpsUrl,
  phones: z.array(Phone).default([]),
  hours: localized(text).optional(),
  sources: z.array(httpsUrl).min(1),
  reviewed: isoDate,
});
/** One organisation's record as parsed: localized names and hours, phones, website and sources. */
export type Authority = z.infer<typeof Authority>;

/** knowledge/authorities.yaml: one record per id of `AUTHORITIES`. */
export const AuthoritiesFile = z.record(z.enum(AUTHORITIES), Authority);
/** Every organisation's record, by id. */
export type AuthoritiesFile = z.infer<typeof AuthoritiesFile>;
