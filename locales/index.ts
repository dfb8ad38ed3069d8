// The languages Wegwijzer speaks and the i18next instance that serves the bot's own strings.
import i18next, { type i18n, type TFunction } from 'i18next';
import en from './en/translation.json';
import nl from './nl/translation.json';

/** Supported locales; Dutch is leading and first. */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const RESOURCES: Record<Locale, Record<string, unknown>> = { nl, en };

/** True when `value` is one of the supported locales. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

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
