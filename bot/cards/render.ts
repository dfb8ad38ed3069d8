// Turns knowledge and decisions into outgoing activities for a channel: text, authority card, buttons, metadata.
import { ActivityTypes, CardFactory, Channels, type Activity, type CardAction } from 'botbuilder';
import { supportsSuggestedActions } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import type { Locale } from '../../locales';
import type { AuthorityId, Hit, KnowledgeBase, LoadedEntry, Regime } from '../../knowledge';
import { AUTHORITIES_MENU } from './menus';
import { authorityAdaptiveCard, authorityText, authorityView } from './authorityCard';

export interface RenderContext {
  kb: KnowledgeBase;
  locale: Locale;
  t: TFunction;
  channelId: string;
}

/** Machine-readable metadata on every answer; the widget, analytics and tests read it. */
export interface WegwijzerChannelData {
  topic: string;
  authority: AuthorityId | null;
  confidence: number;
  /** For "did you mean": the entries offered, best first. */
  candidates?: string[];
}

/** Channels known to render Adaptive Cards; elsewhere the card becomes text with links. */
const CARD_CHANNELS = new Set<string>([
  Channels.Emulator, Channels.Webchat, Channels.Directline, Channels.DirectlineSpeech, Channels.Msteams, Channels.Test,
]);
export const supportsCards = (channelId: string) => CARD_CHANNELS.has(channelId);

export interface Offer { title: string; entryId?: string }

type Outgoing = Partial<Activity>;

/** Adds buttons, or a numbered list where the channel has no buttons (then "2" picks the second). */
function withOffers(activity: Outgoing, offers: Offer[], channelId: string): Outgoing {
  if (offers.length === 0) return activity;
  if (supportsSuggestedActions(channelId, offers.length)) {
    const actions: CardAction[] = offers.map((o) => ({ type: 'imBack', title: o.title, value: o.title }));
    return { ...activity, suggestedActions: { actions, to: [] } };
  }
  const list = offers.map((o, i) => `${i + 1}. ${o.title}`).join('\n');
  return { ...activity, text: `${activity.text ?? ''}\n\n${list}` };
}

function message(text: string, wegwijzer?: WegwijzerChannelData): Outgoing {
  return {
    type: ActivityTypes.Message,
    text,
    textFormat: 'markdown',
    ...(wegwijzer ? { channelData: { wegwijzer } } : {}),
  };
}

const dateFormat = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00Z`));

const sourceLinks = (urls: string[]) =>
  urls.map((u) => `[${new URL(u).host.replace(/^www\./, '')}](${u})`).join(', ');

/** Follow-ups from `related`: the titles of up to three related entries. */
export function followUps(entry: LoadedEntry, ctx: RenderContext): Offer[] {
  return entry.related.slice(0, 3).flatMap((id) => {
    const related = ctx.kb.get(id);
    return related ? [{ title: related.text[ctx.locale].title, entryId: id }] : [];
  });
}

/** One answer message: title, answer (regime variant when known), source line, authority card, follow-ups. */
export function renderAnswer(entry: LoadedEntry, confidence: number, ctx: RenderContext, regime?: Regime): Outgoing {
  const { kb, locale, t, channelId } = ctx;
  const answer = kb.answerFor(entry, locale, regime);
  const parts = [`**${entry.text[locale].title}**`, answer.text.trim()];
  if (answer.regime) parts.push(`_${t('answer.regimeNote', { regime: t(`regime.${answer.regime}`) })}_`);
  parts.push(`_${t('answer.source', { sources: sourceLinks(entry.sources), date: dateFormat(entry.reviewed, locale) })}_`);
  const authority = entry.authority === 'NONE' ? null : entry.authority;
  let activity = message(parts.join('\n\n'), { topic: entry.id, authority, confidence });
  if (authority) activity = withAuthority(activity, authority, ctx);
  return withOffers(activity, followUps(entry, ctx), channelId);
}

function withAuthority(activity: Outgoing, id: AuthorityId, ctx: RenderContext): Outgoing {
  const view = authorityView(id, ctx.kb.authority(id), ctx.locale, ctx.t, ctx.kb.municipality);
  if (supportsCards(ctx.channelId)) {
    return { ...activity, attachments: [CardFactory.adaptiveCard(authorityAdaptiveCard(view, ctx.t))] };
  }
  return { ...activity, text: `${activity.text ?? ''}\n\n${authorityText(view, ctx.t)}` };
}

/** The card for one organisation, when the user picked it from the routing menu. */
export function renderAuthority(id: AuthorityId, ctx: RenderContext): Outgoing {
  const name = id === 'GEMEENTE' && ctx.kb.municipality.name
    ? ctx.t('card.municipalityName', { name: ctx.kb.municipality.name })
    : ctx.kb.authority(id).name[ctx.locale];
  const activity = message(ctx.t('authority.intro', { name }), { topic: `authority:${id}`, authority: id, confidence: 1 });
  return withOffers(withAuthority(activity, id, ctx), menuOffers(ctx), ctx.channelId);
}

/** The welcome menu: popular topics and "talk to a person". */
export function menuOffers(ctx: RenderContext): Offer[] {
  const topics = ctx.kb.menu.welcome.flatMap((id) => {
    const entry = ctx.kb.get(id);
    return entry ? [{ title: entry.text[ctx.locale].title, entryId: id }] : [];
  });
  return [...topics, { title: ctx.t('buttons.person') }];
}

/** The routing menu: DUO, IND, COA, the gemeente, and "talk to a person". */
export function routingOffers(ctx: RenderContext): Offer[] {
  return [
    ...AUTHORITIES_MENU.map((id) => ({ title: ctx.kb.authority(id).short[ctx.locale] })),
    { title: ctx.t('buttons.person') },
  ];
}

export function renderWelcome(ctx: RenderContext): Outgoing {
  const text = [ctx.t('welcome.text')];
  if (ctx.kb.municipality.name) text.push(ctx.t('welcome.municipality', { name: ctx.kb.municipality.name }));
  return withOffers(message(text.join('\n\n')), menuOffers(ctx), ctx.channelId);
}

export function renderMenu(ctx: RenderContext, textKey: 'menu.text' | 'restart.text' = 'menu.text'): Outgoing {
  const text = textKey === 'menu.text' ? ctx.t('menu.text') : `${ctx.t('restart.text')} ${ctx.t('menu.text')}`;
  return withOffers(message(text), menuOffers(ctx), ctx.channelId);
}

export function renderHelp(ctx: RenderContext): Outgoing {
  return withOffers(message(ctx.t('help.text')), menuOffers(ctx), ctx.channelId);
}

/** Honest fallback: says it does not know, offers the routing menu and a person. Never a weak guess. */
export function renderFallback(confidence: number, ctx: RenderContext): Outgoing {
  const activity = message(ctx.t('fallback.text'), { topic: 'fallback', authority: null, confidence });
  return withOffers(activity, routingOffers(ctx), ctx.channelId);
}

/** "Did you mean ...?" with the close candidates as buttons. */
export function renderChoices(hits: Hit[], confidence: number, ctx: RenderContext): { activity: Outgoing; offers: Offer[] } {
  const offers = hits.map((h) => ({ title: h.entry.text[ctx.locale].title, entryId: h.entry.id }));
  const candidates = hits.map((h) => h.entry.id);
  const activity = message(ctx.t('choose.text'), { topic: 'did-you-mean', authority: null, confidence, candidates });
  return { activity: withOffers(activity, [...offers, { title: ctx.t('buttons.person') }], ctx.channelId), offers };
}

export function renderText(text: string): Outgoing {
  return message(text);
}
