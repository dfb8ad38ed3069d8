// Picks the reply language for this turn only (saved choice, the message's language, the channel's
// locale, the default).
import type { Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import { isLocale, type Locale } from '../../locales';
import { detectLocale } from '../../locales/detect';
import { TURN_LANGUAGE, type TurnLanguage } from '../../dialogs/language';
import type { UserProfile } from '../state';

// The dialogs read the turn's language through this interface; this middleware implements it.
export { languageOf, tryLanguageOf, type TurnLanguage } from '../../dialogs/language';

/** 'en-US' → 'en'; missing or unsupported → undefined. Pure. */
export function supportedLocale(requested: string | undefined): Locale | undefined {
  const base = requested?.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : undefined;
}

/**
 * The turn's locale: an explicit saved choice; else the language the message is written in, when the detector is
 * sure (never for short messages); else the activity's locale when supported (`ar-SY` → `ar`); else the fallback
 * (Dutch by default). The language people write in wins over a client's interface language: Teams and the Agents
 * Playground send `en-US` with every message, whatever the person writes.
 */
export function pickLocale(
  saved: Locale | undefined, activityLocale: string | undefined, text: string | undefined, fallback: Locale, detect: Detector = detectLocale,
): Locale {
  const channel = supportedLocale(activityLocale);
  // Overriding the channel's locale takes a little more text: a three-word button label ("Daha fazla bilgi") can
  // look like another language to the detector.
  const long = text !== undefined && (channel === undefined || wordsIn(text) >= OVERRIDE_MIN_WORDS);
  return saved ?? (long ? detect(text) : undefined) ?? channel ?? fallback;
}

/** Words (of two letters or more) a message needs before its detected language overrides the channel's locale. */
export const OVERRIDE_MIN_WORDS = 4;
const wordsIn = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1).length;

/** Guesses a message's language, undefined when unsure. */
export type Detector = (text: string) => Locale | undefined;

export function localeMiddleware(i18next: i18n, profile: StatePropertyAccessor<UserProfile>, fallback: Locale, detect: Detector = detectLocale): Middleware {
  return {
    async onTurn(context, next) {
      const saved = (await profile.get(context, {}))?.locale;
      const text = typeof context.activity.text === 'string' ? context.activity.text : undefined;
      setLanguage(context, i18next, pickLocale(saved, context.activity.locale, text, fallback, detect));
      await next();
    },
  };
}

/** Puts the turn's language (in `locale`) into turn state, where `languageOf` finds it. */
export function setLanguage(context: TurnContext, i18next: i18n, locale: Locale): TurnLanguage {
  const language: TurnLanguage = {
    locale,
    t: i18next.getFixedT(locale),
    tIn: (other: Locale) => i18next.getFixedT(other),
    switchTo: (other: Locale) => setLanguage(context, i18next, other),
  };
  context.turnState.set(TURN_LANGUAGE, language);
  return language;
}
