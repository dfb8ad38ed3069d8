// What the bot sends, fitted to the client that shows it, at the moment it is sent: plain text on channels that
// show markdown as typed (a long answer in parts, the choices in the last), direction marks for Arabic and
// Persian on clients that do not set the text's direction themselves, and our widget's own events only to it.
// The dialogs keep writing markdown once. Its send hook runs before the others (memory, transcripts, analytics),
// so they see what was actually sent.
import { ActivityTypes, Channels, type Activity, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { OFFERED, isWebChat } from '../cards/render';
import { tryLanguageOf, supportedLocale } from '../middleware/locale';
import { JOIN_EVENT, LANGUAGE_EVENT } from '../wegwijzerBot';
import { LANGUAGE_CHOSEN_EVENT } from '../../dialogs/mainDialog';
import { formatText, isRightToLeft, markDirection, splitAndMark } from './format';
import { WHATSAPP_CHANNEL } from './whatsapp';

/**
 * SMS parts: Twilio (behind Azure's SMS channel) accepts 1,600 characters but advises at most 320 for reliable
 * delivery; a longer text travels as concatenated segments (153 characters each, or 67 once one character is
 * outside GSM-7: Arabic, Tigrinya, Ukrainian, and the isolates around every phone number), and phones and
 * networks that lose one segment lose the whole message. 320 is at most 5 such segments.
 */
export const SMS_PART_LENGTH = 320;

/**
 * Channels whose clients show text as typed (no markdown), with the longest message each takes. Everything else
 * renders the bot's markdown: Web Chat and Direct Line, the Emulator, Teams, Slack, Telegram, Skype, e-mail and
 * Outlook, Omnichannel. WhatsApp is formatted by its own adapter (bot/whatsapp/render.ts).
 */
export const PLAIN_TEXT_CHANNELS: ReadonlyMap<string, number> = new Map<string, number>([
  [Channels.Sms, SMS_PART_LENGTH],
  ['twilio-sms', SMS_PART_LENGTH], // the SMS channel's older id
  // Spoken by the phone call's text-to-speech: markup would be read out, length is no limit.
  [Channels.Telephony, Infinity],
  // Messenger takes 2,000 characters per message, LINE 5,000, GroupMe 1,000 (their API limits).
  [Channels.Facebook, 2000],
  [Channels.Line, 5000],
  [Channels.Groupme, 1000],
  [Channels.Console, Infinity],
]);

/** Channels whose adapter in this bot formats its messages itself. */
const OWN_RENDERER = new Set([WHATSAPP_CHANNEL]);

type Outgoing = Partial<Activity> & { [OFFERED]?: string[] };

export interface Fitting {
  channelId: string;
  /** The language the turn speaks (the turn's, not the client's interface language). */
  locale: string;
  /** Direction marks for right-to-left languages (false where the client sets the direction itself). */
  marks: boolean;
}

/**
 * One outgoing activity as the activities to send on its channel. Pure. On a plain-text channel: the markdown
 * becomes plain text, and a text longer than the channel takes becomes several messages; the first keeps the
 * answer's metadata (channelData), the last the choices (buttons, or the whole numbered list, and what "2" means)
 * and attachments; a numbered list is never cut, so a long one makes its part longer than the others.
 * With `marks` and a right-to-left language: each line marked (see markDirection), and so are button titles (never
 * their values, which are what a click sends) and the texts of Adaptive Cards.
 */
export function fitForChannel(activity: Outgoing, fitting: Fitting): Outgoing[] {
  if (activity.type !== ActivityTypes.Message || OWN_RENDERER.has(fitting.channelId)) return [activity];
  const marks = fitting.marks && isRightToLeft(fitting.locale);
  const max = PLAIN_TEXT_CHANNELS.get(fitting.channelId);
  let fitted: Outgoing = activity;
  if (marks && activity.suggestedActions?.actions?.length) {
    fitted = {
      ...fitted,
      suggestedActions: {
        ...activity.suggestedActions,
        actions: activity.suggestedActions.actions.map((a) => (typeof a.title === 'string' ? { ...a, title: markDirection(a.title, fitting.locale) } : a)),
      },
    };
  }
  if (marks && activity.attachments?.some((a) => a.contentType === ADAPTIVE_CARD)) {
    fitted = {
      ...fitted,
      attachments: activity.attachments.map((a) => (a.contentType === ADAPTIVE_CARD ? { ...a, content: markCard(a.content, fitting.locale) } : a)),
    };
  }
  if (typeof activity.text !== 'string' || !activity.text) return [fitted];
  if (max === undefined) return [marks ? { ...fitted, text: markDirection(activity.text, fitting.locale) } : fitted];

  const text = formatText(activity.text, 'plain');
  const locale = marks ? fitting.locale : 'und';
  const { body, list } = numberedChoices(text, activity.suggestedActions ? 0 : activity[OFFERED]?.length ?? 0);
  let parts = splitAndMark(body, max, locale);
  if (list) {
    // The choices stay together, in the last part, after the end of the text when both fit (or when the list is
    // long and what precedes it is only its question).
    const marked = markDirection(list, locale);
    const last = parts.at(-1);
    const joined = last !== undefined && (last.length + 2 + marked.length <= max || (marked.length > max && last.length <= max / 4));
    parts = joined ? [...parts.slice(0, -1), `${last}\n\n${marked}`] : [...parts, marked];
  }
  if (parts.length <= 1) return [{ ...fitted, text: parts[0] ?? text, textFormat: 'plain' }];
  return parts.map((part, i) => {
    const one: Outgoing = { ...fitted, text: part, textFormat: 'plain' };
    if (i > 0) {
      delete one.channelData;
      delete one.speak;
    }
    if (i < parts.length - 1) {
      delete one.suggestedActions;
      delete one.attachments;
      delete one[OFFERED];
    }
    return one;
  });
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * An Adaptive Card with its visible texts marked for direction (the organisation card: on Teams and the Emulator a
 * line "الهاتف: 050 ..." or a button "افتح inburgeren.nl" would otherwise read in the wrong order): text blocks and
 * runs, facts, action titles. Addresses, data and what is spoken stay as they are. Pure; returns a copy.
 */
export function markCard(node: unknown, locale: string, under = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => markCard(n, locale, under));
  if (!node || typeof node !== 'object') return node;
  const source = node as Record<string, unknown>;
  const type = typeof source.type === 'string' ? source.type : '';
  // A fact shows its title and value; a choice shows its title (its value is what is submitted).
  const visible = type === 'TextBlock' || type === 'TextRun' ? ['text'] : type.startsWith('Action.') ? ['title']
    : under === 'facts' ? ['title', 'value'] : under === 'choices' ? ['title'] : [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'string') out[key] = visible.includes(key) ? markDirection(value, locale) : value;
    else if (key === 'data') out[key] = value;
    else out[key] = markCard(value, locale, key);
  }
  return out;
}

