// Per-turn bookkeeping from what the bot actually sends: the numbered choices offered ("2" then works on
// channels without buttons), the last topic and organisation answered, and the recent conversation (PII
// redacted) that a handoff to a person carries along. Also the one-time, kind warning when someone types a
// BSN or an IBAN: the bot never needs them.
import { ActivityTypes, type Middleware, type StatePropertyAccessor } from 'botbuilder';
import { offeredValues, wegwijzerOf } from '../cards/render';
import { notSentOf } from '../delivery';
import { findPii, redact } from '../privacy/redact';
import { languageOf } from './locale';
import type { ConversationData, RecentLine } from '../state';

/** How many recent lines a handoff carries, and how long each line may be. */
export const RECENT_LINES = 20;
export const RECENT_LINE_LENGTH = 500;

function remember(data: ConversationData, line: RecentLine): void {
  data.recent = [...(data.recent ?? []), line].slice(-RECENT_LINES);
}

/**
 * A line as kept: the user's words arrive redacted, and are cut only after that (a number cut in half would
 * no longer be recognised). The bot's own lines come from the knowledge base, with official phone numbers
 * that must stay.
 */
const line = (from: RecentLine['from'], text: string): RecentLine =>
  ({ from, text: text.slice(0, RECENT_LINE_LENGTH), at: new Date().toISOString() });

export function memoryMiddleware(conversationData: StatePropertyAccessor<ConversationData>): Middleware {
  return {
    async onTurn(context, next) {
      const { type, text } = context.activity;
      if (type === ActivityTypes.Message && typeof text === 'string' && text.trim()) {
        const data = await conversationData.get(context, {});
        const redacted = redact(text);
        remember(data, line('user', redacted));
        const kinds = findPii(text, redacted);
        if (!data.piiWarned && (kinds.includes('bsn') || kinds.includes('iban'))) {
          data.piiWarned = true;
          await context.sendActivity({ type: ActivityTypes.Message, text: languageOf(context).t('privacy.numberWarning') });
        }
      }
      // After the send: only what the person was shown counts. A channel's adapter marks a reply it could not
      // deliver (WhatsApp after its 24-hour window, or when Meta refuses it): "2" must not pick from choices
      // never shown, and a handoff must not quote lines the person never read.
      context.onSendActivities(async (ctx, activities, nextSend) => {
        const responses = await nextSend();
        const data = await conversationData.get(ctx, {});
        for (const activity of activities) {
          if (activity.type !== ActivityTypes.Message || notSentOf(activity)) continue;
          const offered = offeredValues(activity);
          if (offered) data.lastChoices = offered;
          const meta = wegwijzerOf(activity);
          if (meta?.authority) data.lastAuthority = meta.authority;
          if (meta?.kind === 'answer' || meta?.kind === 'urgent') data.lastTopic = meta.topic;
          if (typeof activity.text === 'string' && activity.text) remember(data, line('bot', activity.text));
        }
        return responses;
      });
      await next();
    },
  };
}
