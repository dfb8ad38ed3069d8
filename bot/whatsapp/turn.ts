// What a WhatsApp turn does besides the bot's usual work: keep the conversation's language, greet on the first
// message, and answer photos, documents, locations and voice notes briefly.
//
// The language. WhatsApp sends no locale, and most messages are too short for the detector to be sure ("2",
// "ok", a tapped button, a photo). So the conversation keeps the last language that was sure (the person's
// choice, a message the detector recognised, or the language kept before) on its `whatsapp` property, and
// gives it to the locale middleware as the channel's locale. As on every channel, a saved choice wins, and only
// a message of four words or more in another language overrides the channel's locale (and is then kept).
//
// The first message. WhatsApp sends no "joined" event, so the first message both greets and is answered:
// - When its language is sure (the detector recognises it, or the person chose a language before), the
//   welcome with the menu in that language comes first, then the answer to the message.
// - Otherwise (a greeting such as "hi" or "salam", one word, a photo) the turn is in DEFAULT_LOCALE, and the
//   welcome's introduction comes with the language choice as a list (each language in its own name), and the
//   way to urgent help. The message is still answered when the bot knows what it means ("DUO", "examen");
//   only the honest "I have no good answer" is left out of that first turn: to a greeting it reads as a
//   refusal, and the welcome has just said what the bot can do (the urgent-help line stays, as in the
//   fallback). A language tapped in the list is saved as the person's choice.
// The welcome is put in front of the turn's first reply (and sent alone if the turn has none), so it goes
// through the transcript and the memory of offered choices like every other message.
import { ActivityTypes, TurnContext, type Activity, type Middleware } from 'botbuilder';
import type { AuthorityId, KnowledgeBase } from '../../knowledge';
import type { Locale } from '../../locales';
import type { Detector } from '../middleware/locale';
import { languageOf } from '../middleware/locale';
import {
  authorityName, renderAnswer, renderText, renderWelcome, withOffers, withUrgentHelp, type RenderContext, wegwijzerOf,
} from '../cards/render';
import { authorityView } from '../cards/authorityCard';
import { claimWelcome, saveState, type BotState } from '../state';
import { whatsappDataOf } from './adapter';
import { WHATSAPP_CHANNEL } from '../channels/whatsapp';
import { internationalNumber } from './render';

/** Kept per conversation, beside the dialog state: the last language that was sure. */
interface WhatsAppConversation { locale?: Locale }

export interface WhatsAppTurnDeps {
  state: BotState;
  kb: KnowledgeBase;
  /** The detector the locale middleware uses: sure → a locale, unsure → undefined. */
  detect: Detector;
  /** Every language by its own name, for the language choice. */
  languages: { locale: Locale; name: string }[];
}

const isWhatsAppMessage = (activity: Partial<Activity>) =>
  activity.channelId === WHATSAPP_CHANNEL && activity.type === ActivityTypes.Message;

const isFallback = (activity: Partial<Activity>) => wegwijzerOf(activity)?.kind === 'fallback';

const renderContext = (context: TurnContext, kb: KnowledgeBase): RenderContext => {
  const { locale, t } = languageOf(context);
  return { kb, locale, t, channelId: WHATSAPP_CHANNEL };
};

/** The welcome when the language is not known: who the bot is, the languages, and urgent help. */
function languageWelcome(ctx: RenderContext, languages: WhatsAppTurnDeps['languages']): Partial<Activity> {
  const lines = [ctx.t('welcome.text').split('\n\n')[0]!];
  if (ctx.kb.municipality.name) lines.push(ctx.t('welcome.municipality', { name: ctx.kb.municipality.name }));
  lines.push(ctx.t('language.choose'));
  const { text, offers } = withUrgentHelp(lines.join('\n\n'), ctx);
  return withOffers(renderText(text), [...languages.map((l) => ({ title: l.name })), ...offers], WHATSAPP_CHANNEL);
}

/**
 * The WhatsApp adapter's middleware: `beforeLocale` right before the locale middleware (it gives it the
 * conversation's language), `afterLocale` right after it and before the others (it needs the turn's language,
 * and its send hook must see replies before the memory of offered choices does).
 */
