// The root dialog: global commands, answers from the knowledge base, "did you mean" and the honest fallback.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { decide, type KnowledgeBase, type Thresholds, DEFAULT_THRESHOLDS } from '../knowledge';
import type { i18n } from 'i18next';
import type { Locale } from '../locales';
import { fold } from '../knowledge/normalize';
import { languageOf, setLanguage } from '../bot/middleware/locale';
import {
  renderAnswer, renderAuthority, renderChoices, renderFallback, renderHelp, renderLanguageChoice, renderMenu, renderText,
  type Offer, type RenderContext,
} from '../bot/cards/render';
import type { BotState } from '../bot/state';
import { route, type CommandTable } from './route';

export const MAIN_DIALOG = 'main';
const STEPS = `${MAIN_DIALOG}.steps`;

/** Longest message searched; the rest is ignored (and the user told so). */
export const MAX_QUESTION_LENGTH = 1000;

export interface MainDialogDeps {
  kb: KnowledgeBase;
  state: BotState;
  commands: CommandTable;
  i18n: i18n;
  /** Every supported language by its own name ("Nederlands", "العربية"), for the language switch. */
  languages: { locale: Locale; name: string }[];
  thresholds?: Thresholds;
}

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new WaterfallDialog(STEPS, [this.answerMessage]));
    this.initialDialogId = STEPS;
  }

  private answerMessage = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    await this.handle(step.context);
    return step.endDialog();
  };

  private renderContext(context: TurnContext): RenderContext {
    const { locale, t } = languageOf(context);
    return { kb: this.deps.kb, locale, t, channelId: context.activity.channelId };
  }

  private async handle(context: TurnContext): Promise<void> {
    const ctx = this.renderContext(context);
    const raw = typeof context.activity.text === 'string' ? context.activity.text.trim() : '';
    if (!raw) {
      await context.sendActivity(renderText(ctx.t('input.textOnly')));
      return;
    }
    const text = raw.slice(0, MAX_QUESTION_LENGTH);
    const routed = route(text, this.deps.commands);
    if (routed.kind === 'command') {
      switch (routed.command) {
        case 'menu':
          await context.sendActivity(renderMenu(ctx));
          return;
        case 'help':
          await context.sendActivity(renderHelp(ctx));
          return;
        case 'restart':
          await this.deps.state.conversationData.set(context, { welcomed: true });
          await context.sendActivity(renderMenu(ctx, 'restart.text'));
          return;
        case 'person':
          await this.answerEntry(context, this.deps.kb.menu.person, 1, ctx);
          return;
        case 'language':
          await context.sendActivity(renderLanguageChoice(this.deps.languages, ctx));
          return;
      }
    }
    const chosen = this.deps.languages.find((l) => fold(l.name) === fold(text));
    if (chosen) {
      await this.switchLanguage(context, chosen.locale);
      return;
    }
    if (routed.kind === 'number') {
      const offered = (await this.deps.state.conversationData.get(context, {})).lastChoices ?? [];
      const picked = offered[routed.index];
      if (picked !== undefined) {
        // An empty id stands for the "talk to a person" choice.
        await this.answerEntry(context, picked || this.deps.kb.menu.person, 1, ctx);
        return;
      }
    }
    // Danger comes before anything else, and the bot asks nothing first.
    const urgent = this.deps.kb.urgentEntryFor(text);
    if (urgent) {
      await this.answerEntry(context, urgent.id, 1, ctx);
      return;
    }
    const authority = this.deps.kb.findAuthority(text);
    if (authority) {
      await context.sendActivity(renderAuthority(authority, ctx));
      return;
    }
    // A follow-up or choice button sends the entry's title: answer it directly, without search.
    const titled = this.deps.kb.findByTitle(text);
    if (titled) {
      // A Dutch title (the "show the Dutch text" button) shows the Dutch text; any other in the user's language.
      await this.answerEntry(context, titled.entry.id, 1, ctx, titled.locale === 'nl' ? 'nl' : ctx.locale);
      return;
    }
    if (raw.length > MAX_QUESTION_LENGTH) await context.sendActivity(renderText(ctx.t('input.tooLong')));
    const decision = decide(this.deps.kb.search(text, ctx.locale), this.deps.thresholds ?? DEFAULT_THRESHOLDS);
    switch (decision.kind) {
      case 'answer':
        await this.answerEntry(context, decision.hit.entry.id, decision.hit.confidence, ctx);
        return;
      case 'choose': {
        const { activity, offers } = renderChoices(decision.hits, decision.confidence, ctx);
        await this.remember(context, [...offers, { title: '' }]);
        await context.sendActivity(activity);
        return;
      }
      case 'fallback':
        await context.sendActivity(renderFallback(decision.confidence, ctx));
    }
  }

  /** Saves the user's language choice; from this turn on, everything is in that language. */
  private async switchLanguage(context: TurnContext, locale: Locale): Promise<void> {
    const profile = await this.deps.state.profile.get(context, {});
    profile.locale = locale;
    await this.deps.state.profile.set(context, profile);
    setLanguage(context, this.deps.i18n, locale);
    const ctx = this.renderContext(context);
    await context.sendActivity(renderMenu(ctx, 'language.chosen'));
  }

  private async answerEntry(
    context: TurnContext, id: string, confidence: number, ctx: RenderContext, locale: Locale = ctx.locale,
  ): Promise<void> {
    const entry = this.deps.kb.get(id);
    if (!entry) throw new Error(`unknown knowledge entry "${id}"`);
    const regime = (await this.deps.state.profile.get(context, {})).regime;
    await context.sendActivity(renderAnswer(entry, confidence, ctx, regime, locale));
    await this.remember(context, entry.related.slice(0, 3).map((entryId) => ({ title: '', entryId })));
  }

  /** Remembers what was offered as numbered choices, for channels without buttons. */
  private async remember(context: TurnContext, offers: Offer[]): Promise<void> {
    const data = await this.deps.state.conversationData.get(context, {});
    data.lastChoices = offers.map((o) => o.entryId ?? '');
    await this.deps.state.conversationData.set(context, data);
  }
}
