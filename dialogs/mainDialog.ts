// The root dialog: global commands, the guided conversations (and their interruptions), answers from the
// knowledge base, "did you mean" and the honest fallback.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  ComponentDialog, type DialogContext, type DialogTurnResult, DialogTurnStatus, WaterfallDialog, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { i18n } from 'i18next';
import { decide, isRomanized, type KnowledgeBase, type LoadedEntry, type Thresholds, DEFAULT_THRESHOLDS } from '../knowledge';
import type { Locale } from '../locales';
import { fold } from '../knowledge/normalize';
import { setLanguage } from '../bot/middleware/locale';
import {
  isWebChat, renderAnswer, renderAuthority, renderChoices, renderFallback, renderHelp, renderLanguageChoice, renderMenu,
  renderPausedMenu, renderText, withOffers, type RenderContext,
} from '../bot/cards/render';
import { renderEntryQuietly } from '../bot/cards/guides';
import type { BotState, ConversationData } from '../bot/state';
import type { Records } from '../bot/storage/records';
import { BASICS_DIALOG, BasicsDialog } from './basicsDialog';
import { COMPLAINT_DIALOG, ComplaintDialog } from './complaintDialog';
import { FEEDBACK_DIALOG, FeedbackDialog } from './feedbackDialog';
import { isGuide, type GuideDeps } from './guidedDialog';
import { HANDOFF_DIALOG, HandoffDialog, type HandoffMode } from './handoffDialog';
import { INTAKE_DIALOG, IntakeDialog } from './intakeDialog';
import { ROUTE_DIALOG, RouteDialog } from './routeDialog';
import { route, type Command, type CommandTable } from './route';
import { renderContext, type AskOptions } from './prompts/askPrompt';
import { resolve } from './prompts/labels';

export const MAIN_DIALOG = 'main';
const STEPS = `${MAIN_DIALOG}.steps`;

/** Longest message searched; the rest is ignored (and the user told so). */
export const MAX_QUESTION_LENGTH = 1000;

export interface MainDialogDeps {
  kb: KnowledgeBase;
  state: BotState;
  records: Records;
  commands: CommandTable;
  i18n: i18n;
  /** Every supported language by its own name ("Nederlands", "العربية"), for the language switch. */
  languages: { locale: Locale; name: string }[];
  handoff?: HandoffMode;
  thresholds?: Thresholds;
}

/** What a command starts. */
const STARTS: Partial<Record<Command, { dialog: string; options?: object }>> = {
  intake: { dialog: INTAKE_DIALOG },
  intakeAgain: { dialog: INTAKE_DIALOG, options: { again: true } },
  basics: { dialog: BASICS_DIALOG },
  route: { dialog: ROUTE_DIALOG },
  complaint: { dialog: COMPLAINT_DIALOG },
  person: { dialog: HANDOFF_DIALOG },
};