export function whatsappTurns(deps: WhatsAppTurnDeps): { beforeLocale: Middleware; afterLocale: Middleware } {
  const conversation = deps.state.conversationState.createProperty<WhatsAppConversation>('whatsapp');
  const beforeLocale: Middleware = {
    async onTurn(context, next) {
      if (!isWhatsAppMessage(context.activity)) return next();
      const { locale } = await conversation.get(context, {});
      if (locale) context.activity.locale = locale;
      await next();
    },
  };
  const afterLocale: Middleware = {
    async onTurn(context, next) {
      const { activity } = context;
      if (!isWhatsAppMessage(activity)) return next();
      const stored = await conversation.get(context, {});
      const chosen = (await deps.state.profile.get(context, {})).locale;
      // Only what the person typed says which language they write: a tap sends the bot's own words back (the
      // "show the Dutch text" button sends a Dutch title, answered in Dutch for that turn only).
      const kind = whatsappDataOf(activity)?.kind;
      const typed = (kind === 'text' || kind === 'caption') && typeof activity.text === 'string' ? activity.text : '';
      // Sure: chosen, kept before, or recognised now. The default for want of anything better is not kept.
      const sure = Boolean(chosen || stored.locale || (typed && deps.detect(typed)));
      const { locale } = languageOf(context);
      if (sure && (chosen || typed) && stored.locale !== locale) await conversation.set(context, { ...stored, locale });

      if (!(await claimWelcome(deps.state, context))) return next();
      const welcome = () => {
        const ctx = renderContext(context, deps.kb);
        return sure ? renderWelcome(ctx) : languageWelcome(ctx, deps.languages);
      };
      const reference = TurnContext.getConversationReference(activity);
      let greeted = false;
      context.onSendActivities(async (_ctx, activities, nextSend) => {
        if (!sure) {
          for (let i = activities.length - 1; i >= 0; i--) if (isFallback(activities[i]!)) activities.splice(i, 1);
        }
        if (!greeted && activities.some((a) => a.type === ActivityTypes.Message)) {
          greeted = true;
          activities.unshift(TurnContext.applyConversationReference({ ...welcome() }, reference));
        }
        return activities.length ? nextSend() : [];
      });
      await next();
      if (!greeted) {
        greeted = true;
        await context.sendActivity(welcome());
        // The turn saved its state before this send: save again, so the welcome's choices are remembered ("2").
        await saveState(deps.state, context);
      }
    },
  };
  return { beforeLocale, afterLocale };
}

/**
 * The reply to a voice note: the bot cannot listen yet, and whom to call: the organisation of the conversation
 * when it has a phone number, else the municipality's (when the deployment configured one), else DUO, which
 * handles civic integration. Numbers come from the knowledge base only; when none of them has one, the answer
 * on reaching a person follows instead (as "talk to a person" gives when nothing is known yet).
 */
export function voiceReplies(ctx: RenderContext, last: AuthorityId | undefined): Partial<Activity>[] {
  const phoneOf = (id: AuthorityId) =>
    authorityView(id, ctx.kb.authority(id), ctx.locale, ctx.t, ctx.kb.municipality).phones[0]?.number;
  const authority = ([last, 'GEMEENTE', 'DUO'] as const).find((id): id is AuthorityId => Boolean(id && phoneOf(id)));
  const cannot = ctx.t('whatsapp.voice');
  if (!authority) return [renderText(cannot), renderAnswer(ctx.kb.get(ctx.kb.menu.person)!, ctx, { confidence: 1 })];
  const call = ctx.t('whatsapp.voiceCall', { name: authorityName(authority, ctx), phone: internationalNumber(phoneOf(authority)!) });
  return [renderText(`${cannot} ${call}`)];
}

/**
 * The turn itself: the bot for text and taps, and for a caption (after a line that the photo, video or file
 * itself was not read); for a photo, document, location or sticker without one a short reply that only text
 * is understood, and for a voice note `voiceReplies`.
 */
export function whatsappLogic(deps: { bot: { run(context: TurnContext): Promise<void> }; state: BotState; kb: KnowledgeBase }) {
  return async (context: TurnContext): Promise<void> => {
    const kind = whatsappDataOf(context.activity)?.kind;
    if (kind === 'caption') await context.sendActivity(renderText(languageOf(context).t('input.attachmentIgnored')));
    if (kind !== 'media' && kind !== 'voice') return deps.bot.run(context);
    const ctx = renderContext(context, deps.kb);
    const replies = kind === 'voice'
      ? voiceReplies(ctx, (await deps.state.conversationData.get(context, {})).lastAuthority)
      : [renderText(ctx.t('input.textOnly'))];
    await context.sendActivities(replies);
    await saveState(deps.state, context);
  };
}
