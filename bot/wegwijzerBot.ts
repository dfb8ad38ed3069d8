// Turn-level behaviour: greet new members once, run the dialogs for messages, save state after every turn.
import { ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { runDialog, type Dialog } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../knowledge';
import { languageOf } from './middleware/locale';
import { renderWelcome } from './cards/render';
import type { BotState } from './state';

export interface BotDeps { state: BotState; dialog: Dialog; kb: KnowledgeBase }

export class WegwijzerBot extends ActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined) await this.welcomeOnce(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await runDialog(this.deps.dialog, context, this.deps.state.dialogState);
      await next();
    });
  }

  /**
   * Wegwijzer uses no invoke activities (card actions, sign-in). The SDK answers unknown ones with 501; an
   * unknown invoke is the caller's mistake, so it gets a 400 with a reason instead.
   */
  protected override async onInvokeActivity(_context: TurnContext): Promise<InvokeResponse> {
    return { status: 400, body: { error: 'unsupported invoke activity' } };
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.state.conversationState.saveChanges(context, false);
    await this.deps.state.userState.saveChanges(context, false);
  }

  private async welcomeOnce(context: TurnContext): Promise<void> {
    const data = await this.deps.state.conversationData.get(context, {});
    if (data.welcomed) return;
    data.welcomed = true;
    await this.deps.state.conversationData.set(context, data);
    const { locale, t } = languageOf(context);
    await context.sendActivity(renderWelcome({ kb: this.deps.kb, locale, t, channelId: context.activity.channelId }));
  }
}