/** The event that tells Web Chat (the widget) which language the person chose in the chat. */
export const LANGUAGE_CHOSEN_EVENT = 'wegwijzer/language';

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    const guideDeps: GuideDeps = { kb: deps.kb, state: deps.state, i18n: deps.i18n, records: deps.records };
    this.addDialog(new WaterfallDialog(STEPS, [this.handleMessage, this.afterGuide, this.afterNext]))
      .addDialog(new IntakeDialog(guideDeps))
      .addDialog(new BasicsDialog(guideDeps))
      .addDialog(new RouteDialog(guideDeps))
      .addDialog(new ComplaintDialog(guideDeps))
      .addDialog(new FeedbackDialog(guideDeps))
      .addDialog(new HandoffDialog({ kb: deps.kb, state: deps.state, mode: deps.handoff ?? 'none' }));
    this.initialDialogId = STEPS;
  }

  private handleMessage = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const start = await this.handle(step.context);
    return start ? step.beginDialog(start.dialog, start.options) : step.endDialog();
  };

  /** A guided conversation may hand over to another one ("who do I need?" → "a complaint"). */
  private afterGuide = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const next = (step.result as { next?: string } | undefined)?.next;
    return next ? step.beginDialog(next) : step.endDialog(step.result);
  };

  private afterNext = async (step: WaterfallStepContext): Promise<DialogTurnResult> => step.endDialog(step.result);

  /**
   * A message while a guided conversation waits for an answer: global commands, a language name, danger and
   * follow-up buttons are handled here first; everything else is the answer to the open question.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const active = innerDc.activeDialog?.id;
    if (!active || active === STEPS) return super.onContinueDialog(innerDc);
    return (await this.interrupt(innerDc, active)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext, active: string): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const { kb, state } = this.deps;
    const ctx = this.renderContext(context);
    const data = await state.conversationData.get(context, {});
    let text = typeof context.activity.text === 'string' ? context.activity.text.trim() : '';
    if (!text) return undefined;
    let routed = route(text, this.deps.commands);
    if (routed.kind === 'number') {
      // "2" on a channel without buttons means the second choice of the last message, whichever it was (the
      // open question, the paused menu, the language list): from here on it is that choice's text.
      const value = data.lastChoices?.[routed.index];
      if (value !== undefined) {
        text = value;
        context.activity.text = value;
        routed = route(text, this.deps.commands);
      }
    }
    // A help word that is part of one of the open question's suggested answers is an answer, not a command
    // ("uitleg" to "what do you want?", whose suggestions include "Een uitleg").
    const ask = (innerDc.child?.activeDialog?.state?.options as AskOptions | undefined)?.ask;
    const folded = fold(text);
    const answerWord = Boolean(ask?.free && ask.choices.some((c) => fold(resolve(c.label, ctx)).split(' ').includes(folded)));
    const command = routed.kind === 'command' && !(answerWord && routed.command === 'help') ? routed.command : undefined;
    const resume = async () => {
      await context.sendActivity(renderText(ctx.t('guides.resumed')));
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    };
    const leave = async () => {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(STEPS);
    };
    const save = async (change: (d: ConversationData) => void) => {
      change(data);
      await state.conversationData.set(context, data);
    };
    if (data.confirmStop) {
      await save((d) => { delete d.confirmStop; });
      if (command === 'stopYes' || command === 'restart') {
        await innerDc.cancelAllDialogs();
        await this.restart(context, ctx);
        return { status: DialogTurnStatus.complete };
      }
      if (command === 'stopNo' || command === 'continue') return resume();
    }
    if (data.paused) {
      // After "menu" the conversation waits: "continue" resumes it, another guided conversation or "stop"
      // replaces it, and anything else is answered as usual while it keeps waiting.
      if (command === 'continue') {
        await save((d) => { delete d.paused; });
        return resume();
      }
      if (command === 'restart' || (command && STARTS[command] && command !== 'person')) {
        await save((d) => { delete d.paused; });
        return leave();
      }
      const start = await this.handle(context);
      if (start) {
        // Feedback or a person go on top; the paused conversation resumes after them.
        await save((d) => { delete d.paused; });
        return innerDc.beginDialog(start.dialog, start.options);
      }
      return { status: DialogTurnStatus.waiting };
    }
    // Feedback is optional: any command simply leaves it.
    if (active === FEEDBACK_DIALOG && command) return leave();
    switch (command) {
      case 'help':
        await context.sendActivity(renderText(ctx.t('guides.help', { guide: this.guideName(active, ctx) })));
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'language':
        await context.sendActivity(renderLanguageChoice(this.deps.languages, ctx));
        return { status: DialogTurnStatus.waiting };
      case 'person':
        return innerDc.beginDialog(HANDOFF_DIALOG);
      case 'menu':
        await save((d) => { d.paused = active; });
        await context.sendActivity(renderPausedMenu(ctx, this.guideName(active, ctx)));
        return { status: DialogTurnStatus.waiting };
      case 'restart':
        // Stopping loses what was told so far: ask first.
        await save((d) => { d.confirmStop = true; });
        await context.sendActivity(withOffers(
          renderText(ctx.t('guides.confirmStop', { guide: this.guideName(active, ctx) })),
          [{ title: ctx.t('guides.stopYes') }, { title: ctx.t('guides.stopNo') }], ctx.channelId,
        ));
        return { status: DialogTurnStatus.waiting };
      case 'continue':
        return resume();
      case 'intake': case 'intakeAgain': case 'basics': case 'route': case 'complaint':
        return STARTS[command]?.dialog === active && command !== 'intakeAgain' ? resume() : leave();
      default:
    }
    const language = this.languageNamed(text);
    if (language) {
      await this.chooseLanguage(context, language);
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    // Danger first; then the open question still gets this message (a free-text answer is kept).
    const urgent = kb.urgentHelpFor(text);
    if (urgent) {
      await this.answerEntry(context, urgent.entry.id, 1, ctx, ctx.locale, { first: urgent.first, urgent: true });
      return undefined;
    }
    // A follow-up button (an entry's exact title): answer it, then ask the open question again.
    const titled = kb.findByTitle(text);
    if (titled) {
      await context.sendActivity(renderEntryQuietly(titled.entry, { ...ctx, locale: titled.locale === 'nl' ? 'nl' : ctx.locale }));
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    return undefined;
  }

  private guideName(active: string, ctx: RenderContext): string {
    return isGuide(active) ? ctx.t(`guides.${active}`) : active;
  }

  private renderContext(context: TurnContext): RenderContext {
    return renderContext(context, this.deps.kb);
  }

  private languageNamed(text: string): Locale | undefined {
    this.languageNames ??= new Map(this.deps.languages.map((l) => [fold(l.name), l.locale]));
    return this.languageNames.get(fold(text));
  }

  /** Each language's own name, folded → its locale (a button press or the name typed). */
  private languageNames?: Map<string, Locale>;

  private async restart(context: TurnContext, ctx: RenderContext): Promise<void> {
    await this.deps.state.conversationData.set(context, { welcomed: true });
    await context.sendActivity(renderMenu(ctx, 'restart.text'));
  }

  /** A message with no guided conversation open. Returns the dialog to start, if any. */
  private async handle(context: TurnContext, chosen?: string): Promise<{ dialog: string; options?: object } | undefined> {
    const ctx = this.renderContext(context);
    const raw = chosen ?? (typeof context.activity.text === 'string' ? context.activity.text.trim() : '');
    if (!raw) {
      await context.sendActivity(renderText(ctx.t('input.textOnly')));
      return undefined;
    }
    const text = raw.slice(0, MAX_QUESTION_LENGTH);
    const routed = route(text, this.deps.commands);
    if (routed.kind === 'command') {
      const start = STARTS[routed.command];
      if (start) return start;
      switch (routed.command) {
        case 'menu': case 'continue': case 'stopYes': case 'stopNo':
          await context.sendActivity(renderMenu(ctx));
          return undefined;
        case 'help':
          await context.sendActivity(renderHelp(ctx));
          return undefined;
        case 'restart':
          await this.restart(context, ctx);
          return undefined;
        case 'language':
          await context.sendActivity(renderLanguageChoice(this.deps.languages, ctx));
          return undefined;
        case 'helped': case 'notHelped': {
          const topic = (await this.deps.state.conversationData.get(context, {})).lastTopic;
          if (topic && routed.command === 'notHelped') return { dialog: FEEDBACK_DIALOG, options: { topic } };
          if (topic) await this.deps.records.saveFeedback({ topic, helped: true, locale: ctx.locale, channelId: ctx.channelId });
          await context.sendActivity(renderText(ctx.t('feedback.thanks')));
          return undefined;
        }
        default:
      }
    }
    const language = this.languageNamed(text);
    if (language) {
      await this.chooseLanguage(context, language);
      return undefined;
    }
    if (routed.kind === 'number' && chosen === undefined) {
      // "2" on a channel without buttons: exactly as if the second button had been pressed.
      const offered = (await this.deps.state.conversationData.get(context, {})).lastChoices ?? [];
      const value = offered[routed.index];
      if (value !== undefined) return this.handle(context, value);
    }
    // Danger comes before anything else, and the bot asks nothing first; the line for the danger is on top.
    const urgent = this.deps.kb.urgentHelpFor(text);
    if (urgent) {
      await this.answerEntry(context, urgent.entry.id, 1, ctx, ctx.locale, { first: urgent.first, urgent: true });
      return undefined;
    }
    const authority = this.deps.kb.findAuthority(text);
    if (authority) {
      await context.sendActivity(renderAuthority(authority, ctx));
      return undefined;
    }
    // A follow-up or choice button sends the entry's title: answer it directly, without search.
    const titled = this.deps.kb.findByTitle(text);
    if (titled) {
      // A Dutch title (the "show the Dutch text" button) shows the Dutch text; any other in the user's language.
      await this.answerEntry(context, titled.entry.id, 1, ctx, titled.locale === 'nl' ? 'nl' : ctx.locale);
      return undefined;
    }
    if (raw.length > MAX_QUESTION_LENGTH) await context.sendActivity(renderText(ctx.t('input.tooLong')));
    const decision = decide(this.deps.kb.search(text, ctx.locale), this.deps.thresholds ?? DEFAULT_THRESHOLDS, { romanized: isRomanized(text, ctx.locale) });
    switch (decision.kind) {
      case 'answer':
        await this.answerEntry(context, decision.hit.entry.id, decision.hit.confidence, ctx, ctx.locale, {
          alternatives: decision.alternatives.map((h) => h.entry),
        });
        return undefined;
      case 'choose':
        await context.sendActivity(renderChoices(decision.hits, decision.confidence, ctx).activity);
        return undefined;
      case 'fallback':
        await context.sendActivity(renderFallback(decision.confidence, ctx));
        return undefined;
    }
  }

  /**
   * Saves the user's language choice (in the chat, or in the widget's menu); from this turn on, everything is in
   * that language. Web Chat also gets an event with the language, so the widget's own menu and direction follow a
   * choice made in the chat.
   */
  async chooseLanguage(context: TurnContext, locale: Locale): Promise<void> {
    const profile = await this.deps.state.profile.get(context, {});
    profile.locale = locale;
    await this.deps.state.profile.set(context, profile);
    setLanguage(context, this.deps.i18n, locale);
    const ctx = this.renderContext(context);
    await context.sendActivity(renderMenu(ctx, 'language.chosen'));
    if (isWebChat(context.activity.channelId)) {
      await context.sendActivity({ type: ActivityTypes.Event, name: LANGUAGE_CHOSEN_EVENT, value: { language: locale } });
    }
  }

  private async answerEntry(
    context: TurnContext, id: string, confidence: number, ctx: RenderContext, locale: Locale = ctx.locale,
    options: { first?: readonly string[]; urgent?: boolean; alternatives?: readonly LoadedEntry[] } = {},
  ): Promise<void> {
    const entry = this.deps.kb.get(id);
    if (!entry) throw new Error(`unknown knowledge entry "${id}"`);
    const regime = (await this.deps.state.profile.get(context, {})).regime;
    // The urgent-help entry is always answered compactly, also when it is reached by its button or by search.
    const urgent = options.urgent ?? id === this.deps.kb.urgentEntry?.id;
    await context.sendActivity(renderAnswer(entry, confidence, ctx, regime, locale, { ...options, urgent }));
  }
}
