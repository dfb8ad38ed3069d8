// The webhook deliveries of the WhatsApp Cloud API, checked by zod, and what Wegwijzer reads from them: the
// messages people sent, each as text the bot understands (a typed text, the caption of a photo, video or
// document, or the id of the reply button or list row they tapped, which is the value the bot offered) or as a
// kind it cannot read (media, voice). Delivery statuses, reactions and system notices are counted and otherwise
// ignored. Pure; no botbuilder.
//
// Checked in two layers. The envelope (object, entries, changes, and of a "messages" change its product and
// metadata) must be right, or the whole delivery is refused (400): it is not Meta's, or not for this
// endpoint. Each message is checked on its own: one that does not fit is skipped and counted, and the others
// are answered. Refusing a whole signed batch for one odd message would make Meta deliver it again for days,
// and the good messages in it would never be answered.
//
// Shapes follow Meta's "messages" webhook reference (text, interactive button_reply / list_reply, button,
// media, location, contacts, reaction, system, unsupported). Since 2026 a sender who uses a WhatsApp username
// may come without a number: then only `from_user_id` (the business-scoped user id) identifies them.
import { z } from 'zod';
import type { Address } from './ids';

const Reply = z.looseObject({ id: z.string().min(1).max(1024), title: z.string().max(1024).optional() });

/** A photo, video or document: only its caption is read (the media itself never is). */
const Captioned = z.looseObject({ caption: z.string().max(65_536).optional() });

const Message = z.looseObject({
  from: z.string().min(1).max(64).optional(),
  from_user_id: z.string().min(1).max(256).optional(),
  id: z.string().min(1).max(1024),
  // Seconds since 1970: ten digits until the year 2286. More digits would be milliseconds or nonsense.
  timestamp: z.string().regex(/^\d{1,10}$/, { error: 'must be a Unix time in seconds' }),
  type: z.string().min(1).max(64),
  group_id: z.string().max(256).optional(),
  text: z.looseObject({ body: z.string().max(65_536) }).optional(),
  interactive: z.looseObject({
    type: z.string().min(1).max(64),
    button_reply: Reply.optional(),
    list_reply: Reply.optional(),
  }).optional(),
  button: z.looseObject({ payload: z.string().max(1024).optional(), text: z.string().max(1024).optional() }).optional(),
  image: Captioned.optional(),
  video: Captioned.optional(),
  document: Captioned.optional(),
}).superRefine((m, ctx) => {
  if (!m.from && !m.from_user_id) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required (or from_user_id)' });
  if (m.type === 'text' && !m.text) ctx.addIssue({ code: 'custom', path: ['text'], message: 'is required for a text message' });
  if (m.type === 'interactive') {
    const kind = m.interactive?.type;
    if (!m.interactive) ctx.addIssue({ code: 'custom', path: ['interactive'], message: 'is required for an interactive message' });
    else if ((kind === 'button_reply' || kind === 'list_reply') && !m.interactive[kind]) {
      ctx.addIssue({ code: 'custom', path: ['interactive', kind], message: `is required for a ${kind}` });
    }
  }
});
export type WebhookMessage = z.infer<typeof Message>;

/** A status of one of the bot's own messages: only a failed one is read (its error codes go to /metrics). */
const Status = z.looseObject({
  status: z.string().max(64).optional(),
  errors: z.array(z.looseObject({ code: z.number().optional() })).max(100).optional(),
});

/** The envelope of a change of field "messages": incoming messages, or statuses of the bot's own messages. */
const MessagesValue = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.looseObject({ phone_number_id: z.string().min(1).max(64) }),
  // Each message and status is checked on its own (below). The 3 MB body limit bounds how many come.
  messages: z.array(z.unknown()).max(10_000).optional(),
  statuses: z.array(z.unknown()).max(10_000).optional(),
  errors: z.array(z.looseObject({ code: z.number().optional() })).max(100).optional(),
});

export const WebhookPayload = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.looseObject({
    id: z.string().max(64).optional(),
    changes: z.array(z.looseObject({ field: z.string().min(1).max(64), value: z.unknown() })).max(1000),
  })).min(1).max(1000),
});

/**
 * One change of field "messages" as read. Changes of other fields (account updates, templates, ...)
 * are not for the bot.
 */
export interface DeliveryChange {
  phoneNumberId: string;
  messages: WebhookMessage[];
  /** Why each message that did not fit the schema was skipped (field and rule, never its content). */
  malformed: string[];
  statuses: number;
  /** Meta's error codes of the statuses "failed" (one per error; undefined when a failure named none). */
  failedCodes: (number | undefined)[];
  /** Errors Meta reported for the change itself. */
  errors: (number | undefined)[];
}

export interface Delivery { messages: DeliveryChange[] }

export type Parsed = { ok: true; delivery: Delivery } | { ok: false; error: string };

