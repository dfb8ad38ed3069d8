// "Talk to a person", from anywhere. With an agent desk connected, the Bot Framework handoff event
// (`handoff.initiate`, the recent conversation attached, PII redacted); without one, the organisation that
// fits (its phone and hours) and the way to urgent help. One turn: an interrupted conversation then resumes.
// Channels whose adapter has no form for the handoff event (WhatsApp: an agent desk is reached through Azure
// Bot Service's channels, which WhatsApp is not one of) always get the contact details: promising a person
// who never comes is worse than a phone number.
import { ActivityTypes, EventFactory, type Activity, type Transcript } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { AuthorityId } from '../knowledge';
import { authorityName, renderAnswer, renderAuthority, renderText, withUrgentHelp } from '../bot/cards/render';
import type { RecentLine } from '../bot/state';
import { WHATSAPP_CHANNEL } from '../bot/channels/whatsapp';
import type { GuideDeps } from './guidedDialog';
import { renderContext } from './prompts/askPrompt';

export const HANDOFF_DIALOG = 'handoff';

/** `agent-desk`: a human agent hub is connected through the channel (it acts on `handoff.initiate`). */
export type HandoffMode = 'none' | 'agent-desk';

/** Channels on which a handoff event reaches no one (their adapter drops events). */
const NO_DESK_CHANNELS: ReadonlySet<string> = new Set([WHATSAPP_CHANNEL]);

export interface HandoffOptions { /** The organisation the conversation is about, when the caller knows it. */ authority?: AuthorityId }

/** The handoff event's transcript: the recent lines as message activities, without ids. Pure. */
export function handoffTranscript(recent: RecentLine[]): Transcript {
  return {
    activities: recent.map((line) => ({
      type: ActivityTypes.Message,
      from: { id: line.from, name: line.from, role: line.from },
      text: line.text,
      timestamp: new Date(line.at),
    }) as Activity),
  };
}

export class HandoffDialog extends Dialog<HandoffOptions> {
  constructor(private readonly deps: Pick<GuideDeps, 'kb' | 'state'> & { mode: HandoffMode }) {
    super(HANDOFF_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: HandoffOptions): Promise<DialogTurnResult> {
    const { kb, state, mode } = this.deps;
    const context = dc.context;
    const ctx = renderContext(context, kb);
    const data = await state.conversationData.get(context, {});
    if (mode === 'agent-desk' && !NO_DESK_CHANNELS.has(context.activity.channelId)) {
      const handoffContext = { locale: ctx.locale, topic: data.lastTopic ?? null, authority: options?.authority ?? data.lastAuthority ?? null };
      const event = EventFactory.createHandoffInitiation(context, handoffContext, handoffTranscript(data.recent ?? []));
      await context.sendActivity(event);
      await context.sendActivity(renderText(ctx.t('handoff.initiated')));
      return dc.endDialog({ handedOff: true });
    }
    const profile = await state.profile.get(context, {});
    const authority = options?.authority ?? data.lastAuthority ?? undefined;
    if (authority) {
      const { text, offers } = withUrgentHelp(ctx.t('handoff.noDesk', { name: authorityName(authority, ctx) }), ctx);
      await context.sendActivity(renderAuthority(authority, ctx, text, [...offers, { title: ctx.t('buttons.menu') }]));
    } else {
      // Nothing known yet: the entry on reaching a person (it covers urgent help too).
      const entry = kb.get(kb.menu.person)!;
      await context.sendActivity(renderAnswer(entry, ctx, { confidence: 1, regime: profile.regime }));
    }
    return dc.endDialog({ handedOff: false });
  }
}
