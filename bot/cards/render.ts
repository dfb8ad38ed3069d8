// Turns knowledge and decisions into outgoing activities for a channel: text, authority card, buttons, metadata.
import { ActivityTypes, CardFactory, Channels, type Activity, type CardAction } from 'botbuilder';
import { supportsSuggestedActions } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { REVIEW_STATUS, type Locale } from '../../locales';
import { GUIDE_IDS, guideOfferedOn, inLocale, type AuthorityId, type Hit, type KnowledgeBase, type LoadedEntry, type Regime } from '../../knowledge';
import { AUTHORITIES_MENU } from './menus';
import { authorityAdaptiveCard, authorityText, authorityView } from './authorityCard';
import { WHATSAPP_CHANNEL } from '../channels/whatsapp';

/** What rendering needs for one turn: the knowledge base, the person's language and `t` for it, and the channel. */
export interface RenderContext {
  kb: KnowledgeBase;
  locale: Locale;
  t: TFunction;
  channelId: string;
}

/**
 * What a message with metadata is, so readers switch on it instead of parsing `topic`:
 * `answer` an entry's answer (also inside a guided conversation), `urgent` the urgent-help answer,
 * `did-you-mean` close candidates to choose from, `fallback` the honest "I do not know", `authority` an
 * organisation's card, `guide` a guided conversation's result (overview, routing result), `command` the reply to
 * a global command.
 */
export const MESSAGE_KINDS = ['answer', 'did-you-mean', 'fallback', 'authority', 'guide', 'urgent', 'command'] as const;
/** One of `MESSAGE_KINDS`. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Machine-readable metadata on every answer, card, choice and fallback; the widget, analytics and tests read it. */
export interface EntryChannelData {
  kind: Exclude<MessageKind, 'command'>;
  /** The entry's id for an answer; `fallback`, `did-you-mean` and `authority:<id>` as before `kind` existed. */
  topic: string;
  /** The organisation the message is about (its card), or null. */
  authority: AuthorityId | null;
  /** The search's confidence (0..1); 1 for what the person chose and for cards. */
  confidence: number;
  /** For "did you mean": the entries offered, best first. */
  candidates?: string[];
  /** For an answer: other entries of the same organisation offered as "or did you mean", best first. */
  alternatives?: string[];
}

/** Which global command a `command` reply answers. */
export type CommandReply = 'menu' | 'restart' | 'help' | 'language' | 'language-chosen' | 'paused';

/**
 * The reply to a global command (the menu, help, the language choice, starting again, the menu while a guided
 * conversation is paused): no entry and no organisation, so no `topic` (transcripts and staff tools, which read
 * `topic`, see these replies as before).
 */
export interface CommandChannelData {
  kind: 'command';
  command: CommandReply;
  authority: null;
  confidence: 1;
}

/** `channelData.wegwijzer`: see the README, "channelData.wegwijzer: the wire format". */
export type WegwijzerChannelData = EntryChannelData | CommandChannelData;

/** The metadata of a reply to a global command. */
const commandReply = (command: CommandReply): CommandChannelData => ({ kind: 'command', command, authority: null, confidence: 1 });

/** The metadata of an outgoing message, if it has any. */
export const wegwijzerOf = (activity: Partial<Activity>): WegwijzerChannelData | undefined =>
  (activity.channelData as { wegwijzer?: WegwijzerChannelData } | undefined)?.wegwijzer;

/** The same message marked as another kind (an organisation's card that is a guided conversation's result). */
export function withKind(activity: Outgoing, kind: EntryChannelData['kind']): Outgoing {
  const meta = wegwijzerOf(activity);
  return meta && meta.kind !== 'command' ? { ...activity, channelData: { ...(activity.channelData as object), wegwijzer: { ...meta, kind } } } : activity;
}

/** Channels known to render Adaptive Cards; elsewhere the card becomes text with links. */
const CARD_CHANNELS = new Set<string>([
  Channels.Emulator, Channels.Webchat, Channels.Directline, Channels.DirectlineSpeech, Channels.Msteams, Channels.Test,
]);
/** Whether the channel shows Adaptive Cards (else the card goes into the text). */
export const supportsCards = (channelId: string) => CARD_CHANNELS.has(channelId);
/** Web Chat's channels (the widget, or Web Chat on Azure's Direct Line): they send and receive its events. */
export const isWebChat = (channelId: string) => channelId === Channels.Webchat || channelId === Channels.Directline;

/** A button: `title` is shown; `value` (default: the title) is what a click sends. */
export interface Offer { title: string; value?: string; entryId?: string }

