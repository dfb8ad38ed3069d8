// How the dialogs reach the turn's language: the interface they read, which the bot's locale middleware
// (bot/middleware/locale.ts) implements and puts in turn state. Dialogs never import the middleware itself.
import type { TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { Locale } from '../locales';

/** The language of one turn. */
export interface TurnLanguage {
  locale: Locale;
  t: TFunction;
  /** The strings of another language (a choice may be typed as its label in any language). */
  tIn(locale: Locale): TFunction;
  /** Switches the rest of this turn to `locale` (a language chosen in the chat) and returns the new language. */
  switchTo(locale: Locale): TurnLanguage;
}

/** The turn-state key under which the locale middleware keeps the turn's `TurnLanguage`. */
export const TURN_LANGUAGE = Symbol('wegwijzer.language');

/** The turn's language; throws when no locale middleware ran on this adapter. */
export function languageOf(context: TurnContext): TurnLanguage {
  const language = context.turnState.get(TURN_LANGUAGE) as TurnLanguage | undefined;
  if (!language) throw new Error('localeMiddleware is not installed on this adapter');
  return language;
}

/** Like `languageOf`, but usable where the middleware may not have run (error handling). */
export function tryLanguageOf(context: TurnContext): TurnLanguage | undefined {
  return context.turnState.get(TURN_LANGUAGE) as TurnLanguage | undefined;
}
