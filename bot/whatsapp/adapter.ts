// WhatsApp through botbuilder's own extension point: a BotAdapter that turns the messages of a webhook delivery
// into message activities for the same middleware and bot as the CloudAdapter, and sends the bot's replies
// through the Graph API (rendered by ./render.ts).
//
// - Ids: conversation and user id are a keyed hash of the number (./ids.ts). The number itself lives only in
//   the turn's state, for the replies of that turn; it is never stored, logged, or put on an activity.
// - Order: the messages of one number are processed one after the other, in the order they arrived; other
//   numbers run meanwhile.
// - Once: each message id is claimed before its turn (./dedupe.ts); a message older than the 24-hour window
//   is not answered (a reply could not be delivered, and would come a day late).
// - The window: a reply is sent only within 24 hours of the message it answers (Meta's customer-service window
//   runs from the person's last message, which is at least as late, so nothing Meta would refuse is sent);
//   otherwise it is counted and logged, without text, and not sent.
// - Failures: the Graph client retries; a send that still fails is logged (status and code only) and counted,
//   and the turn goes on, so its state is saved as usual. The next messages of that turn are not attempted.
//   Every reply not sent is marked so (bot/delivery.ts), for the conversation's memory and the transcript.
// - Shutdown: `shutdown(graceMs)` lets the turns in flight finish, then cuts their Graph requests and waits.
// - Several replicas: one person's messages are kept in order within this process only. Two messages of one
//   number handled at once by two replicas race for the conversation's state; the second to save gets an eTag
//   conflict and the person is asked to send the message again ("busy"). Running the turn again is not done:
//   its replies were already sent from the stale state, and its side effects (a stored complaint) would
//   repeat. See the README: WhatsApp's webhook belongs on one replica.
import {
  ActivityTypes, BotAdapter, TurnContext,
  type Activity, type ConversationReference, type ResourceResponse,
} from 'botbuilder';
import type { Locale } from '../../locales';
import type { Logger } from '../logger';
import { markNotSent, type NotSentReason } from '../delivery';
import { supportedLocale, tryLanguageOf } from '../middleware/locale';
import { WHATSAPP_CHANNEL } from '../channels/whatsapp';
import type { Address, NumberHasher } from './ids';
import type { SeenMessages } from './dedupe';
import { GraphError, OUTSIDE_WINDOW_CODE, type GraphSender } from './graph';
import type { WhatsAppMetrics } from './metrics';
import { renderForWhatsApp } from './render';
import { readMessage, type Delivery, type Inbound, type InboundKind } from './schema';

/** Meta's customer-service window: free-form replies only within 24 hours of the person's last message. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

/** Turn state: the sender's address (in memory, this turn only), when the message was sent, and a failed send. */
const ADDRESS = Symbol('whatsapp.address');
const SENT_AT = Symbol('whatsapp.sentAt');
const FAILED = Symbol('whatsapp.failed');

/** What the bot knows about an incoming WhatsApp message, on `channelData.whatsapp` (nothing personal). */
export interface WhatsAppChannelData { kind: InboundKind; type: string }

export const whatsappDataOf = (activity: Partial<Activity>): WhatsAppChannelData | undefined =>
  (activity.channelData as { whatsapp?: WhatsAppChannelData } | undefined)?.whatsapp;

export interface WhatsAppAdapterOptions {
  graph: GraphSender;
  hasher: NumberHasher;
  seen: SeenMessages;
  logger: Logger;
  metrics: WhatsAppMetrics;
  /** This deployment's number; deliveries for other numbers of the same WhatsApp Business account are ignored. */
  phoneNumberId: string;
  /** Language of the replies when the turn has none yet. */
  defaultLocale: Locale;
  now?: () => number;
}

export class WhatsAppAdapter extends BotAdapter {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => number;
  private readonly stopping = new AbortController();
  private deadline?: ReturnType<typeof setTimeout>;
  private lastPurge = 0;