/**
 * What a message's buttons (or numbered list) send, kept on the activity under a symbol: JSON never carries it,
 * but the turn's send hook sees it and remembers it, so "2" works on channels without buttons.
 */
export const OFFERED = Symbol('wegwijzer.offered');
/** What the message's buttons (or numbered list) send, in order; undefined when it offers nothing. */
export const offeredValues = (activity: Partial<Activity>): string[] | undefined =>
  (activity as { [OFFERED]?: string[] })[OFFERED];

type Outgoing = Partial<Activity> & { [OFFERED]?: string[] };

/**
 * Channels the SDK's table does not know whose adapter turns suggested actions into its own buttons, with how
 * many it can show: WhatsApp (bot/whatsapp/render.ts) makes up to 3 reply buttons or a list of up to 10.
 */
const OWN_BUTTON_CHANNELS = new Map<string, number>([[WHATSAPP_CHANNEL, 10]]);
const hasButtons = (channelId: string, count: number) => {
  const max = OWN_BUTTON_CHANNELS.get(channelId);
  return max === undefined ? supportsSuggestedActions(channelId, count) : count <= max;
};

/** Adds buttons, or a numbered list where the channel has no buttons (then "2" picks the second). */
export function withOffers(activity: Outgoing, offers: Offer[], channelId: string): Outgoing {
  if (offers.length === 0) return activity;
  const values = offers.map((o) => o.value ?? o.title);
  if (hasButtons(channelId, offers.length)) {
    const actions: CardAction[] = offers.map((o, i) => ({ type: 'imBack', title: o.title, value: values[i] }));
    return { ...activity, suggestedActions: { actions, to: [] }, [OFFERED]: values };
  }
  const list = offers.map((o, i) => `${i + 1}. ${o.title}`).join('\n');
  return { ...activity, text: `${activity.text ?? ''}\n\n${list}`, [OFFERED]: values };
}

function message(text: string, wegwijzer?: WegwijzerChannelData): Outgoing {
  return {
    type: ActivityTypes.Message,
    text,
    textFormat: 'markdown',
    ...(wegwijzer ? { channelData: { wegwijzer } } : {}),
  };
}

/** One formatter per language (building an Intl.DateTimeFormat is costly; every answer shows a date). */
const dateFormatters = new Map<Locale, Intl.DateTimeFormat>();
const dateFormat = (iso: string, locale: Locale) => {
  let formatter = dateFormatters.get(locale);
  if (!formatter) {
    // Western digits everywhere, so dates read the same in every script.
    formatter = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : `${locale}-u-nu-latn`, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormatters.set(locale, formatter);
  }
  return formatter.format(new Date(`${iso}T00:00:00Z`));
};

const sourceLinks = (urls: string[]) =>
  urls.map((u) => `[${new URL(u).host.replace(/^www\./, '')}](${u})`).join(', ');

/** A button that answers an entry: its title in the user's language (the title is what the button sends). */
export const entryOffer = (entry: LoadedEntry, ctx: RenderContext): Offer & { entryId: string } =>
  ({ title: ctx.kb.textOf(entry, ctx.locale).text.title, entryId: entry.id });

/** Buttons for the entries of these ids that exist. */
const entryOffers = (ids: readonly string[], ctx: RenderContext): Offer[] =>
  ids.flatMap((id) => {
    const entry = ctx.kb.get(id);
    return entry ? [entryOffer(entry, ctx)] : [];
  });

/** Follow-ups from `related`: the titles of up to three related entries. */
export function followUps(entry: LoadedEntry, ctx: RenderContext): Offer[] {
  return entryOffers(entry.related.slice(0, 3), ctx);
}

/** How an answer is rendered; see `renderAnswer`. */
export interface AnswerOptions {
  /** The search's confidence in this entry, 1 when the person chose it (a button, its title). */
  confidence: number;
  /** The person's regime, when known: the answer's variant for it. */
  regime?: Regime;
  /** The language of the answer's text (default: the person's); `nl` for "show the Dutch text". */
  locale?: Locale;
  /** `false`: no buttons at all (an answer inside a guided conversation, whose next question brings its own). */
  offers?: boolean;
  /** Lines of an answer made of lines that go to the top (urgent help: the line for the danger). */
  first?: readonly string[];
  /**
   * One follow-up and no feedback or "show the Dutch text" buttons, so that on a phone the answer itself stays in
   * view (someone in danger should not scroll past buttons to find the number).
   */
  urgent?: boolean;
  /** Entries the question might also have meant (see `Decision`), offered first as "or did you mean". */
  alternatives?: readonly LoadedEntry[];
}

