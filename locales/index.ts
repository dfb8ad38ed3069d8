// The languages Wegwijzer speaks, their review status, and the i18next instance that serves the bot's own strings.
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import YAML from 'yaml';
import { z } from 'zod';
import ar from './ar/translation.json';
import en from './en/translation.json';
import fa from './fa/translation.json';
import nl from './nl/translation.json';
import so from './so/translation.json';
import ti from './ti/translation.json';
import tr from './tr/translation.json';
import uk from './uk/translation.json';

/**
 * This folder's files that are not compiled (status.yaml): beside this module when it runs from source (tests),
 * two levels up from dist/locales/ when it runs compiled. Computed here because locales/ imports nothing else of ours.
 */
const LOCALES_DIR = fs.existsSync(path.join(__dirname, 'status.yaml')) ? __dirname : path.join(__dirname, '..', '..', 'locales');

/** Supported locales; Dutch is leading and first. */
export const LOCALES = ['nl', 'en', 'ar', 'tr', 'fa', 'ti', 'so', 'uk'] as const;
export type Locale = (typeof LOCALES)[number];

/** Written right to left. */
export const RTL_LOCALES: ReadonlySet<Locale> = new Set(['ar', 'fa']);

export const RESOURCES: Record<Locale, Record<string, unknown>> = { nl, en, ar, tr, fa, ti, so, uk };

/** True when `value` is one of the supported locales. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const Status = z.strictObject(Object.fromEntries(LOCALES.map((l) => [l, z.enum(['leading', 'reviewed', 'unreviewed'])])) as
  Record<Locale, z.ZodEnum<{ leading: 'leading'; reviewed: 'reviewed'; unreviewed: 'unreviewed' }>>);
export type ReviewStatus = 'leading' | 'reviewed' | 'unreviewed';

/** The review status of every locale (locales/status.yaml). */
export const REVIEW_STATUS: Record<Locale, ReviewStatus> = (() => {
  const parsed = Status.safeParse(YAML.parse(fs.readFileSync(path.join(LOCALES_DIR, 'status.yaml'), 'utf8')));
  if (!parsed.success) throw new Error(`locales/status.yaml: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
})();

/**
 * A fresh, synchronously initialised i18next instance with all bundled resources.
 * Never change its language during a turn: use `getFixedT(locale)` (one language per turn).
 * `escapeValue` is off on purpose: channels render markdown, not HTML, and user text never goes
 * through `t()` interpolation into HTML (cards get plain TextBlocks).
 */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: RESOURCES[l] }])),
    lng: 'nl',
    fallbackLng: 'nl',
    supportedLngs: [...LOCALES],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    returnEmptyString: false,
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

export type { TFunction };