  constructor(private readonly options: WhatsAppAdapterOptions) {
    super();
    this.now = options.now ?? Date.now;
  }

  /**
   * Takes a checked delivery and processes it after the caller returns (the webhook has answered 200 by
   * then). `logic` is the bot's turn. Returns at once; `idle()` says when everything taken is done.
   */
  receive(delivery: Delivery, logic: (context: TurnContext) => Promise<void>): void {
    const { logger, metrics, phoneNumberId } = this.options;
    for (const change of delivery.messages) {
      if (change.phoneNumberId !== phoneNumberId) {
        metrics.ignored('other_number', change.messages.length + change.malformed.length + change.statuses);
        continue;
      }
      if (change.statuses) metrics.ignored('status', change.statuses);
      for (const code of change.failedCodes) metrics.deliveryFailed(code);
      if (change.errors.length) logger.warn({ codes: change.errors }, 'WhatsApp reported errors in a delivery');
      if (change.malformed.length) {
        metrics.ignored('malformed', change.malformed.length);
        // The field and the rule only: a message's content never reaches the log.
        logger.warn({ reasons: change.malformed }, 'WhatsApp messages skipped: not in the expected shape');
      }
      for (const message of change.messages) {
        const read = readMessage(message, this.now());
        if ('ignored' in read) {
          metrics.ignored(read.ignored);
          continue;
        }
        this.enqueue(read, logic);
      }
    }
    if (this.now() - this.lastPurge > 60 * 60 * 1000) {
      this.lastPurge = this.now();
      this.track(this.options.seen.purgeExpired().then(() => undefined, (error: Error) => {
        logger.warn({ err: { message: error.message } }, 'could not purge seen WhatsApp message ids');
      }));
    }
  }