/**
 * One answer message: title, answer (regime variant when known), source line, authority card, follow-ups.
 * @example renderAnswer(entry, ctx, { confidence: 1, regime: profile.regime, urgent: true })
 */
export function renderAnswer(entry: LoadedEntry, ctx: RenderContext, options: AnswerOptions): Outgoing {
  const { kb, t, channelId } = ctx;
  const { confidence, regime, locale = ctx.locale } = options;
  const answer = kb.answerFor(entry, locale, regime, options.first);
  const parts = [`**${kb.textOf(entry, answer.locale).text.title}**`, answer.text.trim()];
  if (answer.regime) parts.push(`_${t('answer.regimeNote', { regime: t(`regime.${answer.regime}`) })}_`);
  parts.push(`_${t('answer.source', { sources: sourceLinks(entry.sources), date: dateFormat(entry.reviewed, ctx.locale) })}_`);
  // A guided conversation that fits this answer comes first ("Make a complaint" under "How do I complain?").
  const guide = options.offers !== false ? guideOfferedOn(kb.guides, entry.id) : undefined;
  const alternatives = (options.alternatives ?? []).map((e) => entryOffer(e, ctx));
  if (alternatives.length) parts.push(t('answer.alternatives'));
  const related = followUps(entry, ctx).filter((f) => !alternatives.some((a) => a.entryId === f.entryId));
  const offers = guide
    ? [{ title: t(`guides.${guide}`) }, ...alternatives, ...related].slice(0, 3)
    : [...alternatives, ...related].slice(0, options.urgent ? 1 : 3);
  // Dutch is leading: say so when the translation is missing or not yet checked, and offer the Dutch text.
  if (answer.locale !== locale) {
    parts.push(`_${t('answer.notTranslated')}_`);
  } else if (locale === ctx.locale && REVIEW_STATUS[locale] === 'unreviewed') {
    parts.push(`_${t('answer.unreviewed')}_`);
    if (!options.urgent) offers.push({ title: t('buttons.showDutch'), value: entry.text.nl.title });
  }
  const authority = entry.authority === 'NONE' ? null : entry.authority;
  let activity = message(parts.join('\n\n'), {
    kind: options.urgent ? 'urgent' : 'answer', topic: entry.id, authority, confidence, ...(alternatives.length ? { alternatives: alternatives.map((a) => a.entryId) } : {}),
  });
  if (authority) activity = withAuthority(activity, authority, ctx);
  if (options.offers === false) return activity;
  if (!options.urgent) offers.push({ title: t('feedback.yes') }, { title: t('feedback.no') });
  return withOffers(activity, offers, channelId);
}

function withAuthority(activity: Outgoing, id: AuthorityId, ctx: RenderContext): Outgoing {
  const view = authorityView(id, ctx.kb.authority(id), ctx.locale, ctx.t, ctx.kb.municipality);
  if (supportsCards(ctx.channelId)) {
    return { ...activity, attachments: [CardFactory.adaptiveCard(authorityAdaptiveCard(view, ctx.t))] };
  }
  return { ...activity, text: `${activity.text ?? ''}\n\n${authorityText(view, ctx.t)}` };
}

/**
 * An organisation's name in the user's language (`short`: its button label); the deployment's own municipality
 * by its name.
 */
export function authorityName(id: AuthorityId, ctx: RenderContext, short = false): string {
  if (id === 'GEMEENTE' && ctx.kb.municipality.name) return ctx.t('card.municipalityName', { name: ctx.kb.municipality.name });
  const authority = ctx.kb.authority(id);
  return inLocale(short ? authority.short : authority.name, ctx.locale);
}

/**
 * The card for one organisation, after `text` (default: "Here are the contact details of ..."), with `offers`
 * (default: the menu).
 */
export function renderAuthority(id: AuthorityId, ctx: RenderContext, text?: string, offers: Offer[] = menuOffers(ctx)): Outgoing {
  const intro = text ?? ctx.t('authority.intro', { name: authorityName(id, ctx) });
  const activity = message(intro, { kind: 'authority', topic: `authority:${id}`, authority: id, confidence: 1 });
  return withOffers(withAuthority(activity, id, ctx), offers, ctx.channelId);
}

/** The guided conversations, as menu buttons. */
const GUIDE_BUTTONS = GUIDE_IDS.map((g) => `guides.${g}` as const);

/** The welcome menu: the guided conversations, popular topics, "talk to a person" and the language. */
export function menuOffers(ctx: RenderContext): Offer[] {
  const topics = entryOffers(ctx.kb.menu.welcome, ctx);
  const guides = GUIDE_BUTTONS.map((k) => ({ title: ctx.t(k) }));
  return [...guides, ...topics, { title: ctx.t('buttons.person') }, { title: ctx.t('buttons.language') }];
}