const describe = (error: z.ZodError, prefix: (string | number)[]) => {
  const issue = error.issues[0];
  const path = [...prefix, ...(issue?.path ?? [])].join('.');
  return `${path || 'body'} ${issue?.message ?? 'is not valid'}`;
};

/** Checks a delivery's JSON body: the error names the first failing field of the envelope. */
export function parseDelivery(body: unknown): Parsed {
  const payload = WebhookPayload.safeParse(body);
  if (!payload.success) return { ok: false, error: `invalid webhook payload: ${describe(payload.error, [])}` };
  const delivery: Delivery = { messages: [] };
  for (const [e, entry] of payload.data.entry.entries()) {
    for (const [c, change] of entry.changes.entries()) {
      if (change.field !== 'messages') continue;
      const at = ['entry', e, 'changes', c, 'value'];
      const value = MessagesValue.safeParse(change.value);
      if (!value.success) return { ok: false, error: `invalid webhook payload: ${describe(value.error, at)}` };
      const read: DeliveryChange = {
        phoneNumberId: value.data.metadata.phone_number_id, messages: [], malformed: [],
        statuses: value.data.statuses?.length ?? 0, failedCodes: [],
        errors: (value.data.errors ?? []).map((error) => error.code),
      };
      for (const [m, raw] of (value.data.messages ?? []).entries()) {
        const message = Message.safeParse(raw);
        if (message.success) read.messages.push(message.data);
        else read.malformed.push(describe(message.error, [...at, 'messages', m]));
      }
      for (const raw of value.data.statuses ?? []) {
        const status = Status.safeParse(raw);
        if (!status.success || status.data.status !== 'failed') continue;
        const codes = (status.data.errors ?? []).map((error) => error.code);
        read.failedCodes.push(...(codes.length ? codes : [undefined]));
      }
      delivery.messages.push(read);
    }
  }
  return { ok: true, delivery };
}

/**
 * What the bot makes of a message: `text` (typed), `choice` (a tapped reply button or list row: its id is the
 * value the bot offered), `caption` (a photo, video or document with a caption: the caption is read as typed
 * text, and the person is told that the attachment itself was not), `media` (photo, document, location,
 * sticker, video, contact card without a caption, or a type WhatsApp itself cannot show us) and `voice` (a
 * voice note or other audio), which get a short reply that only text is understood. Everything else is not
 * for the bot: a reaction is not a question, a system notice is not from the person, and group messages are
 * not conversations with one person.
 */
export type InboundKind = 'text' | 'choice' | 'caption' | 'media' | 'voice';
export type IgnoredReason = 'reaction' | 'system' | 'group' | 'other';

export interface Inbound {
  /** Meta's message id: it embeds the sender's number, so it is hashed before it is stored or logged. */
  wamid: string;
  address: Address;
  /** When the person sent it (ms since the epoch; never later than now). */
  sentAt: number;
  kind: InboundKind;
  /** WhatsApp's message type (text, interactive, image, audio, ...). */
  type: string;
  /** The text for the bot: what was typed, the caption, or the id of the button or row tapped. */
  text?: string;
}

const MEDIA = new Set(['image', 'document', 'location', 'sticker', 'video', 'contacts', 'unsupported']);

/**
 * Reads one checked message. `now` caps the time it was sent: a sender's clock ahead of ours must not stretch
 * the 24-hour window.
 */
export function readMessage(message: WebhookMessage, now = Date.now()): Inbound | { ignored: IgnoredReason } {
  if (message.group_id) return { ignored: 'group' };
  const base = {
    wamid: message.id,
    address: { ...(message.from ? { phone: message.from } : {}), ...(message.from_user_id ? { userId: message.from_user_id } : {}) },
    sentAt: Math.min(Number(message.timestamp) * 1000, now),
    type: message.type,
  };
  switch (message.type) {
    case 'text':
      return { ...base, kind: 'text', text: message.text?.body ?? '' };
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return reply ? { ...base, kind: 'choice', text: reply.id } : { ignored: 'other' };
    }
    case 'button': {
      // A quick-reply button of a template message (Wegwijzer sends none today; its payload is what it offered).
      const text = message.button?.payload || message.button?.text;
      return text ? { ...base, kind: 'choice', text } : { ignored: 'other' };
    }
    case 'image': case 'video': case 'document': {
      const caption = message[message.type]?.caption?.trim();
      return caption ? { ...base, kind: 'caption', text: caption } : { ...base, kind: 'media' };
    }
    case 'audio':
      return { ...base, kind: 'voice' };
    case 'reaction':
      return { ignored: 'reaction' };
    case 'system':
      return { ignored: 'system' };
    default:
      return MEDIA.has(message.type) ? { ...base, kind: 'media' } : { ignored: 'other' };
  }
}