  /** Resolves when every message taken so far has had its turn (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Graceful shutdown: the turns taken so far get `graceMs` to finish; after that their Graph requests and
   * retry waits end at once (the replies not sent are counted as `shutdown`), and messages still waiting for
   * their turn are skipped. Resolves when nothing runs any more. Calling it again keeps the first deadline.
   */
  async shutdown(graceMs: number): Promise<void> {
    if (!this.deadline && !this.stopping.signal.aborted) {
      this.deadline = setTimeout(() => this.stopping.abort(), graceMs);
      this.deadline.unref?.();
    }
    await this.idle();
    clearTimeout(this.deadline);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** One number's messages one after the other, in arrival order. */
  private enqueue(inbound: Inbound, logic: (context: TurnContext) => Promise<void>): void {
    const conversationId = this.options.hasher.idOf(inbound.address);
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const mine = previous.then(() => this.process(inbound, conversationId, logic)).catch((error: Error) => {
      this.options.logger.error({ conversationId, err: { name: error?.name, message: error?.message, stack: error?.stack } }, 'WhatsApp message failed');
    });
    this.queues.set(conversationId, mine);
    void mine.finally(() => { if (this.queues.get(conversationId) === mine) this.queues.delete(conversationId); });
    this.track(mine);
  }

  private async process(inbound: Inbound, conversationId: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const { hasher, seen, logger, metrics } = this.options;
    const id = hasher.messageId(inbound.wamid);
    if (this.stopping.signal.aborted) {
      metrics.ignored('shutdown');
      logger.warn({ conversationId, activityId: id }, 'WhatsApp message not answered: shutting down');
      return;
    }
    if (this.now() - inbound.sentAt > WINDOW_MS) {
      metrics.ignored('expired');
      logger.info({ conversationId, activityId: id }, 'WhatsApp message older than 24 hours: not answered');
      return;
    }
    let first = true;
    try {
      first = await seen.claim(id, inbound.sentAt);
    } catch (error) {
      // The store is down: answer rather than stay silent (the turn will report the store itself).
      logger.warn({ conversationId, err: { message: (error as Error).message } }, 'could not check for a repeated WhatsApp message');
    }
    if (!first) {
      metrics.ignored('duplicate');
      return;
    }
    metrics.received(inbound.kind);
    const context = new TurnContext(this, this.activityFor(inbound, id, conversationId));
    context.turnState.set(ADDRESS, inbound.address);
    context.turnState.set(SENT_AT, inbound.sentAt);
    await this.runMiddleware(context, logic);
  }

  private activityFor(inbound: Inbound, id: string, conversationId: string): Partial<Activity> {
    const channelData: WhatsAppChannelData = { kind: inbound.kind, type: inbound.type };
    return {
      type: ActivityTypes.Message,
      id,
      channelId: WHATSAPP_CHANNEL,
      serviceUrl: '',
      timestamp: new Date(inbound.sentAt),
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: conversationId, name: '', role: 'user' },
      recipient: { id: this.options.phoneNumberId, name: 'Wegwijzer', role: 'bot' },
      ...(inbound.text !== undefined ? { text: inbound.text, textFormat: 'plain' } : {}),
      channelData: { whatsapp: channelData },
    };
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const { graph, hasher, logger, metrics, defaultLocale } = this.options;
    const address = context.turnState.get(ADDRESS) as Address | undefined;
    const conversationId = context.activity.conversation?.id;
    const responses: ResourceResponse[] = [];
    const notSent = (activity: Partial<Activity>, reason: NotSentReason) => {
      metrics.notSent(reason);
      markNotSent(activity, reason);
      responses.push({ id: '' });
    };
    for (const activity of activities) {
      // Typing, traces and events (the widget's language event, a handoff event) have no WhatsApp form.
      if (activity.type !== ActivityTypes.Message || !address) {
        responses.push({ id: '' });
        continue;
      }
      const failed = context.turnState.get(FAILED) as NotSentReason | undefined;
      if (failed) {
        notSent(activity, failed === 'shutdown' ? 'shutdown' : 'skipped');
        continue;
      }
      const sentAt = context.turnState.get(SENT_AT) as number | undefined;
      if (sentAt === undefined || this.now() - sentAt > WINDOW_MS) {
        notSent(activity, 'outside_window');
        logger.warn({ conversationId }, 'reply not sent: more than 24 hours after the last message (needs an approved template)');
        continue;
      }
      const locale = tryLanguageOf(context)?.locale ?? supportedLocale(activity.locale) ?? defaultLocale;
      let id = '';
      try {
        for (const body of renderForWhatsApp(activity, { to: address.phone ?? '', locale })) {
          const sent = await graph.send(addressed(body, address), this.stopping.signal);
          metrics.sent();
          if (sent.id && !id) id = hasher.messageId(sent.id);
        }
        responses.push({ id });
      } catch (error) {
        const graphError = error instanceof GraphError ? error : undefined;
        const reason: NotSentReason = graphError?.noAnswer === 'aborted' ? 'shutdown'
          : graphError?.code === OUTSIDE_WINDOW_CODE ? 'outside_window' : 'failed';
        if (reason !== 'shutdown') metrics.sendError(graphError?.status ?? 0);
        notSent(activity, reason);
        logger.error({
          conversationId, status: graphError?.status, code: graphError?.code, noAnswer: graphError?.noAnswer,
          attempts: graphError?.attempts, ...(graphError ? {} : { err: { name: (error as Error)?.name } }),
        }, 'WhatsApp reply not sent');
        context.turnState.set(FAILED, reason);
      }
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('WhatsApp messages cannot be changed once sent');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('WhatsApp messages cannot be deleted by the bot');
  }

  /**
   * Not possible by design: the number is never stored, so there is no one to write to later. Messages after
   * the 24-hour window would also need templates approved by Meta (see the README).
   */
  override async continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {
    throw new Error('WhatsApp conversations cannot be continued later: numbers are not stored');
  }
}

/** A body for this sender: to the number, or to the business-scoped user id when there is no number. */
function addressed(body: Record<string, unknown>, address: Address): Record<string, unknown> {
  if (address.phone) return { ...body, to: address.phone };
  const { to: _to, ...rest } = body;
  return { ...rest, recipient: address.userId };
}