/** The menu while a guided conversation is paused (`guide`: its name as shown); "continue where we were" first. */
export function renderPausedMenu(ctx: RenderContext, guide: string): Outgoing {
  const text = `${ctx.t('guides.paused', { guide, continue: ctx.t('guides.continue') })}\n\n${ctx.t('menu.text')}`;
  return withOffers(message(text, commandReply('paused')), [{ title: ctx.t('guides.continue') }, ...menuOffers(ctx)], ctx.channelId);
}

/** The routing menu: DUO, IND, COA, the gemeente, and "talk to a person". */
export function routingOffers(ctx: RenderContext): Offer[] {
  return [
    ...AUTHORITIES_MENU.map((id) => ({ title: inLocale(ctx.kb.authority(id).short, ctx.locale) })),
    { title: ctx.t('buttons.person') },
  ];
}

/** The greeting (with the deployment's municipality when configured) and the menu. */
export function renderWelcome(ctx: RenderContext): Outgoing {
  const text = [ctx.t('welcome.text')];
  if (ctx.kb.municipality.name) text.push(ctx.t('welcome.municipality', { name: ctx.kb.municipality.name }));
  return withOffers(message(text.join('\n\n')), menuOffers(ctx), ctx.channelId);
}

/** The menu, optionally after a first line ("starting again", "I now speak your language"). */
export function renderMenu(ctx: RenderContext, intro?: 'restart.text' | 'language.chosen'): Outgoing {
  const text = intro ? `${ctx.t(intro)} ${ctx.t('menu.text')}` : ctx.t('menu.text');
  const command = intro === 'restart.text' ? 'restart' : intro === 'language.chosen' ? 'language-chosen' : 'menu';
  return withOffers(message(text, commandReply(command)), menuOffers(ctx), ctx.channelId);
}

/**
 * The way to urgent help under a text: a line ("Is it urgent, or are you in danger? Tap Urgent help.") and the
 * button, which sends the urgent-help entry's title. Without that entry, the text alone and no button.
 */
export function withUrgentHelp(text: string, ctx: RenderContext): { text: string; offers: Offer[] } {
  const urgent = ctx.kb.urgentEntry;
  if (!urgent) return { text, offers: [] };
  const button = ctx.t('handoff.urgentButton');
  return {
    text: `${text}\n\n${ctx.t('handoff.urgent', { button })}`,
    offers: [{ title: button, value: ctx.kb.textOf(urgent, ctx.locale).text.title }],
  };
}

/** How the assistant works, and the way to urgent help (someone who only types "help" may be in danger). */
export function renderHelp(ctx: RenderContext): Outgoing {
  const { text, offers } = withUrgentHelp(ctx.t('help.text'), ctx);
  return withOffers(message(text, commandReply('help')), [...offers, ...menuOffers(ctx)], ctx.channelId);
}

/**
 * Honest fallback: says it does not know, offers the routing menu and a person. Never a weak guess. It also
 * points to urgent help: most messages of people in danger that the signals miss end here.
 */
export function renderFallback(confidence: number, ctx: RenderContext): Outgoing {
  const { text, offers } = withUrgentHelp(ctx.t('fallback.text'), ctx);
  const activity = message(text, { kind: 'fallback', topic: 'fallback', authority: null, confidence });
  return withOffers(activity, [...routingOffers(ctx), ...offers], ctx.channelId);
}

/** "Did you mean ...?" with the close candidates as buttons. */
export function renderChoices(hits: Hit[], confidence: number, ctx: RenderContext): { activity: Outgoing; offers: Offer[] } {
  const offers = hits.map((h) => entryOffer(h.entry, ctx));
  const candidates = hits.map((h) => h.entry.id);
  const activity = message(ctx.t('choose.text'), { kind: 'did-you-mean', topic: 'did-you-mean', authority: null, confidence, candidates });
  return { activity: withOffers(activity, [...offers, { title: ctx.t('buttons.person') }], ctx.channelId), offers };
}

/** Escapes markdown so text a person typed shows as typed inside a markdown message (no links, no emphasis). */
export const escapeMarkdown = (text: string): string => text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);

/** A plain markdown message without metadata or buttons. */
export function renderText(text: string): Outgoing {
  return message(text);
}

/** "Which language?" with every supported language, each in its own name. */
export function renderLanguageChoice(names: { locale: Locale; name: string }[], ctx: RenderContext): Outgoing {
  return withOffers(message(ctx.t('language.choose'), commandReply('language')), names.map((n) => ({ title: n.name })), ctx.channelId);
}