/**
 * The numbered list of choices withOffers (bot/cards/render.ts) puts at the end of the text on channels without
 * buttons: `count` lines "1. ...", "2. ...", after a blank line. Pure.
 */
export function numberedChoices(text: string, count: number): { body: string; list?: string } {
  if (count === 0) return { body: text };
  const lines = text.split('\n');
  const tail = lines.slice(-count);
  if (tail.length !== count || !tail.every((line, i) => line.startsWith(`${i + 1}. `))) return { body: text };
  return { body: lines.slice(0, -count).join('\n').replace(/\s+$/, ''), list: tail.join('\n') };
}

/** Per conversation: what is known of the client. */
export interface ClientView {
  /**
   * It is our widget, known from the join or language event it sends: it sets the text's direction itself, and it
   * listens for our events.
   */
  widget?: boolean;
}

/** The turn's language: set by the locale step; before it (an early error) the activity's own. */
const turnLocale = (context: TurnContext): string =>
  tryLanguageOf(context)?.locale ?? supportedLocale(context.activity.locale) ?? '';

export function outgoingMiddleware(client: StatePropertyAccessor<ClientView>): Middleware {
  return {
    async onTurn(context, next) {
      const { channelId = '', type, name } = context.activity;
      if (OWN_RENDERER.has(channelId)) return next();
      // Our widget says it joined (and which language it shows) on every connect: Web Chat elsewhere (the
      // Agents Playground, Azure's test page, a site's own Web Chat) never does, and does not set the direction.
      if (type === ActivityTypes.Event && isWebChat(channelId) && (name === JOIN_EVENT || name === LANGUAGE_EVENT)) {
        const view = await client.get(context, {});
        if (!view.widget) await client.set(context, { ...view, widget: true });
      }
      context.onSendActivities(async (ctx, activities, nextSend) => {
        const locale = turnLocale(ctx);
        const rtl = isRightToLeft(locale);
        const widget = isWebChat(channelId) && (await client.get(ctx, {})).widget === true;
        // "The language is now ..." is for our widget's menu; other Web Chat clients' connectors refuse events
        // they do not know (the Agents Playground answers 400, which failed the turn).
        const kept = isWebChat(channelId) && !widget
          ? activities.filter((a) => !(a.type === ActivityTypes.Event && a.name === LANGUAGE_CHOSEN_EVENT)) : activities;
        if (!rtl && !PLAIN_TEXT_CHANNELS.has(channelId) && kept.length === activities.length) return nextSend();
        const marks = rtl && !widget;
        // Nothing left to send: the adapter refuses an empty list, so the send ends here.
        if (kept.length === 0) return [];
        const fitted = kept.flatMap((a) => fitForChannel(a, { channelId, locale, marks }));
        // The SDK sends the array it handed to the hooks: change it in place.
        activities.splice(0, activities.length, ...(fitted as Partial<Activity>[]));
        return nextSend();
      });
      await next();
    },
  };
}
