// Turn-level behaviour: greet new members once, run the dialogs for messages, save state after every turn.
import { ActivityHandler, Channels, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { Locale } from '../locales';
import { DialogSet, DialogTurnStatus, type Dialog } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../knowledge';
import { languageOf, setLanguage, supportedLocale } from './middleware/locale';
import { isWebChat, renderWelcome } from './cards/render';
import { claimWelcome, saveState, type BotState } from './state';

export interface BotDeps {
  state: BotState;
  dialog: Dialog;
  kb: KnowledgeBase;
  i18n: i18n;
  /** Saves a language the person chose and confirms it with the menu (the widget's language menu). */
  chooseLanguage(context: TurnContext, locale: Locale): Promise<void>;
}

/** Events the widget sends: joined (with the page's language), and a language chosen in its menu. */
export const JOIN_EVENT = 'webchat/join';
export const LANGUAGE_EVENT = 'webchat/language';

export class WegwijzerBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogs = new DialogSet(deps.state.dialogState).add(deps.dialog);
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      // Web Chat connects before it can say in which language: it greets on its join event instead. The
      // Emulator and other channels are greeted here, in the activity's locale.
      if (joined && !isWebChat(context.activity.channelId)) await this.welcomeOnce(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      const { name, value } = context.activity;
      const language = supportedLocale(typeof value?.language === 'string' ? value.language : undefined);
      if (name === JOIN_EVENT) await this.onJoin(context, language);
      else if (name === LANGUAGE_EVENT && language) await this.deps.chooseLanguage(context, language);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.runDialog(context);
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
    await saveState(this.deps.state, context);
  }

  /**
   * Continues the open dialog or starts the main one. The SDK's `runDialog` does this too, but also builds a
   * snapshot of all memory scopes on every turn for a trace only the Emulator shows; here the snapshot is
   * made for the Emulator only (its inspector shows the dialog stack and the conversation's data).
   */
  private async runDialog(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.deps.dialog.id);
    if (context.activity.channelId === Channels.Emulator) {
      const snapshot = {
        dialogStack: dc.stack,
        conversation: await this.deps.state.conversationData.get(context, {}),
        user: await this.deps.state.profile.get(context, {}),
      };
      await context.sendTraceActivity('BotState', snapshot, 'https://www.botframework.com/schemas/botState', 'Bot State');
    }
  }

  /**
   * The widget joined (a new or resumed conversation): greet once, in the widget's language unless the person
   * chose one. A resumed conversation is not greeted again.
   */
  private async onJoin(context: TurnContext, language: Locale | undefined): Promise<void> {
    const profile = await this.deps.state.profile.get(context, {});
    if (language && !profile.locale) setLanguage(context, this.deps.i18n, language);
    await this.welcomeOnce(context);
  }

  private async welcomeOnce(context: TurnContext): Promise<void> {
    if (!(await claimWelcome(this.deps.state, context))) return;
    const { locale, t } = languageOf(context);
    await context.sendActivity(renderWelcome({ kb: this.deps.kb, locale, t, channelId: context.activity.channelId }));
  }
}
